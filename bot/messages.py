"""What the host itself says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "host.refused": {
        "fr": "Vous n'avez pas le droit d'utiliser /{command} : réservé au rôle « {role} ».",
        "en": "You may not use /{command}: it is for the \u201c{role}\u201d role.",
    },
    "host.refused_action": {
        "fr": "Vous n'avez pas le droit de faire cela : réservé au rôle « {role} ».",
        "en": "You may not do that: it is for the \u201c{role}\u201d role.",
    },
    "host.stale_button": {
        "fr": "Ce bouton ne correspond plus à rien : l'élément a peut-être été supprimé.",
        "en": "This button no longer leads anywhere: the item may have been removed.",
    },
    "host.stale_form": {
        "fr": "Ce formulaire a expiré ; recommencez la commande.",
        "en": "This form has expired; run the command again.",
    },
    "time.ambiguous": {
        "fr": "« {value} » peut se lire de deux façons : {first} ou {second}. Écrivez celle que "
              "vous voulez.",
        "en": "\u201c{value}\u201d can be read two ways: {first} or {second}. Type the one "
              "you mean."},
    "host.storage.locked": {
        "fr": "La base de données est occupée (une sauvegarde ?) : rien n'a été enregistré. "
              "Réessayez dans un instant.",
        "en": "The database is busy (a backup?): nothing was saved. Try again in a moment."},
    "host.storage.full": {
        "fr": "⚠️ Le disque du serveur de Garant est plein : rien ne peut être enregistré "
              "(votes, signalements, routine). Les lectures continuent. Prévenez la personne "
              "qui administre Garant.",
        "en": "⚠️ Garant's server disk is full: nothing can be saved (votes, reports, "
              "routine). Reading still works. Tell whoever runs Garant."},
    "host.storage.read_only": {
        "fr": "⚠️ La base de données de Garant est en lecture seule : rien ne peut être "
              "enregistré. Les lectures continuent. Prévenez la personne qui administre "
              "Garant.",
        "en": "⚠️ Garant's database is read-only: nothing can be saved. Reading still "
              "works. Tell whoever runs Garant."},
    "host.failed": {
        "fr": "Désolé, une erreur interne est survenue ; rien n'a été modifié. Elle est "
              "consignée dans le journal du bot.",
        "en": "Sorry, an internal error occurred; nothing was changed. It is recorded in the "
              "bot's log.",
    },
    "role.anyone": {"fr": "tout le monde", "en": "anyone"},
    "role.member": {"fr": "membre", "en": "member"},
    "role.moderator": {"fr": "modérateur", "en": "moderator"},
    "role.director": {"fr": "directeur de publication", "en": "publication director"},
    "form.required": {"fr": "Ce champ est obligatoire.", "en": "This field is required."},
    "form.too_long": {"fr": "{max} caractères au plus.", "en": "At most {max} characters."},
    "form.choice": {"fr": "Choisissez parmi : {choices}.", "en": "Choose one of: {choices}."},
    "cmd.empty": {"fr": "Commande vide. Tapez /help.", "en": "Empty command. Type /help."},
    # The typed name without a slash: each platform has its own way to type a command
    # (/garant NAME on Slack), and the suggestion that follows is written in it.
    "cmd.unknown": {"fr": "Commande inconnue : « {name} ».",
                    "en": "Unknown command: \u201c{name}\u201d."},
    "cmd.did_you_mean": {"fr": " Vouliez-vous dire {guess} ?", "en": " Did you mean {guess}?"},
    "cmd.unknown_sub": {
        "fr": "Sous-commande inconnue pour /{group}. Possibles : {subs}.",
        "en": "Unknown subcommand of /{group}. Available: {subs}.",
    },
    "cmd.missing": {
        "fr": "Il manque {option}. Usage : {usage}",
        "en": "{option} is missing. Usage: {usage}",
    },
    "cmd.int_too_large": {
        "fr": "{option} est trop grand : {digits} chiffres au plus.",
        "en": "{option} is too large: at most {digits} digits."},
    "cmd.not_int": {
        "fr": "{option} doit être un nombre entier, pas « {value} ».",
        "en": "{option} must be a whole number, not \u201c{value}\u201d.",
    },
    "cmd.choice": {
        "fr": "{option} doit être l'un de : {choices}.",
        "en": "{option} must be one of: {choices}.",
    },
    "cmd.extra": {
        "fr": "Je ne sais pas quoi faire de « {extra} ». Usage : {usage}",
        "en": "I don't know what to do with \u201c{extra}\u201d. Usage: {usage}",
    },
}

#: Command options as help and errors show them ("/remind QUAND TEXTE..."); an option
#: not named here is shown as its name in capitals.
_OPTION_NAMES = {
    "text": ("TEXTE", "TEXT"), "reason": ("RAISON", "REASON"), "id": ("NUMÉRO", "ID"),
    "user": ("PERSONNE", "USER"), "date": ("DATE", "DATE"), "actions": ("ACTIONS", "ACTIONS"),
    "action": ("ACTION", "ACTION"), "when": ("QUAND", "WHEN"), "url": ("LIEN", "URL"),
    "status": ("STATUT", "STATUS"), "state": ("ÉTAT", "STATE"), "period": ("PÉRIODE", "PERIOD"),
    "note": ("NOTE", "NOTE"), "network": ("RÉSEAU", "NETWORK"), "name": ("NOM", "NAME"),
    "message": ("MESSAGE", "MESSAGE"), "days": ("JOURS", "DAYS"),
    "command": ("COMMANDE", "COMMAND"),
}
MESSAGES.update({f"option.{name}": {"fr": fr, "en": en}
                 for name, (fr, en) in _OPTION_NAMES.items()})
