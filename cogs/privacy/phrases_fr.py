"""French for the errors of the privacy cog's settings (`settings.py`: garant.yaml's
`privacy`), keyed by their English templates (`bot.phrases`)."""

FRENCH: dict[str, str] = {
    "'audit_log' must be at least 90d: the audit log is what the moderators answer for, "
    "got {got}":
        "« audit_log » doit valoir au moins 90d : le journal d'audit est ce dont les "
        "modérateurs répondent, trouvé : {got}",
}
