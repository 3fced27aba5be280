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
}
