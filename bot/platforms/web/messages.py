"""What the web pages say, in French and English (added to the host's catalogue)."""

MESSAGES: dict[str, dict[str, str]] = {
    "web.banner": {"fr": "pages web : {url}", "en": "web pages: {url}"},
    "web.home": {"fr": "Votre tableau de bord", "en": "Your dashboard"},
    "web.signed_in_as": {"fr": "Connecté·e : {name}", "en": "Signed in: {name}"},
    "web.logout": {"fr": "Se déconnecter", "en": "Sign out"},
    "web.nothing": {"fr": "Rien à faire pour vous en ce moment.",
                    "en": "Nothing for you to do right now."},
    "web.optional": {"fr": "facultatif", "en": "optional"},
    "web.submit": {"fr": "Envoyer", "en": "Submit"},
    "web.cancel": {"fr": "Annuler", "en": "Cancel"},
    "web.login.title": {"fr": "Connexion", "en": "Sign in"},
    "web.login.needed": {
        "fr": "Pas de mot de passe ici : demandez un lien de connexion à Garant avec la "
              "commande /web dans votre messagerie (Slack, Discord), puis ouvrez-le.",
        "en": "No password here: ask Garant for a sign-in link with the /web command in "
              "your chat (Slack, Discord), then open it.",
    },
    "web.login.invalid": {
        "fr": "Ce lien de connexion n'est plus valable : un lien sert une fois, pendant "
              "15 minutes. Demandez-en un autre avec /web.",
        "en": "This sign-in link is no longer valid: a link works once, for 15 minutes. "
              "Ask for another with /web.",
    },
    "web.csrf": {
        "fr": "Ce formulaire a expiré (ou ne vient pas de cette page) : rechargez la page "
              "et recommencez.",
        "en": "This form has expired (or did not come from this page): reload the page and "
              "try again.",
    },
    "web.form_gone": {
        "fr": "Ce formulaire n'est plus ouvert (Garant a peut-être redémarré) : "
              "recommencez depuis le tableau de bord.",
        "en": "This form is no longer open (Garant may have restarted): start again from "
              "the dashboard.",
    },
    "web.not_found": {"fr": "Page introuvable.", "en": "Page not found."},
    "web.nav": {"fr": "Pages", "en": "Pages"},
    "web.file.title": {"fr": "Fichier à télécharger", "en": "File to download"},
    "web.file.gone": {"fr": "Ce fichier n'est plus là : relancez la commande.",
                      "en": "This file is gone: run the command again."},
    "web.preview": {"fr": "Aperçu de la publication", "en": "Preview of the post"},
    "web.preview.fold": {"fr": "— ici, le fil coupe le texte : « … voir plus » —",
                         "en": "— here the feed cuts the text: \"… see more\" —"},
    "web.preview.length": {"fr": "{count} caractère(s) sur {limit} permis",
                           "en": "{count} of the {limit} characters allowed"},
    "web.command": {"fr": "Commande (comme dans la messagerie)",
                    "en": "Command (as in chat)"},
    "web.command.placeholder": {"fr": "/help, /case léo, /note léo …, /plan",
                                "en": "/help, /case leo, /note leo …, /plan"},
    "web.command.run": {"fr": "Exécuter", "en": "Run"},
    "web.home.short": {"fr": "Tableau de bord", "en": "Dashboard"},
    "web.page_links": {"fr": "Autres vues", "en": "Other views"},
    "web.nothing_here": {"fr": "Rien à montrer ici.", "en": "Nothing to show here."},
    "web.feed.title": {"fr": "Dans votre agenda", "en": "In your calendar"},
    "web.feed.help": {
        "fr": "Collez cette adresse privée dans votre agenda (Google Agenda, Outlook, "
              "Calendrier d'Apple : « s'abonner à un calendrier ») : il suivra ce plan. "
              "Ne la partagez pas ; si elle a circulé, demandez-en une nouvelle.",
        "en": "Paste this private address into your calendar (Google Calendar, Outlook, "
              "Apple Calendar: \"subscribe to a calendar\"): it will follow this plan. "
              "Do not share it; if it has been passed around, ask for a new one.",
    },
    "web.feed.address": {"fr": "Adresse privée", "en": "Private address"},
    "web.feed.renew": {"fr": "Nouvelle adresse (l'ancienne ne marchera plus)",
                       "en": "New address (the old one stops working)"},
    "web.feed.renewed": {"fr": "Nouvelle adresse faite : remplacez l'ancienne dans votre "
                               "agenda.",
                         "en": "New address made: replace the old one in your calendar."},
    "web.guest.title": {"fr": "Lien expiré", "en": "Link expired"},
    "web.guest.gone": {
        "fr": "Ce lien n'est plus valable : il a expiré, ou la réponse a déjà été donnée. "
              "Demandez un nouveau lien à l'équipe qui vous l'a envoyé.",
        "en": "This link is no longer valid: it has expired, or the answer was already "
              "given. Ask the team who sent it for a new link.",
    },
    "web.guest.until": {"fr": "Ce lien est valable jusqu'au {when}.",
                        "en": "This link is valid until {when}."},
}

__all__ = ["MESSAGES"]
