"""Addresses of the generated pages: a profile per receiving state (`states/<CODE>.html`) and an anchor per
event on its state's profile (`#event-<event id>`). Every address is built from a checked code or event id,
so no data string can turn into markup or a foreign address."""

from __future__ import annotations

import re

FOLDER = "states"
INDEX = "chapters/states"  # the states index: a chapter of the book
FINDER = "finder-data.js"  # the states index's finder data, written by profile_pages into _static/
CODE = re.compile(r"^[A-Z]{3}$")
EVENT_ID = re.compile(r"^[A-Z]{3}-\d{4}(-\d{2}(-\d{2})?)?(-[a-z])?$")


def _checked(pattern: re.Pattern, value: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise ValueError(f"not a valid {'state code' if pattern is CODE else 'event id'}: {value!r}")
    return value


def pagename(code: str) -> str:
    """The page name of a state's profile (`states/BEL`)."""
    return f"{FOLDER}/{_checked(CODE, code)}"


def event_anchor(event_id: str) -> str:
    """The id of an event's record on its state's profile (`event-BEL-2021-07-17`)."""
    return f"event-{_checked(EVENT_ID, event_id)}"


def profile_href(code: str, base: str = f"../{FOLDER}/") -> str:
    """The address of a state's profile from a page of the book's chapters (`../states/BEL.html`); pass
    `base=""` from another profile."""
    return f"{base}{_checked(CODE, code)}.html"


def event_href(event_id: str, base: str = f"../{FOLDER}/") -> str:
    """The address of an event's record: its state's profile (the event id's first three letters) and
    its anchor."""
    return f"{profile_href(_checked(EVENT_ID, event_id)[:3], base)}#{event_anchor(event_id)}"
