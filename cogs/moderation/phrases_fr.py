"""French for the errors of the moderation cog's settings (`settings.py`: garant.yaml's
`moderation`), keyed by their English templates (`bot.phrases`); registered by
`cogs/moderation/__init__.py`."""

FRENCH: dict[str, str] = {
    "'threshold_timeout' can be at most 28d (Discord's longest timeout)":
        "« threshold_timeout » ne peut pas dépasser 28j (l'exclusion temporaire la plus "
        "longue de Discord)",
    "windows (each with days, and from/to)": "plages horaires (chacune avec days, et from/to)",
    "each quiet_hours window": "chaque plage de quiet_hours",
    "a quiet_hours window": "une plage de quiet_hours",
    "'{given}' needs '{missing}' too (leave both out for the whole day)":
        "« {given} » va avec « {missing} » (omettez les deux pour toute la journée)",
    "'from' and 'to' are both {time}; leave both out for the whole day":
        "« from » et « to » valent tous deux {time} ; omettez les deux pour toute la journée",
    "each duty window": "chaque plage de permanence",
    "a duty window": "une plage de permanence",
    "a duty window needs 'moderators', like moderators: [malik]":
        "une plage de permanence a besoin de « moderators », comme moderators: [malik]",
}
