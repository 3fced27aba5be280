"""The charter engine: pure, synchronous and fast. Text and context in, findings out."""

from bot.charter.engine import ACTIONS, CONTEXTS, LEVELS, Charter, Finding, strongest, verdict
from bot.charter.kinds import NETWORKS, FloodTracker
from bot.charter.load import CharterLibrary, bundled_charters_dir

__all__ = [
    "ACTIONS", "CONTEXTS", "LEVELS", "NETWORKS", "Charter", "CharterLibrary", "Finding",
    "FloodTracker", "bundled_charters_dir", "strongest", "verdict",
]
