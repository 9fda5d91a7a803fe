"""Reading `data/datapackage.json` and checking that it describes tables the loader can read.

Each table the loader needs must be described, and every table described must be described once,
by a resource whose `path` is the file the loader reads (`<name>.csv`, inside the data folder), in
the one CSV dialect the loader reads (comma, double quotes, a header), with fields of the types the
pipeline handles (string, integer), constraints that can be checked, and no key twice in one object. Anything else is refused with the line of datapackage.json
that says it, so that the schema check always validates the file that is loaded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import FILE, Problem
from .textfile import read_utf8

LABEL = "datapackage.json"
TYPES = ("string", "integer")
DIALECT = {"delimiter": ",", "quoteChar": '"', "header": True, "doubleQuote": True, "skipInitialSpace": False}
FREE_DIALECT = ("lineTerminator",)   # any line ending is read
COLON = re.compile(r"\s*:")


def _line(text: str, name: str, after: int = 0, key: str = "name") -> int:
    """The line of the first `"name": "<name>"` at or after line `after` (the line `after`, or 1, when not
    found); with `key`, the line of the first `"<key>":` instead."""
    pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:" + (r"\s*" + re.escape(json.dumps(name)) if key == "name" else ""))
    for i, line in enumerate(text.splitlines()[max(after - 1, 0):], start=max(after, 1)):
        if pattern.search(line):
            return i
    return after or 1


def _problem(line: int, column: str, value: str, rule: str, fix: str = "") -> Problem:
    return Problem(LABEL, line, column, value, rule, fix=fix, stage=FILE)


def _field_problems(field: object, at: int, text: str, seen: set[str]) -> list[Problem]:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
        return [_problem(at, "fields", str(field)[:60], "every field needs a name")]
    name = field["name"]
    line = _line(text, name, at)
    problems = []
    if name in seen:
        problems.append(_problem(line, "name", name, "field is described twice"))
    seen.add(name)
    if field.get("type") not in TYPES:
        return problems + [_problem(line, "type", str(field.get("type")),
                                    f"field '{name}': type must be one of {', '.join(TYPES)} (what the pipeline handles)")]
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return problems + [_problem(line, "constraints", str(constraints), f"field '{name}': constraints must be an object")]
    if "required" in constraints and not isinstance(constraints["required"], bool):
        problems.append(_problem(line, "required", str(constraints["required"]), f"field '{name}': required must be true or false"))
    if "pattern" in constraints:
        try:
            re.compile(constraints["pattern"])
        except (re.error, TypeError) as exc:
            problems.append(_problem(line, "pattern", str(constraints["pattern"]), f"field '{name}': pattern is not a regular expression: {exc}"))
    if "enum" in constraints and not (isinstance(constraints["enum"], list) and all(isinstance(v, str) for v in constraints["enum"])):
        problems.append(_problem(line, "enum", str(constraints["enum"]), f"field '{name}': enum must be a list of strings"))
    for bound in ("minimum", "maximum"):
        if bound in constraints and (type(constraints[bound]) is not int or field.get("type") != "integer"):
            problems.append(_problem(line, bound, str(constraints[bound]), f"field '{name}': {bound} must be a whole number on an integer field"))
    return problems


def _needed_problems(fields: list, needed: dict[str, str], name: str, at: int, text: str) -> list[Problem]:
    """A field the library reads that the table does not describe, or describes with another type."""
    types = {f["name"]: f.get("type") for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}
    problems = []
    for field, wanted in needed.items():
        if field not in types:
            problems.append(_problem(_line(text, "", at, "fields"), "fields", field, f"table '{name}' must describe the field '{field}' ({wanted}): the library reads it",
                                     fix="describe it as the project's data/datapackage.json does, and give the CSV that column"))
        elif types[field] in TYPES and types[field] != wanted:
            problems.append(_problem(_line(text, field, at), "type", str(types[field]),
                                     f"field '{field}' of table '{name}' must be of type {wanted}: the library reads it so"))
    return problems


def _resource_problems(resource: dict, name: str, text: str, needed: dict[str, str]) -> list[Problem]:
    at = _line(text, name)
    problems = []
    if resource.get("path") != f"{name}.csv":
        problems.append(_problem(_line(text, "", at, "path"), "path", str(resource.get("path")),
                                 f"table '{name}' must have path '{name}.csv': the loader reads that file and validates it",
                                 fix=f"set \"path\": \"{name}.csv\""))
    for key, wanted in (("format", "csv"), ("encoding", "utf-8")):
        if key in resource and str(resource[key]).lower() != wanted:
            problems.append(_problem(_line(text, "", at, key), key, str(resource[key]), f"table '{name}': {key} must be {wanted}"))
    dialect = resource.get("dialect", {})
    if not isinstance(dialect, dict):
        dialect = {"dialect": dialect}
    for key, value in dialect.items():
        if key not in FREE_DIALECT and DIALECT.get(key, object()) != value:
            problems.append(_problem(_line(text, "", at, key), f"dialect.{key}", str(value),
                                     f"table '{name}': the loader reads only comma-separated files with double quotes and a header"))
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return problems + [_problem(at, "schema", "", f"table '{name}' needs a schema with a list of fields")]
    seen: set[str] = set()
    for field in schema["fields"]:
        problems += _field_problems(field, at, text, seen)
    problems += _needed_problems(schema["fields"], needed, name, at, text)
    if schema.get("missingValues", [""]) != [""]:
        problems.append(_problem(_line(text, "", at, "missingValues"), "missingValues", str(schema["missingValues"]),
                                 f"table '{name}': missingValues must be [\"\"]: only an empty cell is read as missing"))
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not isinstance(key, list) or not all(k in seen for k in key):
        problems.append(_problem(_line(text, "", at, "primaryKey"), "primaryKey", str(schema.get("primaryKey")), f"table '{name}': primaryKey must name fields of the table"))
    if not problems:
        from frictionless import FrictionlessException, Schema  # imported when a descriptor is read, not before

        try:
            Schema.from_descriptor(schema)
        except FrictionlessException as exc:
            problems.append(_problem(at, "schema", "", f"table '{name}': schema is not valid: {exc.error.message}"))
    return problems


def _repeated_key(text: str) -> tuple[int, str] | None:
    """(line, key) of the first key repeated within one object of a valid JSON `text`, or None."""
    seen: list[set[str] | None] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "{[":
            seen.append(set() if ch == "{" else None)
        elif ch in "}]":
            seen.pop()
        elif ch == '"':
            end = i + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if seen and seen[-1] is not None and COLON.match(text, end + 1):
                key = json.loads(text[i:end + 1])
                if key in seen[-1]:
                    return text.count("\n", 0, i) + 1, key
                seen[-1].add(key)
            i = end
        i += 1
    return None


def read_descriptor(folder: Path, tables: tuple[str, ...], needed: dict[str, dict[str, str]] | None = None
                    ) -> tuple[dict | None, list[Problem]]:
    """The schema of every table described in `folder`/datapackage.json, by name and in its order, or None
    with the problems; each of `tables` must be described, with the fields `needed` names ({table: {field:
    type}})."""
    text, problems = read_utf8(Path(folder) / LABEL, LABEL)
    if text is None:
        return None, problems
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [_problem(exc.lineno, f"char {exc.colno}", "", f"not valid JSON: {exc.msg}")]
    except RecursionError:
        return None, [_problem(1, "", "", "not valid JSON: nested too deeply")]
    except ValueError as exc:  # e.g. a number of thousands of digits
        return None, [_problem(1, "", "", f"not valid JSON: {exc}")]
    repeated = _repeated_key(text)
    if repeated:
        line, key = repeated
        return None, [_problem(line, key, key, f"key \"{key}\" appears twice in one object: only the last would count",
                               fix="remove one of the two")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [_problem(1, "resources", type(descriptor).__name__, "must be a JSON object with a list of resources")]
    resources: dict[str, list[dict]] = {}
    for r in descriptor["resources"]:
        if isinstance(r, dict) and isinstance(r.get("name"), str) and r["name"]:
            resources.setdefault(r["name"], []).append(r)
        else:
            problems.append(_problem(1, "resources", str(r)[:60], "every resource needs a name"))
    for name in tables:
        if name not in resources:
            problems.append(_problem(1, "resources", name, "table is not described",
                                     fix=f"describe {name}.csv in datapackage.json"))
    for name, found in resources.items():
        if len(found) > 1:
            problems.append(_problem(_line(text, name), "name", name, "table is described more than once"))
        else:
            problems += _resource_problems(found[0], name, text, (needed or {}).get(name, {}))
    if problems:
        return None, problems
    return {name: found[0]["schema"] for name, found in resources.items()}, []
