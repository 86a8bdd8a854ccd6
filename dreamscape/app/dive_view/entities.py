"""The entity layer of a dive frame: what the view shows of each entity, drawn where it stands.

Painted tiles show Lila's brushstroke; portals, shards and lures show while
in sight; the exit, dreamers and a climax's beacons once seen (dimmed out of
sight); the doorways of chapter 2's prison exactly as the barred exit while
masked (the exit among them), as cracked husks once unmasked; in a blackout,
a woken dreamer's lent light; manifestations while they or the tile they step
to are in sight; then the dreamer's call, the lantern and the player on top.

    player_screen = draw_entities(screen, fog_view, alpha, (fx, fy), camera, art, calls, keep_clear)
"""

from __future__ import annotations


import pygame

from dreamscape.app.callfx import CallCues
from dreamscape.core.climax import marks_for
from dreamscape.app.camera import Camera
from dreamscape.app.dive_view.entity_sprites import EntitySprites
from dreamscape.app.dive_view.glide import glide
from dreamscape.app.dive_view.nexus_draw import draw_nexus
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.sim import rules as R

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

    for i, (x, y) in enumerate(view.painted):
        if near(x, y) and seen[y, x]:
            art.paint_stroke(surface, at(x, y), i)
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
    for x, y in view.doorways:
        if near(x, y) and seen[y, x] and (x, y) != view.exit:
            art.exit(surface, at(x, y), False, bool(visible[y, x]), now)
    for m in view.marks:
        if not (near(m.x, m.y) and seen[m.y, m.x]):
            continue
        if m.kind == "doorway" and m.done:
            art.husk(surface, at(m.x, m.y), bool(visible[m.y, m.x]))
        elif m.kind == "beacon":
            art.beacon(surface, at(m.x, m.y), m.done, bool(visible[m.y, m.x]), now + m.index * 13)
        elif m.kind == "memory":
            art.memory(surface, at(m.x, m.y), m.done, bool(visible[m.y, m.x]), now + m.index * 17)
    if view.clients or view.struck or view.climax == "nexus":
        draw_nexus(surface, view, near, at, art, now, (x0, y0, x1, y1))
    p = view.player
    if view.lent is not None:
        # A blackout: each woken dreamer keeps a small light where they stand, and lends it.
        reach = R.SHARED_SIGHT + 1
        for d in view.dreamers:
            if d.awake and x0 - reach <= d.x < x1 + reach and y0 - reach <= d.y < y1 + reach:
                art.shared_light(surface, at(d.x, d.y), R.SHARED_SIGHT, now + d.index * 17)
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
        calls.draw(surface, view.calls, now, player_screen, keep_clear, marks_for(view.climax)[0])
    art.lantern(surface, player_screen, view.sight_radius)
    art.player(surface, player_screen, now, shielded=p.grace > 0)
    return player_screen
