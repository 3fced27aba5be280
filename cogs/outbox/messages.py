"""What the outbox cog says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "outbox.help": {"fr": "liste les envois et tâches en échec (modérateurs)",
                    "en": "list the failed deliveries and jobs (moderators)"},
    "outbox.retry.help": {
        "fr": "relance un envoi abandonné, ou tous (N ou « tout », modérateurs)",
        "en": "retry a dead delivery, or all of them (N or \u201call\u201d, moderators)"},
    "outbox.dead": {
        "fr": "⚠️ Garant n'a pas pu livrer l'envoi n° {id} ({what}) après {attempts} essais : "
              "{error}. Une fois la cause réglée : /outbox retry {id}",
        "en": "⚠️ Garant could not deliver #{id} ({what}) after {attempts} attempts: {error}. "
              "Once the cause is fixed: /outbox retry {id}",
    },
    "outbox.job_dead": {
        "fr": "⚠️ La tâche « {job} » ({handler}) prévue le {when} a échoué et ne sera plus "
              "relancée : {error}",
        "en": "⚠️ The job \u201c{job}\u201d ({handler}) due on {when} failed and will not be "
              "retried: {error}",
    },
    "outbox.empty": {"fr": "Aucun envoi ni aucune tâche en échec.",
                     "en": "No failed delivery or job."},
    "outbox.title": {"fr": "Envois en échec ({count}), du plus récent au plus ancien :",
                     "en": "Failed deliveries ({count}), newest first:"},
    "outbox.line.dead": {
        "fr": "  n° {id} · {when} · {what} · abandonné après {attempts} essais : {error}",
        "en": "  #{id} · {when} · {what} · given up after {attempts} attempts: {error}"},
    "outbox.line.refused": {
        "fr": "  n° {id} · {when} · {what} · refusé par la plateforme : {error}",
        "en": "  #{id} · {when} · {what} · refused by the platform: {error}"},
    "outbox.jobs": {"fr": "Tâches abandonnées ({count}) :", "en": "Jobs given up ({count}):"},
    "outbox.job_line": {"fr": "  {job} · {attempts} essais : {error}",
                        "en": "  {job} · {attempts} attempts: {error}"},
    "outbox.hint": {"fr": "Relancer : /outbox retry N, ou /outbox retry tout.",
                    "en": "Retry: /outbox retry N, or /outbox retry all."},
    "outbox.retry.done": {"fr": "Envois remis en file : {count}.",
                          "en": "Deliveries queued again: {count}."},
    "outbox.retry.unknown": {
        "fr": "Aucun envoi abandonné ou refusé n° {id}.",
        "en": "No dead or refused delivery #{id}."},
    "outbox.retry.bad": {
        "fr": "« {value} » n'est ni un numéro d'envoi ni « tout ».",
        "en": "\u201c{value}\u201d is neither a delivery number nor \u201call\u201d."},
}
