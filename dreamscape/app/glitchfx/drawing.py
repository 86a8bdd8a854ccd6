"""Drawing a look: turned into pixel operations for a frame size, then done with blits, scrolls and fills.

    ops = plan_for(look, screen.get_size())
    draw_plan(screen, ops, scratch, cells)   # scratch: two surfaces like the screen
"""

from __future__ import annotations


import pygame

from dreamscape.app.glitchfx.looks import REFERENCE_HEIGHT, Look


#: The fill flag of each tint blend.
_BLENDS = {"mult": pygame.BLEND_RGB_MULT, "add": pygame.BLEND_RGB_ADD, "sub": pygame.BLEND_RGB_SUB}


def draw_plan(surface: pygame.Surface, plan: list[tuple], scratch: list[pygame.Surface], cells: dict[tuple[int, int], pygame.Surface]) -> None:
    """Do the operations of `plan` on `surface` in place, with a scratch surface of its size and format
    (the first of `scratch`) and a small surface for each pixelation cell grid."""
    a = scratch[0]
    width = surface.get_width()
    for op, *args in plan:
        if op == "tear":
            band, leaving, entry = args
            # The part pushed off one side re-enters on the other: no pixel lost or doubled.
            a.blit(surface, (0, 0), leaving)
            surface.set_clip(band)
            surface.scroll(entry[2], 0)
            surface.set_clip(None)
            surface.blit(a, entry[:2], (0, 0, leaving.width, leaving.height))
        elif op == "split":
            slab, d = args
            y, h = slab.y, slab.height
            # Red alone moves: half the passes of moving red and blue apart, and the same
            # fringes (red one side, cyan the other). Channel masks as MIN fills: the same
            # pixels as multiplying by 255 and 0, in half the time.
            a.blit(surface, (0, 0), slab)
            a.fill((255, 0, 0), (0, 0, width, h), pygame.BLEND_RGB_MIN)
            surface.fill((0, 255, 255), slab, pygame.BLEND_RGB_MIN)
            add = pygame.BLEND_RGB_ADD
            # Red wraps round the slab's edges, so every pixel keeps all three channels.
            surface.blit(a, (d, y), (0, 0, width - d, h), special_flags=add)
            surface.blit(a, (0, y), (width - d, 0, d, h), special_flags=add)
        elif op == "copy":
            source, target = args
            a.blit(surface, (0, 0), source)
            surface.blit(a, target, (0, 0, source.width, source.height))
        elif op == "pixelate":
            rect, grid = args
            small = cells[grid]
            pygame.transform.scale(surface.subsurface(rect), grid, small)
            pygame.transform.scale(small, rect.size, surface.subsurface(rect))
        else:
            rgb, flag = args
            surface.fill(rgb, special_flags=flag)


def plan_for(look: Look, size: tuple[int, int]) -> list[tuple]:
    """A look turned into drawing operations in pixels for a frame of `size`."""
    width, height = size
    scale = height / REFERENCE_HEIGHT
    ops: list[tuple] = []
    for tear in look.tears:
        y = min(height - 1, int(tear.y * height))
        h = min(height - y, max(1, round(tear.height * scale)))
        dx = max(-(width - 1), min(width - 1, round(tear.shift * scale)))
        if dx > 0:
            ops.append(("tear", pygame.Rect(0, y, width, h), pygame.Rect(width - dx, y, dx, h), (0, y, dx)))
        elif dx < 0:
            ops.append(("tear", pygame.Rect(0, y, width, h), pygame.Rect(0, y, -dx, h), (width + dx, y, dx)))
    if look.split is not None:
        d = min(width // 2, max(1, round(look.split.offset * scale)))
        y = min(height - 1, int(look.split.y * height))
        h = min(height - y, max(1, round(look.split.height * height)))
        ops.append(("split", pygame.Rect(0, y, width, h), d))
    for block in look.blocks:
        w = max(1, min(width, round(block.w * scale)))
        h = max(1, min(height, round(block.h * scale)))
        rect = pygame.Rect(min(width - w, int(block.x * width)), min(height - h, int(block.y * height)), w, h)
        if block.source is not None:
            sx = max(0, min(width - w, rect.x + round(block.source[0] * scale)))
            sy = max(0, min(height - h, rect.y + round(block.source[1] * scale)))
            ops.append(("copy", pygame.Rect(sx, sy, w, h), rect.topleft))
        else:
            cell = max(2, round(block.cell * scale))
            ops.append(("pixelate", rect, (max(1, w // cell), max(1, h // cell))))
    if look.tint is not None:
        blend, rgb = look.tint
        ops.append(("tint", rgb, _BLENDS[blend]))
    return ops
