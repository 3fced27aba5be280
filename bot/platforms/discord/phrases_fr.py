"""French for the Discord platform's start-up errors, its garant.yaml section and
`garant discord`, keyed by the English templates (`bot.phrases`); registered by
`bot/platforms/discord/__init__.py`. The Developer Portal is in English only: its
menus are named as it shows them."""

FRENCH: dict[str, str] = {
    "Discord: connect shard I of N (0/2 and 1/2 for two instances sharing the servers of "
    "one bot; default: one shard, all servers)":
        "Discord : se connecter au fragment I sur N (0/2 et 1/2 pour deux instances qui se "
        "partagent les serveurs d'un même bot ; par défaut : un fragment, tous les serveurs)",
    "I/N": "I/N",
    # --- garant.yaml's discord section
    "'guild_id' must be the server's numeric id (Discord: right-click the server, Copy "
    "Server ID), got {got}":
        "« guild_id » doit être l'identifiant numérique du serveur (dans Discord : clic droit "
        "sur le serveur, Copier l'identifiant du serveur), pas {got}",
    # --- garant discord invite-url
    "set up the Discord bot": "configure le bot Discord",
    "print the link that adds the bot to a Discord server":
        "affiche le lien qui ajoute le bot à un serveur Discord",
    "Print the OAuth2 link that adds Garant to a Discord server with exactly the scopes (bot, "
    "applications.commands) and permissions it needs.":
        "Affiche le lien OAuth2 qui ajoute Garant à un serveur Discord avec exactement les "
        "portées (bot, applications.commands) et les permissions dont il a besoin.",
    "the application id (Developer Portal → General Information); default: read from "
    "DISCORD_TOKEN (environment or .env)":
        "l'identifiant de l'application (Developer Portal → General Information) ; par "
        "défaut : lu dans DISCORD_TOKEN (environnement ou .env)",
    "give --client-id (Developer Portal → General Information → Application ID) or set "
    "DISCORD_TOKEN":
        "donnez --client-id (Developer Portal → General Information → Application ID) ou "
        "définissez DISCORD_TOKEN",
    "DISCORD_TOKEN does not look like a bot token; give --client-id":
        "DISCORD_TOKEN ne ressemble pas à un jeton de bot ; donnez --client-id",
    "--client-id {client_id}: expected the numeric application id":
        "--client-id {client_id} : l'identifiant numérique de l'application est attendu",
    "scopes: bot, applications.commands; permissions: {names}":
        "portées : bot, applications.commands ; permissions : {names}",
    # --- garant run --platform discord
    "Discord needs DISCORD_TOKEN in the environment or in .env":
        "Discord a besoin de DISCORD_TOKEN dans l'environnement ou dans .env",
    "{variable}={value}: expected an http(s) URL such as {example}":
        "{variable}={value} : une URL http(s) est attendue, par exemple {example}",
    "two teams serve the Discord server {server} with one bot (discord.guild_id)":
        "deux équipes servent le serveur Discord {server} avec le même bot "
        "(discord.guild_id)",
    "Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal (Bot → "
    "Reset Token)":
        "Discord a refusé DISCORD_TOKEN : copiez à nouveau le jeton du bot depuis le "
        "Developer Portal (Bot → Reset Token)",
    "cannot reach Discord at {url}: {error}": "impossible de joindre Discord à {url} : {error}",
    "Discord refused the connection: enable the Message Content and Server Members intents "
    "(Developer Portal → Bot → Privileged Gateway Intents); see docs/discord.md":
        "Discord a refusé la connexion : activez les intents Message Content et Server "
        "Members (Developer Portal → Bot → Privileged Gateway Intents) ; voir docs/discord.md",
}
