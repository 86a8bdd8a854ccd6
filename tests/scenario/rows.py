"""A scenario picture's rows, and where its characters stand."""

from __future__ import annotations

import textwrap

Pos = tuple[int, int]


def picture_rows(picture: str) -> list[str]:
    """The picture's rows: dedented, blank lines at either end dropped, all one width."""
    rows = textwrap.dedent(picture).strip("\n").splitlines()
    rows = [row.rstrip() for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise ValueError("empty scenario picture")
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        raise ValueError(f"scenario rows differ in width: {sorted(widths)}")
    return rows


def locate_all(picture: str, char: str) -> list[Pos]:
    """Every (x, y) where `char` stands in the picture, in reading order."""
    return [(x, y) for y, row in enumerate(picture_rows(picture)) for x, c in enumerate(row) if c == char]


def locate(picture: str, char: str) -> Pos:
    """The (x, y) of the one `char` in the picture (ValueError unless exactly one).

        >>> locate("#@.1#", "1")
        (3, 0)
    """
    found = locate_all(picture, char)
    if len(found) != 1:
        raise ValueError(f"expected one {char!r} in the picture, found {len(found)}")
    return found[0]
