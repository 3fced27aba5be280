"""What the reports cog says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "reports.stats.help": {
        "fr": "les chiffres de l'équipe : routine, modération, brouillons (semaine : 7 derniers "
              "jours, mois : 30, année : 365)",
        "en": "the team's figures: routine, moderation, drafts (week: last 7 days, month: 30, "
              "year: 365)",
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
    "reports.title.year": {
        "fr": "📊 Statistiques — 365 derniers jours ({first} → {last})",
        "en": "📊 Statistics — last 365 days ({first} → {last})",
    },
    "reports.title.weekly": {
        "fr": "📊 Rapport de la semaine du {first} au {last}",
        "en": "📊 Weekly report, {first} to {last}",
    },
    "reports.chart.title": {
        "fr": "Garant — semaine du {first} au {last} et les précédentes",
        "en": "Garant — the week of {first} to {last} and the ones before",
    },
    "reports.chart.goal": {
        "fr": "objectif de l'équipe : {rate}", "en": "team goal: {rate}",
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
    # ------------------------------------------------------------ the web page
    "reports.page.page": {"fr": "Routine et chiffres", "en": "Routine and figures"},
    "reports.page.title": {"fr": "La routine et les chiffres de l'équipe",
                           "en": "The team's routine and figures"},
    "reports.page.period.week": {"fr": "7 derniers jours", "en": "Last 7 days"},
    "reports.page.period.month": {"fr": "30 derniers jours", "en": "Last 30 days"},
    "reports.page.period.year": {"fr": "365 derniers jours", "en": "Last 365 days"},
    "reports.page.bad_period": {
        "fr": "« {value} » n'est pas une période (week, month ou year) : voici les 7 "
              "derniers jours.",
        "en": "\u201c{value}\u201d is not a period (week, month or year): here are the "
              "last 7 days."},
    "reports.page.member": {"fr": "Membre", "en": "Member"},
    "reports.page.metric.done": {"fr": "Actions faites", "en": "Actions done"},
    "reports.page.metric.possible": {"fr": "Possibles", "en": "Possible"},
    "reports.page.metric.completion_rate": {"fr": "Taux", "en": "Rate"},
    "reports.page.metric.streak": {"fr": "Série en cours", "en": "Current streak"},
    "reports.page.metric.best_streak": {"fr": "Meilleure série", "en": "Best streak"},
    "reports.page.metric.days_off": {"fr": "Jours d'absence", "en": "Days away"},
    "reports.page.member_chart": {"fr": "{name} — {routine} : taux par semaine",
                                  "en": "{name} — {routine}: rate per week"},
    "reports.page.member_none": {"fr": "pas encore de jour de routine",
                                 "en": "no routine day yet"},
    "reports.page.chart_alt": {
        "fr": "Graphique hebdomadaire : {title} — taux de la routine par semaine avec "
              "l'objectif de l'équipe, et les chiffres de la modération et des brouillons.",
        "en": "Weekly chart: {title} — the routine's rate per week with the team's goal, "
              "and the moderation and drafts figures."},
}

