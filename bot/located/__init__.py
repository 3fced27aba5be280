"""Located YAML: values that remember their file, line and column.

Charters, routine files and `garant.yaml` are written by people, so every
mistake must be reported where it is (`PATH:LINE:COL: what is wrong`). This
package is neutral: it knows nothing of charters or of the bot, so the config
loader and the charter engine both read through it and neither imports the
other.

Its errors, and those of `garant.yaml` and the secrets, are French in
`phrases_fr.py`, registered here (`bot.phrases`).
"""

from bot.located.phrases_fr import FRENCH
from bot.located.yamlsrc import LocatedDict, LocatedList, SourceError, Where, load_yaml
from bot.phrases import add_french

add_french(FRENCH)

__all__ = ["LocatedDict", "LocatedList", "SourceError", "Where", "load_yaml"]
