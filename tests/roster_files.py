"""Roster workbooks as secretaries really send them, built with openpyxl for the import tests,
the command-line tests and the screenshots: good, messy, wide, hostile.

    python -m tests.roster_files OUT_DIR     # writes each kind, for a look in Excel
"""

from __future__ import annotations

import os
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

from dangjian_desktop.domain.id_number import check_char


def make_id(birth: str, seq: str = "123", region: str = "330902") -> str:
    first17 = region + birth + seq
    return first17 + check_char(first17)


def full_width(text: str) -> str:
    return text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))


ZHANG = make_id("19850312", "131")  # male (odd sequence)
LI = make_id("19900520", "242")  # female
WANG = make_id("19780101", "351")
ZHAO = make_id("19990808", "462")
SUN = make_id("19800115", "571")
ZHOU = make_id("19750303", "111")
QIAN = make_id("19820606", "313")

MESSY_HEADER = [
    "序号", "姓  名", "性别", "民族", "出生年月\n（年.月）", "公民身份号码", "学历", "工作岗位",
    "入党时间", "转正时间", "人员类别", "所在党小组", "联系电话", "备注",
]  # fmt: skip
# Row 4 on: every form a real roster holds. TODAY in the tests is 2025-06-15.
MESSY_ROWS = [
    # ID as text, month-only birth, a full-width space in the name, phone as a number
    [1, "张\u3000三", "男", "汉", "1985.03", ZHANG, "大学本科", "轮机长", "2010年7月1日",
     "2011.07", "正式党员", "甲板党小组", 13812345678, None],
    # datetime birth, a serial-number join date, slashes; no sex (read from the ID); spaces
    [2, " 李四 ", None, "汉族", datetime(1990, 5, 20), f" {LI} ", "大专", "水手长 ", 42186,
     "2016/07/01", "正式党员", "轮机党小组", "0580-2021234", "船员"],
    # an 18-digit ID typed as a number: Excel kept 15 digits
    [3, "王五", "男", "汉", 1978.01, float(WANG[:15] + "000"), "中专", "水手", "2001.07",
     "2002.07", "正式党员", None, None, None],
    # full-width digits everywhere; a 预备党员 (under 人员类别) without a 转正 date
    [4, "赵六", "女", "回", full_width("1999.08"), full_width(ZHAO), "硕士研究生", "三副",
     full_width("2024.09"), None, "预备党员", None, None, None],
    # year.month typed in number cells, 8-digit date text
    [5, "孙七", "男", "汉", 1980.01, SUN, "高中", "机工", 2005.07, "20060701", "正式党员",
     None, None, None],
    # a date nobody can read
    [6, "周八", "男", "汉", None, ZHOU, "大学本科", "大副", "不详", "1996.03", "正式党员",
     None, None, None],
    # a second 预备党员, with an ID that went through a float and back to text
    [7, "钱九", "男", "汉", "1982.06", "3.30902198206063E+17", "大专", "电工", "2024年10月",
     None, "预备党员", None, None, None],
]  # fmt: skip


def messy_roster(path: Path) -> Path:
    """Title rows merged over the table, the header on row 3, merged cells, mixed dates, a
    预备党员 under 人员类别, IDs that went through a float, full-width digits, stray spaces,
    a blank row and a signature line under the table."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    width = len(MESSY_HEADER)
    ws.append(["中燃油运船舶第一党支部党员花名册"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append(["填报单位：远洋一号（盖章）"] + [None] * 6 + ["填报日期：2025年6月"])
    ws.merge_cells("A2:F2")
    ws.merge_cells(start_row=2, start_column=8, end_row=2, end_column=width)
    ws.append(MESSY_HEADER)
    for row in MESSY_ROWS:
        ws.append(row)
    ws.append([None] * width)
    ws.append(["填表人：王海    审核人：李静"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    book.save(path)
    return path


GOOD_HEADER = ["序号", "姓名", "性别", "公民身份号码", "入党时间", "转正时间", "党员类别"]


def good_rows(count: int = 3) -> list[list[object]]:
    rows = []
    for i in range(count):
        birth = date(1960 + i % 30, 1 + i % 12, 1 + i % 28)
        join = date(birth.year + 25, 7, 1)
        number = make_id(f"{birth:%Y%m%d}", f"{i % 1000:03d}")
        name = f"党员{chr(0x4E00 + i)}"
        rows.append([i + 1, name, None, number, f"{join:%Y.%m}", f"{join.year + 1}.07", "正式党员"])
    return rows


def good_roster(path: Path, count: int = 3, *, title_rows: int = 1) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "党员"
    for _ in range(title_rows):
        ws.append(["第一党支部党员名册"])
    ws.append(GOOD_HEADER)
    for row in good_rows(count):
        ws.append(row)
    book.save(path)
    return path


def wide_roster(path: Path, columns: int = 16_000, rows: int = 20) -> Path:
    """A roster with thousands of extra labelled columns (a sheet someone filled to the right)."""
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("花名册")
    extra = columns - len(GOOD_HEADER)
    ws.append(GOOD_HEADER + [f"附加{i}" for i in range(extra)])
    for row in good_rows(rows):
        ws.append(row + [i % 7 for i in range(extra)])
    book.save(path)
    return path


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_EMPTY = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"'
    b' uniqueCount="0"></sst>'
)


def _padded(src: Path, dst: Path, part: str, pad_bytes: int, *, random_pad: bool) -> Path:
    """A copy of `src` whose `part` holds an XML comment of `pad_bytes`, streamed so that
    no test holds it in memory: highly compressible ("A"…) or not (random hex). A missing
    sharedStrings part is added (openpyxl writes inline strings)."""
    chunk = 1 << 20
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        parts = {item.filename: a.read(item) for item in a.infolist()}
        if part not in parts and part == "xl/sharedStrings.xml":
            override = f'<Override PartName="/{part}" ContentType="{SST_TYPE}"/>'.encode()
            types = parts["[Content_Types].xml"]
            parts["[Content_Types].xml"] = types.replace(b"</Types>", override + b"</Types>")
            parts[part] = SST_EMPTY
        for name, data in parts.items():
            if name != part:
                b.writestr(name, data)
                continue
            cut = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
            with b.open(name, "w", force_zip64=True) as out:
                out.write(data[:cut] + b"<!--")
                left = pad_bytes
                while left > 0:
                    n = min(chunk, left)
                    out.write(os.urandom(n // 2).hex().encode() if random_pad else b"A" * n)
                    left -= n
                out.write(b"-->" + data[cut:])
    return dst


def bomb_roster(path: Path, pad_mb: int = 400, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """A few hundred KB that inflate to `pad_mb` MB of XML comment in `part`."""
    base = good_roster(path.with_name(path.stem + "-base.xlsx"))
    return _padded(base, path, part, pad_mb << 20, random_pad=False)


def slow_roster(path: Path, pad_mb: int = 6) -> Path:
    """An honest-looking compression ratio, but one XML comment of `pad_mb` MB that expat
    takes seconds over (its time grows with the square of the length)."""
    base = good_roster(path.with_name(path.stem + "-base.xlsx"))
    return _padded(base, path, "xl/worksheets/sheet1.xml", pad_mb << 20, random_pad=True)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    print(messy_roster(out / "messy.xlsx"))
    print(good_roster(out / "good.xlsx"))
    print(wide_roster(out / "wide16000.xlsx"))
    print(bomb_roster(out / "bomb400.xlsx"))
