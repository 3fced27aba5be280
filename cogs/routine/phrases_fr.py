"""French for the errors of routine files (`routine_file.py`) and of the routine cog's
settings (`settings.py`: garant.yaml's `routine`), keyed by their English templates
(`bot.phrases`); registered by `cogs/routine/__init__.py`."""

FRENCH: dict[str, str] = {
    # --- routine files
    "the routine is empty; it needs 'name', 'title' and 'sections'":
        "la routine est vide ; il lui faut « name », « title » et « sections »",
    "a routine": "une routine",
    "a section": "une section",
    "an action": "une action",
    "each section": "chaque section",
    "each action": "chaque action",
    "routine name": "nom de routine",
    "section id": "identifiant de section",
    "action id": "identifiant d'action",
    "{what} '{value}' must be lowercase letters, digits and '-' (at most 40, e.g. tw-reply): "
    "it is typed in commands and carried by buttons":
        "{what} « {value} » ne doit contenir que des minuscules, des chiffres et des « - » "
        "(40 au plus, par ex. tw-reply) : on le tape dans les commandes et les boutons le "
        "transportent",
    "{what} '{value}' is already used at line {line}; ids must be unique":
        "{what} « {value} » déjà utilisé à la ligne {line} ; les identifiants doivent être "
        "uniques",
    "'language' must be a language tag such as fr or en, got '{tag}'":
        "« language » doit être un code de langue comme fr ou en, trouvé : « {tag} »",
    "a list of sections (each starting with '- id: ...')":
        "une liste de sections (chacune commençant par « - id: ... »)",
    "a list of actions (each starting with '- id: ...')":
        "une liste d'actions (chacune commençant par « - id: ... »)",
    "missing required key '{key}' ({expected})": "clé obligatoire « {key} » absente ({expected})",
    "'{key}' must be {expected}, got {got}": "« {key} » doit être {expected}, trouvé : {got}",
    "'{key}' must be at most {maximum} characters, got {length}":
        "« {key} » doit faire au plus {maximum} caractères (ici {length})",
    "a routine holds at most {maximum} actions, this one has {total}":
        "une routine compte au plus {maximum} actions, celle-ci en a {total}",
    "a section holds at most {maximum} actions (a card carries {buttons} buttons); split "
    "section '{section}'":
        "une section compte au plus {maximum} actions (une carte porte {buttons} boutons) ; "
        "divisez la section « {section} »",
    "question id": "identifiant de question",
    "each question": "chaque question",
    "a question": "une question",
    "a list of questions (each starting with '- id: ...')":
        "une liste de questions (chacune commençant par « - id: ... »)",
    "a routine asks at most {maximum} questions a day":
        "une routine pose au plus {maximum} questions par jour",
    # --- garant.yaml's `routine`
    "routine file": "fichier de routine",
    "'file' must be the path of a routine file":
        "« file » doit être le chemin d'un fichier de routine",
    "'review_time' ({review}) must be later than 'time' ({time}): the review closes the "
    "day's routine":
        "« review_time » ({review}) doit être plus tard que « time » ({time}) : le bilan "
        "clôt la routine du jour",
    "'holidays' must be a country code such as FR (or FR-57 for a region), or null for "
    "none, got {got}":
        "« holidays » doit être un code de pays comme FR (ou FR-57 pour une région), ou null "
        "pour aucun, trouvé : {got}",
    "unknown country '{country}' for public holidays: use a two-letter ISO code such as "
    "FR, BE, CH{hint}":
        "pays « {country} » inconnu pour les jours fériés : utilisez un code ISO à deux "
        "lettres comme FR, BE, CH{hint}",
    "unknown region '{region}' of {country} for public holidays; known: {known}":
        "région « {region} » de {country} inconnue pour les jours fériés ; connues : {known}",
    "'reminder_time' ({reminder}) must be between 'time' ({time}) and 'review_time': a "
    "reminder comes after the prompt and before the review":
        "« reminder_time » ({reminder}) doit être entre « time » ({time}) et « review_time » : "
        "le rappel vient après la routine et avant le bilan",
    "each item of 'closed_days' must be a date like 2026-12-24, got {got}":
        "chaque élément de « closed_days » doit être une date comme 2026-12-24, trouvé : {got}",
    # --- several routines (garant.yaml's `routines`)
    "the team's routine is posted in 'channels.routine'; 'channel' is for the routines "
    "under 'routines'":
        "la routine de l'équipe est publiée dans « channels.routine » ; « channel » sert aux "
        "routines listées sous « routines »",
    "routine '{id}' needs its own 'file' (a routine file, like routines/{id}.yaml)":
        "la routine « {id} » a besoin de son propre « file » (un fichier de routine, comme "
        "routines/{id}.yaml)",
    "routine '{id}' needs its own 'channel' (where its prompt is posted)":
        "la routine « {id} » a besoin de son propre « channel » (où elle est publiée)",
    "a routine's id must be a short lowercase word (letters, digits, '-' or '_'; not "
    "{reserved}), like 'acme' or 'equipe-lyon', got {got}":
        "l'identifiant d'une routine doit être un mot court en minuscules (lettres, chiffres, "
        "« - » ou « _ » ; pas {reserved}), comme « acme » ou « equipe-lyon », trouvé : {got}",
    "routine '{id}' is posted in #{channel}, like routine '{other}': each routine needs its "
    "own channel":
        "la routine « {id} » est publiée dans #{channel}, comme la routine « {other} » : "
        "chaque routine a besoin de son propre salon",
    "routine '{id}' is stored under the name of the team's routine file ('{name}'): give it "
    "another id":
        "la routine « {id} » porte le nom du fichier de la routine de l'équipe (« {name} ») : "
        "donnez-lui un autre identifiant",
}
