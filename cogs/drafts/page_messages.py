"""What the drafts' pages say (the web: the calendar, the board, a draft's page, the
client's sign-off), in French and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ the calendar
    "drafts.calendar.page": {"fr": "Calendrier", "en": "Calendar"},
    "drafts.calendar.title_month": {"fr": "Calendrier de publication — {month}",
                                    "en": "Publication calendar — {month}"},
    "drafts.calendar.title_week": {"fr": "Calendrier de publication — semaine du {day}",
                                   "en": "Publication calendar — week of {day}"},
    "drafts.calendar.month_caption": {"fr": "Publications prévues en {month}",
                                      "en": "Posts planned in {month}"},
    "drafts.calendar.week_caption": {"fr": "Publications prévues la semaine du {day}",
                                     "en": "Posts planned in the week of {day}"},
    "drafts.calendar.count": {
        "fr": "{count} publication(s) prévue(s) ce mois-ci ; ✔ approuvée, … en discussion.",
        "en": "{count} post(s) planned this month; ✔ approved, … still in discussion."},
    "drafts.calendar.line": {"fr": "{mark} {time} {network} · {client} · n° {id} {title} "
                                   "({state})",
                             "en": "{mark} {time} {network} · {client} · #{id} {title} "
                                   "({state})"},
    "drafts.calendar.day": {"fr": "Jour", "en": "Day"},
    "drafts.calendar.posts": {"fr": "Publications", "en": "Posts"},
    "drafts.calendar.none": {"fr": "—", "en": "—"},
    "drafts.calendar.this_week": {"fr": "Cette semaine", "en": "This week"},
    "drafts.calendar.week_before": {"fr": "Semaine précédente", "en": "Previous week"},
    "drafts.calendar.week_after": {"fr": "Semaine suivante", "en": "Next week"},
    "drafts.calendar.month_view": {"fr": "Vue du mois", "en": "Month view"},
    "drafts.calendar.bad_month": {
        "fr": "« {value} » n'est pas un mois (attendu AAAA-MM, comme 2026-12) : voici le "
              "mois en cours.",
        "en": "\"{value}\" is not a month (expected YYYY-MM, like 2026-12): here is this "
              "month."},
    "drafts.calendar.bad_day": {
        "fr": "« {value} » n'est pas une date (attendu AAAA-MM-JJ) : voici cette semaine.",
        "en": "\"{value}\" is not a date (expected YYYY-MM-DD): here is this week."},
    "drafts.calendar.feed_name": {"fr": "Garant — publications prévues",
                                  "en": "Garant — planned posts"},
    "drafts.calendar.event": {"fr": "{network} · {client} : {title}",
                              "en": "{network} · {client}: {title}"},
    "drafts.calendar.event_text": {"fr": "Brouillon n° {id} ({state})\n\n{text}",
                                   "en": "Draft #{id} ({state})\n\n{text}"},
    # ------------------------------------------------------------ the board, a draft's page
    "drafts.board.page": {"fr": "Brouillons", "en": "Drafts"},
    "drafts.board.title": {"fr": "Tableau des brouillons", "en": "Drafts board"},
    "drafts.board.intro": {
        "fr": "Chaque brouillon en cours, dans la colonne de l'étape où il en est ; les "
              "publiés des 30 derniers jours ferment la marche.",
        "en": "Every draft under way, in the column of the step it is at; those published "
              "in the last 30 days close the board."},
    "drafts.board.caption": {"fr": "Brouillons par étape", "en": "Drafts by step"},
    "drafts.board.column.rework": {"fr": "À reprendre", "en": "To rework"},
    "drafts.board.column.vote": {"fr": "En vote", "en": "Being voted"},
    "drafts.board.column.director": {"fr": "Décision de la direction",
                                      "en": "Director's decision"},
    "drafts.board.column.client": {"fr": "Validation du client", "en": "Client sign-off"},
    "drafts.board.column.ready": {"fr": "Prêts à publier", "en": "Ready to publish"},
    "drafts.board.column.published": {"fr": "Publiés", "en": "Published"},
    "drafts.board.entry": {"fr": "n° {id} {title} · {client} · {network} ({state})",
                           "en": "#{id} {title} · {client} · {network} ({state})"},
    "drafts.page.page": {"fr": "Brouillon", "en": "Draft"},
    "drafts.page.title": {"fr": "Brouillon n° {id} — {title}", "en": "Draft #{id} — {title}"},
    "drafts.page.none_title": {"fr": "Brouillon introuvable", "en": "No such draft"},
    "drafts.page.text": {"fr": "Le texte, avec ce que la charte y relève ({count})",
                         "en": "The text, with what the charter notes in it ({count})"},
    "drafts.page.finding": {"fr": "{level} · {rule} : {message}",
                            "en": "{level} · {rule}: {message}"},
    "drafts.page.revision": {"fr": "Révision {number}{minor}, par {editor}, {at} : ce qui a "
                                   "changé",
                             "en": "Revision {number}{minor}, by {editor}, {at}: what "
                                   "changed"},
    "drafts.page.minor": {"fr": " (mineure)", "en": " (minor)"},
    "drafts.page.history": {"fr": "Historique, votes et discussion",
                            "en": "History, votes and discussion"},
    # ------------------------------------------------------------ the client's sign-off
    "drafts.final.approved_client": {
        "fr": "Brouillon n° {id} approuvé ; il attend maintenant la validation de {client} : "
              "envoyez-lui le lien de la carte.",
        "en": "Draft #{id} approved; it now awaits {client}'s sign-off: send them the link "
              "on the card."},
    "drafts.field.client_sign_off": {"fr": "Validation du client", "en": "Client sign-off"},
    "drafts.client.card": {"fr": "en attente jusqu'au {due} — lien à envoyer au client : {link}",
                           "en": "awaiting until {due} — link to send to the client: {link}"},
    "drafts.client.no_web": {
        "fr": "pas de lien (les pages web ne sont pas servies) ; le directeur enregistre la "
              "réponse du client avec /draft client {id} approve|changes",
        "en": "no link (the web pages are not served); the director records the client's "
              "answer with /draft client {id} approve|changes"},
    "drafts.client.signed": {"fr": "validé par le client", "en": "signed off by the client"},
    "drafts.client.help": {
        "fr": "enregistrer la réponse du client donnée hors de son lien (directeur) : "
              "approve, ou changes et ce qu'il demande",
        "en": "record the client's answer given outside its link (director): approve, or "
              "changes and what they ask"},
    "drafts.client.answer_option": {"fr": "approve ou changes", "en": "approve or changes"},
    "drafts.client.comment_needed": {
        "fr": "Dites ce qui doit changer dans le brouillon n° {id} : l'équipe en a besoin "
              "pour le reprendre.",
        "en": "Say what must change in draft #{id}: the team needs it to rework the post."},
    "drafts.client.recorded": {
        "fr": "Réponse de {client} enregistrée pour lui sur le brouillon n° {id} : {state}.",
        "en": "{client}'s answer recorded for them on draft #{id}: {state}."},
    "drafts.client.stale": {
        "fr": "Le texte du brouillon n° {id} a changé depuis ce lien : demandez le nouveau "
              "lien à l'équipe.",
        "en": "The text of draft #{id} has changed since this link: ask the team for the new "
              "link."},
    "drafts.client.too_late": {
        "fr": "Le délai de validation du brouillon n° {id} est passé.",
        "en": "The time to sign off draft #{id} has passed."},
    "drafts.notice.client.approved": {
        "fr": "✅ {client} a validé le brouillon n° {id} « {title} » ({comment}).",
        "en": "✅ {client} signed off draft #{id} \u201c{title}\u201d ({comment})."},
    "drafts.notice.client.changes": {
        "fr": "✏️ {client} demande des modifications au brouillon n° {id} « {title} » : "
              "{comment}",
        "en": "✏️ {client} requests changes to draft #{id} \u201c{title}\u201d: {comment}"},
    "drafts.notice.client.expired": {
        "fr": "Le brouillon n° {id} « {title} » a expiré sans la validation de {client} "
              "(reprogrammez-le avec /draft reschedule {id} QUAND pour lui redemander).",
        "en": "Draft #{id} \u201c{title}\u201d expired without {client}'s sign-off "
              "(reschedule it with /draft reschedule {id} WHEN to ask them again)."},
    "drafts.notice.client.approved.answer": {
        "fr": "Merci ! Votre validation de « {title} » est transmise à l'équipe.",
        "en": "Thank you! Your sign-off of \u201c{title}\u201d has been passed to the team."},
    "drafts.notice.client.changes.answer": {
        "fr": "Merci ! Votre demande de modifications sur « {title} » est transmise à "
              "l'équipe ; elle vous enverra la nouvelle version.",
        "en": "Thank you! Your request for changes to \u201c{title}\u201d has been passed "
              "to the team; they will send you the new version."},
    "drafts.sign_off.title": {"fr": "{client} — votre validation : « {title} »",
                              "en": "{client} — your sign-off: \u201c{title}\u201d"},
    "drafts.sign_off.intro": {
        "fr": "Voici la publication que nous vous proposons, telle qu'elle paraîtra sur "
              "{network}. Approuvez-la, ou dites-nous ce qui doit changer.",
        "en": "Here is the post we propose, as it will appear on {network}. Approve it, or "
              "tell us what must change."},
    "drafts.sign_off.planned": {"fr": "Publication prévue", "en": "Planned for"},
    "drafts.sign_off.form": {"fr": "Votre réponse", "en": "Your answer"},
    "drafts.sign_off.comment": {"fr": "Votre commentaire", "en": "Your comment"},
    "drafts.sign_off.comment_hint": {"fr": "Obligatoire si vous demandez des modifications",
                                     "en": "Required if you request changes"},
    "drafts.sign_off.approve": {"fr": "Approuver", "en": "Approve"},
    "drafts.sign_off.changes": {"fr": "Demander des modifications", "en": "Request changes"},
    "drafts.sign_off.choose": {"fr": "Choisissez « Approuver » ou « Demander des modifications ».",
                               "en": "Choose \u201cApprove\u201d or \u201cRequest changes\u201d."},
}

__all__ = ["MESSAGES"]
