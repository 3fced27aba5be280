"""Public holidays, on which the routine has no prompt.

They come from `holidays` (python-holidays): maintained, every country with its
regions (Alsace-Moselle's Good Friday and St Stephen's Day, the overseas
departments' abolition days), computed for any year (Easter and what follows it),
and named in French. Writing France's eleven days by hand would have been shorter
and wrong by the next Pentecost or the first member in Moselle.

A setting names a country by its ISO 3166 code, optionally followed by one of its
regions as the library codes them: `FR`, `FR-57` (Moselle), `FR-6AE` (Alsace),
`FR-974` (La Réunion), `BE`, `CH-GE`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

import holidays


@cache
def regions_by_country() -> dict[str, tuple[str, ...]]:
    """Every supported country code and the codes of its regions."""
    return {country: tuple(regions)
            for country, regions in holidays.list_supported_countries().items()}


def split_code(code: str) -> tuple[str, str | None]:
    """`FR-57` as ("FR", "57"), `fr` as ("FR", None): the country upper-cased, the
    region as the library spells it when it knows it (regions are compared without
    case: `zone a` is `Zone A`)."""
    country, _, region = code.strip().partition("-")
    country = country.strip().upper()
    if not region.strip():
        return country, None
    known = {r.casefold(): r for r in regions_by_country().get(country, ())}
    return country, known.get(region.strip().casefold(), region.strip())


def holiday_names(code: str | None, language: str) -> Callable[[date], str | None]:
    """A function naming the public holiday on a day (None on other days) for the
    country code `code` (None: no public holidays), in `language` when the library
    has the names in it."""
    if code is None:
        return _none
    country, region = split_code(code)
    calendar = holidays.country_holidays(country, subdiv=region)
    wanted = {"fr": "fr", "en": "en_US"}.get(language[:2].lower())
    if wanted in calendar.supported_languages:
        calendar = holidays.country_holidays(country, subdiv=region, language=wanted)
    return calendar.get


def _none(day: date) -> str | None:
    return None


__all__ = ["holiday_names", "regions_by_country", "split_code"]
