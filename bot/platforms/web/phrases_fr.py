"""French for the web platform's errors (settings, start, command line), keyed by their
English templates (`bot.phrases`)."""

FRENCH: dict[str, str] = {
    "'listen' must be HOST:PORT, like 127.0.0.1:8080, got {got}":
        "« listen » doit être HÔTE:PORT, comme 127.0.0.1:8080, trouvé : {got}",
    "'session' must be between 5m and 30d":
        "« session » doit être comprise entre 5m et 30d",
    "the web pages cannot be served on {host}:{port}: {error} (choose another with --web "
    "HOST:PORT or web.listen)":
        "les pages web ne peuvent pas être servies sur {host}:{port} : {error} (choisissez "
        "une autre adresse avec --web HÔTE:PORT ou web.listen)",
    "--web {value}: expected HOST:PORT, like 127.0.0.1:8080":
        "--web {value} : attendu HÔTE:PORT, comme 127.0.0.1:8080",
    "web link: say who the link is for (platform:id, or a console name)":
        "web link : dites pour qui est le lien (plateforme:id, ou un nom de la console)",
    "web pages": "pages web",
    # --- the command line (garant run --web, garant web link)
    "the web pages: sign-in links": "les pages web : liens de connexion",
    "serve the web pages there (default: the config's web.listen; the demo at a terminal: "
    "127.0.0.1:8080)":
        "servir les pages web à cette adresse (par défaut : web.listen de la configuration ; "
        "la démo dans un terminal : 127.0.0.1:8080)",
    "HOST:PORT": "HÔTE:PORT",
    "Garant's web pages. People sign in with a one-time link: /web in chat, or this "
    "command.":
        "Les pages web de Garant. On s'y connecte avec un lien à usage unique : /web dans la "
        "messagerie, ou cette commande.",
    "print a one-time sign-in link for a person":
        "affiche un lien de connexion à usage unique pour une personne",
    "Print a sign-in link for USER (valid once, for 15 minutes), as the last line. USER is "
    "a stored identity, platform:id (slack:U0123ABCD, discord:123456789012345678, "
    "local:camille), or a console name.":
        "Affiche un lien de connexion pour USER (valable une fois, 15 minutes), en dernière "
        "ligne. USER est une identité enregistrée, plateforme:id (slack:U0123ABCD, "
        "discord:123456789012345678, local:camille), ou un nom de la console.",
    "USER": "USER",
    "the name shown on the pages (default: the id)":
        "le nom affiché sur les pages (par défaut : l'id)",
}
