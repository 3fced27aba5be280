"""French for the Slack platform's start-up errors and its `--port` option, keyed by the
English templates (`bot.phrases`); registered by `bot/platforms/slack/__init__.py`.
Slack's app settings pages are named as api.slack.com shows them (in English)."""

FRENCH: dict[str, str] = {
    # --- garant run --port
    "Slack HTTP mode: the port of POST /slack/events (default: the config's slack.port, 3000)":
        "Slack en mode HTTP : le port de POST /slack/events (par défaut : slack.port de la "
        "configuration, 3000)",
    # --- garant run --platform slack
    "the Slack platform needs SLACK_BOT_TOKEN (xoxb-...), or SLACK_CLIENT_ID and "
    "SLACK_CLIENT_SECRET for an app installed on workspaces through OAuth":
        "la plateforme Slack a besoin de SLACK_BOT_TOKEN (xoxb-…), ou de SLACK_CLIENT_ID et "
        "SLACK_CLIENT_SECRET pour une app installée dans les espaces de travail par OAuth",
    "a Slack app installed through OAuth needs SLACK_SIGNING_SECRET (the app's Basic "
    "Information > App Credentials > Signing Secret)":
        "une app Slack installée par OAuth a besoin de SLACK_SIGNING_SECRET (dans l'app : "
        "Basic Information > App Credentials > Signing Secret)",
    "Slack in HTTP mode needs SLACK_SIGNING_SECRET (the app's Basic Information > App "
    "Credentials > Signing Secret) to check that requests come from Slack; or set "
    "SLACK_APP_TOKEN (xapp-...) to use Socket Mode instead":
        "Slack en mode HTTP a besoin de SLACK_SIGNING_SECRET (dans l'app : Basic Information "
        "> App Credentials > Signing Secret) pour vérifier que les requêtes viennent de "
        "Slack ; ou définissez SLACK_APP_TOKEN (xapp-…) pour utiliser plutôt le Socket Mode",
    "GARANT_SLACK_DM_INTERVAL must be a number of seconds, got {value}":
        "GARANT_SLACK_DM_INTERVAL doit être un nombre de secondes, pas {value}",
    "Slack refused SLACK_BOT_TOKEN ({code}); copy the Bot User OAuth Token (xoxb-...) from the "
    "app's OAuth & Permissions page":
        "Slack a refusé SLACK_BOT_TOKEN ({code}) ; copiez le Bot User OAuth Token (xoxb-…) "
        "depuis la page OAuth & Permissions de l'app",
    "cannot reach Slack at {url}: {error}": "impossible de joindre Slack à {url} : {error}",
    "cannot listen for Slack on {host}:{port} ({error}); choose another port with --port or "
    "slack.port in garant.yaml":
        "impossible d'écouter Slack sur {host}:{port} ({error}) ; choisissez un autre port "
        "avec --port ou slack.port dans garant.yaml",
    "Slack refused SLACK_APP_TOKEN ({code}); create an app-level token (xapp-...) with the "
    "connections:write scope on the app's Basic Information page":
        "Slack a refusé SLACK_APP_TOKEN ({code}) ; créez un jeton de niveau app (xapp-…) "
        "avec la portée connections:write sur la page Basic Information de l'app",
    # --- the installation's pages (endpoint.py)
    "Install Garant in Slack": "Installer Garant dans Slack",
    "Add to Slack": "Ajouter à Slack",
    "The installation page": "La page d'installation",
    "An administrator of the Slack workspace adds Garant to it:":
        "Un administrateur de l'espace de travail Slack y ajoute Garant :",
    "Garant is installed on the Slack workspace “{workspace}”. Install it again to renew its "
    "permissions:":
        "Garant est installé dans l'espace de travail Slack « {workspace} ». Installez-le de "
        "nouveau pour renouveler ses autorisations :",
    "Garant is installed on the Slack workspace “{workspace}”. Invite it into the channels it "
    "looks after (/invite @Garant), then try /garant help.":
        "Garant est installé dans l'espace de travail Slack « {workspace} ». Invitez-le dans "
        "les canaux qu'il surveille (/invite @Garant), puis essayez /garant help.",
    "This installation link has expired or was already used, or was opened in another "
    "browser: start again from the installation page.":
        "Ce lien d'installation a expiré, a déjà servi ou a été ouvert dans un autre "
        "navigateur : recommencez depuis la page d'installation.",
    "The installation was not approved on Slack ({code}).":
        "L'installation n'a pas été approuvée sur Slack ({code}).",
    "Slack sent no code back: start again from the installation page.":
        "Slack n'a renvoyé aucun code : recommencez depuis la page d'installation.",
    "Garant is installed on one workspace at a time, not on a whole Enterprise Grid "
    "organisation: choose a workspace.":
        "Garant s'installe dans un espace de travail à la fois, pas dans toute une "
        "organisation Enterprise Grid : choisissez un espace de travail.",
    "Slack refused the installation ({code}); check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.":
        "Slack a refusé l'installation ({code}) ; vérifiez SLACK_CLIENT_ID et "
        "SLACK_CLIENT_SECRET.",
    "Slack could not be reached; try again in a moment.":
        "Slack est injoignable ; réessayez dans un instant.",
    "Garant is already installed for this team on the Slack workspace “{workspace}”: "
    "uninstall it there first.":
        "Garant est déjà installé pour cette équipe dans l'espace de travail Slack "
        "« {workspace} » : désinstallez-le d'abord de celui-ci.",
    "This Slack workspace is already served by another team of Garant.":
        "Cet espace de travail Slack est déjà servi par une autre équipe de Garant.",
    "Slack refused the new token; start again from the installation page.":
        "Slack a refusé le nouveau jeton ; recommencez depuis la page d'installation.",
    "No team “{name}” here.": "Aucune équipe « {name} » ici.",
    "Say which team installs Garant: add ?tenant=NAME to the address.":
        "Précisez l'équipe qui installe Garant : ajoutez ?tenant=NOM à l'adresse.",
}
