"""Options shared by commands: LEVEL_OR_PROFILE, --seed and --size; --headless, --frames and --screenshot."""

from __future__ import annotations

import argparse

from dreamscape.core.errors import InputError
from dreamscape.core.level import MAX_SEED, LevelSpec, load_level_or_profile, parse_size


def add_target_options(p: argparse.ArgumentParser, seed_required: bool = False) -> None:
    p.add_argument("target", metavar="LEVEL_OR_PROFILE", help="a level or dreamer profile .toml, or a bundled name such as 'leo'")
    p.add_argument("--seed", metavar="N", required=seed_required, help="generator seed (an integer; default: the level's own)")
    p.add_argument("--size", metavar="WxH", help="map size, 24x16 to 512x512 (default: the level's, or 96x64)")


def parse_seed(text: str, field: str = "--seed") -> int:
    """An integer seed from 0 to 2**63-1."""
    try:
        value = int(text, 10)
    except (TypeError, ValueError):
        raise InputError(None, field, f"expected an integer from 0 to {MAX_SEED}, got {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise InputError(None, field, f"expected an integer from 0 to {MAX_SEED}, got {value}")
    return value


#: One run's seeds: a sweep of this many takes minutes; more is a mistyped range
#: (or work to split, so that a run's results are not lost to one interruption).
MAX_SEEDS_PER_RUN = 100_000


def parse_count(text: str, field: str, lo: int, hi: int, what: str) -> int:
    """A whole number from `lo` to `hi` given for `field` (`what` names it in the error)."""
    try:
        value = int(text, 10)
    except ValueError:
        value = lo - 1
    if not lo <= value <= hi:
        raise InputError(None, field, f"expected a number of {what} from {lo} to {hi}, got {text!r}")
    return value


def parse_seed_range(text: str, field: str = "--seeds") -> range:
    """A half-open, non-empty range of seeds from 'A:B' (A < B), as in Python slices.

    At most MAX_SEEDS_PER_RUN seeds: a larger range is refused at once rather
    than building work that would not finish.
    """
    start, sep, stop = (text or "").partition(":")
    if not sep:
        raise InputError(None, field, f"expected A:B (seeds A up to but not including B), got {text!r}")
    first, last = parse_seed(start.strip(), field), parse_seed(stop.strip(), field)
    if first >= last:
        raise InputError(None, field, f"expected A:B with A < B (seeds A up to but not including B), got {text!r}")
    if last - first > MAX_SEEDS_PER_RUN:
        raise InputError(
            None, field, f"{first}:{last} is {last - first:,} seeds; one run takes at most {MAX_SEEDS_PER_RUN:,} (split the range into several runs)"
        )
    return range(first, last)


def spec_from_args(args: argparse.Namespace) -> LevelSpec:
    """The level spec named by the arguments, with --seed and --size applied."""
    seed = parse_seed(args.seed) if args.seed is not None else None
    size = parse_size(args.size) if args.size else None
    spec = load_level_or_profile(args.target)
    if seed is not None:
        spec = spec.with_seed(seed)
    if size is not None:
        spec = spec.with_size(size)
        spec.check_capacity(None, "--size")
    return spec


def add_window_options(p: argparse.ArgumentParser, what: str = "window") -> None:
    """--headless, --frames and --screenshot, shared by the commands that open a window."""
    p.add_argument("--headless", action="store_true", help=f"no {what}: run under the dummy video driver")
    p.add_argument("--frames", metavar="N", help="stop after N frames (headless default: 1)")
    p.add_argument("--screenshot", metavar="FILE", help="save the last frame as a PNG")


def window_options(args: argparse.Namespace) -> tuple[int | None, str | None]:
    """(frames, screenshot) from the window options, checked before any work."""
    frames = None
    if args.frames is not None:
        try:
            frames = int(args.frames)
        except ValueError:
            frames = 0
        if frames < 1:
            raise InputError(args.frames, "--frames", "expected a whole number of frames, at least 1")
    if args.screenshot is not None:
        from pathlib import Path

        from dreamscape.formats.atomic import check_writable, is_stream  # only the window commands write a file

        if not args.screenshot.lower().endswith(".png") and not is_stream(args.screenshot):
            raise InputError(args.screenshot, "--screenshot", "expected a .png file name")
        check_writable(Path(args.screenshot), "--screenshot")
    return frames, args.screenshot
