"""Tile sprites for the dive, painted with numpy at start-up (no image files).

- codes.py: art codes, light levels and sprite ids; which art each tile gets.
- colours.py: floor and wall colours per theme, at luminances set for contrast.
- entity_colours.py: the colours of the entities, shared with the HUD and minimap.
- atlas.py: every sprite at every light level, in the target's pixel format.
- canvas.py, floors.py, walls.py, features.py, paint.py: the painting.
"""
