"""Chat platforms: one package each (`local`, `discord`, `slack`...), found by
`discover()` from the `PLATFORM` spec in its `__init__.py` (see `base.py`).

Discovery imports only the packages' `__init__` modules, which must stay light:
the chat library is imported by the spec's factory, when the platform runs.
"""

from __future__ import annotations

import importlib
import pkgutil

from bot.platforms.base import PlatformSpec


def discover() -> dict[str, PlatformSpec]:
    """Every installed platform, by name, in their declared order."""
    found: list[PlatformSpec] = []
    for module in pkgutil.iter_modules(__path__):
        if not module.ispkg:
            continue
        spec = getattr(importlib.import_module(f"{__name__}.{module.name}"), "PLATFORM", None)
        if isinstance(spec, PlatformSpec):
            found.append(spec)
    found.sort(key=lambda s: (s.order, s.name))
    return {spec.name: spec for spec in found}


__all__ = ["discover"]
