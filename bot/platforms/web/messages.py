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
}

__all__ = ["MESSAGES"]
