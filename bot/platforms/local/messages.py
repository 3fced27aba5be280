"""What the local console says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "console.help": {
        "fr": "Console Garant — une ligne simple publie un message ; /help liste les "
              "commandes.\n"
              "  :user NOM        changer d'identité (ex. :user malik)\n"
              "  :channel NOM     changer de salon (ex. :channel drafts)\n"
              "  :click N         appuyer sur le bouton N de la dernière carte (:click CARTE.N "
              "pour une plus ancienne)\n"
              "  :reply N TEXTE   répondre dans le fil de la carte N (la discussion d'un "
              "brouillon)\n"
              "  :edit ID TEXTE   modifier un de vos messages\n"
              "  :act ID ACTION   action sur un message (ex. :act 12 report)\n"
              "  :delete ID       supprimer un de vos messages\n"
              "  :time +2h        avancer l'horloge (+30m, +1d, ou 2026-12-01T09:00) ; les "
              "tâches dues s'exécutent\n"
              "  :cancel          abandonner le formulaire en cours\n"
              "  :quit            quitter (fin d'entrée aussi)",
        "en": "Garant console — a plain line posts a message; /help lists the commands.\n"
              "  :user NAME       switch identity (e.g. :user malik)\n"
              "  :channel NAME    switch channel (e.g. :channel drafts)\n"
              "  :click N         press button N of the latest card (:click CARD.N for an "
              "older one)\n"
              "  :reply N TEXT    answer in the thread of card N (a draft's discussion)\n"
              "  :edit ID TEXT    edit one of your messages\n"
              "  :act ID ACTION   act on a message (e.g. :act 12 report)\n"
              "  :delete ID       delete one of your messages\n"
              "  :time +2h        move the clock forward (+30m, +1d, or 2026-12-01T09:00); due "
              "jobs run\n"
              "  :cancel          abandon the form being filled\n"
              "  :quit            quit (end of input too)",
    },
    "console.user": {"fr": "Vous êtes {name} ({roles}).", "en": "You are {name} ({roles})."},
    "console.no_role": {"fr": "aucun rôle", "en": "no role"},
    "console.edited": {"fr": "modifié", "en": "edited"},
    "console.user_unknown": {
        "fr": "Personne ne s'appelle {name} ici. Vouliez-vous dire {guess} ? Pour créer {name} "
              "quand même : :user {name}!",
        "en": "Nobody is called {name} here. Did you mean {guess}? To create {name} anyway: "
              ":user {name}!"},
    "console.channel": {"fr": "Salon : #{name}", "en": "Channel: #{name}"},
    "console.time": {"fr": "Horloge : {when}", "en": "Clock: {when}"},
    "console.time_bad": {
        "fr": "Heure non comprise : « {value} ». Exemples : +2h, +30m, +1d, 2026-12-01T09:00.",
        "en": "Cannot read the time \u201c{value}\u201d. Examples: +2h, +30m, +1d, "
              "2026-12-01T09:00.",
    },
    "console.time_back": {
        "fr": "L'horloge ne recule pas (il est {now}).",
        "en": "The clock does not go back (it is {now}).",
    },
    "console.no_card": {
        "fr": "Aucune carte avec des boutons ici.", "en": "No card with buttons here.",
    },
    "console.no_button": {
        "fr": "La carte {card} n'a pas de bouton {number} (boutons : 1 à {count}).",
        "en": "Card {card} has no button {number} (buttons: 1 to {count}).",
    },
    "console.reply_usage": {
        "fr": "Usage : :reply CARTE TEXTE (le numéro de la carte, puis votre message)",
        "en": "Usage: :reply CARD TEXT (the card's number, then your message)",
    },
    "console.click_usage": {
        "fr": "Usage : :click N ou :click CARTE.N", "en": "Usage: :click N or :click CARD.N",
    },
    "console.unknown": {
        "fr": "Commande console inconnue : {name}. Tapez :help.",
        "en": "Unknown console command: {name}. Type :help.",
    },
    "console.edit_usage": {"fr": "Usage : :edit ID TEXTE", "en": "Usage: :edit ID TEXT"},
    "console.act_usage": {
        "fr": "Usage : :act ID ACTION — actions sur un message : {actions}",
        "en": "Usage: :act ID ACTION — actions on a message: {actions}",
    },
    "console.edit_refused": {
        "fr": "Le message {id} n'existe pas ou n'est pas le vôtre.",
        "en": "Message {id} does not exist or is not yours.",
    },
    "console.form": {
        "fr": "Formulaire « {title} » (:cancel pour abandonner)",
        "en": "Form \u201c{title}\u201d (:cancel to abandon)",
    },
    "console.multiline": {
        "fr": "plusieurs lignes ; terminez par une ligne contenant seulement « . »",
        "en": "several lines; end with a line holding a single \u201c.\u201d",
    },
    "console.optional": {"fr": "facultatif", "en": "optional"},
    "console.keep": {
        "fr": "vide : garder la valeur actuelle ci-dessous",
        "en": "empty: keep the current value below",
    },
    "console.cancelled": {"fr": "Formulaire abandonné.", "en": "Form abandoned."},
    "console.form_help": {
        "fr": "Un formulaire est ouvert : répondez à la question, ou :cancel pour l'abandonner "
              "(:quit, :user... l'abandonnent aussi).",
        "en": "A form is open: answer the question, or :cancel to abandon it (:quit, :user... "
              "abandon it too)."},
    "console.form_unfinished": {
        "fr": "Fin de l'entrée avant la fin du formulaire : rien n'a été envoyé.",
        "en": "The input ended before the form was finished: nothing was sent."},
    "console.removed": {
        "fr": "(message {id} de {author} retiré)", "en": "(message {id} by {author} removed)",
    },
    "console.card_updated": {"fr": "carte {id} modifiée", "en": "card {id} updated"},
    "console.only_you": {"fr": "(pour vous seul)", "en": "(only you)"},
    "console.dm_to": {"fr": "MP à", "en": "DM to"},
}
