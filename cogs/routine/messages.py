"""What the routine cog says, in French and English, and how it writes dates and rates."""

from __future__ import annotations

from datetime import date

_DAYS = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
         "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
_MONTHS = {"fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre"),
           "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")}


def format_day(day: date, language: str) -> str:
    """"lundi 23 novembre", "mardi 1er décembre" / "Monday 23 November": how people say
    a working day."""
    lang = language if language in _DAYS else "en"
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{_DAYS[lang][day.weekday()]} {number} {_MONTHS[lang][day.month - 1]}"


MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- help lines
    "routine.today.help": {
        "fr": "votre avancement du jour dans la routine (visible de vous seul)",
        "en": "your progress in today's routine (only you see it)",
    },
    "routine.done.help": {
        "fr": "coche des actions faites : /routine done [DATE] ID… (ids ou numéros)",
        "en": "tick actions you did: /routine done [DATE] ID... (ids or numbers)",
    },
    "routine.undo.help": {
        "fr": "décoche des actions : /routine undo [DATE] ID…",
        "en": "untick actions: /routine undo [DATE] ID...",
    },
    "routine.note.help": {
        "fr": "ajoute une note à une action (coche l'action) ; sans argument, un formulaire",
        "en": "add a note to an action (ticks it); with no argument, a form",
    },
    "routine.off.help": {
        "fr": "marque un jour off (aujourd'hui par défaut), ou une période : /routine off DU "
              "AU ; votre série n'est pas cassée",
        "en": "mark a day off (today by default), or a period: /routine off FROM TO; your "
              "streak is not broken",
    },
    "routine.on.help": {
        "fr": "annule un jour off (ou ceux d'une période : /routine on DU AU)",
        "en": "cancel a day off (or those of a period: /routine on FROM TO)",
    },
    "routine.tz.help": {
        "fr": "votre fuseau horaire pour le rappel (Europe/London, America/Montreal…) ; "
              "off : celui de l'équipe",
        "en": "your time zone for the reminder (Europe/London, America/Montreal...); off: "
              "the team's"},
    "routine.tz.set": {"fr": "Votre rappel viendra à l'heure de {zone}.",
                       "en": "Your reminder will come on {zone} time."},
    "routine.tz.team": {"fr": "Votre rappel suit de nouveau l'heure de l'équipe ({zone}).",
                        "en": "Your reminder follows the team's time again ({zone})."},
    "routine.tz.mine": {"fr": "Votre rappel suit l'heure de {zone} (l'équipe : {team}).",
                        "en": "Your reminder follows {zone} time (the team: {team})."},
    "routine.tz.unknown": {
        "fr": "Fuseau horaire inconnu : « {zone} ». Écrivez-le comme Europe/Paris, "
              "Europe/London ou America/Montreal.",
        "en": "Unknown time zone: “{zone}”. Write it like Europe/Paris, Europe/London or "
              "America/Montreal."},
    "routine.answer.help": {
        "fr": "répond à une question du jour de la routine (/routine answer publie Un "
              "carrousel LinkedIn)",
        "en": "answer one of the routine's questions of the day (/routine answer published "
              "A LinkedIn carousel)"},
    "routine.answer.done": {"fr": "Réponse enregistrée pour « {question} ».",
                            "en": "Answer saved for “{question}”."},
    "routine.answer.unknown": {"fr": "Question inconnue : « {value} ». Questions du jour : "
                                     "{known}.",
                               "en": "Unknown question: “{value}”. Today's questions: {known}."},
    "routine.answer.none": {"fr": "Cette routine ne pose pas de question.",
                            "en": "This routine asks no questions."},
    "routine.answer.empty": {"fr": "Écrivez votre réponse après l'identifiant de la question : "
                                   "/routine answer {id} VOTRE RÉPONSE.",
                             "en": "Write your answer after the question's id: /routine "
                                   "answer {id} YOUR ANSWER."},
    "routine.prompt.questions": {
        "fr": "Questions du jour (/routine answer ID RÉPONSE) : {questions}",
        "en": "Questions of the day (/routine answer ID ANSWER): {questions}"},
    "routine.review.question": {"fr": "« {question} »", "en": "“{question}”"},
    "routine.review.answer": {"fr": "{name} : {answer}", "en": "{name}: {answer}"},
    "routine.review.no_answer": {"fr": "(pas de réponse)", "en": "(no answer)"},
    "routine.reminder.help": {
        "fr": "le rappel de l'après-midi par message privé quand rien n'est coché : on ou off",
        "en": "the afternoon reminder by direct message when nothing is ticked: on or off",
    },
    "routine.reminder.on": {
        "fr": "Vous recevrez le rappel quand vous n'avez rien coché.",
        "en": "You will get the reminder when you have ticked nothing.",
    },
    "routine.reminder.off": {
        "fr": "Plus de rappel pour vous ; /routine reminder on pour le retrouver.",
        "en": "No more reminders for you; /routine reminder on to get them back.",
    },
    "routine.reminder.named": {
        "fr": "Petit rappel : vous n'avez encore coché aucune action de la routine {title} "
              "aujourd'hui ({day}). /routine today {id} pour la liste ; /routine reminder off "
              "pour ne plus recevoir ce rappel.",
        "en": "A gentle reminder: you have not ticked any action of the {title} routine "
              "today ({day}). /routine today {id} for the list; /routine reminder off to "
              "stop these reminders.",
    },
    "routine.only_one": {
        "fr": "Il n'y a qu'une routine : « {value} » n'en désigne pas une autre. "
              "Essayez sans.",
        "en": "There is only one routine: “{value}” does not name another. Try without it.",
    },
    "routine.reminder.text": {
        "fr": "Petit rappel : vous n'avez encore coché aucune action de la routine "
              "aujourd'hui ({day}). /routine today pour la liste ; /routine reminder off "
              "pour ne plus recevoir ce rappel.",
        "en": "A gentle reminder: you have not ticked any routine action today ({day}). "
              "/routine today for the list; /routine reminder off to stop these reminders.",
    },
    "routine.absent.form": {"fr": "Une absence", "en": "An absence"},
    "routine.absent.from": {"fr": "Du", "en": "From"},
    "routine.absent.until": {"fr": "Au (vide : ce jour seulement)",
                             "en": "Until (empty: that day only)"},
    "routine.absent.placeholder": {"fr": "21/12, demain, 2026-12-21",
                                   "en": "21/12, tomorrow, 2026-12-21"},
    "routine.absent.placeholder.until": {"fr": "4/1", "en": "4/1"},
    "routine.absent.help": {
        "fr": "une absence : chaque jour de routine du … au … est off (ex. : /absent 21/12 "
              "2/1 ; sans date, un formulaire) ; votre série est préservée et le rappel par "
              "message privé suspendu",
        "en": "an absence: every routine day from … to … is off (e.g. /absent 21/12 2/1; "
              "without dates, a form); your streak is kept and the direct-message prompt "
              "paused",
    },
    "routine.dm.help": {
        "fr": "recevoir aussi la routine en message privé (on) ou non (off)",
        "en": "also get the routine by direct message (on) or not (off)",
    },
    "routine.list.help": {
        "fr": "liste les routines (celle de l'équipe, celles des clients) : salon, horaire, "
              "identifiant",
        "en": "list the routines (the team's, the clients'): channel, time, id",
    },
    "routine.list.title": {"fr": "Routines ({count}) :", "en": "Routines ({count}):"},
    "routine.list.line": {
        "fr": "  • {title} — {id} · #{channel} · {time} (bilan : {review}) · {days} · "
              "membres : {members}",
        "en": "  • {title} — {id} · #{channel} · {time} (review: {review}) · {days} · "
              "members: {members}",
    },
    "routine.list.team": {"fr": "routine de l'équipe", "en": "the team's routine"},
    "routine.list.all": {"fr": "tous", "en": "all"},
    "routine.list.error": {"fr": "    ⚠ indisponible : {error}",
                           "en": "    ⚠ unavailable: {error}"},
    "routine.list.hint": {
        "fr": "Dans le salon d'une routine, les commandes agissent sur elle ; ailleurs, "
              "nommez-la : /routine done {id} 3, /routine today {id}.",
        "en": "In a routine's channel, commands act on it; elsewhere, name it: "
              "/routine done {id} 3, /routine today {id}.",
    },
    "routine.unknown_routine": {
        "fr": "Routine inconnue : « {value} ». Routines : {known}.",
        "en": "Unknown routine: “{value}”. Routines: {known}.",
    },
    "routine.show.help": {
        "fr": "liste les actions de la routine, avec leurs conseils",
        "en": "list the routine's actions, with their hints",
    },
    "routine.reload.help": {
        "fr": "relit le fichier de la routine (modérateurs)",
        "en": "re-read the routine file (moderators)",
    },
    # ---------------------------------------------------------------- the daily card
    "routine.prompt.title": {
        "fr": "☀ {title} — {day}", "en": "☀ {title} — {day}",
    },
    "routine.prompt.section_title": {
        "fr": "☀ {title} — {day} — {section}", "en": "☀ {title} — {day} — {section}",
    },
    "routine.prompt.intro": {
        "fr": "Cochez ce que vous avez fait : un clic coche, un second décoche.",
        "en": "Tick what you did: one click ticks, a second unticks.",
    },
    # In the footer, which platforms may rewrite (Slack: /garant routine done...); the
    # card's text is never rewritten.
    "routine.prompt.commands": {
        "fr": "Ou : /routine done ID…, /routine today.",
        "en": "Or: /routine done ID..., /routine today.",
    },
    "routine.prompt.commands.scoped": {
        "fr": "Ou : /routine done {id} ID…, /routine today {id}.",
        "en": "Or: /routine done {id} ID..., /routine today {id}.",
    },
    "routine.prompt.footer": {
        "fr": "Équipe : {done} action(s) cochée(s) par {members} membre(s) · objectif : "
              "{minimum} par personne",
        "en": "Team: {done} action(s) ticked by {members} member(s) · goal: {minimum} each",
    },
    "routine.prompt.section_footer": {
        "fr": "Section : {done} action(s) cochée(s) · objectif : {minimum} actions par personne "
              "et par jour",
        "en": "Section: {done} action(s) ticked · goal: {minimum} actions each per day",
    },
    "routine.button.note": {"fr": "📝 Note", "en": "📝 Note"},
    "routine.button.me": {"fr": "Mon bilan", "en": "My day"},
    # ---------------------------------------------------------------- ticking
    "routine.ticked": {
        "fr": "✓ Coché : {actions}.", "en": "✓ Ticked: {actions}.",
    },
    "routine.already": {
        "fr": "Déjà coché : {actions}.", "en": "Already ticked: {actions}.",
    },
    "routine.unticked": {
        "fr": "☐ Décoché : {actions}.", "en": "☐ Unticked: {actions}.",
    },
    "routine.not_ticked": {
        "fr": "Pas coché : {actions}.", "en": "Not ticked: {actions}.",
    },
    "routine.progress": {
        "fr": "{day} : {done}/{total} action(s) (objectif : {minimum}) · série : {streak} "
              "jour(s).",
        "en": "{day}: {done}/{total} action(s) (goal: {minimum}) · streak: {streak} day(s).",
    },
    "routine.noted": {
        "fr": "📝 Note ajoutée à « {action} ».", "en": "📝 Note added to \u201c{action}\u201d.",
    },
    "routine.need_ids": {
        "fr": "Dites quelles actions, par identifiant ou numéro. Usage : {usage} "
              "(/routine show les liste).",
        "en": "Say which actions, by id or number. Usage: {usage} (/routine show lists them).",
    },
    "routine.unknown_action": {
        "fr": "Action inconnue : « {value} ».{hint} /routine show liste les actions.",
        "en": "Unknown action: \u201c{value}\u201d.{hint} /routine show lists the actions.",
    },
    "routine.did_you_mean": {
        "fr": " Vouliez-vous dire {guess} ?", "en": " Did you mean {guess}?",
    },
    "routine.bad_day": {
        "fr": "Date non comprise : « {value} ». Exemples : 2026-11-23, 23/11, aujourd'hui, "
              "demain.",
        "en": "Cannot read the date \u201c{value}\u201d. Examples: 2026-11-23, 23/11, today, "
              "tomorrow.",
    },
    "routine.not_today": {
        "fr": "Pas de routine aujourd'hui ({day}). Pour {previous} : /routine done {iso} ID…",
        "en": "No routine today ({day}). For {previous}: /routine done {iso} ID...",
    },
    "routine.not_today.closed": {
        "fr": "Pas de routine aujourd'hui, {day} : {why}. Pour {previous} : "
              "/routine done {iso} ID…",
        "en": "No routine today, {day}: {why}. For {previous}: /routine done {iso} ID...",
    },
    "routine.closed_day": {
        "fr": "jour de fermeture", "en": "closed day",
    },
    "routine.closed": {
        "fr": "La routine du {day} est close : on coche le jour même, ou jusqu'au jour de "
              "routine suivant ({open}).",
        "en": "The routine of {day} is closed: ticks are for the day itself, or until the "
              "next routine day ({open}).",
    },
    "routine.future": {
        "fr": "Le {day} n'est pas encore arrivé : on ne coche que ce qui est fait.",
        "en": "{day} has not come yet: only tick what is done.",
    },
    "routine.members_only": {
        "fr": "La routine est réservée aux membres de la coopérative.",
        "en": "The routine is for the co-operative's members.",
    },
    "routine.unavailable": {
        "fr": "La routine est indisponible : {error}",
        "en": "The routine is unavailable: {error}",
    },
    # ---------------------------------------------------------------- notes
    "routine.note.form": {"fr": "Note sur une action du {day}", "en": "Note on an action, {day}"},
    "routine.note.action": {"fr": "Action (identifiant)", "en": "Action (id)"},
    "routine.note.text": {"fr": "Note", "en": "Note"},
    "routine.note.placeholder": {
        "fr": "ex. répondu au fil sur les tarifs", "en": "e.g. replied to the thread on pricing",
    },
    "routine.note.need_text": {
        "fr": "Il manque le texte de la note. Usage : /routine note ID TEXTE…",
        "en": "The note's text is missing. Usage: /routine note ID TEXT...",
    },
    "routine.note.too_long": {
        "fr": "Une note fait {max} caractères au plus.", "en": "A note is at most {max} "
                                                              "characters.",
    },
    # ---------------------------------------------------------------- today
    "routine.today.title": {
        "fr": "Votre routine — {day}", "en": "Your routine — {day}",
    },
    "routine.today.summary": {
        "fr": "{done}/{total} action(s) · objectif : {minimum} · série : {streak} jour(s) "
              "(record : {best})",
        "en": "{done}/{total} action(s) · goal: {minimum} · streak: {streak} day(s) "
              "(best: {best})",
    },
    "routine.today.off": {
        "fr": "Jour off : il ne compte pas dans votre série.",
        "en": "Day off: it does not count in your streak.",
    },
    # ---------------------------------------------------------------- the home view
    "routine.home.title": {
        "fr": "☀ Votre routine du jour — {day}", "en": "☀ Your routine today — {day}",
    },
    "routine.home.ticked": {"fr": "Coché :", "en": "Ticked:"},
    "routine.home.note": {"fr": " — « {note} »", "en": " — \u201c{note}\u201d"},
    "routine.home.nothing": {
        "fr": "Rien de coché pour l'instant : /routine done ID…, ou les boutons de la carte "
              "du jour.",
        "en": "Nothing ticked yet: /routine done ID..., or the buttons of today's card.",
    },
    # ---------------------------------------------------------------- days off
    "routine.off.done": {
        "fr": "Le {day} est marqué off : il ne cassera pas votre série.",
        "en": "{day} is marked off: it will not break your streak.",
    },
    "routine.off.already": {
        "fr": "Le {day} était déjà marqué off.", "en": "{day} was already marked off.",
    },
    "routine.on.done": {
        "fr": "Le {day} n'est plus off.", "en": "{day} is no longer off.",
    },
    "routine.on.already": {
        "fr": "Le {day} n'était pas marqué off.", "en": "{day} was not marked off.",
    },
    "routine.off.not_routine": {
        "fr": "Le {day} n'est pas un jour de routine ; rien à marquer.",
        "en": "{day} is not a routine day; nothing to mark.",
    },
    "routine.off.not_routine.closed": {
        "fr": "Le {day} n'est pas un jour de routine ({why}) ; rien à marquer.",
        "en": "{day} is not a routine day ({why}); nothing to mark.",
    },
    "routine.off.too_old": {
        "fr": "Le {day} est passé : un jour off se marque au plus tard le jour de routine "
              "suivant.",
        "en": "{day} is over: a day off is marked at the latest on the next routine day.",
    },
    "routine.off.range": {
        "fr": "Absence du {day} au {last} : {count} jour(s) de routine off ({changed} de plus "
              "qu'avant) ; votre série est préservée.",
        "en": "Away from {day} to {last}: {count} routine day(s) off ({changed} more than "
              "before); your streak is kept.",
    },
    "routine.on.range": {
        "fr": "Du {day} au {last} : {changed} jour(s) off annulé(s).",
        "en": "From {day} to {last}: {changed} day(s) off cancelled.",
    },
    "routine.off.backwards": {
        "fr": "Le {last} est avant le {day} : donnez le premier jour, puis le dernier.",
        "en": "{last} is before {day}: give the first day, then the last.",
    },
    "routine.off.too_far": {
        "fr": "Un jour off se planifie à un an au plus.",
        "en": "A day off can be planned at most a year ahead.",
    },
    # ---------------------------------------------------------------- DMs
    "routine.dm.on": {
        "fr": "Vous recevrez aussi la routine en message privé chaque jour de routine.",
        "en": "You will also get the routine by direct message on every routine day.",
    },
    "routine.dm.off": {
        "fr": "Vous ne recevrez plus la routine en message privé.",
        "en": "You will no longer get the routine by direct message.",
    },
    "routine.dm.disabled": {
        "fr": "La routine en message privé est désactivée dans la configuration "
              "(routine.dm_opt_in).",
        "en": "The routine by direct message is turned off in the configuration "
              "(routine.dm_opt_in).",
    },
    # ---------------------------------------------------------------- show and reload
    "routine.show.head": {
        "fr": "{title} ({name}) : {count} action(s)", "en": "{title} ({name}): {count} action(s)",
    },
    "routine.reload.done": {
        "fr": "Routine rechargée : {title} ({count} action(s)).",
        "en": "Routine reloaded: {title} ({count} action(s)).",
    },
    "routine.reload.kept": {
        "fr": "⚠ Erreur, l'ancienne version reste en service : {error}",
        "en": "⚠ Error, the previous version stays in use: {error}",
    },
    "routine.reload.failed": {
        "fr": "⚠ Routine toujours indisponible : {error}",
        "en": "⚠ Routine still unavailable: {error}",
    },
    # ---------------------------------------------------------------- review
    "routine.review.title": {
        "fr": "🌇 Bilan de la routine — {day}", "en": "🌇 Routine review — {day}",
    },
    "routine.review.rate": {
        "fr": "Taux de réalisation de l'équipe : {rate} ({done} action(s) sur {possible})",
        "en": "Team completion rate: {rate} ({done} action(s) out of {possible})",
    },
    "routine.review.who": {"fr": "Qui a fait quoi :", "en": "Who did what:"},
    "routine.review.member": {
        "fr": "{name} : {done}/{total}{streak}", "en": "{name}: {done}/{total}{streak}",
    },
    "routine.review.streak": {
        "fr": " · série : {days} jour(s)", "en": " · streak: {days} day(s)",
    },
    "routine.review.member_off": {
        "fr": "{name} : jour off", "en": "{name}: day off",
    },
    "routine.review.neglected": {
        "fr": "Sections délaissées : {sections}", "en": "Neglected sections: {sections}",
    },
    "routine.review.none_neglected": {
        "fr": "Aucune section délaissée.", "en": "No section neglected.",
    },
    "routine.review.notes": {"fr": "Notes :", "en": "Notes:"},
    "routine.review.note": {
        "fr": "{name}, {action} : {note}", "en": "{name}, {action}: {note}",
    },
    "routine.review.more_notes": {
        "fr": "… et {count} autre(s) note(s)", "en": "… and {count} more note(s)",
    },
    "routine.review.nobody": {
        "fr": "Personne n'a coché d'action aujourd'hui.", "en": "Nobody ticked an action today.",
    },
    # ---------------------------------------------------------------- /stats, reports
    "routine.stats.title": {"fr": "Routine", "en": "Routine"},
    "routine.stats.days": {
        "fr": "{name} — {days} jour(s) de routine, équipe : {rate}",
        "en": "{name} — {days} routine day(s), team: {rate}",
    },
    "routine.stats.none": {
        "fr": "{name} — aucun jour de routine sur la période",
        "en": "{name} — no routine day in the period",
    },
    "routine.stats.skipped": {
        "fr": "  Routines manquées (bot arrêté) : {count}",
        "en": "  Routines missed (bot down): {count}",
    },
    "routine.stats.members": {"fr": "  Par membre :", "en": "  By member:"},
    "routine.stats.member": {
        "fr": "    {name} : {rate} ({done}/{possible}) · série : {streak} · record : {best}",
        "en": "    {name}: {rate} ({done}/{possible}) · streak: {streak} · best: {best}",
    },
    "routine.stats.away": {
        "fr": " · présence : {present}/{days} jours", "en": " · present: {present}/{days} days",
    },
    "routine.stats.sections": {
        "fr": "  Par section : {sections}", "en": "  By section: {sections}",
    },
    "routine.stats.chart.title": {
        "fr": "Routine : taux de réalisation de l'équipe",
        "en": "Routine: team completion rate",
    },
    "routine.stats.chart.named": {
        "fr": "Routine {id} : taux de réalisation",
        "en": "Routine {id}: completion rate",
    },
}
