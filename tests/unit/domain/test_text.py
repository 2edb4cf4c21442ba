"""Text as the services store it (issue 7 item 2): line-break-like characters become a
newline (multi-line fields such as 备注) or a space (single-line fields), other control
characters go, and ordinary text — 汉字, full-width forms, emoji — stays as it was."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.text import clean_text

# (input, multi-line result, single-line result)
TABLE = [
    # line breaks from Word, Excel, old Macs, Unicode
    ("a\r\nb", "a\nb", "a b"),
    ("a\rb", "a\nb", "a b"),
    ("a\nb", "a\nb", "a b"),
    ("a\x0bb", "a\nb", "a b"),  # Word's manual line break (Shift+Enter)
    ("a\x0cb", "a\nb", "a b"),  # form feed (Word's page break)
    ("a\x1cb\x1dc\x1ed", "a\nb\nc\nd", "a b c d"),  # file/group/record separators
    ("a\x85b", "a\nb", "a b"),  # NEL
    ("a\u2028b", "a\nb", "a b"),  # LINE SEPARATOR
    ("a\u2029b", "a\nb", "a b"),  # PARAGRAPH SEPARATOR
    ("a\r\n\r\nb", "a\n\nb", "a  b"),  # a blank line stays a blank line
    ("a\n\rb", "a\n\nb", "a  b"),  # LF CR is two breaks, not one
    # tabs: kept where lines are kept, a space in one-line fields
    ("a\tb", "a\tb", "a b"),
    # other control characters are removed
    ("张\x00三", "张三", "张三"),
    ("a\x01\x02\x03\x04\x05\x06\x07\x08b", "ab", "ab"),
    ("a\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1fb", "ab", "ab"),
    ("a\x7fb", "ab", "ab"),  # DEL
    ("a\x80\x9fb", "ab", "ab"),  # C1 controls (mis-decoded text)
    ("a\ud800b\udfffc", "abc", "abc"),  # lone surrogates (cannot be encoded as UTF-8)
    ("a\ufffe\uffffb", "ab", "ab"),  # non-characters (not allowed in XML, so in .xlsx)
    # ordinary text is untouched
    ("", "", ""),
    ("张三丰", "张三丰", "张三丰"),
    ("ＡＢＣ１２３，。（）", "ＡＢＣ１２３，。（）", "ＡＢＣ１２３，。（）"),  # full-width
    ("买买提·艾力", "买买提·艾力", "买买提·艾力"),
    ("组转字〔2025〕12号", "组转字〔2025〕12号", "组转字〔2025〕12号"),
    ("  前后空格  ", "  前后空格  ", "  前后空格  "),  # trimming is the field's business
    ("\u3000全角空格", "\u3000全角空格", "\u3000全角空格"),
    ("𠮷野家 😀", "𠮷野家 😀", "𠮷野家 😀"),  # astral characters are not surrogates here
    ("é\u0301", "é\u0301", "é\u0301"),  # combining marks
    ("\u00a0nbsp", "\u00a0nbsp", "\u00a0nbsp"),
]


@pytest.mark.parametrize(("text", "multi", "single"), TABLE)
def test_clean_text(text, multi, single):
    assert clean_text(text, multiline=True) == multi
    assert clean_text(text) == single


@pytest.mark.parametrize(("text", "multi", "single"), TABLE)
def test_cleaning_twice_changes_nothing(text, multi, single):
    assert clean_text(multi, multiline=True) == multi
    assert clean_text(single) == single


def test_every_character_a_cleaned_text_holds_is_allowed_in_xml_and_utf8():
    """What reaches the exporters: nothing that openpyxl or lxml would refuse."""
    every = "".join(chr(c) for c in range(0x10000))
    for multiline in (False, True):
        cleaned = clean_text(every, multiline=multiline)
        cleaned.encode("utf-8")  # no lone surrogate
        bad = [c for c in cleaned if ord(c) < 0x20 and c not in "\t\n"]
        assert bad == [] and "\x7f" not in cleaned
        assert "\ufffe" not in cleaned and "\uffff" not in cleaned
        assert "\n" not in cleaned or multiline
        assert "\t" not in cleaned or multiline
        assert "中" in cleaned and "Ａ" in cleaned


def test_clean_text_returns_the_same_object_when_nothing_changes():
    """The roster import normalises 10,000 rows: clean text costs one regex search."""
    text = "远洋一号 轮机部"
    assert clean_text(text) is text
