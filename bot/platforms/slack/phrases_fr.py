"""French for the Slack platform's start-up errors and its `--port` option, keyed by the
English templates (`bot.phrases`); registered by `bot/platforms/slack/__init__.py`.
Slack's app settings pages are named as api.slack.com shows them (in English)."""

FRENCH: dict[str, str] = {
    # --- garant run --port
    "Slack HTTP mode: the port of POST /slack/events (default: the config's slack.port, 3000)":
        "Slack en mode HTTP : le port de POST /slack/events (par défaut : slack.port de la "
        "configuration, 3000)",
    # --- garant run --platform slack
    "the Slack platform needs SLACK_BOT_TOKEN (xoxb-...)":
        "la plateforme Slack a besoin de SLACK_BOT_TOKEN (xoxb-…)",
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
}
