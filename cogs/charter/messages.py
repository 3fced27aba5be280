"""What the charter cog says, in French and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "charter.check.help": {
        "fr": "vérifie un texte avec la charte de ce salon",
        "en": "check a text against this channel's charter",
    },
    "charter.draft.help": {
        "fr": "vérifie un brouillon pour un réseau (twitter, linkedin…) avec la charte des "
              "brouillons, comme /draft new",
        "en": "check a draft for a network (twitter, linkedin...) with the drafts' charter, "
              "as /draft new does",
    },
    "charter.show.help": {
        "fr": "affiche les règles de la charte de ce salon (ou d'une charte nommée)",
        "en": "show the rules of this channel's charter (or of a named charter)",
    },
    "charter.list.help": {"fr": "liste les chartes", "en": "list the charters"},
    "charter.reload.help": {
        "fr": "recharge les chartes depuis les fichiers (modérateurs)",
        "en": "reload the charters from their files (moderators)",
    },
    "charter.for_network": {"fr": " pour {network}", "en": " for {network}"},
    "charter.check.clean": {
        "fr": "Charte {charter}{where} : rien à signaler.",
        "en": "Charter {charter}{where}: nothing to report.",
    },
    "charter.check.head": {
        "fr": "Charte {charter}{where} : {count} remarque(s) — {verdict}",
        "en": "Charter {charter}{where}: {count} finding(s) — {verdict}",
    },
    "charter.check.line": {
        "fr": "  • [{level}] {rule} « {match} » : {message}",
        "en": "  • [{level}] {rule} \u201c{match}\u201d: {message}",
    },
    "charter.verdict.ok": {"fr": "rien à signaler", "en": "nothing to report"},
    "charter.verdict.suggest": {"fr": "suggestion", "en": "suggestion"},
    "charter.verdict.warn": {"fr": "avertissement", "en": "warning"},
    "charter.verdict.flag": {"fr": "signalé aux modérateurs", "en": "flagged to moderators"},
    "charter.verdict.block": {"fr": "bloqué", "en": "blocked"},
    "charter.context.chat": {"fr": "discussion", "en": "chat"},
    "charter.context.draft": {"fr": "brouillon", "en": "draft"},
    "charter.kind.forbidden": {"fr": "mots interdits", "en": "forbidden words"},
    "charter.kind.replace": {"fr": "mots à remplacer", "en": "words to replace"},
    "charter.kind.register": {"fr": "registre", "en": "register"},
    "charter.kind.conditional": {"fr": "mots sous condition", "en": "conditional words"},
    "charter.kind.count": {"fr": "décompte", "en": "count"},
    "charter.kind.length": {"fr": "longueur", "en": "length"},
    "charter.kind.links": {"fr": "liens", "en": "links"},
    "charter.kind.personal_data": {"fr": "données personnelles", "en": "personal data"},
    "charter.kind.repetition": {"fr": "répétition", "en": "repetition"},
    "charter.kind.unicode": {"fr": "caractères trompeurs", "en": "deceptive characters"},
    "charter.kind.pattern": {"fr": "motif", "en": "pattern"},
    "charter.kind.typography": {"fr": "typographie", "en": "typography"},
    "charter.kind.spelling": {"fr": "orthographe", "en": "spelling"},
    "charter.kind.grammar": {"fr": "grammaire", "en": "grammar"},
    "charter.show.off": {
        "fr": "  ⚠ {rule} est désactivée sur ce serveur : {reason}.",
        "en": "  ⚠ {rule} is off on this server: {reason}."},
    "charter.level.info": {"fr": "info", "en": "info"},
    "charter.level.warning": {"fr": "attention", "en": "warning"},
    "charter.level.error": {"fr": "erreur", "en": "error"},
    "charter.show.head": {
        "fr": "Charte {name} — {title}{parents} : {count} règle(s)",
        "en": "Charter {name} — {title}{parents}: {count} rule(s)",
    },
    "charter.show.extends": {"fr": " (étend {parents})", "en": " (extends {parents})"},
    "charter.invalid": {"fr": "Charte invalide : {error}", "en": "Invalid charter: {error}"},
    "charter.list.title": {"fr": "Chartes disponibles :", "en": "Available charters:"},
    "charter.list.channels": {"fr": " — modère {channels}", "en": " — moderates {channels}"},
    "charter.list.default": {"fr": " (par défaut)", "en": " (default)"},
    "charter.reload.done": {
        "fr": "Chartes rechargées : {names}.", "en": "Charters reloaded: {names}.",
    },
    "charter.reload.kept": {
        "fr": "⚠ Erreur, l'ancienne version reste en service : {error}",
        "en": "⚠ Error, the previous version stays in use: {error}",
    },
    "charter.automod.help": {
        "fr": "reproduit les mots interdits bloquants des chartes dans l'AutoMod de Discord",
        "en": "mirror the charters' blocking forbidden words into Discord AutoMod",
    },
    "charter.automod.unavailable": {
        "fr": "Cette plateforme n'a pas de filtre de mots à synchroniser.",
        "en": "This platform has no keyword filter to sync.",
    },
    # ------------------------------------------------------------ the web page
    "charter.page.page": {"fr": "Charte", "en": "Charter"},
    "charter.page.title": {"fr": "Charte « {name} »", "en": "Charter \u201c{name}\u201d"},
    "charter.page.intro": {"fr": "{title} — hérite de : {parents}.",
                           "en": "{title} — extends: {parents}."},
    "charter.page.unknown": {"fr": "Pas de charte « {name} » ; les chartes : {names}.",
                             "en": "No charter \u201c{name}\u201d; the charters: {names}."},
    "charter.page.bad_context": {
        "fr": "« {value} » n'est ni la discussion ni un réseau : le texte est vérifié comme "
              "un message de discussion.",
        "en": "\u201c{value}\u201d is neither chat nor a network: the text is checked as a "
              "chat message."},
    "charter.page.try": {"fr": "Essayer un texte", "en": "Try a text"},
    "charter.page.text": {"fr": "Texte", "en": "Text"},
    "charter.page.placeholder": {"fr": "Collez ou écrivez un texte : il est vérifié à mesure.",
                                 "en": "Paste or type a text: it is checked as you go."},
    "charter.page.context": {"fr": "Comme (discussion, ou le réseau d'un brouillon)",
                             "en": "As (chat, or a draft's network)"},
    "charter.page.charter": {"fr": "Charte", "en": "Charter"},
    "charter.page.check": {"fr": "Vérifier", "en": "Check"},
    "charter.page.tried": {"fr": "Votre texte, avec ce que la charte y relève",
                           "en": "Your text, with what the charter notes in it"},
    "charter.page.mark": {"fr": "{rule} : {message}", "en": "{rule}: {message}"},
    "charter.page.rules": {"fr": "Ses {count} règles", "en": "Its {count} rules"},
    "charter.page.rule": {"fr": "Règle", "en": "Rule"},
    "charter.page.kind": {"fr": "Sorte et effet", "en": "Kind and effect"},
    "charter.page.examples": {"fr": "Exemples (✗ relevé, ✓ accepté)",
                              "en": "Examples (✗ caught, ✓ let through)"},
    "charter.page.measured": {"fr": "30 derniers jours", "en": "Last 30 days"},
    "charter.page.what": {"fr": "{level} → {action} ({contexts})",
                          "en": "{level} → {action} ({contexts})"},
    "charter.page.hits": {"fr": "{hits} relevé(s) · précision {precision}",
                          "en": "{hits} hit(s) · precision {precision}"},
    "charter.page.shadow": {"fr": "à l'essai : aurait agi {hits} fois",
                            "en": "in shadow mode: would have acted {hits} time(s)"},
}

