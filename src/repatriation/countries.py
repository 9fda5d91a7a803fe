"""Country codes to names and report regions, with a hard failure on an unknown code."""

from __future__ import annotations

from functools import lru_cache

import country_converter as coco
import pycountry

# Codes outside ISO 3166-1 that the data use on purpose.
EXTRA = {"XKX": "Kosovo"}

# The report's regions, from the UN M49 sub-regions (via country_converter), with overrides where the
# policy story groups states differently from geography.
OVERRIDES = {
    "IRQ": "Iraq",
    "IRN": "Middle East and North Africa",
    "RUS": "Central Asia, Russia and the Caucasus",
    "AZE": "Central Asia, Russia and the Caucasus",
    "GEO": "Central Asia, Russia and the Caucasus",
    "ARM": "Central Asia, Russia and the Caucasus",
    "XKX": "Western Balkans", "ALB": "Western Balkans", "BIH": "Western Balkans",
    "MKD": "Western Balkans", "SRB": "Western Balkans", "MNE": "Western Balkans",
}
BY_SUBREGION = {
    "Central Asia": "Central Asia, Russia and the Caucasus",
    "Northern Europe": "Europe, North America and Oceania",
    "Western Europe": "Europe, North America and Oceania",
    "Southern Europe": "Europe, North America and Oceania",
    "Eastern Europe": "Europe, North America and Oceania",
    "Northern America": "Europe, North America and Oceania",
    "Australia and New Zealand": "Europe, North America and Oceania",
    "Western Asia": "Middle East and North Africa",
    "Northern Africa": "Middle East and North Africa",
    "Sub-Saharan Africa": "Sub-Saharan Africa",
    "Eastern Africa": "Sub-Saharan Africa",
    "Western Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Southern Asia": "South and South-East Asia",
    "South-eastern Asia": "South and South-East Asia",
    "Eastern Asia": "South and South-East Asia",
    "Caribbean": "Latin America and the Caribbean",
    "South America": "Latin America and the Caribbean",
    "Central America": "Latin America and the Caribbean",
}
REGIONS = (
    "Iraq",
    "Central Asia, Russia and the Caucasus",
    "Western Balkans",
    "Europe, North America and Oceania",
    "Middle East and North Africa",
    "Sub-Saharan Africa",
    "South and South-East Asia",
    "Latin America and the Caribbean",
)


class UnknownCountry(KeyError):
    """A code that is neither ISO 3166-1 alpha-3 nor one of the project's extra codes."""


def is_known_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code or one of EXTRA."""
    return code in EXTRA or pycountry.countries.get(alpha_3=code) is not None


@lru_cache(maxsize=1)
def _converter() -> coco.CountryConverter:
    return coco.CountryConverter()


@lru_cache(maxsize=None)
def name(code: str) -> str:
    """The short English name of a country code; UnknownCountry if the code is unknown."""
    if not is_known_code(code):
        raise UnknownCountry(code)
    found = _converter().convert(code, src="ISO3", to="name_short", not_found=None)
    return found or EXTRA.get(code) or pycountry.countries.get(alpha_3=code).name


@lru_cache(maxsize=None)
def region(code: str) -> str:
    """The report region of a country code; UnknownCountry if the code or its UN sub-region is unknown."""
    if code in OVERRIDES:
        return OVERRIDES[code]
    if not is_known_code(code):
        raise UnknownCountry(code)
    sub = _converter().convert(code, src="ISO3", to="UNregion", not_found=None)
    if sub not in BY_SUBREGION:
        raise UnknownCountry(f"{code}: no report region for UN sub-region {sub!r}")
    return BY_SUBREGION[sub]


def has_region(code: str) -> bool:
    """True when `code` is known and the report can place it in one of REGIONS (what the pipeline needs)."""
    try:
        region(code)
    except UnknownCountry:
        return False
    return True
