"""The dive's entities as sprites: the player, dreamers, manifestations, lures, shards, the exit, portals,
the climaxes' beacons, memories, husks, paint, and the nexus's clients and terminals.

Every entity has its own shape as well as its colour, and a dark outline
(SpriteKit) that keeps it 3:1 from any lit ground.

    art = EntitySprites(tile_px=32, colours=EntityColours())
    art.use_format(screen)
    art.dreamer(screen, (x, y), awake=False, progress=0.0, visible=True, now=tick)
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from dreamscape.app.dive_view import nexus_draw
from dreamscape.app.dive_view.sprite_kit import SpriteKit
from dreamscape.app.tileart.entity_colours import EntityColours
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.render import palette as P
from dreamscape.render.symbols import draw_symbol


class EntitySprites(SpriteKit):
    """Pre-rendered entity sprites and glows in one colour mode, built on first use and kept."""

    def __init__(self, tile_px: int, colours: EntityColours) -> None:
        super().__init__(tile_px)
        self.c = colours
        self._scars_of: tuple | None = None
        self._scars = nexus_draw.Scars(())

    # -- entities ------------------------------------------------------------

    def lantern(self, surface: pygame.Surface, at: tuple[int, int], sight: int) -> None:
        """A faint warm light round the player, smoothing the stepped light levels of the tiles."""
        self._blit_centred(surface, self._glow(self.c.player_glow, self.px * sight * 0.45, 0.16), at, pygame.BLEND_RGB_ADD)

    def shared_light(self, surface: pygame.Surface, at: tuple[int, int], sight: int, now: float) -> None:
        """The small light a woken dreamer keeps in a blackout: what they see, lent to the player."""
        breathe = 0.85 + 0.15 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.3)
        glow = self._glow(self.c.awake, self.px * sight * 0.4, round(0.2 * breathe, 2))
        self._blit_centred(surface, glow, at, pygame.BLEND_RGB_ADD)

    def player(self, surface: pygame.Surface, at: tuple[int, int], now: float, shielded: bool = False) -> None:
        """The player: a bright lucid spark, haloed; flickering while just caught and shielded."""
        breathe = 0.75 + 0.25 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.6)
        self._blit_centred(surface, self._glow(self.c.player_glow, self.px * 1.1, 0.55 * breathe), at, pygame.BLEND_RGB_ADD)
        sprite = self._get(("player",), lambda: self._outlined(self._build_player()))
        if shielded:
            rr = int(self.r * 1.6)
            pygame.draw.circle(surface, self.c.fold, at, rr, 2)
            if int(now) // 3 % 2:
                sprite = self._faded(sprite, 110)
        self._blit_centred(surface, sprite, at)

    def _build_player(self) -> pygame.Surface:
        r = self.r * 1.05
        size = int(r * 3.2) + 4
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        # A four-pointed star over an orb: no other entity has this outline.
        star = []
        for i in range(8):
            a = -math.pi / 2 + i * math.pi / 4
            k = r * (1.45 if i % 2 == 0 else 0.5)
            star.append((c + math.cos(a) * k, c + math.sin(a) * k))
        pygame.draw.polygon(surf, P.INK, star)
        pygame.draw.polygon(surf, self.c.player_glow, star)
        pygame.draw.polygon(surf, P.INK, star, 1)
        pygame.draw.circle(surf, P.INK, (c, c), r * 0.78)
        pygame.draw.circle(surf, self.c.player, (c, c), r * 0.7)
        pygame.draw.circle(surf, (255, 255, 255), (c - r * 0.2, c - r * 0.2), r * 0.22)
        return surf

    def dreamer(self, surface, at, awake: bool, progress: float, visible: bool, now: float) -> None:
        """A trapped dreamer: asleep and pulsing, being woken (a ring), or awake."""
        t = now / TICKS_PER_SECOND
        if awake:
            colour = self.c.awake
            if visible:
                self._blit_centred(surface, self._glow(colour, self.px * 1.2, 0.7), at, pygame.BLEND_RGB_ADD)
            sprite = self._get(("awake",), lambda: self._outlined(self._build_awake()))
        else:
            colour = self.c.dreamer
            pulse = 0.5 + 0.5 * math.sin(t * 2 * math.pi * 0.45)  # slow: breathing in sleep
            if visible:
                self._blit_centred(surface, self._glow(colour, self.px * (0.9 + 0.3 * pulse), 0.3 + 0.45 * pulse), at, pygame.BLEND_RGB_ADD)
            sprite = self._symbol(P.DREAMER_STYLE.shape, colour, 1.05)
        self._blit_centred(surface, sprite if visible else self._faded(sprite, 120), at)
        if not awake and visible:
            # Sleep: a small 'z' drifting up.
            z = (t * 0.5) % 1.0
            zx, zy = at[0] + int(self.r * (0.9 + 0.4 * z)), at[1] - int(self.r * (1.0 + 1.2 * z))
            fade = 16 * round(14 * (1 - z))  # in steps, so a handful of faded copies serve
            self._blit_centred(surface, self._faded(self._get(("z",), self._build_z), fade), (zx, zy))
        if progress > 0:
            rr = int(self.r * 1.55)
            rect = pygame.Rect(at[0] - rr, at[1] - rr, rr * 2, rr * 2)
            pygame.draw.circle(surface, P.INK, at, rr, 5)
            end = math.pi / 2
            pygame.draw.arc(surface, self.c.awake, rect, end - 2 * math.pi * min(1.0, progress), end, 4)

    def _build_awake(self) -> pygame.Surface:
        r = self.r * 1.1
        size = int(r * 3.4) + 4
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        # Rays round a bright face: sunrise, the dreamer is back.
        for i in range(8):
            a = i * math.pi / 4
            inner, outer = r * 1.05, r * 1.6
            pygame.draw.line(surf, P.INK, (c + math.cos(a) * inner, c + math.sin(a) * inner), (c + math.cos(a) * outer, c + math.sin(a) * outer), 5)
            pygame.draw.line(surf, self.c.awake, (c + math.cos(a) * inner, c + math.sin(a) * inner), (c + math.cos(a) * outer, c + math.sin(a) * outer), 2)
        draw_symbol(surf, "dreamer", self.c.awake, (c, c), r)
        return surf

    def _build_z(self) -> pygame.Surface:
        s = max(6, int(self.r * 0.8))
        surf = pygame.Surface((s + 4, s + 4), pygame.SRCALPHA)
        pts = [(2, 2), (s + 1, 2), (2, s + 1), (s + 1, s + 1)]
        pygame.draw.lines(surf, P.INK, False, pts, 4)
        pygame.draw.lines(surf, (230, 240, 255), False, pts, 2)
        return surf

    def haunt(self, surface, at, kind: str, hunting: bool, stunned: bool, now: float) -> None:
        """A manifestation: its kind's shape and colour; hunting shows a hot eye-ring."""
        style = P.MANIFESTATION_STYLE.get(kind, P.UNKNOWN_STYLE)
        colour = self.c.haunt(kind)
        # Leo's Doubt is large: it fills more than its tile.
        sprite = self._symbol(style.shape, colour, 1.6 if kind == "doubt" else 1.0)
        t = now / TICKS_PER_SECOND
        if stunned:
            self._blit_centred(surface, self._faded(sprite, 80), at)
            return
        self._blit_centred(surface, self._glow(colour, self.px * 0.9, 0.35), at, pygame.BLEND_RGB_ADD)
        if hunting:
            pulse = 0.5 + 0.5 * math.sin(t * 2 * math.pi * 2.2)
            self._blit_centred(surface, self._glow(self.c.hunt, self.px * 1.2, 0.4 + 0.4 * pulse), at, pygame.BLEND_RGB_ADD)
            rr = int(self.r * 1.45)
            pygame.draw.circle(surface, P.INK, at, rr + 1, 4)
            pygame.draw.circle(surface, self.c.hunt, at, rr, 2)
        self._blit_centred(surface, sprite, at)
        if hunting:
            # An open eye above it: it has seen you (a cue that needs no colour).
            self._blit_centred(surface, self._get(("eye",), self._build_eye), (at[0], at[1] - int(self.r * 1.75)))

    def _build_eye(self) -> pygame.Surface:
        w, h = int(self.r * 1.6) + 4, int(self.r * 0.9) + 4
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        rect = pygame.Rect(1, 1, w - 2, h - 2)
        pygame.draw.ellipse(surf, P.INK, rect)
        pygame.draw.ellipse(surf, self.c.hunt, rect.inflate(-2, -2))
        pygame.draw.circle(surf, P.INK, (w / 2, h / 2), h * 0.28)
        return surf

    def beacon(self, surface, at, lit: bool, visible: bool, now: float) -> None:
        """A friend's beacon: a grey flame until lit, then a warm one that glows."""
        colour = self.c.beacon_lit if lit else self.c.beacon
        if lit and visible:
            flicker = 0.5 + 0.5 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.6)
            self._blit_centred(surface, self._glow(colour, self.px * 1.3, 0.45 + 0.3 * flicker), at, pygame.BLEND_RGB_ADD)
        sprite = self._symbol(P.BEACON_STYLE.shape, colour, 1.05)
        self._blit_centred(surface, sprite if visible else self._faded(sprite, 140), at)

    def memory(self, surface, at, found: bool, visible: bool, now: float) -> None:
        """A memory the replaying night hides: a pulsing keyhole until found, then a pale open one."""
        colour = self.c.memory_found if found else self.c.memory
        if not found and visible:
            pulse = 0.5 + 0.5 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.45)
            self._blit_centred(surface, self._glow(colour, self.px * 1.2, 0.3 + 0.35 * pulse), at, pygame.BLEND_RGB_ADD)
        sprite = self._symbol(P.MEMORY_STYLE.shape, colour, 1.0)
        self._blit_centred(surface, sprite if visible and not found else self._faded(sprite, 120), at)

    def lure(self, surface, at, kind: str, now: float) -> None:
        """A desire that tempts: yellow, shimmering."""
        style = P.LURE_STYLE.get(kind, P.UNKNOWN_STYLE)
        shimmer = 0.5 + 0.5 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.8 + at[0] * 0.05)
        self._blit_centred(surface, self._glow(self.c.lure, self.px * 1.0, 0.25 + 0.35 * shimmer), at, pygame.BLEND_RGB_ADD)
        self._blit_centred(surface, self._symbol(style.shape, self.c.lure, 0.95), at)

    def shard(self, surface, at, now: float) -> None:
        """A memory shard: a bobbing, sparkling diamond."""
        t = now / TICKS_PER_SECOND
        bob = round(math.sin(t * 2 * math.pi * 0.7) * self.px * 0.06)
        spot = (at[0], at[1] + bob)
        self._blit_centred(surface, self._glow(self.c.shard, self.px * 0.8, 0.55 + 0.25 * math.sin(t * 5)), spot, pygame.BLEND_RGB_ADD)
        self._blit_centred(surface, self._symbol(P.SHARD_STYLE.shape, self.c.shard, 0.9), spot)

    def exit(self, surface, at, unlocked: bool, visible: bool, now: float) -> None:
        """The bridge back to waking: barred until every dreamer is awake."""
        if unlocked:
            pulse = 0.5 + 0.5 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.5)
            if visible:
                self._blit_centred(surface, self._glow(self.c.exit, self.px * 1.8, 0.5 + 0.4 * pulse), at, pygame.BLEND_RGB_ADD)
            sprite = self._get(("exit", True), lambda: self._outlined(self._build_exit(True)))
        else:
            sprite = self._get(("exit", False), lambda: self._outlined(self._build_exit(False)))
        self._blit_centred(surface, sprite if visible else self._faded(sprite, 140), at)

    def husk(self, surface, at, visible: bool) -> None:
        """An unmasked false doorway: the exit's barred shape, greyed and cracked through, outlined like any entity."""
        sprite = self._get(("husk",), lambda: self._outlined(self._build_husk()))
        self._blit_centred(surface, sprite if visible else self._faded(sprite, 140), at)

    def _build_husk(self) -> pygame.Surface:
        surf = self._build_exit(False)
        # Greyed, not faded: a spent lie, still plain to see against any ground.
        grey = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
        grey.fill((150, 146, 160, 255))
        surf.blit(grey, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        w, h = surf.get_size()
        crack = [(w * 0.42, h * 0.12), (w * 0.55, h * 0.38), (w * 0.44, h * 0.55), (w * 0.6, h * 0.88)]
        pygame.draw.lines(surf, P.INK, False, crack, 4)
        pygame.draw.lines(surf, (220, 214, 236), False, crack, 2)
        return surf

    def client_sprite(self, fear: str, awake: bool) -> pygame.Surface:
        """A trapped client of the nexus, outlined: its fear's colour lying down, or pale and standing once awake."""
        colour = nexus_draw.fear_colour(fear)
        key = ("client", None if awake else colour, awake)
        return self._get(key, lambda: self._outlined(nexus_draw.build_client(self.px, colour, awake)))

    def client(self, surface, at, fear: str, awake: bool) -> None:
        """One client (see client_sprite) centred on `at`."""
        self._blit_centred(surface, self.client_sprite(fear, awake), at)

    def scars(self, struck) -> nexus_draw.Scars:
        """The struck tiles of a view as arrays (made again only for another tuple of them)."""
        if self._scars_of is not struck:
            self._scars = nexus_draw.Scars(struck)
            self._scars_of = struck
        return self._scars

    def scar_sprites(self, fears: tuple[str, ...]) -> list[pygame.Surface]:
        """For each of `fears` in turn: its scar in sight (bold), then remembered (thin)."""
        bold, faint = max(2, self.px // 10), max(1, self.px // 16)
        out = []

        def build(fear: str, width: int) -> Callable[[], pygame.Surface]:
            return lambda: nexus_draw.build_scar(self.px, nexus_draw.fear_colour(fear), width)

        for fear in fears:
            for width in (bold, faint):
                sprite = self._get(("scar", fear, width), build(fear, width))
                if not sprite.get_flags() & pygame.RLEACCEL:
                    sprite.set_colorkey(nexus_draw.SCAR_KEY, pygame.RLEACCEL)  # converting to the screen's format dropped it
                out.append(sprite)
        return out

    def terminal(self, surface, at, used: bool) -> None:
        """A nexus maintenance terminal: lit until hacked."""
        self._blit_centred(surface, self._get(("terminal", used), lambda: self._outlined(nexus_draw.build_terminal(self.px, used))), at)

    def paint_stroke(self, surface, at, index: int) -> None:
        """A painted tile: a broad brushstroke of Lila's colour across it (slanted by its order)."""
        sprite = self._get(("paint", index % 2), lambda: self._build_stroke(index % 2))
        self._blit_centred(surface, sprite, at)

    def _build_stroke(self, slant: int) -> pygame.Surface:
        size = self.px
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        a, b = ((0.12, 0.7), (0.88, 0.3)) if slant else ((0.12, 0.3), (0.88, 0.7))
        ends = [(size * a[0], size * a[1]), (size * b[0], size * b[1])]
        pygame.draw.line(surf, (*self.c.paint, 150), ends[0], ends[1], max(3, size // 3))
        pygame.draw.line(surf, (*self.c.paint, 230), ends[0], ends[1], max(2, size // 8))
        return surf

    def _build_exit(self, unlocked: bool) -> pygame.Surface:
        r = self.r * 1.35
        size = int(r * 2.6) + 6
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = (size / 2, size / 2)
        if unlocked:
            draw_symbol(surf, "exit", P.WHITE, c, r)
            return surf
        draw_symbol(surf, "exit", (150, 150, 168), c, r)
        # Barred: the opening is dark, crossed by bars, with a lock.
        inner = [(c[0] + x * r, c[1] + y * r) for x, y in ((-0.45, 1), (-0.45, -0.2), (0, -0.6), (0.45, -0.2), (0.45, 1))]
        pygame.draw.polygon(surf, (30, 28, 44), inner)
        for k in (-0.22, 0.0, 0.22):
            pygame.draw.line(surf, (150, 150, 168), (c[0] + k * r, c[1] - 0.45 * r), (c[0] + k * r, c[1] + r), 2)
        lock = pygame.Rect(0, 0, int(r * 0.5), int(r * 0.4))
        lock.center = (int(c[0]), int(c[1] + r * 0.45))
        pygame.draw.rect(surf, P.INK, lock.inflate(2, 2))
        pygame.draw.rect(surf, self.c.lure, lock)
        return surf

    def portal(self, surface, at, two_way: bool, now: float, opened: float) -> None:
        """A portal end: a swirl turning (dream loop: one way) or a steady double ring (fold)."""
        colour = self.c.fold if two_way else self.c.loop
        if opened <= 0:
            return
        self._blit_centred(surface, self._glow(colour, self.px * 1.1 * opened, 0.6), at, pygame.BLEND_RGB_ADD)
        frames = 12
        turn = int(now / 3) % frames
        sprite = self._get(("portal", two_way, turn), lambda: self._build_portal(two_way, turn, frames))
        if opened < 1:
            sprite = pygame.transform.smoothscale_by(sprite, max(0.1, opened))
        self._blit_centred(surface, sprite, at)

    def _build_portal(self, two_way: bool, turn: int, frames: int) -> pygame.Surface:
        colour = self.c.fold if two_way else self.c.loop
        r = self.r * 1.25
        size = int(r * 2.4) + 4
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        spin = turn / frames * 2 * math.pi * (1 if two_way else -1)
        if two_way:
            pygame.draw.circle(surf, P.INK, (c, c), r + 1, 5)
            pygame.draw.circle(surf, colour, (c, c), r, 3)
            pygame.draw.circle(surf, colour, (c, c), r * 0.5, 2)
            for k in range(2):
                a = spin + k * math.pi
                pygame.draw.circle(surf, (255, 255, 255), (c + math.cos(a) * r, c + math.sin(a) * r), 2.5)
        else:
            # Three spiral arms winding inwards: the dream folds back on itself.
            for arm in range(3):
                pts = []
                for i in range(14):
                    f = i / 13
                    a = spin + arm * 2 * math.pi / 3 + f * 2.6
                    pts.append((c + math.cos(a) * r * (1 - 0.8 * f), c + math.sin(a) * r * (1 - 0.8 * f)))
                pygame.draw.lines(surf, P.INK, False, pts, 5)
                pygame.draw.lines(surf, colour, False, pts, 3)
            pygame.draw.circle(surf, P.INK, (c, c), r * 0.22 + 1)
            pygame.draw.circle(surf, (255, 255, 255), (c, c), r * 0.22)
        return surf
