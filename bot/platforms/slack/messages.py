"""What the Slack platform says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "slack.submit": {"fr": "Envoyer", "en": "Submit"},
    "slack.cancel": {"fr": "Annuler", "en": "Cancel"},
    "slack.home.title": {"fr": "Garant", "en": "Garant"},
    "slack.home.intro": {
        "fr": "Bonjour {name} — vos rôles : {roles}. Tapez « /help » pour la liste des "
              "commandes.",
        "en": "Hello {name} — your roles: {roles}. Type \u201c/help\u201d for the list of "
              "commands.",
    },
    "slack.home.no_role": {"fr": "aucun rôle", "en": "no role"},
    "slack.home.empty": {"fr": "Rien ne vous attend pour l'instant.",
                         "en": "Nothing is waiting for you right now."},
    "slack.form.pending": {
        "fr": "Formulaire « {title} » : cliquez sur le bouton pour l'ouvrir.",
        "en": "Form \u201c{title}\u201d: click the button to open it.",
    },
    "slack.form.open": {"fr": "Ouvrir le formulaire", "en": "Open the form"},
    "slack.form.late": {
        "fr": "Le formulaire « {title} » n'a pas été accepté : {errors}",
        "en": "The form \u201c{title}\u201d was not accepted: {errors}",
    },
}
