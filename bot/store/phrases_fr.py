"""French for what the store tells the person running Garant (a database it cannot open,
a newer schema, a refused backup), keyed by the English templates (`bot.phrases`);
registered by `bot/store/__init__.py`."""

FRENCH: dict[str, str] = {
    # --- opening (connection.py)
    "{name} is not a SQLite database; check the database path":
        "{name} n'est pas une base de données SQLite ; vérifiez le chemin de la base de données",
    "{name} is damaged ({error}); restore it from a backup":
        "la base de données {name} est endommagée ({error}) ; restaurez-la à partir d'une "
        "sauvegarde",
    "{name} is locked by another program ({error}); try again or stop that program":
        "la base de données {name} est verrouillée par un autre programme ({error}) ; "
        "réessayez ou arrêtez ce programme",
    "{name} is read-only ({error}); Garant must write its database: check the file's and its "
    "folder's permissions, or the disk's mount":
        "la base de données {name} est en lecture seule ({error}) ; Garant doit pouvoir écrire "
        "dans sa base : vérifiez les droits du fichier et de son dossier, ou le montage du "
        "disque",
    "the disk holding {name} is full; free some space and start again":
        "le disque qui contient {name} est plein ; libérez de la place et relancez",
    "cannot open {location} ({error}); does its folder exist and is it writable?":
        "impossible d'ouvrir {location} ({error}) ; son dossier existe-t-il, et peut-on y "
        "écrire ?",
    "cannot open {location}: {error}": "impossible d'ouvrir {location} : {error}",
    # --- schema versions (migrate.py)
    "{name} was written by a newer Garant ({component} schema {held}, this version knows up "
    "to {latest}); upgrade Garant or use another database":
        "{name} vient d'une version plus récente de Garant (schéma {held} de {component}, "
        "cette version connaît jusqu'au schéma {latest}) ; mettez Garant à jour ou utilisez "
        "une autre base de données",
    "{name} was written by a newer Garant (schema {version}, this version knows up to "
    "{latest}); upgrade Garant or use another database":
        "{name} vient d'une version plus récente de Garant (schéma {version}, cette version "
        "connaît jusqu'au schéma {latest}) ; mettez Garant à jour ou utilisez une autre base "
        "de données",
    "{name} is a SQLite database but not a Garant one; check the path":
        "{name} est une base de données SQLite, mais pas une base de Garant ; vérifiez le "
        "chemin",
    "migration {label} leaves rows breaking a foreign key":
        "la migration {label} laisse des lignes qui enfreignent une clé étrangère",
    "{name}: migration {label} failed: {error}":
        "{name} : échec de la migration {label} : {error}",
    # --- the store in use (db.py)
    "{error}": "{error}",
    "this transaction is finished; open a new one":
        "cette transaction est terminée ; ouvrez-en une nouvelle",
    "no row for: {sql}": "aucune ligne pour : {sql}",
    "the store is closed": "la base de données est fermée",
    "{what} called inside a transaction; use the transaction's methods":
        "{what} appelé dans une transaction ; utilisez les méthodes de la transaction",
    "cannot write a backup to {dest}: {error}":
        "impossible d'écrire une sauvegarde dans {dest} : {error}",
    "the backup copy failed its check: {verdict}":
        "la copie de sauvegarde n'a pas passé la vérification : {verdict}",
    "refusing to back up {name} onto itself; choose another path":
        "refus de sauvegarder {name} sur son propre fichier ; choisissez un autre chemin",
    # --- PostgreSQL (postgres.py) and copies (copy.py)
    "cannot connect to {url}: {error}": "impossible de se connecter à {url} : {error}",
    "{url} holds tables but is not a Garant database; check the database setting":
        "{url} contient des tables mais n'est pas une base de données de Garant ; vérifiez "
        "le réglage database",
    "named parameters are not supported; use ?":
        "les paramètres nommés ne sont pas pris en charge ; utilisez ?",
    "the two databases are at different schema versions ({source} and {target}); open both "
    "with the same Garant first":
        "les deux bases de données n'ont pas les mêmes versions de schéma ({source} et "
        "{target}) ; ouvrez-les d'abord avec la même version de Garant",
    "the target lacks the tables {tables}": "il manque à la cible les tables {tables}",
    "the target database already holds data (table {table}); copy into a new, empty database":
        "la base de données cible contient déjà des données (table {table}) ; copiez dans une "
        "base neuve et vide",
    "the database is busy: another Garant instance has held its write lock for over "
    "{seconds} s":
        "la base de données est occupée : une autre instance de Garant garde son verrou "
        "d'écriture depuis plus de {seconds} s",
}
