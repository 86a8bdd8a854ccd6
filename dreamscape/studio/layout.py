"""Where each part of the studio goes in a window of any size."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

MARGIN = 12
HEADER_H = 46
LEFT_W = 300
RIGHT_W = 252
TIMELINE_H = 74
HELP_H = 28
#: The map keeps at least this much width; narrower windows squeeze the panels instead.
MIN_MAP_W = 240


@dataclass(frozen=True)
class Layout:
    """The rectangles of one frame: header, sliders, map, side panel, timeline, help line."""

    screen: pygame.Rect
    header: pygame.Rect
    sliders: pygame.Rect
    map_area: pygame.Rect
    side: pygame.Rect
    timeline: pygame.Rect
    help: pygame.Rect


def compute(size: tuple[int, int]) -> Layout:
    """Lay out a window of `size`; panels keep their widths and the map takes the rest."""
    w, h = max(320, size[0]), max(240, size[1])
    screen = pygame.Rect(0, 0, w, h)
    header = pygame.Rect(0, 0, w, HEADER_H)
    help_line = pygame.Rect(0, h - HELP_H, w, HELP_H)
    body_top = header.bottom
    body_bottom = help_line.top - MARGIN
    squeeze = min(1.0, max(0, w - 4 * MARGIN - MIN_MAP_W) / (LEFT_W + RIGHT_W))
    left_w, right_w = int(LEFT_W * squeeze), int(RIGHT_W * squeeze)
    sliders = pygame.Rect(MARGIN, body_top, left_w, body_bottom - body_top)
    side = pygame.Rect(w - MARGIN - right_w, body_top, right_w, body_bottom - body_top)
    centre_left = sliders.right + MARGIN
    centre_w = max(64, side.left - MARGIN - centre_left)
    timeline = pygame.Rect(centre_left, body_bottom - TIMELINE_H, centre_w, TIMELINE_H)
    map_area = pygame.Rect(centre_left, body_top, centre_w, max(48, timeline.top - MARGIN - body_top))
    return Layout(screen, header, sliders, map_area, side, timeline, help_line)
