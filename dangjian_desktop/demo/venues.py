"""The sample branch's 阵地: the ship's 党员活动室 and the crew base's 会议室 shared with
the 工会 (可兼用), checked three times on the shipped 六有 checklist through ws.venues, with
photos (drawn here with Pillow: a room, a flag, a board) and rectifications — two closed
with evidence, one open and overdue, one open and not yet due.

Dates count back from `today`; the photos are drawn from the step's seeded generator, so
the same `today` gives the same bytes.
"""

from __future__ import annotations

import io
import random
import uuid
from dataclasses import replace
from datetime import timedelta

from dangjian_desktop.demo.roster import StepContext
from dangjian_desktop.domain.venues import Inspection, Inspector, ItemResult, Outcome
from dangjian_desktop.services.venue_service import NewPhoto

PARENT_INSPECTOR = "公司党委组织部 检查组"
# (venue index, days ago, {failed item: finding}, not applicable, photos: item → caption)
INSPECTIONS = (
    (
        0,
        150,
        {"oath": "入党誓词挂图褪色，部分字迹不清", "dues_book": "3月、4月党费未登记"},
        ("candidates",),
        {"oath": "誓词挂图", "flag_hung": "党旗悬挂位置", "dues_book": "党费登记本"},
    ),
    (
        1,
        80,
        {"door_plate": "兼用会议室门口没有“党员活动室”标识", "reading": "书报架无当年党刊"},
        ("honours", "candidates", "recruitment"),
        {"door_plate": "会议室门口", "shared_use": "与工会共用的会议室", "reading": "书报架"},
    ),
    (
        0,
        20,
        {"board": "宣传栏党务公开内容仍是上季度的"},
        ("candidates",),
        {"board": "宣传栏", "oath": "新誓词牌（已整改）"},
    ),
)
# (inspection, item): closed this many days after the inspection, with a note and a photo.
CLOSED = {(0, "oath"): (12, "已更换新誓词牌并上墙"), (0, "dues_book"): (5, "已补登3月、4月党费"),
          (1, "reading"): (10, "已订阅并上架当年党刊")}  # fmt: skip
DUE_DAYS = {(1, "door_plate"): 30, (2, "board"): 30}


def draw_photo(rng: random.Random, kind: str, size=(1600, 1200)) -> bytes:
    """A room drawn with Pillow: a wall, a floor, a table and what the item shows (a red
    flag, a board, a plate), noise so it compresses like a photo."""
    from PIL import Image, ImageDraw

    w, h = size
    wall = tuple(rng.randint(200, 240) for _ in range(3))
    img = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, int(h * 0.72), w, h), fill=(150, 110, 80))  # floor
    draw.rectangle((int(w * 0.25), int(h * 0.6), int(w * 0.75), int(h * 0.68)), fill=(110, 70, 40))
    x = rng.randint(int(w * 0.1), int(w * 0.4))
    if kind in ("flag_hung", "oath"):
        draw.rectangle((x, int(h * 0.1), x + 520, int(h * 0.45)), fill=(200, 16, 30))
        draw.ellipse((x + 40, int(h * 0.14), x + 150, int(h * 0.24)), fill=(250, 210, 0))
    elif kind in ("board", "door_plate", "branch_plate"):
        draw.rectangle((x, int(h * 0.12), x + 700, int(h * 0.5)), fill=(30, 60, 140))
        for row in range(5):
            y = int(h * 0.16) + row * 60
            draw.rectangle(
                (x + 30, y, x + 40 + rng.randint(300, 640), y + 24), fill=(240, 240, 240)
            )
    else:
        for col in range(6):
            left = int(w * 0.2) + col * 160
            draw.rectangle((left, int(h * 0.2), left + 120, int(h * 0.58)), fill=(90, 60, 40))
            draw.rectangle(
                (left + 10, int(h * 0.25), left + 110, int(h * 0.55)), fill=(220, 200, 160)
            )
    # Noise from the step's generator (Image.effect_noise has its own unseeded one).
    noise = Image.frombytes("L", size, rng.randbytes(w * h)).convert("RGB")
    img = Image.blend(img, noise, 0.06)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


def _officers(ctx: StepContext) -> list[int]:
    return [c.member_id for c in ctx.ws.branch.profile().committee if c.member_id is not None]


def venues(ctx: StepContext) -> None:
    ws, today, rng = ctx.ws, ctx.today, ctx.rng
    venue_ids = [v.id for v in ws.branch.profile().venues]
    officers = _officers(ctx)
    secretary, organiser = officers[0], officers[1 % len(officers)]
    saved: list[int] = []
    for n, (venue, days_ago, fails, na, photos) in enumerate(INSPECTIONS):
        day = today - timedelta(days=days_ago)
        draft = ws.venues.draft_inspection(venue_ids[venue], day)
        results = tuple(
            ItemResult(item.key, Outcome.FAIL, fails[item.key])
            if item.key in fails
            else ItemResult(item.key, Outcome.NOT_APPLICABLE if item.key in na else Outcome.PASS)
            for _, item in draft.template.items()
        )
        inspection: Inspection = replace(
            draft,
            uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            inspectors=(Inspector(secretary), Inspector(name=PARENT_INSPECTOR)),
            results=results,
            note="阵地总体整洁，制度上墙齐全。"
            if venue == 0
            else "会议室与工会共用，组织生活时能保证使用。",
        )
        new_photos = [
            NewPhoto(f"IMG_{2000 + 10 * n + i}.jpg", draw_photo(rng, key), key, caption)
            for i, (key, caption) in enumerate(photos.items())
        ]
        inspection_id, _ = ws.venues.save_inspection(inspection, new_photos, owner_id=organiser)
        saved.append(inspection_id)
        for rect in ws.venues.rectifications_of(inspection_id):
            due = DUE_DAYS.get((n, rect.item_key), 20)
            action = f"{rect.item_text}：按“六有”要求整改，{due}天内完成"
            ws.venues.save_rectification(
                replace(rect, action=action, due_on=day + timedelta(days=due))
            )
            closing = CLOSED.get((n, rect.item_key))
            if closing is not None:
                after, note = closing
                evidence = NewPhoto(f"整改后_{rect.item_key}.jpg", draw_photo(rng, rect.item_key))
                ws.venues.close(rect.id, day + timedelta(days=after), note, [evidence])
