"""Text as the services store it: no control characters (issue 7 item 2).

Word's manual line break (\\x0b) pasted into 备注 made every .xlsx export fail, because XML
(and so openpyxl) refuses most control characters. Every text field of every write goes
through `clean_text` at the service door, once per aggregate (member_rules.normalize_member,
branch.normalize_profile, the status and transfer records), so what is stored can always
be exported. The table:

    characters                                   multi-line field   single-line field
    \\r\\n \\r \\n \\x0b \\x0c \\x1c \\x1d \\x1e \\x85 \\u2028 \\u2029   newline             space
    \\t                                           kept               space
    \\x00–\\x08 \\x0e–\\x1b \\x1f \\x7f \\x80–\\x9f,            removed            removed
    lone surrogates \\ud800–\\udfff, \\ufffe \\uffff
    everything else (汉字, full-width forms, emoji)  kept               kept

C1 controls (\\x80–\\x9f) only appear in text decoded with the wrong code page; lone
surrogates cannot be written as UTF-8; \\ufffe and \\uffff are not characters and XML refuses
them. Trimming spaces is each field's own business, not done here.
"""

from __future__ import annotations

import re

# Characters some program uses to end a line: Word's manual line break (VT) and page break
# (FF), the ASCII file/group/record separators (Excel on old Macs), NEL, LS, PS. \r\n is
# one break and is replaced first.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_REMOVED = [
    *range(0x00, 0x09),
    *range(0x0E, 0x1C),
    0x1F,
    *range(0x7F, 0xA0),
    *range(0xD800, 0xE000),
    0xFFFE,
    0xFFFF,
]
_MULTI_LINE: dict[int, str | None] = {c: None for c in _REMOVED if c != 0x85}
_MULTI_LINE.update({ord(c): "\n" for c in LINE_BREAKS})
_SINGLE_LINE = {**_MULTI_LINE, **{ord(c): " " for c in LINE_BREAKS}, ord("\t"): " "}

# Anything the tables change; most text has none of it and is returned as it came.
_MULTI_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_SINGLE_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """`text` without control characters; line breaks become "\\n" (multiline) or a space."""
    suspect = _MULTI_SUSPECT if multiline else _SINGLE_SUSPECT
    if suspect.search(text) is None:
        return text
    table = _MULTI_LINE if multiline else _SINGLE_LINE
    return text.replace("\r\n", "\n").translate(table)
