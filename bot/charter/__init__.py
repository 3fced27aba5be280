"""The charter engine: pure, synchronous and fast. Text and context in, findings out.

The errors of charter files are French in `phrases_fr.py`, registered here
(`bot.phrases`).
"""

from bot.charter.engine import (
    ACTIONS,
    CONTEXTS,
    LEVELS,
    Charter,
    Finding,
    apply_fixes,
    fixed,
    strongest,
    verdict,
)
from bot.charter.kinds import NETWORKS, FloodTracker
from bot.charter.load import CharterLibrary, bundled_charters_dir
from bot.charter.phrases_fr import FRENCH
from bot.phrases import add_french

add_french(FRENCH)

__all__ = [
    "ACTIONS", "CONTEXTS", "LEVELS", "NETWORKS", "Charter", "CharterLibrary", "Finding",
    "FloodTracker", "apply_fixes", "bundled_charters_dir", "fixed", "strongest", "verdict",
]
