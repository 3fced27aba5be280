"""What the drafts cog says, in French and English (the config chooses)."""

from __future__ import annotations

from cogs.drafts.page_messages import MESSAGES as PAGE_MESSAGES
from cogs.drafts.states import Action

_STATES = {
    "blocked": ("bloqué par la charte", "blocked by the charter"),
    "voting": ("vote en cours", "voting"),
    "no_quorum": ("sans quorum", "no quorum"),
    "changes_requested": ("modifications demandées", "changes requested"),
    "awaiting_final": ("attend le directeur de publication", "awaiting the publication director"),
    "vetoed": ("veto du directeur de publication", "vetoed by the publication director"),
    "awaiting_client": ("en attente de la validation du client",
                        "awaiting the client's sign-off"),
    "approved": ("approuvé pour publication", "approved for publication"),
    "scheduled": ("programmé", "scheduled"),
    "published": ("publié", "published"),
    "rejected": ("rejeté", "rejected"),
    "withdrawn": ("retiré", "withdrawn"),
    "expired": ("expiré", "expired"),
}

# Who may do what, said to the person who may not.
_WHO = {
    Action.SUBMIT: ("Seuls les membres proposent des brouillons.",
                    "Only members submit drafts."),
    Action.EDIT: ("Seuls l'auteur du brouillon n° {id} et le directeur de publication peuvent "
                  "le modifier.",
                  "Only the author of draft #{id} and the publication director may edit it."),
    Action.WITHDRAW: ("Seul l'auteur du brouillon n° {id} peut le retirer.",
                      "Only the author of draft #{id} may withdraw it."),
    Action.OVERRIDE_REQUEST: ("Seul l'auteur du brouillon n° {id} peut demander une dérogation.",
                              "Only the author of draft #{id} may ask for an override."),
    Action.OVERRIDE: ("Seul le directeur de publication accorde une dérogation à la charte.",
                      "Only the publication director overrides the charter."),
    Action.VOTE: ("Le vote est réservé aux membres de la coopérative.",
                  "Voting is for the co-operative's members."),
    Action.CLOSE: ("Seul Garant clôt un vote, à son échéance.",
                   "Only Garant closes a vote, at its deadline."),
    Action.EXTEND: ("Seul le directeur de publication prolonge un vote.",
                    "Only the publication director extends a vote."),
    Action.DECIDE: ("Seul le directeur de publication décide d'un vote sans quorum.",
                    "Only the publication director decides a vote without quorum."),
    Action.FINAL_APPROVE: ("Seul le directeur de publication approuve pour publication.",
                           "Only the publication director approves for publication."),
    Action.FINAL_CHANGES: ("Seul le directeur de publication peut demander des modifications "
                           "à ce stade.",
                           "Only the publication director may request changes at this stage."),
    Action.VETO: ("Seul le directeur de publication peut opposer un veto.",
                  "Only the publication director may veto."),
    Action.UNVETO: ("Seul le directeur de publication peut lever un veto.",
                    "Only the publication director may lift a veto."),
    Action.PUBLISH: ("Seuls l'auteur du brouillon n° {id} et le directeur de publication "
                     "enregistrent sa publication.",
                     "Only the author of draft #{id} and the publication director record its "
                     "publication."),
    Action.RESCHEDULE: ("Seuls l'auteur du brouillon n° {id} et le directeur de publication "
                        "peuvent changer sa date de publication.",
                        "Only the author of draft #{id} and the publication director may "
                        "change its publication time."),
    Action.RESTORE: ("Seuls l'auteur du brouillon n° {id} et le directeur de publication "
                     "peuvent annuler son retrait.",
                     "Only the author of draft #{id} and the publication director may undo its "
                     "withdrawal."),
    Action.EXPIRE: ("Seul Garant fait expirer un brouillon.", "Only Garant expires a draft."),
    Action.CLIENT_APPROVE: ("Seuls le client (par son lien) et le directeur de publication "
                            "(pour lui) valident un brouillon n° {id}.",
                            "Only the client (from its link) and the publication director (for "
                            "them) sign off draft #{id}."),
    Action.CLIENT_CHANGES: ("Seuls le client (par son lien) et le directeur de publication "
                            "(pour lui) demandent des modifications au brouillon n° {id}.",
                            "Only the client (from its link) and the publication director (for "
                            "them) request changes to draft #{id}."),
}

# Why not now, for a draft in {state}.
_NOT_NOW = {
    Action.SUBMIT: ("Ce brouillon existe déjà.", "This draft already exists."),
    Action.EDIT: ("Le brouillon n° {id} ne peut plus être modifié ({state}).",
                  "Draft #{id} can no longer be edited ({state})."),
    Action.WITHDRAW: ("Le brouillon n° {id} ne peut plus être retiré ({state}).",
                      "Draft #{id} can no longer be withdrawn ({state})."),
    Action.OVERRIDE_REQUEST: ("Le brouillon n° {id} n'est pas bloqué par la charte ({state}) : "
                              "pas de dérogation à demander.",
                              "Draft #{id} is not blocked by the charter ({state}): there is "
                              "nothing to override."),
    Action.OVERRIDE: ("Le brouillon n° {id} n'est pas bloqué par la charte ({state}) : pas de "
                      "dérogation à accorder.",
                      "Draft #{id} is not blocked by the charter ({state}): there is nothing "
                      "to override."),
    Action.VOTE: ("Le vote sur le brouillon n° {id} n'est pas ouvert ({state}) : votre vote "
                  "n'est pas enregistré.",
                  "The vote on draft #{id} is not open ({state}): your vote is not recorded."),
    Action.CLOSE: ("Le vote sur le brouillon n° {id} n'est pas ouvert ({state}).",
                   "The vote on draft #{id} is not open ({state})."),
    Action.EXTEND: ("Le brouillon n° {id} n'attend pas de décision sur le quorum ({state}).",
                    "Draft #{id} is not waiting for a decision on quorum ({state})."),
    Action.DECIDE: ("Le brouillon n° {id} n'attend pas de décision sur le quorum ({state}).",
                    "Draft #{id} is not waiting for a decision on quorum ({state})."),
    Action.FINAL_APPROVE: ("Le brouillon n° {id} n'attend pas l'approbation finale ({state}).",
                           "Draft #{id} is not awaiting final approval ({state})."),
    Action.FINAL_CHANGES: ("Le brouillon n° {id} n'attend pas l'approbation finale ({state}).",
                           "Draft #{id} is not awaiting final approval ({state})."),
    Action.VETO: ("Le brouillon n° {id} n'attend pas l'approbation finale ({state}).",
                  "Draft #{id} is not awaiting final approval ({state})."),
    Action.UNVETO: ("Le brouillon n° {id} est clos ({state}).", "Draft #{id} is closed ({state})."),
    Action.PUBLISH: ("Le brouillon n° {id} n'est pas approuvé pour publication ({state}).",
                     "Draft #{id} is not approved for publication ({state})."),
    Action.EXPIRE: ("Le brouillon n° {id} n'attend pas de publication ({state}).",
                    "Draft #{id} is not waiting for publication ({state})."),
    Action.RESCHEDULE: ("Le brouillon n° {id} n'est pas approuvé pour publication ({state}) : "
                        "seul un brouillon approuvé, programmé ou expiré se reprogramme.",
                        "Draft #{id} is not approved for publication ({state}): only an "
                        "approved, scheduled or expired draft can be rescheduled."),
    Action.RESTORE: ("Le brouillon n° {id} n'est pas retiré ({state}).",
                     "Draft #{id} is not withdrawn ({state})."),
    Action.CLIENT_APPROVE: ("Le brouillon n° {id} n'attend pas la validation du client "
                            "({state}).",
                            "Draft #{id} is not awaiting the client's sign-off ({state})."),
    Action.CLIENT_CHANGES: ("Le brouillon n° {id} n'attend pas la validation du client "
                            "({state}).",
                            "Draft #{id} is not awaiting the client's sign-off ({state})."),
}

_EVENTS = {
    "submit": ("proposé", "submitted"),
    "override_request": ("dérogation demandée", "override requested"),
    "override_refused": ("dérogation refusée", "override refused"),
    "override": ("dérogation accordée", "override granted"),
    "edit": ("modifié", "edited"),
    "close": ("vote clos", "vote closed"),
    "extend": ("vote prolongé", "vote extended"),
    "decide": ("décision du directeur", "director's decision"),
    "final_approve": ("approuvé pour publication", "approved for publication"),
    "final_changes": ("modifications demandées par le directeur",
                      "changes requested by the director"),
    "veto": ("veto", "veto"),
    "unveto": ("veto levé", "veto lifted"),
    "withdraw": ("retiré", "withdrawn"),
    "publish": ("publié", "published"),
    "expire": ("expiré", "expired"),
    "reschedule": ("reprogrammé", "rescheduled"),
    "restore": ("retrait annulé", "withdrawal undone"),
    "client_approve": ("validé par le client", "signed off by the client"),
    "client_changes": ("modifications demandées par le client", "changes requested by the client"),
}

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ commands
    "drafts.option.id": {"fr": "numéro du brouillon", "en": "draft number"},
    "drafts.new.help": {"fr": "propose un brouillon de publication (formulaire)",
                        "en": "submit a draft post (form)"},
    "drafts.edit.help": {"fr": "modifie un brouillon : nouvelle révision (auteur ou directeur)",
                         "en": "edit a draft: a new revision (author or director)"},
    "drafts.withdraw.help": {"fr": "retire votre brouillon", "en": "withdraw your draft"},
    "drafts.show.help": {"fr": "historique complet d'un brouillon : révisions, votes, "
                               "événements",
                         "en": "a draft's full history: revisions, votes, events"},
    "drafts.list.help": {"fr": "liste les brouillons (en cours par défaut, all, ou un état)",
                         "en": "list the drafts (open by default, all, or a state)"},
    "drafts.override.help": {"fr": "demande au directeur de publication de passer outre la "
                                   "charte, avec une raison",
                             "en": "ask the publication director to override the charter, "
                                   "with a reason"},
    "drafts.unveto.help": {"fr": "lève le veto sur un brouillon (directeur)",
                           "en": "lift the veto on a draft (director)"},
    "drafts.reschedule.help": {
        "fr": "change la date de publication d'un brouillon approuvé, ou reprogramme un "
              "brouillon expiré (auteur ou directeur)",
        "en": "change an approved draft's publication time, or reschedule an expired one "
              "(author or director)"},
    "drafts.restore.help": {
        "fr": "annule le retrait d'un brouillon approuvé (auteur ou directeur)",
        "en": "undo the withdrawal of an approved draft (author or director)"},
    "drafts.option.when": {"fr": "quand : 14h, demain 9h, lundi 14h, 25/11 14h30…",
                           "en": "when: 2pm, tomorrow 9am, monday 14:00, 25/11 14:30…"},
    "drafts.published.help": {"fr": "enregistre la publication d'un brouillon, avec son lien",
                              "en": "record a draft's publication, with its link"},
    "drafts.plan.help": {"fr": "calendrier des publications des prochains jours (7 par défaut)",
                         "en": "publication calendar for the coming days (7 by default)"},
    # ------------------------------------------------------------ forms
    "drafts.form.new": {"fr": "Nouveau brouillon", "en": "New draft"},
    "drafts.form.submit": {"fr": "Soumettre", "en": "Submit"},
    "drafts.form.edit": {"fr": "Modifier le brouillon n° {id}", "en": "Edit draft #{id}"},
    "drafts.form.save": {"fr": "Enregistrer", "en": "Save"},
    "drafts.form.title": {"fr": "Titre", "en": "Title"},
    "drafts.form.client": {"fr": "Client", "en": "Client"},
    "drafts.form.network": {"fr": "Réseau", "en": "Network"},
    "drafts.form.planned": {"fr": "Publication prévue", "en": "Planned publication"},
    "drafts.form.planned_hint": {"fr": "ex. 2026-12-01 09:00, 09:30, +2d",
                                 "en": "e.g. 2026-12-01 09:00, 09:30, +2d"},
    "drafts.form.clear_hint": {"fr": " ; « - » pour effacer", "en": "; \u201c-\u201d to clear"},
    "drafts.form.text": {"fr": "Texte", "en": "Text"},
    "drafts.form.minor": {"fr": "Modification mineure (garde les votes)",
                          "en": "Minor edit (keeps the votes)"},
    "drafts.form.no": {"fr": "non", "en": "no"},
    "drafts.form.yes": {"fr": "oui", "en": "yes"},
    "drafts.form.reason": {"fr": "Raison", "en": "Reason"},
    "drafts.form.why.changes": {"fr": "Demander des modifications au brouillon n° {id}",
                                "en": "Request changes to draft #{id}"},
    "drafts.form.why.reject": {"fr": "Rejeter le brouillon n° {id}", "en": "Reject draft #{id}"},
    "drafts.form.why.final_changes": {"fr": "Demander des modifications au brouillon n° {id}",
                                      "en": "Request changes to draft #{id}"},
    "drafts.form.why.veto": {"fr": "Veto sur le brouillon n° {id}", "en": "Veto draft #{id}"},
    "drafts.form.why.decide_changes": {
        "fr": "Décider : modifications demandées au brouillon n° {id}",
        "en": "Decide: changes requested to draft #{id}"},
    "drafts.form.why.decide_reject": {"fr": "Décider : brouillon n° {id} rejeté",
                                      "en": "Decide: draft #{id} rejected"},
    "drafts.form.bad_network": {"fr": "Choisissez parmi : {networks}.",
                                "en": "Choose one of: {networks}."},
    "drafts.form.bad_time": {
        "fr": "Heure non comprise : « {value} ». Exemples : 14h, demain 9h30, lundi 14h, "
              "25/11 10h, le 3 décembre à 10h, dans 2 jours, 2026-12-01 09:00.",
        "en": "Cannot read the time \u201c{value}\u201d. Examples: 2pm, tomorrow 9:30, monday "
              "2pm, december 3 at 10:00, in 2 days, 2026-12-01 09:00."},
    "drafts.form.past": {"fr": "Cette heure est déjà passée.", "en": "That time has passed."},
    "drafts.form.too_far": {"fr": "Une publication se prévoit à un an au plus.",
                            "en": "A publication can be planned at most a year ahead."},
    # ------------------------------------------------------------ answers
    "drafts.unknown": {"fr": "Aucun brouillon n° {id}.", "en": "There is no draft #{id}."},
    "drafts.charter_error": {
        "fr": "La charte « {charter} » ne se charge pas ; rien n'est enregistré. {error}",
        "en": "The charter \u201c{charter}\u201d does not load; nothing was saved. {error}"},
    "drafts.submitted.voting": {
        "fr": "Brouillon n° {id} proposé : le vote est ouvert dans le salon des brouillons.",
        "en": "Draft #{id} submitted: the vote is open in the drafts channel."},
    "drafts.submitted.blocked": {
        "fr": "Brouillon n° {id} enregistré, mais la charte le bloque : il n'ira pas au vote "
              "tant que les erreurs ne sont pas corrigées.",
        "en": "Draft #{id} saved, but the charter blocks it: it will not go to the vote until "
              "the errors are fixed."},
    "drafts.blocked.how": {
        "fr": "Corrigez-le avec /draft edit {id}, ou demandez une dérogation au directeur de "
              "publication : /draft override {id} RAISON",
        "en": "Fix it with /draft edit {id}, or ask the publication director for an "
              "override: /draft override {id} REASON"},
    "drafts.planned_early": {
        "fr": "⚠ La publication prévue tombe avant la fin du vote : le brouillon ne sera "
              "peut-être pas approuvé à temps (/draft edit {id} pour la déplacer).",
        "en": "⚠ The planned publication comes before the vote ends: the draft may not be "
              "approved in time (/draft edit {id} to move it)."},
    "drafts.edit.stale": {
        "fr": "Le brouillon n° {id} a changé pendant votre modification (révision {revision} "
              "maintenant) : rien n'est enregistré ; relancez /draft edit {id}.",
        "en": "Draft #{id} changed while you were editing it (now revision {revision}): "
              "nothing was saved; run /draft edit {id} again."},
    "drafts.edit.unchanged": {"fr": "Rien n'a changé : le brouillon n° {id} reste tel quel.",
                              "en": "Nothing changed: draft #{id} stays as it is."},
    "drafts.edit.minor_blocked": {
        "fr": "Une modification mineure ne peut pas introduire d'erreur de charte :",
        "en": "A minor edit cannot bring in a charter error:"},
    "drafts.edited": {
        "fr": "Brouillon n° {id} : révision {revision} enregistrée ; {dismissed} approbation(s) "
              "ou abstention(s) écartée(s), les objections restent.",
        "en": "Draft #{id}: revision {revision} saved; {dismissed} approval(s) or "
              "abstention(s) dismissed, objections stay."},
    "drafts.edited.minor": {
        "fr": "Brouillon n° {id} : révision {revision} enregistrée comme mineure ; les votes "
              "sont conservés.",
        "en": "Draft #{id}: revision {revision} saved as minor; the votes are kept."},
    "drafts.edited.opened": {
        "fr": "Brouillon n° {id} : révision {revision} enregistrée ; le vote est ouvert.",
        "en": "Draft #{id}: revision {revision} saved; the vote is open."},
    "drafts.edited.blocked": {
        "fr": "Brouillon n° {id} : révision {revision} enregistrée, mais la charte la bloque.",
        "en": "Draft #{id}: revision {revision} saved, but the charter blocks it."},
    "drafts.withdrawn": {"fr": "Brouillon n° {id} retiré.", "en": "Draft #{id} withdrawn."},
    "drafts.fixed": {"fr": "{count} correction(s) appliquée(s) au brouillon n° {id}. {edited}",
                     "en": "{count} correction(s) applied to draft #{id}. {edited}"},
    "drafts.fix.nothing": {
        "fr": "Rien à corriger automatiquement dans le brouillon n° {id} : les remarques qui "
              "restent demandent un choix (/draft edit {id}).",
        "en": "Nothing to fix automatically in draft #{id}: the findings left need a choice "
              "(/draft edit {id})."},
    "drafts.withdrawn.approved": {
        "fr": "Brouillon n° {id} retiré ; le directeur de publication est prévenu. Pour "
              "annuler : /draft restore {id}",
        "en": "Draft #{id} withdrawn; the publication director is told. To undo: "
              "/draft restore {id}"},
    "drafts.restored": {
        "fr": "Retrait du brouillon n° {id} annulé : il est de nouveau approuvé pour "
              "publication.",
        "en": "Withdrawal of draft #{id} undone: it is approved for publication again."},
    "drafts.restore.not_approved": {
        "fr": "Le brouillon n° {id} a été retiré avant d'être approuvé : son retrait ne "
              "s'annule pas. Proposez-le de nouveau avec /draft new.",
        "en": "Draft #{id} was withdrawn before it was approved: that cannot be undone. "
              "Submit it again with /draft new."},
    "drafts.rescheduled": {
        "fr": "Brouillon n° {id} programmé pour le {when}.",
        "en": "Draft #{id} scheduled for {when}."},
    "drafts.reschedule.past": {
        "fr": "Cette date est passée : choisissez une date de publication à venir pour le "
              "brouillon n° {id}.",
        "en": "That time has passed: choose a publication time ahead for draft #{id}."},
    "drafts.notice.director.restored": {
        "fr": "{who} a annulé le retrait du brouillon n° {id} « {title} » : il est de nouveau "
              "approuvé pour publication.",
        "en": "{who} undid the withdrawal of draft #{id} \u201c{title}\u201d: it is approved "
              "for publication again."},
    "drafts.notice.director.rescheduled": {
        "fr": "{who} a programmé le brouillon n° {id} « {title} » pour le {when}.",
        "en": "{who} scheduled draft #{id} \u201c{title}\u201d for {when}."},
    "drafts.form.why.withdraw": {"fr": "Retirer le brouillon n° {id}",
                                 "en": "Withdraw draft #{id}"},
    "drafts.form.withdraw.reason": {"fr": "Raison du retrait", "en": "Why withdraw it"},
    "drafts.form.withdraw.placeholder": {
        "fr": "Il est approuvé : le directeur de publication sera prévenu. /draft restore {id} "
              "annule.",
        "en": "It is approved: the publication director will be told. /draft restore {id} "
              "undoes it."},
    "drafts.form.withdraw.submit": {"fr": "Retirer", "en": "Withdraw"},
    "drafts.override.asked": {
        "fr": "Demande de dérogation envoyée au directeur de publication pour le brouillon "
              "n° {id}.",
        "en": "Override request sent to the publication director for draft #{id}."},
    "drafts.override.reason": {"fr": "Une dérogation demande une raison : /draft override {id} "
                                     "RAISON",
                               "en": "An override needs a reason: /draft override {id} REASON"},
    "drafts.override.granted": {"fr": "Dérogation accordée : le brouillon n° {id} passe au vote.",
                                "en": "Override granted: draft #{id} goes to the vote."},
    "drafts.override.none": {"fr": "Aucune dérogation n'est demandée pour le brouillon n° {id}.",
                             "en": "No override is requested for draft #{id}."},
    "drafts.override.refused": {"fr": "Dérogation refusée pour le brouillon n° {id}.",
                                "en": "Override refused for draft #{id}."},
    "drafts.vote.recorded": {"fr": "Vote enregistré sur le brouillon n° {id} (révision "
                                   "{revision}) : {choice}.",
                             "en": "Vote recorded on draft #{id} (revision {revision}): "
                                   "{choice}."},
    "drafts.vote.changed": {"fr": "Vote modifié sur le brouillon n° {id} (révision {revision}) "
                                  ": {choice}. L'ancien reste dans l'historique.",
                            "en": "Vote changed on draft #{id} (revision {revision}): "
                                  "{choice}. The previous one stays in the history."},
    "drafts.vote.too_late": {
        "fr": "Le vote sur le brouillon n° {id} est clos : son échéance est passée. Votre vote "
              "n'a pas été compté.",
        "en": "The vote on draft #{id} is closed: its deadline has passed. Your vote was not "
              "counted."},
    "drafts.vote.same": {"fr": "Vous avez déjà voté « {choice} » sur le brouillon n° {id}.",
                         "en": "You already voted \u201c{choice}\u201d on draft #{id}."},
    "drafts.vote.reason_needed": {
        "fr": "Une raison est nécessaire pour demander des modifications ou rejeter.",
        "en": "A reason is needed to request changes or reject."},
    "drafts.vote.closed_now": {"fr": "Le vote sur le brouillon n° {id} est clos : {result}.",
                               "en": "The vote on draft #{id} is closed: {result}."},
    "drafts.extended": {"fr": "Vote sur le brouillon n° {id} prolongé (une seule fois).",
                        "en": "Vote on draft #{id} extended (once only)."},
    "drafts.decided": {"fr": "Brouillon n° {id} : décision enregistrée ({result}).",
                       "en": "Draft #{id}: decision recorded ({result})."},
    "drafts.final.approved": {"fr": "Brouillon n° {id} approuvé pour publication.",
                              "en": "Draft #{id} approved for publication."},
    "drafts.final.changes": {"fr": "Modifications demandées pour le brouillon n° {id}.",
                             "en": "Changes requested for draft #{id}."},
    "drafts.final.vetoed": {
        "fr": "Veto enregistré sur le brouillon n° {id} : il tient à travers les révisions "
              "jusqu'à /draft unveto {id}.",
        "en": "Veto recorded on draft #{id}: it stands across revisions until /draft unveto "
              "{id}."},
    "drafts.unvetoed": {"fr": "Veto levé sur le brouillon n° {id} ({state}).",
                        "en": "Veto lifted on draft #{id} ({state})."},
    "drafts.published": {"fr": "Publication du brouillon n° {id} enregistrée : {url}",
                         "en": "Publication of draft #{id} recorded: {url}"},
    "drafts.published.bad_url": {
        "fr": "« {url} » n'est pas un lien : donnez l'adresse de la publication "
              "(https://…).",
        "en": "\u201c{url}\u201d is not a link: give the address of the post (https://...)."},
    "drafts.plan.days": {"fr": "Le plan couvre de 1 à 92 jours.",
                         "en": "The plan covers 1 to 92 days."},
    # ------------------------------------------------------------ refusals
    "drafts.refused.own_draft": {
        "fr": "Vous êtes l'auteur du brouillon n° {id} : vous ne votez pas sur votre propre "
              "brouillon.",
        "en": "You wrote draft #{id}: authors do not vote on their own drafts."},
    "drafts.refused.terminal": {"fr": "Le brouillon n° {id} est clos ({state}) : rien n'a changé.",
                                "en": "Draft #{id} is closed ({state}): nothing changed."},
    "drafts.refused.vetoed": {
        "fr": "Le veto sur le brouillon n° {id} tient toujours : levez-le d'abord avec "
              "/draft unveto {id}.",
        "en": "The veto on draft #{id} still stands: lift it first with /draft unveto {id}."},
    "drafts.refused.no_veto": {"fr": "Le brouillon n° {id} n'a pas de veto.",
                               "en": "Draft #{id} has no veto."},
    "drafts.refused.extended": {
        "fr": "Le vote sur le brouillon n° {id} a déjà été prolongé une fois : décidez.",
        "en": "The vote on draft #{id} was already extended once: decide."},
    "drafts.refused.minor": {
        "fr": "Seul le directeur de publication marque une modification comme mineure.",
        "en": "Only the publication director marks an edit as minor."},
    "drafts.refused.stale": {
        "fr": "Ce bouton montrait la révision {seen} du brouillon n° {id}, qui en est à la "
              "révision {revision} : relisez la carte ; rien n'est enregistré.",
        "en": "This button showed revision {seen} of draft #{id}, which is now at revision "
              "{revision}: read the card again; nothing was recorded."},
    "drafts.refused.not_electorate": {
        "fr": "Vous ne faites pas partie des votants du brouillon n° {id} (les membres à "
              "l'ouverture du vote, sans l'auteur).",
        "en": "You are not among the voters of draft #{id} (the members when the vote opened, "
              "without the author)."},
    # ------------------------------------------------------------ notices (direct messages)
    "drafts.notice.closed": {"fr": "Le vote sur votre brouillon n° {id} « {title} » est clos : "
                                   "{result}.",
                             "en": "The vote on your draft #{id} \u201c{title}\u201d is closed: "
                                   "{result}."},
    "drafts.notice.director.awaiting_final": {
        "fr": "Le brouillon n° {id} « {title} » a été adopté par le vote et attend votre "
              "décision (carte dans le salon des brouillons).",
        "en": "Draft #{id} \u201c{title}\u201d passed the vote and awaits your decision (card "
              "in the drafts channel)."},
    "drafts.notice.director.no_quorum": {
        "fr": "Le vote sur le brouillon n° {id} « {title} » a manqué le quorum : prolongez-le "
              "une fois ou décidez (carte dans le salon des brouillons).",
        "en": "The vote on draft #{id} \u201c{title}\u201d missed the quorum: extend it once or "
              "decide (card in the drafts channel)."},
    "drafts.notice.director.override": {
        "fr": "{author} demande une dérogation à la charte pour le brouillon n° {id} "
              "« {title} » : {reason}. Accordez-la ou refusez-la sur la carte.",
        "en": "{author} asks for a charter override on draft #{id} \u201c{title}\u201d: "
              "{reason}. Grant or refuse it on the card."},
    "drafts.notice.override_granted": {
        "fr": "Dérogation accordée pour votre brouillon n° {id} « {title} » ({reason}) : il "
              "passe au vote.",
        "en": "Override granted for your draft #{id} \u201c{title}\u201d ({reason}): it goes "
              "to the vote."},
    "drafts.notice.override_refused": {
        "fr": "Dérogation refusée pour votre brouillon n° {id} « {title} » : corrigez-le avec "
              "/draft edit {id}.",
        "en": "Override refused for your draft #{id} \u201c{title}\u201d: fix it with /draft "
              "edit {id}."},
    "drafts.notice.dismissed": {
        "fr": "Le brouillon n° {id} « {title} » a une nouvelle révision ({revision}) : votre "
              "vote « {choice} » est écarté, votez à nouveau.",
        "en": "Draft #{id} \u201c{title}\u201d has a new revision ({revision}): your "
              "\u201c{choice}\u201d vote is dismissed, please vote again."},
    "drafts.withdraw.reason_needed": {
        "fr": "Le brouillon n° {id} est approuvé pour publication : pour le retirer, donnez la "
              "raison (/draft withdraw {id} RAISON) ; le directeur de publication en sera "
              "informé.",
        "en": "Draft #{id} is approved for publication: to withdraw it, give the reason "
              "(/draft withdraw {id} REASON); the publication director will be told."},
    "drafts.notice.director.withdrawn": {
        "fr": "{author} a retiré le brouillon n° {id} « {title} », qui était approuvé pour "
              "publication. Raison : {reason}",
        "en": "{author} withdrew draft #{id} \u201c{title}\u201d, which was approved for "
              "publication. Reason: {reason}"},
    "drafts.notice.revised": {
        "fr": "Le brouillon n° {id} « {title} » a une nouvelle révision ({revision}). Votre vote "
              "« {choice} » tient toujours : relisez-la et changez votre vote si elle répond à "
              "votre demande.",
        "en": "Draft #{id} \u201c{title}\u201d has a new revision ({revision}). Your "
              "\u201c{choice}\u201d vote still stands: read it and change your vote if it "
              "answers your request."},
    "drafts.notice.extended": {
        "fr": "Le vote sur votre brouillon n° {id} « {title} » est prolongé.",
        "en": "The vote on your draft #{id} \u201c{title}\u201d is extended."},
    "drafts.notice.decided": {
        "fr": "Le directeur de publication a décidé pour votre brouillon n° {id} « {title} » : "
              "{result} ({reason}).",
        "en": "The publication director decided on your draft #{id} \u201c{title}\u201d: "
              "{result} ({reason})."},
    "drafts.notice.final.approved": {
        "fr": "Votre brouillon n° {id} « {title} » est approuvé pour publication ; "
              "enregistrez-la avec /draft published {id} LIEN.",
        "en": "Your draft #{id} \u201c{title}\u201d is approved for publication; record it "
              "with /draft published {id} LINK."},
    "drafts.notice.final.scheduled": {
        "fr": "Votre brouillon n° {id} « {title} » est approuvé et programmé ; je vous le "
              "rappellerai à l'heure prévue.",
        "en": "Your draft #{id} \u201c{title}\u201d is approved and scheduled; I will remind "
              "you at the planned time."},
    "drafts.notice.final.awaiting_client": {
        "fr": "Votre brouillon n° {id} « {title} » est approuvé par le directeur de "
              "publication ; il attend maintenant la validation du client.",
        "en": "Your draft #{id} \u201c{title}\u201d is approved by the publication director; "
              "it now awaits the client's sign-off."},
    "drafts.notice.final.changes": {
        "fr": "Le directeur de publication demande des modifications à votre brouillon n° {id} "
              "« {title} » : {reason}",
        "en": "The publication director requests changes to your draft #{id} "
              "\u201c{title}\u201d: {reason}"},
    "drafts.notice.vetoed": {
        "fr": "Veto du directeur de publication sur votre brouillon n° {id} « {title} » : "
              "{reason}",
        "en": "The publication director vetoed your draft #{id} \u201c{title}\u201d: "
              "{reason}"},
    "drafts.notice.unvetoed": {
        "fr": "Le veto sur votre brouillon n° {id} « {title} » est levé.",
        "en": "The veto on your draft #{id} \u201c{title}\u201d is lifted."},
    "drafts.notice.expired": {
        "fr": "Le brouillon n° {id} « {title} » n'a pas été publié à temps : il est expiré. "
              "Pour le reprogrammer : /draft reschedule {id} QUAND ; s'il est paru en retard : "
              "/draft published {id} LIEN",
        "en": "Draft #{id} \u201c{title}\u201d was not published in time: it has expired. To "
              "reschedule it: /draft reschedule {id} WHEN; if it went out late: "
              "/draft published {id} LINK"},
    "drafts.notice.reminder": {
        "fr": "Rappel : le vote sur le brouillon n° {id} « {title} » se clôt le {deadline} et "
              "vous n'avez pas voté.",
        "en": "Reminder: the vote on draft #{id} \u201c{title}\u201d closes on {deadline} and "
              "you have not voted."},
    "drafts.notice.planned.ready": {
        "fr": "C'est l'heure prévue pour publier le brouillon n° {id} « {title} ». Une fois "
              "publié : /draft published {id} LIEN",
        "en": "It is the planned time to publish draft #{id} \u201c{title}\u201d. Once "
              "published: /draft published {id} LINK"},
    "drafts.notice.planned.pending": {
        "fr": "L'heure prévue du brouillon n° {id} « {title} » est arrivée, mais il n'est pas "
              "approuvé ({state}) : ne le publiez pas encore.",
        "en": "The planned time of draft #{id} \u201c{title}\u201d has come, but it is not "
              "approved ({state}): do not publish it yet."},
    # ------------------------------------------------------------ the card
    "drafts.card.title": {"fr": "Brouillon n° {id} — {title}", "en": "Draft #{id} — {title}"},
    "drafts.card.footer": {"fr": "Historique : /draft show {id}",
                           "en": "History: /draft show {id}"},
    "drafts.field.author": {"fr": "Auteur", "en": "Author"},
    "drafts.field.title": {"fr": "Titre", "en": "Title"},
    "drafts.field.client": {"fr": "Client", "en": "Client"},
    "drafts.field.network": {"fr": "Réseau", "en": "Network"},
    "drafts.field.planned": {"fr": "Publication prévue", "en": "Planned"},
    "drafts.field.revision": {"fr": "Révision", "en": "Revision"},
    "drafts.field.state": {"fr": "État", "en": "Status"},
    "drafts.field.veto": {"fr": "Veto", "en": "Veto"},
    "drafts.field.override_asked": {"fr": "Dérogation demandée", "en": "Override requested"},
    "drafts.field.charter": {"fr": "Charte", "en": "Charter"},
    "drafts.field.votes": {"fr": "Votes", "en": "Votes"},
    "drafts.field.deadline": {"fr": "Échéance", "en": "Deadline"},
    "drafts.field.result": {"fr": "Résultat du vote", "en": "Vote result"},
    "drafts.field.link": {"fr": "Lien", "en": "Link"},
    "drafts.finding": {"fr": "• [{level}] {rule} « {match} » : {message}",
                       "en": "• [{level}] {rule} \u201c{match}\u201d: {message}"},
    "drafts.level.info": {"fr": "info", "en": "info"},
    "drafts.level.warning": {"fr": "attention", "en": "warning"},
    "drafts.level.error": {"fr": "erreur", "en": "error"},
    "drafts.charter.clean": {"fr": "{charter} : rien à signaler",
                             "en": "{charter}: nothing to report"},
    "drafts.charter.notes": {"fr": "{charter} : {count} remarque(s), aucune erreur",
                             "en": "{charter}: {count} finding(s), no error"},
    "drafts.charter.blocked": {"fr": "{charter} : {errors} erreur(s) sur {count} remarque(s) — "
                                     "bloqué",
                               "en": "{charter}: {errors} error(s) in {count} finding(s) — "
                                     "blocked"},
    "drafts.charter.overridden": {
        "fr": "{charter} : {errors} erreur(s) sur {count} remarque(s) — dérogation du "
              "directeur",
        "en": "{charter}: {errors} error(s) in {count} finding(s) — overridden by the "
              "director"},
    "drafts.tally.counts": {
        "fr": "✅ {approve} pour · ✏️ {changes} modification(s) · ❌ {reject} contre · "
              "⏸ {abstain} abstention(s)",
        "en": "✅ {approve} approve · ✏️ {changes} change(s) · ❌ {reject} reject · "
              "⏸ {abstain} abstain"},
    "drafts.tally.turnout": {"fr": "{cast}/{electorate} ont voté (quorum : {quorum})",
                             "en": "{cast}/{electorate} voted (quorum: {quorum})"},
    "drafts.tally.turnout.consent": {
        "fr": "{cast}/{electorate} ont voté — par consentement : adopté sauf objection motivée",
        "en": "{cast}/{electorate} voted — by consent: passes unless someone objects"},
    "drafts.tally.turnout.proxied.consent": {
        "fr": "{cast}/{electorate} ont voté, dont {proxied} par procuration — par "
              "consentement : adopté sauf objection motivée",
        "en": "{cast}/{electorate} voted, {proxied} of them by proxy — by consent: passes "
              "unless someone objects"},
    "drafts.tally.turnout.proxied": {
        "fr": "{cast}/{electorate} ont voté, dont {proxied} par procuration (quorum : {quorum})",
        "en": "{cast}/{electorate} voted, {proxied} of them by proxy (quorum: {quorum})"},
    "drafts.discussion.name": {"fr": "Brouillon n° {id} — {title}",
                               "en": "Draft #{id} — {title}"},
    "drafts.show.comments": {"fr": "Discussion :", "en": "Discussion:"},
    "drafts.show.comment": {"fr": "  {at} {author} : {text}", "en": "  {at} {author}: {text}"},
    "drafts.tally.secret": {"fr": " · bulletins secrets", "en": " · secret ballot"},
    "drafts.show.secret": {
        "fr": "  (vote à bulletins secrets : personne ne voit qui a voté quoi)",
        "en": "  (secret ballot: nobody sees who voted what)"},
    "drafts.show.secret_ballot": {"fr": "  bulletin secret : {mark} {choice}{reason}",
                                  "en": "  secret ballot: {mark} {choice}{reason}"},
    "drafts.show.voted": {"fr": "  Ont voté : {names}", "en": "  Voted: {names}"},
    "drafts.secret.help": {
        "fr": "fait voter un brouillon à bulletins secrets (avant le premier bulletin)",
        "en": "have a draft voted by secret ballot (before the first ballot)"},
    "drafts.secret.done": {
        "fr": "Le brouillon n° {id} sera voté à bulletins secrets.",
        "en": "Draft #{id} will be voted by secret ballot."},
    "drafts.secret.already": {"fr": "Le brouillon n° {id} est déjà à bulletins secrets.",
                              "en": "Draft #{id} is already voted by secret ballot."},
    "drafts.secret.too_late": {
        "fr": "Des bulletins ont déjà été déposés sur le brouillon n° {id} : trop tard pour "
              "le rendre secret.",
        "en": "Ballots were already cast on draft #{id}: too late to make it secret."},
    "drafts.secret.not_yours": {
        "fr": "Seul l'auteur ou la direction de la publication peut rendre un vote secret.",
        "en": "Only the author or the publication director can make a vote secret."},
    "drafts.show.by_proxy": {"fr": "{voter} (par procuration, voté par {holder})",
                             "en": "{voter} (by proxy, cast by {holder})"},
    "drafts.vote.with_proxies": {
        "fr": "{vote} Vote compté aussi pour {names}, par procuration.",
        "en": "{vote} Also counted for {names}, by proxy."},
    "drafts.proxy.help": {
        "fr": "donne votre vote à un membre jusqu'à une date (/proxy @yann 31/12) ; sans "
              "argument : vos procurations",
        "en": "give your vote to a member until a date (/proxy @yann 31/12); without "
              "arguments: your proxies"},
    "drafts.minutes.help": {
        "fr": "le procès-verbal des décisions d'une période, en Markdown et en PDF "
              "(/minutes 01/11 30/11)",
        "en": "the minutes of the decisions of a period, as Markdown and PDF "
              "(/minutes 11/01 11/30)"},
    "drafts.minutes.usage": {
        "fr": "Donnez le premier et le dernier jour : /minutes 01/11 30/11.",
        "en": "Give the first and the last day: /minutes 2026-11-01 2026-11-30."},
    "drafts.minutes.bad_day": {
        "fr": "Date illisible : « {value} ». Par exemple : 01/11, 2026-11-01.",
        "en": "Unreadable date: “{value}”. For example: 2026-11-01."},
    "drafts.minutes.backwards": {
        "fr": "Le {last} est avant le {first} : donnez le premier jour, puis le dernier.",
        "en": "{last} is before {first}: give the first day, then the last."},
    "drafts.minutes.posted": {
        "fr": "Procès-verbal du {first} au {last} : {count} brouillon(s).",
        "en": "Minutes from {first} to {last}: {count} draft(s)."},
    "drafts.minutes.file": {"fr": "Procès-verbal des décisions", "en": "Minutes of decisions"},
    "drafts.minutes.title": {
        "fr": "Procès-verbal des décisions du {first} au {last}",
        "en": "Minutes of the decisions from {first} to {last}"},
    "drafts.minutes.made": {
        "fr": "Établi par Garant le {at} : {count} brouillon(s) avec une décision.",
        "en": "Made by Garant on {at}: {count} draft(s) with a decision."},
    "drafts.minutes.none": {"fr": "Aucune décision sur la période.",
                            "en": "No decision in the period."},
    "drafts.minutes.draft": {"fr": "Brouillon n° {id} « {title} » ({where})",
                             "en": "Draft #{id} “{title}” ({where})"},
    "drafts.minutes.submitted": {"fr": "Proposé par {author} le {at}.",
                                 "en": "Submitted by {author} on {at}."},
    "drafts.minutes.reason": {"fr": " Motif : {reason}", "en": " Reason: {reason}"},
    "drafts.minutes.ballot": {"fr": "{voter} : {choice}{reason}",
                              "en": "{voter}: {choice}{reason}"},
    "drafts.minutes.close": {
        "fr": "{at} — vote clos ({how}) : {result}. {approve} pour, {changes} demande(s) de "
              "modification, {reject} contre, {abstain} abstention(s) ; {cast} votant(s) sur "
              "{electorate}. Bulletins :",
        "en": "{at} — vote closed ({how}): {result}. {approve} for, {changes} change "
              "request(s), {reject} against, {abstain} abstention(s); {cast} voter(s) of "
              "{electorate}. Ballots:"},
    "drafts.minutes.close.early": {"fr": "résultat acquis avant l'échéance",
                                   "en": "result settled before the deadline"},
    "drafts.minutes.close.deadline": {"fr": "à l'échéance", "en": "at the deadline"},
    "drafts.minutes.decide": {
        "fr": "{at} — sans quorum, {actor} décide : {result}.{reason}",
        "en": "{at} — without quorum, {actor} decides: {result}.{reason}"},
    "drafts.minutes.extend": {
        "fr": "{at} — sans quorum, {actor} prolonge le vote.{reason}",
        "en": "{at} — without quorum, {actor} extends the vote.{reason}"},
    "drafts.minutes.final_approve": {
        "fr": "{at} — {actor}, direction de la publication, approuve la publication.{reason}",
        "en": "{at} — {actor}, publication director, approves publication.{reason}"},
    "drafts.minutes.final_changes": {
        "fr": "{at} — {actor}, direction de la publication, demande des modifications.{reason}",
        "en": "{at} — {actor}, publication director, asks for changes.{reason}"},
    "drafts.minutes.client_approve": {
        "fr": "{at} — le client valide la publication ({actor}).{reason}",
        "en": "{at} — the client signs the post off ({actor}).{reason}"},
    "drafts.minutes.client_changes": {
        "fr": "{at} — le client demande des modifications ({actor}).{reason}",
        "en": "{at} — the client requests changes ({actor}).{reason}"},
    "drafts.minutes.veto": {
        "fr": "{at} — {actor}, direction de la publication, oppose son veto.{reason}",
        "en": "{at} — {actor}, publication director, vetoes it.{reason}"},
    "drafts.minutes.unveto": {"fr": "{at} — {actor} lève le veto.{reason}",
                              "en": "{at} — {actor} lifts the veto.{reason}"},
    "drafts.minutes.publish": {"fr": "{at} — publié ({actor}).{reason}",
                               "en": "{at} — published ({actor}).{reason}"},
    "drafts.minutes.withdraw": {"fr": "{at} — retiré par {actor}.{reason}",
                                "en": "{at} — withdrawn by {actor}.{reason}"},
    "drafts.minutes.expire": {"fr": "{at} — expiré sans être publié.{reason}",
                              "en": "{at} — expired unpublished.{reason}"},
    "drafts.proxy.cancel.help": {"fr": "reprend votre vote donné par procuration",
                                 "en": "take back the vote you gave by proxy"},
    "drafts.proxy.given": {
        "fr": "{holder} vote pour vous jusqu'au {until} (quand il ou elle vote, sur les "
              "brouillons où vous n'avez pas voté vous-même). /proxy cancel pour reprendre "
              "votre vote.",
        "en": "{holder} votes for you until {until} (when they vote, on drafts where you have "
              "not voted yourself). /proxy cancel to take your vote back."},
    "drafts.proxy.told": {
        "fr": "{giver} vous a donné sa procuration jusqu'au {until} : vos votes sur les "
              "brouillons compteront aussi pour {giver}, sauf là où {giver} vote lui-même ou "
              "elle-même.",
        "en": "{giver} gave you their proxy until {until}: your votes on drafts also count "
              "for {giver}, except where {giver} votes themselves."},
    "drafts.proxy.cancelled": {"fr": "Procuration à {holder} annulée : vous votez vous-même.",
                               "en": "Proxy to {holder} cancelled: you vote yourself."},
    "drafts.proxy.none": {"fr": "Vous n'avez donné votre vote à personne.",
                          "en": "You have not given your vote to anyone."},
    "drafts.proxy.mine": {"fr": "Votre vote : {given}. Vous votez pour : {held}.",
                          "en": "Your vote: {given}. You vote for: {held}."},
    "drafts.proxy.mine.given": {"fr": "donné à {holder} jusqu'au {until}",
                                "en": "given to {holder} until {until}"},
    "drafts.proxy.mine.own": {"fr": "le vôtre", "en": "your own"},
    "drafts.proxy.mine.nobody": {"fr": "personne", "en": "nobody"},
    "drafts.proxy.self": {"fr": "Vous ne pouvez pas vous donner votre propre vote.",
                          "en": "You cannot give your vote to yourself."},
    "drafts.proxy.holder_gave": {
        "fr": "{holder} a déjà donné son vote à {other} : pas de procuration en cascade.",
        "en": "{holder} has given their vote to {other}: proxies do not pass on."},
    "drafts.proxy.giver_holds": {
        "fr": "Vous votez pour {other} : pas de procuration en cascade ; {other} doit "
              "d'abord reprendre son vote.",
        "en": "You vote for {other}: proxies do not pass on; {other} must cancel theirs first."},
    "drafts.proxy.holder_holds": {
        "fr": "{holder} vote déjà pour {other} : une procuration par personne.",
        "en": "{holder} already votes for {other}: one proxy per person."},
    "drafts.proxy.not_member": {"fr": "{name} n'est pas membre : pas de procuration possible.",
                                "en": "{name} is not a member: no proxy possible."},
    "drafts.proxy.unknown": {"fr": "Personne ne s'appelle « {name} » ici.",
                             "en": "Nobody is called “{name}” here."},
    "drafts.proxy.until_needed": {
        "fr": "Jusqu'à quand ? Par exemple : /proxy {name} 31/12.",
        "en": "Until when? For example: /proxy {name} 31/12."},
    "drafts.proxy.bad_until": {
        "fr": "Date illisible ou passée : « {value} ». Par exemple : 31/12, vendredi, "
              "2026-12-31.",
        "en": "Unreadable or past date: “{value}”. For example: 31/12, friday, 2026-12-31."},
    "drafts.tally.hidden.after_vote": {"fr": "décompte visible après votre vote",
                                       "en": "tally shown once you have voted"},
    "drafts.tally.hidden.after_close": {"fr": "décompte visible à la clôture",
                                        "en": "tally shown at the close"},
    "drafts.tally.hidden.always": {"fr": "décompte visible", "en": "tally shown"},
    "drafts.button.vote.approve": {"fr": "Approuver", "en": "Approve"},
    "drafts.button.vote.changes": {"fr": "Demander des modifications", "en": "Request changes"},
    "drafts.button.vote.reject": {"fr": "Rejeter", "en": "Reject"},
    "drafts.button.vote.abstain": {"fr": "S'abstenir", "en": "Abstain"},
    "drafts.button.final.approve": {"fr": "Approuver pour publication",
                                    "en": "Approve for publication"},
    "drafts.button.final.changes": {"fr": "Demander des modifications", "en": "Request changes"},
    "drafts.button.final.veto": {"fr": "Veto", "en": "Veto"},
    "drafts.button.quorum.extend": {"fr": "Prolonger le vote", "en": "Extend the vote"},
    "drafts.button.quorum.pass": {"fr": "Décider : adopté", "en": "Decide: passed"},
    "drafts.button.quorum.changes": {"fr": "Décider : modifications",
                                     "en": "Decide: changes requested"},
    "drafts.button.quorum.reject": {"fr": "Décider : rejeté", "en": "Decide: rejected"},
    "drafts.button.override.grant": {"fr": "Accorder la dérogation", "en": "Grant the override"},
    "drafts.button.fix.apply": {"fr": "Corriger", "en": "Fix"},
    "drafts.button.override.refuse": {"fr": "Refuser la dérogation",
                                      "en": "Refuse the override"},
    "drafts.choice.approve": {"fr": "Approuver", "en": "Approve"},
    "drafts.choice.request_changes": {"fr": "Demander des modifications",
                                      "en": "Request changes"},
    "drafts.choice.reject": {"fr": "Rejeter", "en": "Reject"},
    "drafts.choice.abstain": {"fr": "S'abstenir", "en": "Abstain"},
    "drafts.result.approved": {"fr": "adopté", "en": "passed"},
    "drafts.result.changes_requested": {"fr": "modifications demandées",
                                        "en": "changes requested"},
    "drafts.result.rejected": {"fr": "rejeté", "en": "rejected"},
    "drafts.result.no_quorum": {"fr": "quorum non atteint", "en": "no quorum"},
    # ------------------------------------------------------------ /draft show
    "drafts.show.head": {"fr": "Brouillon n° {id} — {title} ({state})",
                         "en": "Draft #{id} — {title} ({state})"},
    "drafts.show.meta": {"fr": "Auteur : {author} · Réseau : {network} · Client : {client} · "
                               "Publication prévue : {planned}",
                         "en": "Author: {author} · Network: {network} · Client: {client} · "
                               "Planned: {planned}"},
    "drafts.show.votes": {"fr": "Votes : {tally}", "en": "Votes: {tally}"},
    "drafts.show.veto": {"fr": "Veto en vigueur : {reason}", "en": "Veto standing: {reason}"},
    "drafts.show.revisions": {"fr": "Révisions :", "en": "Revisions:"},
    "drafts.show.revision": {"fr": "  r{number} — {at} par {editor}{minor}, {findings} "
                                   "remarque(s) de la charte",
                             "en": "  r{number} — {at} by {editor}{minor}, {findings} charter "
                                   "finding(s)"},
    "drafts.show.minor": {"fr": " (mineure)", "en": " (minor)"},
    "drafts.show.changed": {"fr": "{field} : {before} → {after}",
                            "en": "{field}: {before} → {after}"},
    "drafts.show.ballots": {"fr": "Bulletins :", "en": "Ballots:"},
    "drafts.show.ballot": {"fr": "  {at} {voter} : {mark} {choice} (r{revision}){reason}"
                                 "{status}",
                           "en": "  {at} {voter}: {mark} {choice} (r{revision}){reason}"
                                 "{status}"},
    "drafts.show.ended.changed": {"fr": " [remplacé]", "en": " [changed]"},
    "drafts.show.ended.dismissed": {"fr": " [écarté par une révision]",
                                    "en": " [dismissed by a revision]"},
    "drafts.show.hidden": {"fr": "  ({count} vote(s) masqué(s) selon la règle du décompte)",
                           "en": "  ({count} ballot(s) hidden by the tally rule)"},
    "drafts.show.none": {"fr": "  aucun", "en": "  none"},
    "drafts.show.events": {"fr": "Événements :", "en": "Events:"},
    "drafts.show.event": {"fr": "  {at} {actor} : {action} ({src} → {dst}, r{revision})"
                                "{reason}",
                          "en": "  {at} {actor}: {action} ({src} → {dst}, r{revision})"
                                "{reason}"},
    "drafts.close.early": {"fr": "clôture anticipée : le résultat ne pouvait plus changer",
                           "en": "closed early: the result could no longer change"},
    "drafts.close.deadline": {"fr": "échéance atteinte", "en": "deadline reached"},
    "drafts.show.link": {"fr": "Publié : {url}", "en": "Published: {url}"},
    # ------------------------------------------------------------ /draft list and /plan
    "drafts.list.head": {"fr": "{count} brouillon(s) :", "en": "{count} draft(s):"},
    "drafts.list.line": {"fr": "  n° {id} [{state}] {title} — {extras}",
                         "en": "  #{id} [{state}] {title} — {extras}"},
    "drafts.list.planned": {"fr": "prévu {when}", "en": "planned {when}"},
    "drafts.list.deadline": {"fr": "échéance {when}", "en": "deadline {when}"},
    "drafts.list.empty": {"fr": "Aucun brouillon ({which}).", "en": "No drafts ({which})."},
    "drafts.list.which.open": {"fr": "en cours", "en": "open"},
    "drafts.list.which.all": {"fr": "tous", "en": "all"},
    "drafts.plan.head": {"fr": "Calendrier des publications — {days} jour(s) :",
                         "en": "Publication calendar — {days} day(s):"},
    "drafts.plan.empty": {"fr": "Aucune publication prévue d'ici {days} jour(s).",
                          "en": "No publication planned in the next {days} day(s)."},
    "drafts.plan.line": {"fr": "    {mark} {time} {client} — n° {id} {title} ({state})",
                         "en": "    {mark} {time} {client} — #{id} {title} ({state})"},
    "drafts.plan.no_client": {"fr": "(sans client)", "en": "(no client)"},
    # ------------------------------------------------------------ the home view
    "drafts.home.votes": {"fr": "🗳 Brouillons qui attendent votre vote ({count})",
                          "en": "🗳 Drafts waiting for your vote ({count})"},
    "drafts.home.final": {"fr": "⚖ Brouillons qui attendent votre décision finale ({count})",
                          "en": "⚖ Drafts awaiting your final decision ({count})"},
    "drafts.home.more": {"fr": "… et {count} autre(s) : /draft list {state}",
                         "en": "… and {count} more: /draft list {state}"},
}

for _state, (_fr, _en) in _STATES.items():
    MESSAGES[f"drafts.state.{_state}"] = {"fr": _fr, "en": _en}
for _action, (_fr, _en) in _WHO.items():
    MESSAGES[f"drafts.refused.who.{_action.value}"] = {"fr": _fr, "en": _en}
for _action, (_fr, _en) in _NOT_NOW.items():
    MESSAGES[f"drafts.refused.state.{_action.value}"] = {"fr": _fr, "en": _en}
for _event, (_fr, _en) in _EVENTS.items():
    MESSAGES[f"drafts.event.{_event}"] = {"fr": _fr, "en": _en}

# /stats and the weekly report
MESSAGES.update({
    "drafts.stats.title": {"fr": "Brouillons", "en": "Drafts"},
    "drafts.stats.counts": {
        "fr": "  Soumis : {submitted} · adoptés : {passed} · publiés : {published} · "
              "rejetés : {rejected}",
        "en": "  Submitted: {submitted} · passed: {passed} · published: {published} · "
              "rejected: {rejected}",
    },
    "drafts.stats.timing": {
        "fr": "  Délai médian de décision : {median} · participation aux votes : {turnout}",
        "en": "  Median time to decision: {median} · vote participation: {turnout}",
    },
})

# The drafts' web pages (the calendar, the client's sign-off) say more: kept apart.
MESSAGES.update(PAGE_MESSAGES)
