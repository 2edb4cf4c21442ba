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
from collections.abc import Mapping
from contextlib import suppress
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


class _Enough(Exception):
    """The error list is full: stop walking."""


class _Errors(list):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def add(self, path, keyword: str) -> None:
        self.append((_pointer(_flat(path)), keyword))
        if len(self) >= self.limit:
            raise _Enough


def _flat(path) -> tuple:
    """A path kept as nested pairs (parent, key) while walking, flattened for an error."""
    parts = []
    while path:
        path, key = path
        parts.append(key)
    return tuple(reversed(parts))


def _compile(schema: Mapping | bool, root: Mapping, cache: dict[int, object]):
    """One function per schema node, built once per check: a year's data walks the member
    node 10,000 times and the attendance node 150,000 times, so the keywords are looked up
    once, not at every value. The errors come in the order a plain recursive walk gives."""
    key = id(schema)
    if key in cache:
        return cache[key]
    if schema is True:
        return _accept
    if schema is False:
        return _refuse
    unknown = set(schema) - SUPPORTED_KEYWORDS
    if unknown:
        raise KeyError(f"unsupported schema keywords {sorted(unknown)}")
    slot: list = []

    def late(value, path, out, slot=slot):  # for $ref cycles: filled in below
        slot[0](value, path, out)

    cache[key] = late
    ref = _compile(_resolve(root, schema["$ref"]), root, cache) if "$ref" in schema else None
    types = None
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        types = [_TYPES[t] for t in names]
    has_const, const = "const" in schema, schema.get("const")
    enum = schema.get("enum")
    pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
    max_len, min_len = schema.get("maxLength"), schema.get("minLength", 0)
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    max_items = schema.get("maxItems")
    items = _compile(schema["items"], root, cache) if "items" in schema else None
    required = tuple(schema.get("required", ()))
    props = {n: _compile(sub, root, cache) for n, sub in schema.get("properties", {}).items()}
    extra = _compile(schema.get("additionalProperties", True), root, cache)
    is_number = _TYPES["number"]

    def check(value, path, out: _Errors) -> None:
        if ref is not None:
            ref(value, path, out)
        if types is not None and not any(t(value) for t in types):
            out.add(path, "type")
            return
        if has_const and not _equal(value, const):
            out.add(path, "const")
        if enum is not None and not any(_equal(value, e) for e in enum):
            out.add(path, "enum")
        if isinstance(value, str):
            if pattern is not None and pattern.search(value) is None:
                out.add(path, "pattern")
            if max_len is not None and len(value) > max_len:
                out.add(path, "maxLength")
            if len(value) < min_len:
                out.add(path, "minLength")
        elif isinstance(value, list):
            if max_items is not None and len(value) > max_items:
                out.add(path, "maxItems")
            if items is not None:
                for i, item in enumerate(value):
                    items(item, (path, i), out)
        elif isinstance(value, dict):
            for name in required:
                if name not in value:
                    out.add((path, name), "required")
            for name, item in value.items():
                (props.get(name) or extra)(item, (path, name), out)
        elif is_number(value):
            if minimum is not None and value < minimum:
                out.add(path, "minimum")
            if maximum is not None and value > maximum:
                out.add(path, "maximum")

    slot.append(check)
    cache[key] = check
    return check


def _accept(value, path, out) -> None:
    return None


def _refuse(value, path, out) -> None:
    out.add(path, "false")


def schema_errors(document: object, schema: Mapping, limit: int = 20) -> list[tuple[str, str]]:
    """(JSON Pointer, keyword) of the first `limit` places where `document` breaks `schema`."""
    out = _Errors(limit)
    with suppress(_Enough):
        _compile(schema, schema, {})(document, (), out)
    return list(out)


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
