"""阵地检查报告 with 30 photos: time to .pdf and its size.

    python -m benchmarks.bench_inspection_report [-n 30] [--rounds 3]

Issue 10's closing note: an inspection report with 30 photos, and the photos must be
embedded at print resolution, not as the camera originals. The photos are phone-like
4000×3000 JPEGs (bench_photos.phone_photo), added through ws.venues.save_inspection (so
they are stored as the window stores them, ≤ 2048 px), spread over the checklist's items;
then `ws.exports.inspection` is timed (snapshot + photos scaled for print + layout + atomic
write), median of the rounds. Reported: the time, the file size against the stored photos'
and the camera originals' bytes, the pages, and the pixel size of the embedded images
(counted back with pypdf).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from benchmarks.bench_photos import inspection_workspace, phone_photo
from dangjian_desktop.services.venue_service import NewPhoto


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="photos (default 30)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    photos = [phone_photo(i) for i in range(args.n)]
    with tempfile.TemporaryDirectory() as folder:
        ws, draft = inspection_workspace(Path(folder))
        try:
            keys = [r.item_key for r in draft.results]
            new = [
                NewPhoto(f"IMG_{i}.jpg", data, keys[i % len(keys)], f"第 {i + 1} 张")
                for i, data in enumerate(photos)
            ]
            inspection_id, _ = ws.venues.save_inspection(draft, new)
            stored = sum(a.size for a in ws.venues.photos(inspection_id))
            out = Path(folder) / "report.pdf"
            times, cpus = [], []
            for _ in range(args.rounds):
                cpu = time.process_time()
                start = time.perf_counter()
                ws.exports.inspection(out, inspection_id)
                times.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            size = out.stat().st_size
            reader = PdfReader(out)
            images = [img for page in reader.pages for img in page.images]
            widths = sorted(Image.open(io.BytesIO(img.data)).size for img in images)
            pages = len(reader.pages)
        finally:
            ws.close(final_backup=False)
    originals = sum(map(len, photos))
    print(f"photos: {args.n} × 4000×3000 phone JPEG, {originals / 2**20:.1f} MB as taken")
    print(f"stored (prepared): {stored / 2**20:.1f} MB")
    print(
        f"report .pdf: median {statistics.median(times):.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU ({args.rounds} rounds)"
    )
    print(
        f"size: {size / 2**20:.2f} MB ({size / stored:.0%} of the stored photos, "
        f"{size / originals:.0%} of the originals), {pages} pages"
    )
    print(f"embedded images: {len(images)}, pixel sizes {widths[0]} … {widths[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
