"""French for `garant replay`: its text report and the problems it meets in exports,
keyed by their English templates (`bot.phrases`); registered by `bot/replay/__init__.py`."""

FRENCH: dict[str, str] = {
    # --- the text report
    "Replay with charter {charter} of {exports}": "Rejeu de {exports} avec la charte {charter}",
    "Messages: {read} read, {skipped} skipped (system and bot messages){period}":
        "Messages : {read} lu(s), {skipped} ignoré(s) (messages système et de bots){period}",
    ", {first} to {last} UTC": ", du {first} au {last} UTC",
    "Verdicts: {verdicts}": "Verdicts : {verdicts}",
    "Findings: {findings} ({findings_rate} per 1,000 messages); messages not ok: {not_ok} "
    "({not_ok_rate} per 1,000)":
        "Remarques : {findings} ({findings_rate} pour 1\u202f000 messages) ; messages pas ok : "
        "{not_ok} ({not_ok_rate} pour 1\u202f000)",
    "Findings per rule:": "Remarques par règle :",
    "  {rule} ({kind}, {level}, {action}): {count}":
        "  {rule} ({kind}, {level}, {action}) : {count}",
    '    {source}  {at}  #{channel}  {author}: "{match}"':
        "    {source}  {at}  #{channel}  {author} : « {match} »",
    "Busiest authors (by findings):": "Auteurs les plus concernés (par nombre de remarques) :",
    "  {name}  {findings} finding(s), {not_ok} not ok of {messages} message(s)":
        "  {name}  {findings} remarque(s), {not_ok} pas ok sur {messages} message(s)",
    "Problems while reading ({count}):": "Problèmes de lecture ({count}) :",
    "  ... and {count} more": "  … et {count} de plus",
    # verdicts (a rule's action is the verdict it gives) and levels, as `garant check` says them
    "ok": "ok",
    "suggest": "suggestion",
    "warn": "avertissement",
    "flag": "signalé",
    "block": "bloqué",
    "error": "erreur",
    "warning": "attention",
    "info": "info",
    # --- the export arguments
    "{path}: no such file or directory": "{path} : fichier ou dossier introuvable",
    "{path}: unknown export format (expected a Slack export folder or .zip, a "
    "DiscordChatExporter .json or a .jsonl file)":
        "{path} : format d'export inconnu (attendu : un dossier ou un .zip d'export Slack, un "
        ".json de DiscordChatExporter ou un fichier .jsonl)",
    # --- files that cannot be read
    "not UTF-8 text": "pas du texte UTF-8",
    "cannot read: {reason}": "lecture impossible : {reason}",
    "cannot read this zip member: {error}": "fichier du zip illisible : {error}",
    "not a readable zip file ({error})": "fichier zip illisible ({error})",
    "no Slack channel files (CHANNEL/YYYY-MM-DD.json) in this folder":
        "aucun fichier de canal Slack (CANAL/AAAA-MM-JJ.json) dans ce dossier",
    "no Slack channel files (CHANNEL/YYYY-MM-DD.json) in this zip":
        "aucun fichier de canal Slack (CANAL/AAAA-MM-JJ.json) dans ce zip",
    "a JSON array, but not a Slack channel file (CHANNEL/YYYY-MM-DD.json)":
        "un tableau JSON, mais pas un fichier de canal Slack (CANAL/AAAA-MM-JJ.json)",
    "empty file": "fichier vide",
    "not a DiscordChatExporter or Slack export file":
        "ni un export DiscordChatExporter ni un fichier d'export Slack",
    "no 'messages' list: not a DiscordChatExporter export":
        "pas de liste « messages » : ce n'est pas un export DiscordChatExporter",
    "'messages' is not a list": "« messages » n'est pas une liste",
    "expected a JSON array of messages (a Slack channel file)":
        "un tableau JSON de messages est attendu (un fichier de canal Slack)",
    "expected a JSON array of users": "un tableau JSON d'utilisateurs est attendu",
    # --- invalid JSON
    "invalid JSON: {reason}": "JSON invalide : {reason}",
    "invalid JSON: expected a key": "JSON invalide : une clé est attendue",
    "invalid JSON: expected {wanted}, found {found}":
        "JSON invalide : {wanted} attendu au lieu de {found}",
    "invalid JSON: extra data after the document":
        "JSON invalide : données en trop après la fin du document",
    "{first} or {second}": "{first} ou {second}",
    "the end of the file": "la fin du fichier",
    # the json module's fixed reasons (`records.json_reason`); the others stay in English
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes":
        "nom de propriété entre guillemets doubles attendu",
    "Expecting ':' delimiter": "deux-points attendu",
    "Expecting ',' delimiter": "virgule attendue",
    "Extra data": "données en trop",
    "Unterminated string starting at": "chaîne non terminée, commencée ici",
    "Invalid control character at": "caractère de contrôle invalide ici",
    "Invalid \\escape": "séquence d'échappement \\ invalide",
    "Invalid \\uXXXX escape": "séquence d'échappement \\uXXXX invalide",
    "Illegal trailing comma before end of object":
        "virgule en trop avant la fin de l'objet",
    "Illegal trailing comma before end of array":
        "virgule en trop avant la fin du tableau",
    # --- records that cannot be used
    "missing field '{key}'": "champ « {key} » manquant",
    "field '{key}' is {type}, expected a string":
        "le champ « {key} » est {type}, une chaîne est attendue",
    "expected a message object, found {type}": "un objet message est attendu, pas {type}",
    "bad timestamp '{key}': {value} (expected {expected})":
        "horodatage « {key} » incorrect : {value} (attendu : {expected})",
    "epoch seconds": "secondes Unix",
    "ISO 8601": "ISO 8601",
    "ISO 8601 or epoch seconds": "ISO 8601 ou secondes Unix",
    "an object": "un objet",
    "an array": "un tableau",
    "a string": "une chaîne",
    "a boolean": "un booléen",
    "a number": "un nombre",
    "null": "null",
}
