"""What the reports cog says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "reports.stats.help": {
        "fr": "les chiffres de l'équipe : routine, modération, brouillons (week : 7 derniers "
              "jours, month : 30)",
        "en": "the team's figures: routine, moderation, drafts (week: last 7 days, month: 30)",
    },
    "reports.export.help": {
        "fr": "les mêmes chiffres en fichier CSV", "en": "the same figures as a CSV file",
    },
    "reports.title.week": {
        "fr": "📊 Statistiques — 7 derniers jours ({first} → {last})",
        "en": "📊 Statistics — last 7 days ({first} → {last})",
    },
    "reports.title.month": {
        "fr": "📊 Statistiques — 30 derniers jours ({first} → {last})",
        "en": "📊 Statistics — last 30 days ({first} → {last})",
    },
    "reports.title.weekly": {
        "fr": "📊 Rapport de la semaine du {first} au {last}",
        "en": "📊 Weekly report, {first} to {last}",
    },
    "reports.routine": {
        "fr": "Routine — {days} jour(s) de routine, équipe : {rate}",
        "en": "Routine — {days} routine day(s), team: {rate}",
    },
    "reports.routine.none": {
        "fr": "Routine — aucun jour de routine sur la période",
        "en": "Routine — no routine day in the period",
    },
    "reports.routine.skipped": {
        "fr": "  Routines manquées (bot arrêté) : {count}",
        "en": "  Routines missed (bot down): {count}",
    },
    "reports.routine.members": {"fr": "  Par membre :", "en": "  By member:"},
    "reports.routine.member": {
        "fr": "    {name} : {rate} ({done}/{possible}) · série : {streak} · record : {best}",
        "en": "    {name}: {rate} ({done}/{possible}) · streak: {streak} · best: {best}",
    },
    "reports.routine.sections": {
        "fr": "  Par section : {sections}", "en": "  By section: {sections}",
    },
    "reports.moderation": {"fr": "Modération", "en": "Moderation"},
    "reports.moderation.checked": {
        "fr": "  Messages vérifiés : {checked} · éléments ouverts / résolus : {opened} / "
              "{resolved}",
        "en": "  Messages checked: {checked} · items opened / resolved: {opened} / {resolved}",
    },
    "reports.moderation.rules": {
        "fr": "  Constats par règle : {rules}", "en": "  Findings by rule: {rules}",
    },
    "reports.moderation.median": {
        "fr": "  Délai médian entre signalement et première action : {median}",
        "en": "  Median time from flag to first moderator action: {median}",
    },
    "reports.drafts": {"fr": "Brouillons", "en": "Drafts"},
    "reports.drafts.counts": {
        "fr": "  Soumis : {submitted} · adoptés : {passed} · publiés : {published} · "
              "rejetés : {rejected}",
        "en": "  Submitted: {submitted} · passed: {passed} · published: {published} · "
              "rejected: {rejected}",
    },
    "reports.drafts.timing": {
        "fr": "  Délai médian de décision : {median} · participation aux votes : {turnout}",
        "en": "  Median time to decision: {median} · vote participation: {turnout}",
    },
    "reports.none": {"fr": "aucun", "en": "none"},
    "reports.chart.title": {
        "fr": "Garant — les {weeks} dernières semaines",
        "en": "Garant — the last {weeks} weeks",
    },
    "reports.chart.routine": {
        "fr": "Routine : taux de réalisation de l'équipe",
        "en": "Routine: team completion rate",
    },
    "reports.chart.moderation": {
        "fr": "Modération : constats, éléments ouverts et résolus",
        "en": "Moderation: findings, items opened and resolved",
    },
    "reports.chart.findings": {"fr": "constats", "en": "findings"},
    "reports.chart.opened": {"fr": "ouverts", "en": "opened"},
    "reports.chart.resolved": {"fr": "résolus", "en": "resolved"},
    "reports.chart.unavailable": {
        "fr": "chiffres de modération indisponibles", "en": "moderation figures unavailable",
    },
    "reports.file.chart": {
        "fr": "Graphique : routine et modération, semaine par semaine",
        "en": "Chart: routine and moderation, week by week",
    },
    "reports.file.csv": {
        "fr": "Les chiffres en CSV ({first} → {last})",
        "en": "The figures as CSV ({first} → {last})",
    },
    "reports.export.done": {
        "fr": "Export CSV posté ici : {rows} ligne(s).", "en": "CSV export posted here: {rows} "
                                                           "row(s).",
    },
    "reports.export.failed": {
        "fr": "Ce salon n'accepte pas de fichier.", "en": "This channel does not take files.",
    },
}
