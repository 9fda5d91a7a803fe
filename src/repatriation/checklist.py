"""The rules of one row that read several of its cells, as a Frictionless checklist.

Frictionless checks them in the same run as the schema of `data/datapackage.json`
(`load._frictionless_problems`), so a single row is judged by one engine. Each rule is a row
constraint (a `simpleeval` formula, true for a good row; an empty cell is `None`) with the cell it
blames and its reason in plain words. What a checklist cannot say stays in `load`: real calendar
dates and nothing in the future (dates of a year or a month, and today), an end before its start
(the same), known country codes (the list is `countries`), and every rule across rows or files.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass

import attrs
from frictionless import Checklist, checks, errors
from simpleeval import EvalWithCompoundTypes

from .clean import COUNTS
from .errors import ACROSS, CELL
from .movements import MOVEMENT_FIX


NOTE = 'the row constraint to conform is "{}"'  # the note of a broken rule, in frictionless's words


@dataclass(frozen=True)
class RowRule:
    formula: str        # true for a good row
    column: str         # the cell a broken rule is reported on
    rule: str           # the reason; "{name}" is replaced with the row's cell `name`, as written
    fix: str = ""
    stage: int = CELL


_ORPHANS = RowRule("orphans is None or children is None or orphans <= children", "orphans", "more orphans than children")
_RANGE = (
    RowRule("value is not None or (low is not None and high is not None)", "value", "needs a value, or both low and high"),
    RowRule("low is None or high is not None", "high", "a range needs both low and high"),
    RowRule("high is None or low is not None", "low", "a range needs both low and high"),
    RowRule("low is None or high is None or low <= high", "low", "low is above high ({high})"),
)
_NATIONALITY = RowRule("(nationality_group == 'national') == (nationality is not None)", "nationality",
                       "nationality is required exactly when nationality_group is 'national'")

RULES: dict[str, tuple[RowRule, ...]] = {
    "repatriations": (
        RowRule("event_id[:3] == country", "event_id", "event_id must start with the row's country ({country})"),
        _ORPHANS,
        RowRule("kind != 'repatriation' or handed_to is None or handed_to == 'home_state'", "handed_to",
                "a repatriation hands people to their own state: handed_to must be home_state or empty",
                MOVEMENT_FIX, ACROSS),
        RowRule("kind != 'transfer' or handed_to != 'home_state'", "handed_to",
                "a transfer moves people into another state's custody: handed_to cannot be home_state",
                MOVEMENT_FIX, ACROSS),
        RowRule("kind != 'relocation' or country == 'SYR'", "country",
                "a relocation is a move inside Syria: country must be SYR", MOVEMENT_FIX, ACROSS),
    ),
    "nationalities": (_NATIONALITY,),
    "stated_totals": (
        RowRule(" or ".join(f"{c} is not None" for c in COUNTS), "total", "a stated total needs at least one number"),
        _ORPHANS,
    ),
    "detained": (*_RANGE, _NATIONALITY),
    "contingents": _RANGE,
}


@attrs.define(kw_only=True, repr=False)
class row_constraint(checks.row_constraint):
    """Frictionless's row constraint (same descriptor, same errors), its formula parsed once, not once per
    row: the checklist otherwise took a sixth of the pipeline's time."""

    def validate_row(self, row):
        evaluator, parsed = _parsed(self.formula)
        evaluator.names = row
        try:
            assert evaluator.eval(self.formula, previously_parsed=parsed)
        except Exception:
            yield errors.RowConstraintError.from_row(row, note=NOTE.format(self.formula))


@functools.lru_cache(maxsize=None)
def _parsed(formula: str) -> tuple:
    return EvalWithCompoundTypes(), EvalWithCompoundTypes.parse(formula)


def checklist(table: str) -> Checklist:
    """The Frictionless checklist of a table's row rules."""
    return Checklist(checks=[row_constraint(formula=r.formula) for r in RULES.get(table, ())])


def broken(table: str, note: str) -> RowRule:
    """The rule of `table` that a Frictionless row-constraint error names in its note."""
    return next(r for r in RULES[table] if note == NOTE.format(r.formula))


def names(rule: RowRule) -> set[str]:
    """The cells a rule reads."""
    return {node.id for node in ast.walk(ast.parse(rule.formula, mode="eval")) if isinstance(node, ast.Name)}
