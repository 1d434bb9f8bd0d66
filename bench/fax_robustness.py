"""How the fax reader holds up when a fax arrives worse than the samples: the sample TIFF faxes
made worse one way at a time, each variant scored beside the faxes as they are.

    .venv/bin/python bench/fax_robustness.py                    # all variants, samples/
    .venv/bin/python bench/fax_robustness.py --variants skew3 streaks --samples build/s89

Variants (each applied to every page of every fax-fine / fax-standard TIFF, truth unchanged):
  as-is     re-encoded only (the reference)
  skew2     turned ±2° (alternating), as a sheet pushed into the feeder askew
  skew3     turned ±3°
  streaks   two thin lines from the top edge to the bottom edge (dirt on the scanner glass)
  specks    one pixel in 300 inked at random (a noisy line)
  bold      every stroke a pixel bolder (a dark original or a dark fax setting)
Turns are made in square pixels (the fax's own aspect undone and redone). Variants are
written to build/robust-<name>/ and scored with bench/fax_errors.py (its caches, keyed by
the OCR code, apply).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageSequence

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("fax-fine", "fax-standard")


def _turn(degrees: float) -> Callable[[Image.Image, tuple[float, float], int], Image.Image]:
    def turn(page: Image.Image, dpi: tuple[float, float], index: int) -> Image.Image:
        angle = degrees if index % 2 == 0 else -degrees
        square = page.resize((page.width, round(page.height * dpi[0] / dpi[1])))
        turned = square.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        return turned.resize(page.size, Image.Resampling.BOX)
    return turn


def _streaks(page: Image.Image, _dpi: tuple[float, float], index: int) -> Image.Image:
    rng = random.Random(index)
    draw = ImageDraw.Draw(page)
    for _ in range(2):
        x = rng.randrange(page.width // 5, page.width * 4 // 5)
        draw.line((x, 0, x, page.height), fill=0, width=2)
    return page


def _specks(page: Image.Image, _dpi: tuple[float, float], index: int) -> Image.Image:
    rng = random.Random(index)
    draw = ImageDraw.Draw(page)
    for _ in range(page.width * page.height // 300):
        draw.point((rng.randrange(page.width), rng.randrange(page.height)), fill=0)
    return page


VARIANTS: dict[str, Callable[[Image.Image, tuple[float, float], int], Image.Image]] = {
    "as-is": lambda page, _dpi, _index: page,
    "skew2": _turn(2.0),
    "skew3": _turn(3.0),
    "streaks": _streaks,
    "specks": _specks,
    "bold": lambda page, _dpi, _index: page.filter(ImageFilter.MinFilter(3)),
}


def make_variant(samples: Path, name: str) -> Path:
    out = ROOT / "build" / f"robust-{name}"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(samples / "master", out / "master")
    change = VARIANTS[name]
    for kind in KINDS:
        target = out / "documents" / kind
        target.mkdir(parents=True)
        for index, tif in enumerate(sorted((samples / "documents" / kind).glob("*.tif"))):
            with Image.open(tif) as image:
                dpi = image.info.get("dpi", (204.0, 196.0))
                pages = [change(frame.convert("L"), dpi, index).point(
                    lambda v: 0 if v < 128 else 255).convert("1")
                    for frame in ImageSequence.Iterator(image)]
            pages[0].save(target / tif.name, format="TIFF", compression="group4", dpi=dpi,
                          save_all=True, append_images=pages[1:])
            shutil.copy(tif.with_name(tif.stem + ".truth.json"), target)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = parser.parse_args()
    print(f"Sample faxes of {args.samples} ({', '.join(KINDS)}), line F1 and sure-wrong lines:")
    for name in args.variants:
        directory = make_variant(args.samples, name)
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "fax_errors.py"), "--samples", str(directory),
             "--kinds", *KINDS, "--quiet"],
            capture_output=True, text=True, check=True)
        overall = next(line for line in done.stdout.splitlines() if line.startswith("overall"))
        cells = overall.split()
        print(f"  {name:8s} F1 {cells[4]}  right/truth/read {cells[5]}  "
              f"sure/sure-wrong {cells[-1]}")


if __name__ == "__main__":
    main()
