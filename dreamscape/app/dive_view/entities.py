"""The entity layer of a dive frame: what the view shows of each entity, drawn where it stands.

Portals, shards and lures show while in sight; the exit, dreamers and a
climax's beacons once seen (dimmed out of sight); manifestations while they or the tile they step
to are in sight; then the dreamer's call, the lantern and the player on top.

    player_screen = draw_entities(screen, fog_view, alpha, (fx, fy), camera, art, calls, keep_clear)
"""

from __future__ import annotations


import pygame

from dreamscape.app.callfx import CallCues
from dreamscape.app.camera import Camera
from dreamscape.app.dive_view.entity_sprites import EntitySprites
from dreamscape.app.dive_view.glide import glide
from dreamscape.app.dive_view.nexus_draw import draw_nexus
from dreamscape.core.timing import TICKS_PER_SECOND

#: Ticks a portal opened by a glitch takes to swirl open.
PORTAL_OPENING = TICKS_PER_SECOND


def draw_entities(
    surface: pygame.Surface,
    view,
    alpha: float,
    player_at: tuple[float, float],
    cam: Camera,
    art: EntitySprites,
    calls: CallCues,
    keep_clear: list[pygame.Rect],
) -> tuple[int, int]:
    """Draw the entities of `view` under `cam`, `alpha` of a tick on; returns the player's screen pixel.

    `player_at` is where the player is drawn, in tiles; the call's edge
    markers keep out of the `keep_clear` rectangles.
    """
    fx, fy = player_at
    visible = view.visible
    seen = view.seen
    now = view.tick + alpha
    x0, y0, x1, y1 = cam.visible_range()
    # One tile of slack: a sprite or glow spills over its tile's edge.
    x0, y0, x1, y1 = x0 - 1, y0 - 1, x1 + 1, y1 + 1
    at = cam.tile_centre

    def near(x: int, y: int) -> bool:
        return x0 <= x < x1 and y0 <= y < y1

    for portal in view.portals:
        opened = min(1.0, max(0.0, (now - portal.opens_at) / PORTAL_OPENING)) if portal.opens_at else 1.0
        for x, y in (portal.a, portal.b) if portal.two_way else (portal.a,):
            if near(x, y) and visible[y, x]:
                art.portal(surface, at(x, y), portal.two_way, now, opened)
    # What never moves, as far as the view knows of it.
    for shard in view.shards:
        x, y = shard.x, shard.y
        if near(x, y) and visible[y, x]:
            art.shard(surface, at(x, y), now + shard.index * 7)
    for lure in view.lures:
        if near(lure.x, lure.y) and visible[lure.y, lure.x]:
            art.lure(surface, at(lure.x, lure.y), lure.kind, now)
    if view.exit is not None:
        ex, ey = view.exit
        if near(ex, ey) and seen[ey, ex]:
            art.exit(surface, at(ex, ey), view.all_awake and view.exit_open, bool(visible[ey, ex]), now)
    for b in view.beacons:
        if near(b.x, b.y) and seen[b.y, b.x]:
            art.beacon(surface, at(b.x, b.y), b.lit, bool(visible[b.y, b.x]), now + b.index * 13)
    if view.clients or view.struck or view.climax == "nexus":
        draw_nexus(surface, view, near, at, cam.tile_px, now)
    p = view.player
    for d in view.dreamers:
        x, y = d.x, d.y
        if near(x, y) and seen[y, x]:
            progress = p.wake_share if p.wake_target == d.index else 0.0
            art.dreamer(surface, at(x, y), d.awake, progress, bool(visible[y, x]), now + d.index * 11)
    for h in view.haunts:
        if not near(h.x, h.y):
            continue
        if visible[h.y, h.x] or (h.moving and h.tx >= 0 and visible[h.ty, h.tx]):
            gx, gy = glide(h, h.rules.step_ticks, view.done or h.faded, alpha)
            art.haunt(surface, at(gx, gy), h.kind, h.hunting, h.faded, now + h.index * 5)
    player_screen = at(fx, fy)
    if view.calls and not view.done:
        calls.draw(surface, view.calls, now, player_screen, keep_clear)
    art.lantern(surface, player_screen, view.sight_radius)
    art.player(surface, player_screen, now, shielded=p.grace > 0)
    return player_screen
