"""French for what the console platform says outside its chat catalogue (its `garant run`
options, its banner line, its title), keyed by the English templates (`bot.phrases`)."""

FRENCH: dict[str, str] = {
    "local console": "console locale",
    "console: who you are at start": "console : qui vous êtes au démarrage",
    "console: the channel at start (default: general)":
        "console : le salon au démarrage (par défaut : general)",
    "clock: {time}": "horloge : {time}",
}
