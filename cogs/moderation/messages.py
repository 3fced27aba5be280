"""What the moderation cog says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    # live checks
    "mod.hint": {
        "fr": "Suggestion de la charte pour votre message : {details}",
        "en": "The charter suggests, about your message: {details}",
    },
    "mod.warn": {"fr": "{author}, attention : {details}", "en": "{author}, careful: {details}"},
    "mod.blocked": {
        "fr": "Votre message dans #{channel} a été retiré : {details} Les modérateurs "
              "peuvent le rétablir.",
        "en": "Your message in #{channel} was removed: {details} The moderators can restore "
              "it.",
    },
    "mod.delete_yourself": {
        "fr": "Votre message dans #{channel} enfreint la charte : {details} Merci de le "
              "supprimer ou de le modifier.",
        "en": "Your message in #{channel} breaks the charter: {details} Please delete or edit "
              "it.",
    },
    "mod.held": {
        "fr": "Votre message dans #{channel} est masqué jusqu'à sa vérification par un "
              "modérateur (hors des heures de modération).",
        "en": "Your message in #{channel} is hidden until a moderator reviews it (outside "
              "moderation hours).",
    },
    "mod.restored": {
        "fr": "Message de {author}, rétabli après vérification : « {text} »",
        "en": "Message from {author}, restored after review: \u201c{text}\u201d",
    },
    # card
    "mod.card.title": {"fr": "Signalement n° {id} — {status}", "en": "Report #{id} — {status}"},
    "mod.status.open": {"fr": "à traiter", "en": "to review"},
    "mod.status.escalated": {"fr": "transmis au directeur de publication",
                             "en": "escalated to the publication director"},
    "mod.status.kept": {"fr": "conservé", "en": "kept"},
    "mod.status.removed": {"fr": "retiré", "en": "removed"},
    "mod.status.warned": {"fr": "auteur averti", "en": "author warned"},
    "mod.field.author": {"fr": "Auteur", "en": "Author"},
    "mod.field.channel": {"fr": "Salon", "en": "Channel"},
    "mod.field.link": {"fr": "Lien", "en": "Link"},
    "mod.field.message": {"fr": "Message", "en": "Message"},
    "mod.field.findings": {"fr": "Constats de la charte", "en": "Charter findings"},
    "mod.field.reports": {"fr": "Signalements", "en": "Reports"},
    "mod.field.warned": {"fr": "Auteur averti par", "en": "Author warned by"},
    "mod.field.claimed": {"fr": "Pris en charge par", "en": "Claimed by"},
    "mod.field.decision": {"fr": "Décision", "en": "Decision"},
    "mod.state.visible": {"fr": "visible", "en": "visible"},
    "mod.state.hidden": {"fr": "masqué en attente de vérification",
                         "en": "hidden until reviewed"},
    "mod.state.deleted": {"fr": "supprimé", "en": "deleted"},
    "mod.state.delete_requested": {
        "fr": "le bot ne peut pas le supprimer : l'auteur a été invité à le retirer",
        "en": "the bot cannot delete it: the author was asked to remove it",
    },
    "mod.report_line": {"fr": "{name} : {reason}{note}", "en": "{name}: {reason}{note}"},
    "mod.decision": {"fr": "{outcome} par {actor} le {when}{reason}",
                     "en": "{outcome} by {actor} on {when}{reason}"},
    "mod.button.keep": {"fr": "Conserver", "en": "Keep"},
    "mod.button.remove": {"fr": "Retirer", "en": "Remove"},
    "mod.button.warn": {"fr": "Avertir l'auteur", "en": "Warn author"},
    "mod.button.escalate": {"fr": "Escalader", "en": "Escalate"},
    "mod.button.claim": {"fr": "Prendre en charge", "en": "Claim"},
    "mod.reason.spam": {"fr": "spam", "en": "spam"},
    "mod.reason.off_topic": {"fr": "hors-sujet", "en": "off-topic"},
    "mod.reason.inappropriate": {"fr": "inapproprié", "en": "inappropriate"},
    "mod.reason.personal_data": {"fr": "données personnelles", "en": "personal data"},
    "mod.reason.other": {"fr": "autre", "en": "other"},
    # actions
    "mod.refused": {
        "fr": "Seuls les modérateurs et le directeur de publication peuvent traiter les "
              "signalements.",
        "en": "Only moderators and the publication director can handle reports.",
    },
    "mod.gone": {"fr": "Le signalement n° {id} n'existe pas.",
                 "en": "Report #{id} does not exist."},
    "mod.already": {
        "fr": "Déjà traité : le signalement n° {id} est « {status} » ({actor}, {when}). Rien "
              "n'a été changé.",
        "en": "Already handled: report #{id} is \u201c{status}\u201d ({actor}, {when}). Nothing "
              "was changed.",
    },
    "mod.not_from": {
        "fr": "Impossible : le signalement n° {id} est « {status} ».",
        "en": "Not possible: report #{id} is \u201c{status}\u201d.",
    },
    "mod.form.remove": {"fr": "Retirer le message n° {id}", "en": "Remove message #{id}"},
    "mod.form.warn": {"fr": "Avertir l'auteur du message n° {id}",
                      "en": "Warn the author of message #{id}"},
    "mod.form.escalate": {"fr": "Escalader le signalement n° {id}",
                          "en": "Escalate report #{id}"},
    "mod.form.reason": {"fr": "Raison", "en": "Reason"},
    "mod.done.keep": {"fr": "Signalement n° {id} : message conservé.",
                      "en": "Report #{id}: message kept."},
    "mod.done.remove": {"fr": "Signalement n° {id} : message retiré.",
                        "en": "Report #{id}: message removed."},
    "mod.done.remove_pending": {
        "fr": "Signalement n° {id} : retrait décidé. La plateforme n'a pas encore confirmé la "
              "suppression ; Garant réessaie et la fiche le montrera.",
        "en": "Report #{id}: removal decided. The platform has not confirmed the deletion "
              "yet; Garant is retrying and the card will show it.",
    },
    "mod.done.warn": {"fr": "Signalement n° {id} : {author} a été averti. Le signalement reste "
                            "ouvert : conservez ou retirez le message.",
                      "en": "Report #{id}: {author} was warned. The report stays open: keep or "
                            "remove the message."},
    "mod.done.escalate": {"fr": "Signalement n° {id} transmis au directeur de publication.",
                          "en": "Report #{id} escalated to the publication director."},
    "mod.done.claim": {"fr": "Vous prenez en charge le signalement n° {id}.",
                       "en": "You claimed report #{id}."},
    "mod.removed_author": {
        "fr": "Votre message dans #{channel} a été retiré par la modération. Raison : {reason}",
        "en": "Your message in #{channel} was removed by the moderators. Reason: {reason}",
    },
    "mod.escalated_dm": {
        "fr": "Le signalement n° {id} (message de {author} dans #{channel}) vous est transmis "
              "par {actor} : {reason}",
        "en": "Report #{id} (message from {author} in #{channel}) was escalated to you by "
              "{actor}: {reason}",
    },
    "mod.please_delete": {
        "fr": "La modération demande le retrait de votre message dans #{channel} (raison : "
              "{reason}). Merci de le supprimer ; le bot ne peut pas le faire ici.",
        "en": "The moderators ask you to remove your message in #{channel} (reason: "
              "{reason}). Please delete it; the bot cannot do it here.",
    },
    "mod.deleted_by_author": {"fr": "message supprimé sur la plateforme",
                              "en": "message deleted on the platform"},
    "mod.cannot_delete": {
        "fr": "Le bot n'a pas pu supprimer le message ; son auteur a été invité à le retirer.",
        "en": "The bot could not delete the message; its author was asked to remove it.",
    },
    # queue
    "mod.queue.help": {"fr": "liste les signalements ouverts (modérateurs)",
                       "en": "list the open reports (moderators)"},
    "mod.queue.show.help": {"fr": "montre un signalement et son historique (modérateurs)",
                            "en": "show a report and its history (moderators)"},
    "mod.queue.empty": {"fr": "Aucun signalement ouvert.", "en": "No open report."},
    "mod.queue.title": {"fr": "Signalements ouverts ({count}), du plus ancien au plus récent :",
                        "en": "Open reports ({count}), oldest first:"},
    "mod.queue.line": {
        "fr": "  n° {id} · {age} · {author} dans #{channel} · {summary}",
        "en": "  #{id} · {age} · {author} in #{channel} · {summary}",
    },
    "mod.queue.history": {"fr": "Historique :", "en": "History:"},
    "mod.queue.event": {"fr": "  {when} · {actor} · {action}{reason}",
                        "en": "  {when} · {actor} · {action}{reason}"},
    "mod.reminder": {
        "fr": "Signalements ouverts depuis plus de {age} : {items}",
        "en": "Reports open for more than {age}: {items}",
    },
    # reports
    "mod.report.help": {
        "fr": "signale un message aux modérateurs (RAISON : spam, hors-sujet, inapproprié, "
              "données-perso, autre + note)",
        "en": "report a message to the moderators (REASON: spam, off-topic, inappropriate, "
              "personal-data, other + note)",
    },
    "mod.report.action": {"fr": "Signaler aux modérateurs", "en": "Report to moderators"},
    "mod.report.form": {"fr": "Signaler ce message", "en": "Report this message"},
    "mod.report.reason": {"fr": "Raison", "en": "Reason"},
    "mod.report.note": {"fr": "Précisions (obligatoire pour « autre »)",
                        "en": "Details (required for \u201cother\u201d)"},
    "mod.report.note_required": {"fr": "Précisez la raison « autre ».",
                                 "en": "Explain the \u201cother\u201d reason."},
    "mod.report.bad_reason": {
        "fr": "Raison inconnue : « {reason} ». Choisissez : spam, hors-sujet, inapproprié, "
              "données-perso, autre.",
        "en": "Unknown reason: \u201c{reason}\u201d. Choose: spam, off-topic, inappropriate, "
              "personal-data, other.",
    },
    "mod.report.note_needed": {
        "fr": "Pour « autre », ajoutez une note : /report ID autre votre explication",
        "en": "For \u201cother\u201d, add a note: /report ID other your explanation",
    },
    "mod.duty.new": {
        "fr": "Nouveau signalement n° {id} dans #{channel} ({author}) : vous êtes de "
              "permanence.",
        "en": "New item #{id} in #{channel} ({author}): you are on duty."},
    "mod.duty.escalated": {
        "fr": "Le signalement n° {id} dans #{channel} attend depuis {age} et personne n'est "
              "de permanence : il vous revient.",
        "en": "Item #{id} in #{channel} has waited {age} and nobody is on duty: it is yours."},
    "mod.form.canned": {"fr": "Motif type (facultatif)", "en": "Canned reason (optional)"},
    "mod.form.reason_needed": {"fr": "Choisissez un motif type ou écrivez une raison.",
                               "en": "Pick a canned reason or write one."},
    "mod.field.earlier_texts": {"fr": "Avant modification", "en": "Before the edit"},
    "mod.quoted": {"fr": "« {text} »", "en": "“{text}”"},
    "mod.field.previous": {"fr": "Signalements précédents", "en": "Earlier items"},
    "mod.previous": {"fr": "{count} — {items} (/case {author})",
                     "en": "{count} — {items} (/case {author})"},
    "mod.item_ref": {"fr": "n° {id}", "en": "#{id}"},
    "mod.charter_stats.help": {
        "fr": "chaque règle : constats et précision mesurée par les décisions des modérateurs "
              "(/charter stats [RÈGLE] [JOURS])",
        "en": "each rule: hits and the precision moderators' decisions measure "
              "(/charter stats [RULE] [DAYS])",
    },
    "mod.charter_stats.title": {"fr": "Règles de la charte — {days} derniers jours :",
                                "en": "Charter rules — last {days} days:"},
    "mod.charter_stats.rule": {
        "fr": "  {rule} : {hits} constat(s) · {right} retiré(s) ou averti(s), {wrong} "
              "conservé(s) · précision {precision}",
        "en": "  {rule}: {hits} hit(s) · {right} removed or warned, {wrong} kept · "
              "precision {precision}"},
    "mod.charter_stats.shadow": {
        "fr": "  {rule} (en observation) : aurait agi {hits} fois",
        "en": "  {rule} (shadow mode): would have acted {hits} time(s)"},
    "mod.charter_stats.none": {"fr": "  Aucun constat sur la période.",
                               "en": "  No hit in the period."},
    "mod.stats.review_rules": {"fr": "  Règles à revoir (précision < 80 %) : {rules}",
                               "en": "  Rules to review (precision < 80%): {rules}"},
    "mod.stats.precision": {"fr": "{rule} {rate} ({right}/{decided})",
                            "en": "{rule} {rate} ({right}/{decided})"},
    "mod.appeal.help": {
        "fr": "contester une décision de modération sur votre message, une fois "
              "(/appeal N RAISON)",
        "en": "contest a moderation decision about your message, once (/appeal N REASON)",
    },
    "mod.appeal.hint": {"fr": "Pour contester : /appeal {item} RAISON.",
                        "en": "To contest it: /appeal {item} REASON."},
    "mod.appeal.sent": {
        "fr": "Contestation n° {id} transmise : un autre modérateur que celui qui a décidé "
              "(ou la direction de la publication) l'examinera ; la réponse vous sera envoyée.",
        "en": "Appeal #{id} sent: a moderator other than the one who decided (or the "
              "publication director) will review it, and you will be told.",
    },
    "mod.appeal.once": {"fr": "Le signalement n° {item} a déjà été contesté : une fois "
                              "seulement.",
                        "en": "Item #{item} was already contested: once only."},
    "mod.appeal.not_yours": {"fr": "Seul l'auteur du message n° {id} peut contester la décision.",
                             "en": "Only the author of message #{id} can contest the decision."},
    "mod.appeal.not_contestable": {
        "fr": "Rien à contester sur le n° {id} : seuls un retrait ou un avertissement se "
              "contestent.",
        "en": "Nothing to contest on #{id}: only a removal or a warning can be contested."},
    "mod.appeal.not_you": {
        "fr": "Vous avez pris la décision contestée : un autre modérateur (ou la direction de "
              "la publication) doit l'examiner.",
        "en": "You made the decision being contested: another moderator (or the publication "
              "director) must review it."},
    "mod.appeal.done_already": {"fr": "La contestation n° {id} est déjà tranchée.",
                                "en": "Appeal #{id} is already decided."},
    "mod.appeal.form.uphold": {"fr": "Maintenir la décision (contestation n° {id})",
                               "en": "Uphold the decision (appeal #{id})"},
    "mod.appeal.form.overturn": {"fr": "Annuler la décision (contestation n° {id})",
                                 "en": "Overturn the decision (appeal #{id})"},
    "mod.appeal.decided.upheld": {"fr": "Contestation n° {id} : décision maintenue.",
                                  "en": "Appeal #{id}: decision upheld."},
    "mod.appeal.decided.overturned": {"fr": "Contestation n° {id} : décision annulée.",
                                      "en": "Appeal #{id}: decision overturned."},
    "mod.appeal.told.upheld": {
        "fr": "Votre contestation du signalement n° {item} est rejetée : la décision est "
              "maintenue. Motif : {reason}",
        "en": "Your appeal on item #{item} is rejected: the decision stands. Reason: {reason}"},
    "mod.appeal.told.overturned": {
        "fr": "Votre contestation du signalement n° {item} est acceptée : la décision est "
              "annulée. Motif : {reason}",
        "en": "Your appeal on item #{item} is accepted: the decision is overturned. "
              "Reason: {reason}"},
    "mod.appeal.title": {"fr": "Contestation n° {id} — signalement n° {item} — {status}",
                         "en": "Appeal #{id} — item #{item} — {status}"},
    "mod.appeal.status.open": {"fr": "à examiner", "en": "to review"},
    "mod.appeal.status.upheld": {"fr": "décision maintenue", "en": "decision upheld"},
    "mod.appeal.status.overturned": {"fr": "décision annulée", "en": "decision overturned"},
    "mod.appeal.field.decision": {"fr": "Décision contestée", "en": "Decision contested"},
    "mod.appeal.field.reason": {"fr": "Motif de l'auteur", "en": "Author's reason"},
    "mod.appeal.field.outcome": {"fr": "Issue", "en": "Outcome"},
    "mod.appeal.outcome.upheld": {"fr": "maintenue par {actor} — {reason}",
                                  "en": "upheld by {actor} — {reason}"},
    "mod.appeal.outcome.overturned": {"fr": "annulée par {actor} — {reason}",
                                      "en": "overturned by {actor} — {reason}"},
    "mod.appeal.button.uphold": {"fr": "Maintenir", "en": "Uphold"},
    "mod.appeal.button.overturn": {"fr": "Annuler la décision", "en": "Overturn"},
    "mod.case.help": {
        "fr": "le dossier d'un membre : signalements, décisions, avertissements, exclusions "
              "temporaires, notes des modérateurs",
        "en": "a member's case file: flags, reports, decisions, warnings, timeouts, "
              "moderators' notes",
    },
    # ---------------------------------------------------------------- exceptions
    "mod.button.exception": {"fr": "Exception…", "en": "Exception..."},
    "mod.exception.help": {
        "fr": "ajoute à la charte une exception tirée d'un élément de la file : le mot "
              "signalé dans une expression, ou la règle levée dans ce salon",
        "en": "add an exception to the charter from a review item: the matched word in a "
              "phrase, or the rule lifted in that channel",
    },
    "mod.exception.form": {"fr": "Exception à la charte — élément n° {id}",
                           "en": "Charter exception — item #{id}"},
    "mod.exception.rule": {"fr": "Règle", "en": "Rule"},
    "mod.exception.scope": {"fr": "Où (une expression, ou tout le salon #{channel})",
                            "en": "Where (a phrase, or the whole #{channel} channel)"},
    "mod.exception.scope.phrase": {"fr": "expression", "en": "phrase"},
    "mod.exception.scope.channel": {"fr": "salon", "en": "channel"},
    "mod.exception.phrase": {"fr": "Expression qui contient le mot signalé",
                             "en": "Phrase holding the matched word"},
    "mod.exception.phrase.placeholder": {"fr": "pain bâtard", "en": "Scunthorpe United"},
    "mod.exception.why": {"fr": "Pourquoi (écrit dans la charte)",
                          "en": "Why (written in the charter)"},
    "mod.exception.why.placeholder": {"fr": "C'est une sorte de pain, pas une insulte.",
                                      "en": "A town's name, not an insult."},
    "mod.exception.why.needed": {"fr": "Dites pourquoi : la raison est écrite dans la charte.",
                                 "en": "Say why: the reason is written in the charter."},
    "mod.exception.rule.unknown": {"fr": "Choisissez une des règles qui ont signalé ce "
                                         "message : {known}.",
                                   "en": "Pick one of the rules that reported this message: "
                                         "{known}."},
    "mod.exception.channel_only": {
        "fr": "La règle « {rule} » ({kind}) ne prend d'exception que par salon.",
        "en": "Rule '{rule}' ({kind}) takes exceptions by channel only.",
    },
    "mod.exception.phrase.must_hold": {
        "fr": "L'expression doit contenir le mot signalé « {matched} » : c'est lui qu'elle "
              "laisse passer.",
        "en": "The phrase must hold the matched word “{matched}”: that is what it lets pass.",
    },
    "mod.exception.phrase.one_word": {
        "fr": "Une exception d'orthographe est un seul mot.",
        "en": "A spelling exception is one word.",
    },
    "mod.exception.no_rule": {
        "fr": "Aucune règle de la charte n'a signalé l'élément n° {id} : pas d'exception à "
              "écrire.",
        "en": "No charter rule reported item #{id}: there is no exception to write.",
    },
    "mod.exception.bundled": {
        "fr": "La charte « {charter} » est une des chartes fournies avec Garant ({path}) : "
              "copiez-la dans votre dossier de chartes (« charters_dir » dans garant.yaml) "
              "pour y écrire des exceptions.",
        "en": "Charter '{charter}' is one of Garant's bundled charters ({path}): copy it into "
              "your charters directory ('charters_dir' in garant.yaml) to write exceptions "
              "into it.",
    },
    "mod.exception.note": {
        "fr": "exception de {name} le {day} (élément n° {id}) : {why}",
        "en": "exception by {name} on {day} (item #{id}): {why}",
    },
    "mod.exception.what.phrase": {"fr": "« {phrase} » passe", "en": "“{phrase}” passes"},
    "mod.exception.what.channel": {"fr": "ne s'applique plus dans #{channel}",
                                   "en": "no longer applies in #{channel}"},
    "mod.exception.done": {
        "fr": "Exception écrite dans la charte {charter}, règle « {rule} » : {what}.\n"
              "Fichier : {path} (version précédente gardée : {previous}) ; charte rechargée.",
        "en": "Exception written into charter {charter}, rule '{rule}': {what}.\n"
              "File: {path} (previous version kept: {previous}); charter reloaded.",
    },
    "mod.exception.passes": {"fr": "Le message de l'élément n° {id} passerait désormais.",
                             "en": "Item #{id}'s message would now pass."},
    "mod.exception.still": {
        "fr": "Le message de l'élément n° {id} serait encore signalé par cette règle (un "
              "autre passage du texte).",
        "en": "Item #{id}'s message would still be reported by this rule (another part of "
              "the text).",
    },
    "mod.exception.failed": {"fr": "Exception non écrite : {error}",
                             "en": "Exception not written: {error}"},
    "mod.exception.other_failed": {
        "fr": "⚠ Une autre charte ne se recharge plus (elle garde sa version précédente) : "
              "{error}",
        "en": "⚠ Another charter no longer reloads (it keeps its previous version): {error}",
    },
    "mod.exception.told": {
        "fr": "📝 {name} a ajouté une exception à la charte {charter}, règle « {rule} » : "
              "{what} — {why}",
        "en": "📝 {name} added an exception to charter {charter}, rule '{rule}': {what} — "
              "{why}",
    },
    "mod.note.help": {
        "fr": "une note des modérateurs dans le dossier d'un membre (jamais montrée au membre)",
        "en": "a moderators' note in a member's case file (never shown to the member)",
    },
    "mod.note.done": {"fr": "Note ajoutée au dossier de {user}.",
                      "en": "Note added to {user}'s case file."},
    "mod.case.unknown": {"fr": "Personne ne s'appelle « {name} » ici.",
                         "en": "Nobody is called “{name}” here."},
    "mod.case.empty": {"fr": "Dossier de {user} : rien.", "en": "{user}'s case file: nothing."},
    "mod.case.title": {"fr": "Dossier de {user} ({count} élément(s)) :",
                       "en": "{user}'s case file ({count} entry(ies)):"},
    "mod.case.flagged": {
        "fr": "signalement n° {id} dans #{channel} ({why}) : « {excerpt} »",
        "en": "item #{id} in #{channel} ({why}): “{excerpt}”"},
    "mod.case.decided": {"fr": "n° {id} : {status} par {by} — {reason}",
                         "en": "#{id}: {status} by {by} — {reason}"},
    "mod.case.reported": {"fr": "a signalé un message de {author} (n° {id}, {reason})",
                          "en": "reported a message by {author} (#{id}, {reason})"},
    "mod.case.warning": {"fr": "avertissement de {by}{item} : {reason}",
                         "en": "warning by {by}{item}: {reason}"},
    "mod.case.warning_expired": {"fr": "avertissement de {by}{item}, expiré : {reason}",
                                 "en": "warning by {by}{item}, expired: {reason}"},
    "mod.case.timeout": {"fr": "exclu temporairement ({minutes} min)",
                         "en": "timed out ({minutes} min)"},
    "mod.case.note": {"fr": "note de {by} : {text}", "en": "note by {by}: {text}"},
    "mod.case.appealed": {"fr": "n° {id} contesté : {reason}",
                          "en": "#{id} appealed: {reason}"},
    "mod.case.appeal.upheld": {"fr": "contestation du n° {id} rejetée par {by} : {reason}",
                               "en": "appeal of #{id} rejected by {by}: {reason}"},
    "mod.case.appeal.overturned": {"fr": "contestation du n° {id} acceptée par {by}, décision "
                                         "annulée : {reason}",
                                   "en": "appeal of #{id} accepted by {by}, decision "
                                         "overturned: {reason}"},
    "mod.report.no_message": {
        "fr": "Message {id} introuvable (supprimé, ou ce n'est pas un message de membre).",
        "en": "Message {id} not found (deleted, or not a member's message).",
    },
    "mod.report.own": {"fr": "Vous ne pouvez pas signaler votre propre message.",
                       "en": "You cannot report your own message."},
    "mod.report.thanks": {
        "fr": "Merci, votre signalement est transmis aux modérateurs.",
        "en": "Thank you, your report was passed on to the moderators.",
    },
    "mod.report.hidden": {
        "fr": "Le message est masqué : signalé par {count} membre(s).",
        "en": "The message is hidden: reported by {count} member(s).",
    },
    # warnings
    "mod.warn.help": {"fr": "avertit un membre (modérateurs)",
                      "en": "warn a member (moderators)"},
    "mod.warnings.help": {"fr": "liste les avertissements d'un membre (modérateurs)",
                          "en": "list a member's warnings (moderators)"},
    "mod.warning.dm": {
        "fr": "Avertissement de la modération : {reason} (avertissements actifs : {count}).",
        "en": "Warning from the moderators: {reason} (live warnings: {count}).",
    },
    "mod.warning.done": {"fr": "{user} a été averti ({count} avertissement(s) actif(s)).",
                         "en": "{user} was warned ({count} live warning(s))."},
    "mod.warning.threshold": {
        "fr": "⚠ {user} a atteint {count} avertissement(s) actif(s) (seuil : {threshold}).",
        "en": "⚠ {user} has reached {count} live warning(s) (threshold: {threshold}).",
    },
    "mod.warning.timed_out": {"fr": "{user} est exclu temporairement pour {duration}.",
                              "en": "{user} is timed out for {duration}."},
    "mod.warning.from_item": {
        "fr": "message « {excerpt} » dans #{channel} ({rules})",
        "en": "message \u201c{excerpt}\u201d in #{channel} ({rules})",
    },
    "mod.warnings.none": {"fr": "{user} n'a aucun avertissement.",
                          "en": "{user} has no warning."},
    "mod.warnings.title": {"fr": "Avertissements de {user} :", "en": "Warnings of {user}:"},
    "mod.warnings.line": {
        "fr": "  {when} · {moderator} · {reason}{expired}",
        "en": "  {when} · {moderator} · {reason}{expired}",
    },
    "mod.warnings.expired": {"fr": " (expiré)", "en": " (expired)"},
    # ---------------------------------------------------------------- /stats, reports
    "mod.stats.title": {"fr": "Modération", "en": "Moderation"},
    "mod.stats.checked": {
        "fr": "  Messages vérifiés : {checked} · éléments ouverts / résolus : {opened} / "
              "{resolved}",
        "en": "  Messages checked: {checked} · items opened / resolved: {opened} / {resolved}",
    },
    "mod.stats.rules": {
        "fr": "  Constats par règle : {rules}", "en": "  Findings by rule: {rules}",
    },
    "mod.stats.median": {
        "fr": "  Délai médian entre signalement et première action : {median}",
        "en": "  Median time from flag to first moderator action: {median}",
    },
    "mod.stats.none": {"fr": "aucun", "en": "none"},
    "mod.stats.chart.title": {
        "fr": "Modération : constats, éléments ouverts et résolus",
        "en": "Moderation: findings, items opened and resolved",
    },
    "mod.stats.chart.findings": {"fr": "constats", "en": "findings"},
    "mod.stats.chart.opened": {"fr": "ouverts", "en": "opened"},
    "mod.stats.chart.resolved": {"fr": "résolus", "en": "resolved"},
    "mod.stats.chart.unavailable": {
        "fr": "chiffres de modération indisponibles", "en": "moderation figures unavailable",
    },
    "mod.home.appeals": {"fr": "⚖ Contestations à juger ({count})",
                         "en": "⚖ Appeals to judge ({count})"},
    # ------------------------------------------------------------ the web page
    "mod.page.page": {"fr": "File de modération", "en": "Review queue"},
    "mod.page.title": {"fr": "File de modération", "en": "Review queue"},
    "mod.page.count": {"fr": "{count} élément(s) pour ce filtre.",
                       "en": "{count} item(s) for this filter."},
    "mod.page.more": {"fr": "… et {count} de plus : resserrez le filtre.",
                      "en": "… and {count} more: narrow the filter."},
    "mod.page.history": {"fr": "Historique de l'élément n° {id}",
                         "en": "History of item #{id}"},
    "mod.page.filter": {"fr": "Filtrer", "en": "Filter"},
    "mod.page.status": {"fr": "État (open : ouverts et escaladés)",
                        "en": "Status (open: open and escalated)"},
    "mod.page.channel": {"fr": "Salon", "en": "Channel"},
    "mod.page.author": {"fr": "Auteur (une partie du nom)", "en": "Author (part of the name)"},
    "mod.page.apply": {"fr": "Filtrer", "en": "Filter"},
    "mod.page.bad_status": {
        "fr": "« {value} » n'est pas un état ({statuses}) : voici les éléments ouverts.",
        "en": "\u201c{value}\u201d is not a status ({statuses}): here are the open items."},
}

#: What each event of an item's history is called (`review_events.action`).
_EVENT_NAMES = {
    "created": ("signalement créé", "report created"),
    "reopened": ("signalement rouvert", "report reopened"),
    "reported": ("signalé par un membre", "reported by a member"),
    "keep": ("message conservé", "message kept"),
    "remove": ("retrait décidé", "removal decided"),
    "warn": ("auteur averti", "author warned"),
    "escalate": ("transmis au directeur de publication", "escalated to the director"),
    "claim": ("pris en charge", "claimed"),
    "exception": ("exception ajoutée à la charte", "exception added to the charter"),
    "delete.requested": ("retrait demandé à l'auteur", "removal requested from the author"),
    "message.visible": ("message visible", "message visible"),
    "message.hidden": ("message masqué", "message hidden"),
    "message.deleted": ("message supprimé", "message deleted"),
    "message.delete_requested": ("suppression demandée à l'auteur",
                                 "deletion requested from the author"),
}
EVENTS = frozenset(_EVENT_NAMES)
MESSAGES.update({f"mod.event.{action}": {"fr": fr, "en": en}
                 for action, (fr, en) in _EVENT_NAMES.items()})
