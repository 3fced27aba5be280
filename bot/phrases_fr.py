"""French for the command line and the start-up banner (`bot.cli`, `bot.run`), keyed by
their English templates (`bot.phrases`); registered by `bot/__init__.py`.

`ARGPARSE_FRENCH` is argparse's own words (its help headings and errors, %-style),
looked up through argparse's gettext hook by `bot.cli.argparse_in`.
"""

FRENCH: dict[str, str] = {
    # --- the parser: descriptions, help, metavars
    "Garant keeps a team on its editorial line: charter checks, draft votes, moderation and "
    "the daily routine.":
        "Garant tient une équipe à sa ligne éditoriale : vérification de la charte, votes "
        "sur les brouillons, modération et routine quotidienne.",
    "language of what garant prints (default: from the locale, LANG or LC_MESSAGES; English "
    "otherwise)":
        "langue de ce qu'affiche garant (par défaut : celle de la locale, LANG ou "
        "LC_MESSAGES ; sinon l'anglais)",
    "show program's version number and exit": "affiche la version du programme et quitte",
    "COMMAND": "COMMANDE",
    "SUBCOMMAND": "SOUS-COMMANDE",
    "PATH": "CHEMIN",
    "PATH|URL": "CHEMIN|URL",
    "serve every team of DIR (a folder each, with its garant.yaml and .env) in this process; "
    "with --db postgresql://..., each in a schema of its own":
        "sert chaque équipe de DOSSIER (un dossier chacune, avec son garant.yaml et son .env) "
        "dans ce processus ; avec --db postgresql://..., chacune dans un schéma à elle",
    "--tenants {path}: no such folder": "--tenants {path} : dossier introuvable",
    "{path}: a tenant's folder is named in lowercase letters, digits and _ (it names its "
    "database schema)":
        "{path} : le dossier d'une équipe se nomme en lettres minuscules, chiffres et _ (il "
        "nomme son schéma de base de données)",
    "--tenants {path}: no tenant in it (a folder holding a garant.yaml)":
        "--tenants {path} : aucune équipe dedans (un dossier contenant un garant.yaml)",
    "--tenants with --db: a PostgreSQL URL (each tenant a schema of it); SQLite files are "
    "each tenant's own (its config's 'database')":
        "--tenants avec --db : une URL PostgreSQL (chaque équipe dans un schéma) ; les "
        "fichiers SQLite sont propres à chaque équipe (« database » de sa configuration)",
    "tenant {name}: {error}": "équipe {name} : {error}",
    "the agency's Slack app needs {missing} too (beside {given}), in the environment or in "
    "{path}":
        "l'app Slack de l'agence a aussi besoin de {missing} (en plus de {given}), dans "
        "l'environnement ou dans {path}",
    "tenant {name}: no chat platform token in {path}; tenants run on Slack or Discord (the "
    "console serves one team)":
        "équipe {name} : aucun jeton de plateforme de discussion dans {path} ; les équipes "
        "tournent sur Slack ou Discord (la console ne sert qu'une équipe)",
    "--tenants: each tenant has its own garant.yaml and runs on the real clock (leave "
    "--config and --now out)":
        "--tenants : chaque équipe a son propre garant.yaml et tourne à l'heure réelle "
        "(retirez --config et --now)",
    "FROM": "SOURCE",
    "TO": "CIBLE",
    "NAME|PATH": "NOM|CHEMIN",
    "DIR": "DOSSIER",
    "CHARTER": "CHARTE",
    "NET": "RÉSEAU",
    "EXPORT": "EXPORT",
    "DATETIME": "DATE-HEURE",
    "NAME": "NOM",
    "PORT": "PORT",
    "ID": "ID",
    "ID|all": "N|all",
    "check texts against a charter": "vérifie des textes avec une charte",
    "replay a chat export through a charter's chat checks":
        "rejoue un export de discussion avec les vérifications de chat d'une charte",
    "work with charter files": "travaille sur les fichiers de charte",
    "run the bot (the local console when no platform token is set)":
        "lance le bot (la console locale quand aucun jeton de plateforme n'est défini)",
    "work with the database": "travaille sur la base de données",
    "list or retry the deliveries Garant could not make":
        "liste ou relance les envois que Garant n'a pas pu faire",
    "Check texts against an editorial charter and print the findings.":
        "Vérifie des textes avec une charte éditoriale et affiche les remarques.",
    "Exit status: 0 no error-level finding, 1 at least one, 2 usage error or invalid charter.":
        "Code de sortie : 0 aucune remarque de niveau erreur, 1 au moins une, 2 erreur "
        "d'utilisation ou charte invalide.",
    "text files to check; none or '-' reads standard input":
        "fichiers texte à vérifier ; aucun ou « - » lit l'entrée standard",
    "charter name or file (default: base)": "nom ou fichier de la charte (par défaut : base)",
    "directory of charters (default: the bundled ones)":
        "dossier des chartes (par défaut : celles fournies avec Garant)",
    "check as a chat message or as a draft post (default: draft)":
        "vérifie comme un message de discussion (chat) ou comme un brouillon de publication "
        "(draft, par défaut)",
    "the social network of the draft (twitter, linkedin, facebook, instagram...): selects "
    "network rules and length limits":
        "le réseau social du brouillon (twitter, linkedin, facebook, instagram…) : choisit "
        "les règles du réseau et les limites de longueur",
    "treat each non-empty line as one message": "chaque ligne non vide est un message",
    "output format (default: text)": "format de sortie (par défaut : text)",
    "Check every message of exported chat history (Slack export folder or .zip, "
    "DiscordChatExporter .json, JSON Lines) in time order, as live moderation would, without "
    "posting anything; report verdicts, findings per rule, busiest authors and rates per "
    "1,000 messages.":
        "Vérifie chaque message d'un historique de discussion exporté (dossier ou .zip "
        "d'export Slack, .json de DiscordChatExporter, JSON Lines) dans l'ordre du temps, "
        "comme la modération en direct, sans rien publier ; rend compte des verdicts, des "
        "remarques par règle, des auteurs les plus actifs et des taux pour 1 000 messages.",
    "Exit status: 0 at least one message read (files that could not be read are listed in "
    "the report), 2 nothing could be read, usage error or invalid charter.":
        "Code de sortie : 0 au moins un message lu (les fichiers illisibles sont listés dans "
        "le rapport), 2 rien n'a pu être lu, erreur d'utilisation ou charte invalide.",
    "Slack export folder or .zip, DiscordChatExporter .json, .jsonl":
        "dossier ou .zip d'export Slack, .json de DiscordChatExporter, .jsonl",
    "check charter files (schema, regexes, examples)":
        "vérifie des fichiers de charte (schéma, expressions régulières, exemples)",
    "list the available charters": "liste les chartes disponibles",
    "show a charter's rules and what each term finds":
        "montre les règles d'une charte et ce que trouve chaque terme",
    "Show a charter's rules and, for word rules, each term with the inflected forms it also "
    "finds (connard: connards, connarde...).":
        "Montre les règles d'une charte et, pour les règles de mots, chaque terme avec les "
        "formes fléchies qu'il trouve aussi (connard : connards, connarde…).",
    "a charter name or file": "un nom ou un fichier de charte",
    "only this rule": "seulement cette règle",
    "charter '{name}' has no rule '{rule}'; its rules: {rules}":
        "la charte « {name} » n'a pas de règle « {rule} » ; ses règles : {rules}",
    "charter '{name}' ({title}): {rules} rule(s)":
        "charte « {name} » ({title}) : {rules} règle(s)",
    "charter '{name}' ({title}): {rules} rule(s), extends {parents}":
        "charte « {name} » ({title}) : {rules} règle(s), étend {parents}",
    "Validate charter files: schema, word lists, regexes and examples.":
        "Valide des fichiers de charte : schéma, listes de mots, expressions régulières et "
        "exemples.",
    "where the charters they extend live (default: next to each file, then the bundled "
    "charters)":
        "où se trouvent les chartes qu'ils étendent (par défaut : à côté de chaque fichier, "
        "puis les chartes fournies avec Garant)",
    "Run Garant. With no DISCORD_TOKEN or SLACK_BOT_TOKEN it runs the local console on the "
    "configured (or bundled example) team.":
        "Lance Garant. Sans DISCORD_TOKEN ni SLACK_BOT_TOKEN, lance la console locale sur "
        "l'équipe configurée (ou sur l'exemple fourni).",
    "garant.yaml (default: $GARANT_CONFIG, ./garant.yaml, else the bundled example)":
        "garant.yaml (par défaut : $GARANT_CONFIG, ./garant.yaml, sinon l'exemple fourni)",
    "platform to run (repeatable; default: those with a token, else local)":
        "plateforme à lancer (répétable ; par défaut : celles qui ont un jeton, sinon local)",
    "SQLite database (default: the config's 'database')":
        "base de données SQLite (par défaut : « database » de la configuration)",
    "console only: start the clock at this local time and keep it still (for scripted "
    "sessions), e.g. 2026-11-23T09:00":
        "console seulement : démarre l'horloge à cette heure locale et l'arrête là (pour les "
        "sessions scriptées), par exemple 2026-11-23T09:00",
    "what to log on standard error (default: warning for the console, info when a chat "
    "platform runs)":
        "ce qui est journalisé sur la sortie d'erreur (par défaut : warning pour la console, "
        "info quand une plateforme de discussion tourne)",
    "make a consistent copy of the database while the bot runs":
        "fait une copie cohérente de la base de données pendant que le bot tourne",
    "Copy the database into a SQLite file, safe while the bot runs: SQLite's online "
    "backup, or one consistent read of a PostgreSQL database (put it back with 'garant db "
    "copy BACKUP postgresql://...').":
        "Copie la base de données dans un fichier SQLite, sans risque pendant que le bot "
        "tourne : sauvegarde en ligne de SQLite, ou une lecture cohérente d'une base "
        "PostgreSQL (à remettre en place avec « garant db copy SAUVEGARDE "
        "postgresql://... »).",
    "SQLite file or postgresql:// URL (default: the config's 'database')":
        "fichier SQLite ou URL postgresql:// (par défaut : « database » de la configuration)",
    "bring the database's schema up to this Garant's version":
        "met le schéma de la base de données à la version de ce Garant",
    "Apply the migrations this Garant ships and say each component's version ('garant run' "
    "does it too at start; this does it ahead, e.g. before starting several instances).":
        "Applique les migrations livrées avec ce Garant et donne la version de chaque "
        "composant (« garant run » le fait aussi au démarrage ; cette commande le fait à "
        "l'avance, par exemple avant de démarrer plusieurs instances).",
    "database (default: the config's 'database'; a SQLite file is created if missing)":
        "base de données (par défaut : « database » de la configuration ; un fichier SQLite "
        "absent est créé)",
    "copy every row of one database into a new, empty one":
        "copie toutes les lignes d'une base de données dans une base neuve et vide",
    "Move a co-op between SQLite and PostgreSQL: FROM and TO are SQLite files or "
    "postgresql:// URLs. Both are brought to this Garant's schema; TO must hold no rows. "
    "Stop the bot first: what it writes during the copy would not be copied.":
        "Fait passer une coopérative de SQLite à PostgreSQL ou l'inverse : SOURCE et CIBLE "
        "sont des fichiers SQLite ou des URL postgresql://. Les deux sont mises au schéma de "
        "ce Garant ; CIBLE ne doit contenir aucune ligne. Arrêtez d'abord le bot : ce qu'il "
        "écrirait pendant la copie ne serait pas copié.",
    "replace PATH if it exists (by default an existing file is kept)":
        "remplace CHEMIN s'il existe (par défaut, un fichier existant est conservé)",
    "database to copy (default: the config's 'database')":
        "base de données à copier (par défaut : « database » de la configuration)",
    "Every effect on a platform (a post, a card, a direct message, a deletion) goes through "
    "the outbox and is retried with back-off. This lists the ones a platform refused and the "
    "ones given up after their retries, and puts dead ones back in the queue (the running "
    "bot then delivers them).":
        "Chaque action sur une plateforme (une publication, une carte, un message privé, une "
        "suppression) passe par la file d'envoi et est retentée en espaçant les essais. Cette "
        "commande liste celles qu'une plateforme a refusées et celles abandonnées après leurs "
        "essais, et remet les abandonnées dans la file (le bot en marche les livre alors).",
    "list failed deliveries and dead jobs": "liste les envois en échec et les tâches abandonnées",
    "queue a dead delivery again, or all": "remet un envoi abandonné dans la file, ou tous",
    "database (default: the config's 'database')":
        "base de données (par défaut : « database » de la configuration)",
    "the delivery's number, or 'all'": "le numéro de l'envoi, ou « all » pour tous",
    # --- garant check
    "{count} error(s)": "{count} erreur(s)",
    "{count} warning(s)": "{count} avertissement(s)",
    "{count} info": "{count} info",
    "{total} finding(s){detail} in {flagged} of {count} message(s), charter {charter}":
        "{total} remarque(s){detail} dans {flagged} message(s) sur {count}, charte {charter}",
    "{total} finding(s){detail} in {flagged} of {count} text(s), charter {charter}":
        "{total} remarque(s){detail} dans {flagged} texte(s) sur {count}, charte {charter}",
    "; verdicts: {verdicts}": " ; verdicts : {verdicts}",
    "{verdict} {count}": "{verdict} ({count})",
    "--charters-dir {dir}: not a directory": "--charters-dir {dir} : ce n'est pas un dossier",
    "invalid charter: {error}": "charte invalide : {error}",
    "{path}: no such file": "{path} : fichier introuvable",
    "{path}: is a directory, expected a text file":
        "{path} : c'est un dossier, un fichier texte est attendu",
    "{source}: not UTF-8 text (byte {byte})": "{source} : pas du texte UTF-8 (octet {byte})",
    "{path}: cannot read: {reason}": "{path} : lecture impossible : {reason}",
    "--network {network}: unknown network (one of: {known})":
        "--network {network} : réseau inconnu (au choix : {known})",
    "{error}": "{error}",
    "print the text with the fixes that need no choice applied (typography, unambiguous "
    "spelling); one text":
        "affiche le texte avec les corrections qui ne demandent pas de choix (typographie, "
        "orthographe sans ambiguïté) ; un seul texte",
    "print those fixes as a unified diff, for every text":
        "affiche ces corrections en diff unifié, pour chaque texte",
    "--fix and --diff work on whole texts, not with --lines":
        "--fix et --diff travaillent sur des textes entiers, pas avec --lines",
    "--fix prints one corrected text: give one file (or --diff for several)":
        "--fix affiche un seul texte corrigé : donnez un seul fichier (ou --diff pour "
        "plusieurs)",
    "{source}: {applied} change(s) applied, {left} finding(s) left for a person":
        "{source} : {applied} correction(s) appliquée(s), {left} remarque(s) laissée(s) à "
        "une personne",
    "garant: {error}": "garant : {error}",
    # --- garant replay
    "nothing to replay: no message could be read":
        "rien à rejouer : aucun message n'a pu être lu",
    "nothing to replay: no message could be read ({skipped} system or bot messages skipped)":
        "rien à rejouer : aucun message n'a pu être lu ({skipped} messages système ou de "
        "bots ignorés)",
    # --- garant charter validate / list
    "{path}: no such charter file": "{path} : fichier de charte introuvable",
    "{path}: ok, charter '{name}': {rules} rule(s), {examples} example(s) verified":
        "{path} : ok, charte « {name} » : {rules} règle(s), {examples} exemple(s) vérifié(s)",
    "{path}: ok, charter '{name}': {rules} rule(s), {examples} example(s) verified, extends "
    "{parents}":
        "{path} : ok, charte « {name} » : {rules} règle(s), {examples} exemple(s) "
        "vérifié(s), étend {parents}",
    # --- garant run, db, outbox
    "--now {value}: expected a date and time like 2026-11-23T09:00":
        "--now {value} : une date et une heure sont attendues, par exemple 2026-11-23T09:00",
    "invalid configuration: {error}": "configuration invalide : {error}",
    "{database}: no such database": "{database} : base de données introuvable",
    "{path} exists; choose another name, or --force to replace it":
        "{path} existe déjà ; choisissez un autre nom, ou --force pour le remplacer",
    "backup of {database} written to {dest}": "sauvegarde de {database} écrite dans {dest}",
    "{database} is up to date: {versions}": "{database} est à jour : {versions}",
    "FROM and TO are the same database": "FROM et TO sont la même base de données",
    "{rows} rows in {tables} tables copied from {source} to {target}":
        "{rows} lignes de {tables} tables copiées de {source} vers {target}",
    "outbox retry: expected a delivery number or 'all', not {value}":
        "outbox retry : un numéro d'envoi ou « all » est attendu, pas {value}",
    "no dead or refused delivery #{number}": "aucun envoi n° {number} abandonné ou refusé",
    "{count} delivery queued again; the running bot delivers it":
        "{count} envoi remis dans la file ; le bot en marche le livre",
    "{count} deliveries queued again; the running bot delivers them":
        "{count} envois remis dans la file ; le bot en marche les livre",
    "({attempts} attempt(s): {error})": "({attempts} essai(s) : {error})",
    "job {job}": "tâche {job}",
    # bot/effects.py: what each effect kind is called
    "post": "publication",
    "card": "carte",
    "card update": "mise à jour de carte",
    "direct message": "message privé",
    "deletion": "suppression",
    "timeout": "exclusion temporaire",
    "file": "fichier",
    "no failed delivery or job": "aucun envoi ni aucune tâche en échec",
    "--platform {name}: no such platform (known: {known})":
        "--platform {name} : plateforme inconnue (connues : {known})",
    "--platform {name} needs {missing} in the environment or in .env":
        "--platform {name} a besoin de {missing} dans l'environnement ou dans .env",
    "--now is for rehearsing in the console; {chats} runs on the real clock (leave --now "
    "out, or run with --platform local)":
        "--now sert aux répétitions dans la console ; {chats} suit l'horloge réelle (retirez "
        "--now, ou lancez avec --platform local)",
    "--now is for rehearsing in the console; {chats} run on the real clock (leave --now out, "
    "or run with --platform local)":
        "--now sert aux répétitions dans la console ; {chats} suivent l'horloge réelle "
        "(retirez --now, ou lancez avec --platform local)",
    "{first} and {last}": "{first} et {last}",
    "a cog is inconsistent: {error}": "un module (cog) est incohérent : {error}",
    "the {name} platform is not available in this version of Garant; run the local console "
    "with --platform local":
        "la plateforme {name} n'est pas disponible dans cette version de Garant ; lancez la "
        "console locale avec --platform local",
    # --- the start-up banner (in the team's language)
    "{charters} (also available: {available})": "{charters} (aussi disponibles : {available})",
    "  platforms: {platforms}": "  plateformes : {platforms}",
    "  config: {source}": "  configuration : {source}",
    "  charters: {charters}": "  chartes : {charters}",
    "  charter directories: {directories}": "  dossiers de chartes : {directories}",
    "  database: {database} (schema {schema})":
        "  base de données : {database} (schéma {schema})",
    "  moderated: {channels}": "  canaux modérés : {channels}",
    "  roles: {roles}": "  rôles : {roles}",
    "none": "aucun",
    "nobody": "personne",
}

ARGPARSE_FRENCH: dict[str, str] = {
    "usage: ": "usage : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "show program's version number and exit": "affiche la version du programme et quitte",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (au choix : %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur %(type)s invalide : %(value)r",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "interdit avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "argument explicite ignoré : %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "sous-commande inconnue %(parser_name)r (au choix : %(choices)s)",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}
