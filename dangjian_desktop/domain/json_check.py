"""JSON read as untrusted input, and checked against a JSON Schema, without extra packages.

`loads_bounded` refuses text that is too long or nests too deep before the parser sees it
(Python's parser recurses per level; services/transfer_file.py does the same for its files).

`schema_errors` checks a document against a JSON Schema (draft 2020-12) that uses only the
keywords in SUPPORTED_KEYWORDS: the report package's schemas are written within them, and
the tests hold this checker to the `jsonschema` package's verdict on valid and broken
documents. The program does not depend on `jsonschema` at run time: the Windows bundle stays
small and the committee's copy of the program checks a package with the same code that
wrote it. A keyword outside the set is a programming error (KeyError), never ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from itertools import accumulate
from math import isfinite

# Keywords that only annotate or hold definitions.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description"})
SUPPORTED_KEYWORDS = ANNOTATIONS | {
    "type",
    "const",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "maxItems",
}

# A JSON string literal; what is left when they are blanked out is the structure. Possessive,
# so no input makes the search backtrack (see transfer_file._STRING).
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class JsonRefused(ValueError):
    """`reason` is "too_large", "not_json" or "too_deep"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def loads_bounded(raw: bytes, max_bytes: int, max_depth: int) -> object:
    if len(raw) > max_bytes:
        raise JsonRefused("too_large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonRefused("not_json") from None
    brackets = _NOT_BRACKET.sub("", _STRING.sub('""', text))
    if max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0) > max_depth:
        raise JsonRefused("too_deep")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise JsonRefused("not_json") from None


def _no_constant(name: str) -> object:
    raise ValueError(name)  # NaN and Infinity are not JSON


# --- the schema check --------------------------------------------------------------------------
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    # NaN and ±Infinity are not JSON numbers (a parsed "1e999" is inf): never valid here.
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool) and isfinite(v),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _pointer(path: tuple[object, ...]) -> str:
    """An RFC 6901 JSON Pointer: "/sections/members/rows/3/join_date"."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _equal(a: object, b: object) -> bool:
    """JSON equality: 1 and true are different values."""
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def _resolve(root: Mapping, ref: str) -> Mapping:
    if not ref.startswith("#/"):
        raise KeyError(f"only local $ref is supported: {ref}")
    node: object = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]  # type: ignore[index]
    return node  # type: ignore[return-value]


def _walk(
    value: object, schema: Mapping | bool, root: Mapping, path: tuple
) -> Iterator[tuple[str, str]]:
    if schema is True:
        return
    if schema is False:
        yield _pointer(path), "false"
        return
    unknown = set(schema) - SUPPORTED_KEYWORDS
    if unknown:
        raise KeyError(f"unsupported schema keywords {sorted(unknown)}")
    if "$ref" in schema:
        yield from _walk(value, _resolve(root, schema["$ref"]), root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            yield _pointer(path), "type"
            return
    if "const" in schema and not _equal(value, schema["const"]):
        yield _pointer(path), "const"
    if "enum" in schema and not any(_equal(value, e) for e in schema["enum"]):
        yield _pointer(path), "enum"
    if isinstance(value, str):
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            yield _pointer(path), "pattern"
        if len(value) > schema.get("maxLength", len(value)):
            yield _pointer(path), "maxLength"
        if len(value) < schema.get("minLength", 0):
            yield _pointer(path), "minLength"
    if _TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            yield _pointer(path), "minimum"
        if "maximum" in schema and value > schema["maximum"]:
            yield _pointer(path), "maximum"
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", len(value)):
            yield _pointer(path), "maxItems"
        if "items" in schema:
            for i, item in enumerate(value):
                yield from _walk(item, schema["items"], root, (*path, i))
    if isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                yield _pointer((*path, name)), "required"
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                yield from _walk(item, properties[name], root, (*path, name))
            else:
                yield from _walk(item, extra, root, (*path, name))


def schema_errors(document: object, schema: Mapping, limit: int = 20) -> list[tuple[str, str]]:
    """(JSON Pointer, keyword) of the first `limit` places where `document` breaks `schema`."""
    found = []
    for error in _walk(document, schema, schema, ()):
        found.append(error)
        if len(found) >= limit:
            break
    return found


def schema_keywords(schema: object) -> set[str]:
    """Every keyword a schema uses (for the test that it stays within SUPPORTED_KEYWORDS)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    found |= schema_keywords(sub)
            elif key in ("items", "additionalProperties"):
                found |= schema_keywords(value)
    return found
