"""French for the errors of the drafts cog's settings (`settings.py`: garant.yaml's
`votes` and `drafts`), keyed by their English templates (`bot.phrases`); registered by
`cogs/drafts/__init__.py`."""

FRENCH: dict[str, str] = {
    "'majority' must be below 100: approvals must be more than this share of the votes, so "
    "no draft could ever pass":
        "« majority » doit être inférieur à 100 : les approbations doivent dépasser cette part "
        "des votes, sinon aucun brouillon ne pourrait jamais être adopté",
    "'reminder_before' ({reminder}) must be shorter than 'deadline' ({deadline}), or the "
    "reminder would come before the vote opens":
        "« reminder_before » ({reminder}) doit être plus court que « deadline » ({deadline}), "
        "sinon le rappel arriverait avant l'ouverture du vote",
    "client": "client",
    "'client_sign_off_within' must be at least 1h: the client needs time to read the post":
        "« client_sign_off_within » doit valoir au moins 1h : le client a besoin de temps "
        "pour lire la publication",
}
