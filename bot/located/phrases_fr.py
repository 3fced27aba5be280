"""French for the errors of files people write: located YAML and its readers
(`bot.located`), `garant.yaml` (`bot.config`, `bot.settings`) and the secrets
(`bot.credentials`), keyed by their English templates (`bot.phrases`); registered by
`bot/located/__init__.py`.

"got X" reads "trouvé : X"; keys, names and values stay as written, between « ».
"{path}: cannot read: {reason}" is in `bot/phrases_fr.py`, which the command line
shares.
"""

FRENCH: dict[str, str] = {
    # --- what was written, as the errors name it (`fields.describe`, `quoted`)
    "nothing": "aucune valeur",
    "true/false (put words like yes, no, on, off in quotes)":
        "true/false (mettez entre guillemets les mots comme yes, no, on, off)",
    "a mapping": "une table de clés",
    "a list": "une liste",
    "'{value}'": "« {value} »",
    "'{value}…'": "« {value}… »",
    "; did you mean '{guess}'?": " ; vouliez-vous dire « {guess} » ?",

    # --- YAML itself (`yamlsrc`)
    "YAML anchors and aliases (&name, *name) are not supported: write the value out where "
    "it is used":
        "les ancres et alias YAML (&nom, *nom) ne sont pas pris en charge : écrivez la "
        "valeur en entier là où elle sert",
    "YAML merge keys (<<) are not supported":
        "les clés de fusion YAML (<<) ne sont pas prises en charge",
    "duplicate key '{key}' (first defined at line {line})":
        "clé « {key} » en double (déjà définie à la ligne {line})",
    "invalid YAML: {problem}": "YAML invalide : {problem}",
    "invalid YAML": "YAML invalide",
    "not UTF-8 text ({reason})": "ce n'est pas du texte UTF-8 ({reason})",
    "unknown key '{key}' in {what}; did you mean '{guess}'?":
        "clé inconnue « {key} » dans {what} ; vouliez-vous dire « {guess} » ?",
    "unknown key '{key}' in {what}; expected one of: {known}":
        "clé inconnue « {key} » dans {what} ; clés possibles : {known}",

    # --- typed values (`fields`)
    "{what} must be a mapping of keys, got {got}":
        "{what} doit être une table de clés, trouvé : {got}",
    "missing required key '{key}'": "clé obligatoire « {key} » absente",
    "missing required key '{key}' (one of: {choices})":
        "clé obligatoire « {key} » absente (valeurs possibles : {choices})",
    "missing required key '{key}' (a list of terms)":
        "clé obligatoire « {key} » absente (une liste de termes)",
    "missing required key '{key}' (a duration like 30s, 10m, 2h)":
        "clé obligatoire « {key} » absente (une durée comme 30s, 10m, 2h)",
    "'{key}' must be text, got {got}": "« {key} » doit être un texte, trouvé : {got}",
    "'{key}' must be true or false, got {got}":
        "« {key} » doit valoir true ou false, trouvé : {got}",
    "'{key}' must be a whole number, got {got}":
        "« {key} » doit être un nombre entier, trouvé : {got}",
    "'{key}' must be between {minimum} and {maximum}, got {got}":
        "« {key} » doit être entre {minimum} et {maximum}, trouvé : {got}",
    "'{key}' must be >= {minimum}, got {got}":
        "« {key} » doit valoir au moins {minimum}, trouvé : {got}",
    "'{key}' must be one of {choices}, got {got}{hint}":
        "« {key} » doit être l'une des valeurs {choices} (trouvé : {got}){hint}",
    "'{key}' must be a list, got {got}": "« {key} » doit être une liste, trouvé : {got}",
    "each item of '{key}' must be text, got {got}":
        "chaque élément de la liste « {key} » doit être un texte, trouvé : {got}",
    "'{key}' must not be empty": "« {key} » ne doit pas être vide",
    "'{key}' must be a duration like 30s, 10m, 2h or 1d, got {got}":
        "« {key} » doit être une durée comme 30s, 10m, 2h ou 1j, trouvé : {got}",

    # --- garant.yaml: finding and reading the file (`config`)
    "the config": "la configuration",
    "no config: pass --config FILE, set {variable} or create ./{file} (the bundled demo "
    "config is missing from this installation)":
        "aucune configuration : passez --config FICHIER, définissez {variable} ou créez "
        "./{file} (la configuration de démonstration manque dans cette installation)",
    "{path}: no such config file": "{path} : fichier de configuration introuvable",
    "{path}: no such config file ({hint})":
        "{path} : fichier de configuration introuvable ({hint})",
    "given with --config": "donné par --config",
    "named by ${variable}": "nommé par ${variable}",
    "{path}: is a directory, expected a YAML config file":
        "{path} : c'est un dossier, pas un fichier de configuration YAML",
    "charters_dir {path} is not a directory": "charters_dir {path} n'est pas un dossier",
    "{what} '{file}' not found (looked for {looked})":
        "{what} « {file} » introuvable (chemins essayés : {looked})",

    # --- garant.yaml: the core's keys (`config`)
    "'timezone' must be an IANA time zone name like 'Europe/Paris', got {got}{hint}":
        "« timezone » doit être un nom de fuseau horaire IANA comme « Europe/Paris », "
        "trouvé : {got}{hint}",
    "; abbreviations like CET or CEST change with the season: use the name of a place, like "
    "'Europe/Paris'":
        " ; les abréviations comme CET ou CEST changent avec la saison : utilisez le nom "
        "d'un lieu, comme « Europe/Paris »",
    "; a fixed offset ignores daylight saving time: use the name of a place, like "
    "'Europe/Paris'":
        " ; un décalage fixe ignore l'heure d'été : utilisez le nom d'un lieu, comme "
        "« Europe/Paris »",
    "'#{name}: {charter}' is a comment in YAML ('#' starts one), so no channel is moderated; "
    "write '{name}: {charter}' without the '#'":
        "« #{name}: {charter} » est un commentaire en YAML (« # » en commence un), donc "
        "aucun salon n'est modéré ; écrivez « {name}: {charter} » sans le « # »",
    "a moderated channel": "un salon modéré",
    "each item of '{key}'": "chaque élément de la liste « {key} »",
    "channel '{name}' is already listed at line {line}":
        "le salon « {name} » figure déjà à la ligne {line}",
    "channel '{name}' is the review queue: it cannot be moderated (review cards quote the "
    "flagged messages)":
        "le salon « {name} » est celui des signalements : il ne peut pas être modéré (les "
        "fiches de signalement citent les messages signalés)",
    "channel '{name}' needs the name of its charter, like '{name}: base', got {got}":
        "le salon « {name} » doit avoir le nom de sa charte, comme « {name}: base », "
        "trouvé : {got}",
    "channel '{name}' is both moderated (line {line}) and exempt; keep one":
        "le salon « {name} » est à la fois modéré (ligne {line}) et exempté ; gardez l'un "
        "des deux",

    # --- garant.yaml: the readers every section shares (`settings.Section`)
    "'{key}' must be a list of {what}, got {got}":
        "« {key} » doit être une liste de {what}, trouvé : {got}",
    "; note that '#' starts a comment in YAML: write the name without it":
        " ; attention, « # » commence un commentaire en YAML : écrivez le nom sans « # »",
    "'{key}' must be a name, got nothing{hint}":
        "« {key} » doit être un nom, trouvé : aucune valeur{hint}",
    "'{key}' must start with https:// (or http://), got {got}":
        "« {key} » doit commencer par https:// (ou http://), trouvé : {got}",
    "'{key}' must be a path, got nothing": "« {key} » doit être un chemin, trouvé : aucune valeur",
    "'{key}' must be a path, got an empty text":
        "« {key} » doit être un chemin, trouvé : un texte vide",
    "'{key}' needs a unit: {value}h for hours, {value}d for days (or s, m), got {got}":
        "« {key} » doit avoir une unité : {value}h pour des heures, {value}j pour des jours "
        "(ou s, m), trouvé : {got}",
    "'{key}' must be a whole number with a unit, like 90m, 2h or 3d, got {got}":
        "« {key} » doit être un nombre entier avec une unité, comme 90m, 2h ou 3j, "
        "trouvé : {got}",
    "'{key}' must be longer than zero, got {got}":
        "« {key} » doit être une durée supérieure à zéro, trouvé : {got}",
    "'{key}' must be a percentage from 0 to 100, like 50, got {got}":
        "« {key} » doit être un pourcentage de 0 à 100, comme 50, trouvé : {got}",
    "'{key}' must be a time like \"09:30\", got nothing":
        "« {key} » doit être une heure comme \"09:30\", trouvé : aucune valeur",
    "'{key}' must be a time like \"09:30\" (hours:minutes), got {got}":
        "« {key} » doit être une heure comme \"09:30\" (heures:minutes), trouvé : {got}",
    "'{key}' must be a time like \"09:30\": hours and minutes, without seconds, got {got}":
        "« {key} » doit être une heure comme \"09:30\" : heures et minutes, sans secondes, "
        "trouvé : {got}",
    "'{key}' must be a time like \"09:30\", got {got}":
        "« {key} » doit être une heure comme \"09:30\", trouvé : {got}",
    "'{key}' must be a time between 00:00 and 23:59, got {got}{hint}":
        "« {key} » doit être une heure entre 00:00 et 23:59, trouvé : {got}{hint}",
    "; write \"00:00\" for midnight": " ; écrivez \"00:00\" pour minuit",
    "missing required key '{key}', like {key}: [sat, sun]":
        "clé obligatoire « {key} » absente, par exemple {key}: [sam, dim]",
    "unknown day {got} in '{key}': use mon, tue, wed, thu, fri, sat, sun (or lun, mar, mer, "
    "jeu, ven, sam, dim){hint}":
        "jour inconnu {got} dans « {key} » : utilisez lun, mar, mer, jeu, ven, sam, dim (ou "
        "mon, tue, wed, thu, fri, sat, sun){hint}",
    "'{key}' is one text with commas, not a list; write [{listed}]":
        "« {key} » est un seul texte avec des virgules, pas une liste ; écrivez [{listed}]",
    "each item of '{key}' must be a name or an id, got {got}":
        "chaque élément de la liste « {key} » doit être un nom ou un identifiant, "
        "trouvé : {got}",
    "{what} must be a channel name, got nothing{hint}":
        "{what} doit être un nom de salon, trouvé : aucune valeur{hint}",
    "{what} must be a channel name, got {got}": "{what} doit être un nom de salon, trouvé : {got}",
    "{what} must be a channel name without spaces, got {got}":
        "{what} doit être un nom de salon sans espaces, trouvé : {got}",
    "each {what} in '{key}' needs a name, got {got}":
        "chaque {what} de la section « {key} » doit avoir un nom, trouvé : {got}",
    "{what} '{name}' is already listed at line {line}":
        "{what} « {name} » en double : déjà présent à la ligne {line}",
    "{what} '{name}' needs the name of its charter, like '{name}: {example}', got {got}":
        "{what} « {name} » doit avoir le nom de sa charte, comme « {name}: {example} », "
        "trouvé : {got}",

    # --- secrets (`credentials`)
    "{path}: is a directory, expected a .env file":
        "{path} : c'est un dossier, pas un fichier .env",
    "this looks like a {platform} token, and secrets never go in the config file: set "
    "{variable} in the environment or in a .env file; if this file was ever shared, revoke it":
        "ceci ressemble à un jeton {platform}, et les secrets ne vont jamais dans le fichier "
        "de configuration : définissez {variable} dans l'environnement ou dans un fichier "
        ".env ; si ce fichier a déjà été partagé, révoquez ce jeton",
    "set {variable}": "définissez {variable}",
    "set the matching variable ({names})": "définissez la variable correspondante ({names})",
    "'{key}' looks like a secret, and secrets never go in the config file: {where_to} in the "
    "environment or in a .env file":
        "« {key} » ressemble à un secret, et les secrets ne vont jamais dans le fichier de "
        "configuration : {where_to} dans l'environnement ou dans un fichier .env",
    "'{key}' looks like a secret, and secrets never go in the config file: {where_to} in the "
    "environment or in a .env file; if this file was ever shared, revoke the value written "
    "here":
        "« {key} » ressemble à un secret, et les secrets ne vont jamais dans le fichier de "
        "configuration : {where_to} dans l'environnement ou dans un fichier .env ; si ce "
        "fichier a déjà été partagé, révoquez la valeur écrite ici",
    # the start-up banner's config line (bot/config.py)
    "built-in defaults (no config file)": "valeurs par défaut (aucun fichier de configuration)",
    "from --config": "donnée par --config",
    "from ${variable}": "donnée par ${variable}",
    "found in the current directory": "trouvée dans le dossier courant",
    "the bundled demo config; copy garant.example.yaml to {local} to configure your team":
        "la configuration de démonstration fournie ; copiez garant.example.yaml en {local} "
        "pour configurer votre équipe",
    "{source} ({why})": "{source} ({why})",
}
