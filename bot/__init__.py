"""Garant: the guarantor of the editorial line."""

from bot.phrases import add_french
from bot.phrases_fr import FRENCH

__version__ = "0.1.0"

add_french(FRENCH)
