"""Located YAML: values that remember their file, line and column.

Charters, routine files and `garant.yaml` are written by people, so every
mistake must be reported where it is (`PATH:LINE:COL: what is wrong`). This
package is neutral: it knows nothing of charters or of the bot, so the config
loader and the charter engine both read through it and neither imports the
other.
"""

from bot.located.yamlsrc import LocatedDict, LocatedList, SourceError, Where, load_yaml

__all__ = ["LocatedDict", "LocatedList", "SourceError", "Where", "load_yaml"]
