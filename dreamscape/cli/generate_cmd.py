"""`dreamscape generate`: build one dreamscape, print its hash and metrics, write PNG/JSON.

`--phases DIR` also writes one image per generator phase (`01_regions.png`,
`02_tree.png`, ...) so a designer can step through how the map was built.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from functools import partial
from typing import TYPE_CHECKING

from dreamscape.cli.options import add_target_options, spec_from_args
from dreamscape.cli.stdout_guard import escaped_stderr
from dreamscape.core.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

    from dreamscape.formats.atomic import Content


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "generate",
        help=summary,
        description="Build one dreamscape from a level or dreamer profile and print its content hash and metrics.",
    )
    add_target_options(p)
    p.add_argument("--png", metavar="FILE", help="render the whole map with a legend to a PNG")
    p.add_argument("--json", metavar="FILE", help="write the level JSON ('-' for stdout)")
    p.add_argument(
        "--phases",
        metavar="DIR",
        help="write one PNG per generator phase (01_regions.png, 02_tree.png, ...) into DIR (created if missing; its parent must exist)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec = spec_from_args(args)
    if args.png or args.json or args.phases:
        from pathlib import Path  # only for files to write: a hash-only run does without
    if args.png:
        from dreamscape.formats.atomic import check_writable, is_stream  # the file writers load only for a file to write

        # A device or FIFO (/dev/null, a named pipe) takes the PNG whatever its name.
        if not args.png.lower().endswith(".png") and not is_stream(args.png):
            raise InputError(args.png, "--png", "expected a file name ending in .png")
        check_writable(Path(args.png), "--png")
    if args.json and args.json != "-":
        from dreamscape.formats.atomic import check_writable

        check_writable(Path(args.json), "--json")
    phases_dir = _check_phases_dir(args.phases) if args.phases else None

    # Imported here: the generator's libraries are slow to load, and other commands
    # (the game's title screen) should not wait for them.
    from dreamscape.gen import generate
    from dreamscape.designer.metrics import compute

    started = time.perf_counter()
    ds = generate(spec)
    elapsed = time.perf_counter() - started
    metrics = compute(ds)
    if args.json:
        from dreamscape.formats import level_json  # the level file's writer: only for --json
    outputs: list[tuple[Path, Content, str]] = []
    if args.json and args.json != "-":
        outputs.append((Path(args.json), level_json.dumps(ds, metrics).encode("utf-8"), "--json"))
    if args.png:
        from dreamscape.render.map_image import render_map, write_png

        surface = render_map(ds)
        outputs.append((Path(args.png), lambda out: write_png(surface, out), "--png"))
    phase_outputs = _phase_outputs(spec, ds, phases_dir) if phases_dir else []
    # Files first, all or none (a late PNG failure leaves an old JSON alone),
    # and before any printing, so a reader that stops early (`| head`) cannot
    # cost the user their files.
    created: Path | None = None  # the phases folder, when this run made it
    if phases_dir is not None and not phases_dir.exists():
        try:
            phases_dir.mkdir()
        except OSError as exc:
            raise InputError(str(phases_dir), "--phases", f"cannot create the folder ({exc.strerror or exc})") from None
        created = phases_dir
    try:
        if outputs or phase_outputs:
            from dreamscape.formats.atomic import write_all_atomic

            write_all_atomic(outputs + phase_outputs)
    except BaseException:
        if created is not None:
            with contextlib.suppress(OSError):  # the original error is the one to report
                created.rmdir()
        raise
    if args.json == "-":
        # The level first, flushed: when standard output fails, the one error
        # line is all that reaches stderr, not a report of a level never written.
        sys.stdout.write(level_json.dumps(ds, metrics))
        sys.stdout.flush()
    out = escaped_stderr() if args.json == "-" else sys.stdout
    _report(ds, metrics, elapsed, out)
    for path, *_ in outputs:
        print(f"wrote {path}", file=out)
    if phases_dir:
        print(f"wrote {len(phase_outputs)} phase images to {phases_dir}{os.sep}", file=out)
        retries = int(ds.stats.get("retries", 0))
        if retries:
            print(f"phase images show the first attempt (seed {spec.seed}); the final map came from retry {retries} with a derived seed", file=out)
    return 0


def _check_phases_dir(text: str) -> Path:
    """The --phases folder: an existing writable folder, or a new one in an existing writable parent."""
    from pathlib import Path
    folder = Path(text)
    if folder.exists():
        if not folder.is_dir():
            raise InputError(text, "--phases", "exists and is not a folder")
        if not os.access(folder, os.W_OK):
            raise InputError(text, "--phases", "folder is not writable")
        return folder
    parent = folder.parent if str(folder.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(text, "--phases", f"parent folder '{parent}' does not exist")
    if not os.access(parent, os.W_OK):
        raise InputError(text, "--phases", f"parent folder '{parent}' is not writable")
    return folder


def _phase_outputs(spec, ds, folder: Path) -> list[tuple[Path, Content, str]]:
    """(path, writer) for every phase image; the images show the generator's first attempt."""
    from dreamscape.render.map_image import write_png
    from dreamscape.render.phase_image import phase_images

    retries = int(ds.stats.get("retries", 0))
    note = f"  ·  first attempt: the final map came from retry {retries}" if retries else ""
    return [(folder / name, partial(write_png, surface), "--phases") for name, surface in phase_images(spec, note)]


def _report(ds, metrics: dict, elapsed: float, out) -> None:
    name = ds.spec.name or ds.spec.profile.name
    print(f"{name}  seed {ds.seed}  {ds.width}x{ds.height}  generator v{ds.generator_version}  {elapsed * 1000:.1f} ms", file=out)
    print(f"hash {ds.content_hash()}", file=out)
    shown = [(k, v) for k, v in metrics.items() if v not in (0, 0.0) or k in ("retries", "glitch_retries", "loops", "dead_ends", "chokepoints")]
    width = max(len(k) for k, _ in shown)
    for i in range(0, len(shown), 3):
        row = shown[i : i + 3]
        print("  ".join(f"{k:<{width}} {_fmt(v):>8}" for k, v in row), file=out)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"
    return str(value)
