"""Preparing phone photos for an inspection: `prepare_photo` on 4000×3000 JPEGs.

    python -m benchmarks.bench_photos [-n 10]

Issue 10 asks for the time of adding 10 phone photos (4000×3000 JPEG) to an inspection; this
is the image part of it (check, decode, turn upright, scale to 2048 px, re-encode without
EXIF), before any store or transaction. Each photo is generated like a phone's: noise over
a gradient at quality 92 (about 6 MB), held on its side with EXIF orientation 6 and a GPS
position. Compared in one run, alternating, with a bare Pillow open + load of the same
bytes (the decode alone, the least any check can cost), by medians; the process's CPU time
is reported as well (on a busy machine other processes stretch the wall time).

Then the service path, as the window adds them: `ws.venues.save_inspection(inspection,
[10 NewPhoto])` on a fresh data file — prepare every photo, write the files to the
attachment store, one transaction with the inspection, its results and attachment rows —
timed whole, against the sum of the bare decodes of the same photos.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import ExifTags, Image

from dangjian_desktop.domain.branch import BranchProfile, Venue
from dangjian_desktop.domain.images import prepare_photo
from dangjian_desktop.domain.venues import Inspector, ItemResult, Outcome
from dangjian_desktop.services import Workspace
from dangjian_desktop.services.venue_service import NewPhoto

TODAY = date(2026, 6, 15)


def phone_photo(seed: int) -> bytes:
    size = (4000, 3000)
    noise = Image.effect_noise(size, 40 + seed % 20).convert("RGB")
    ramp = Image.linear_gradient("L").resize(size).convert("RGB")
    tags = Image.Exif()
    tags[ExifTags.Base.Orientation] = 6
    tags.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (30.0, 0.0, 0.0)})
    out = io.BytesIO()
    Image.blend(noise, ramp, 0.6).save(out, "JPEG", quality=92, exif=tags)
    return out.getvalue()


def bare_decode(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as img:
        img.load()


def inspection_workspace(folder: Path) -> tuple[Workspace, object]:
    """A fresh data file with one venue, and a draft inspection of it, every item 合格."""
    ws = Workspace.open(folder / "bench.sqlite", today=lambda: TODAY)
    ws.branch.save_profile(
        BranchProfile(full_name="中共示例支部委员会", venues=(Venue("船舶党员活动室"),))
    )
    venue_id = ws.branch.profile().venues[0].id
    draft = ws.venues.draft_inspection(venue_id, TODAY)
    results = tuple(ItemResult(i.key, Outcome.PASS) for _, i in draft.template.items())
    return ws, replace(draft, inspectors=(Inspector(name="检查组"),), results=results)


def service_path(photos: list[bytes], bare_total: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ws, draft = inspection_workspace(Path(folder))
        keys = [r.item_key for r in draft.results]
        new = [NewPhoto(f"IMG_{i}.jpg", data, keys[i % len(keys)]) for i, data in enumerate(photos)]
        try:
            cpu = time.process_time()
            start = time.perf_counter()
            inspection_id, _ = ws.venues.save_inspection(draft, new)
            wall = time.perf_counter() - start
            cpu = time.process_time() - cpu
            stored = ws.venues.photos(inspection_id)
        finally:
            ws.close(final_backup=False)
    stored_mb = sum(a.size for a in stored) / 2**20
    print(
        f"save_inspection with {len(photos)} photos (prepare + store + transaction): "
        f"{wall:.2f} s wall, {cpu:.2f} s CPU; {len(stored)} stored, {stored_mb:.1f} MB in all"
    )
    print(f"ratio to the bare decodes of the same photos: {wall / bare_total:.2f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="photos (default 10)")
    args = parser.parse_args()
    photos = [phone_photo(i) for i in range(args.n)]
    prepared_s, bare_s = [], []
    cpu_start = time.process_time()
    for data in photos:
        start = time.perf_counter()
        prepared = prepare_photo(data)
        prepared_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_decode(data)
        bare_s.append(time.perf_counter() - start)
    cpu = time.process_time() - cpu_start
    prepared_median, bare_median = statistics.median(prepared_s), statistics.median(bare_s)
    arrived_mb = statistics.mean(map(len, photos)) / 2**20
    stored_mb = len(prepared.data) / 2**20
    print(f"photos: {args.n} × 4000×3000 JPEG, {arrived_mb:.1f} MB each")
    print(f"stored: {prepared.width}×{prepared.height} {prepared.mime}, {stored_mb:.2f} MB")
    print(f"prepare_photo: median {prepared_median * 1000:.0f} ms, all {sum(prepared_s):.2f} s")
    print(f"bare Pillow open+load: median {bare_median * 1000:.0f} ms")
    print(f"ratio prepare/bare decode: {prepared_median / bare_median:.2f}×")
    print(f"process CPU time (both): {cpu:.2f} s")
    service_path(photos, sum(bare_s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
