"""Entity markers and glitch sites, drawn the same way on every map picture.

The PNG renderer, the phase step-through and the studio all mark shards,
lures, manifestations and dreamers with the same symbols, least important
first so the things a designer hunts for end up on top.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pygame

from dreamscape.render import palette as P
from dreamscape.render.symbols import draw_symbol

Centre = Callable[[tuple[int, int]], tuple[float, float]]


def draw_entities(surface: pygame.Surface, holder, centre: Centre, radius: float) -> None:
    """Shards, lures, manifestations and dreamers of a dreamscape (or a build in progress)."""
    for shard in holder.shards:
        draw_symbol(surface, P.SHARD_STYLE.shape, P.SHARD_STYLE.fill, centre(shard.pos), radius * 0.8)
    for group, styles in ((holder.lures, P.LURE_STYLE), (holder.manifestations, P.MANIFESTATION_STYLE)):
        for entity in group:
            style = styles.get(entity.type, P.UNKNOWN_STYLE)
            draw_symbol(surface, style.shape, style.fill, centre(entity.pos), radius)
    for dreamer in holder.dreamers:
        draw_symbol(surface, P.DREAMER_STYLE.shape, P.DREAMER_STYLE.fill, centre(dreamer.pos), radius)


def draw_ends(surface: pygame.Surface, start, exit_, centre: Centre, size: float) -> None:
    """The start and the exit, drawn larger than everything else."""
    draw_symbol(surface, P.START_STYLE.shape, P.START_STYLE.fill, centre(start), size)
    draw_symbol(surface, P.EXIT_STYLE.shape, P.EXIT_STYLE.fill, centre(exit_), size)


def glitch_sites(shape: tuple[int, int], glitches, kinds: Sequence[str]) -> np.ndarray:
    """(h, w) int8: index into `kinds` of the first glitch to change each tile, or -1."""
    sites = np.full(shape, -1, dtype=np.int8)
    index = {kind: i for i, kind in enumerate(kinds)}
    for glitch in glitches:
        if len(glitch.changes):
            xs, ys = glitch.changes[:, 0], glitch.changes[:, 1]
            fresh = sites[ys, xs] < 0
            sites[ys[fresh], xs[fresh]] = index[glitch.kind]
    return sites
