"""The dive on screen, drawn from the player's fog view.

- view.py: DiveView, which composes a frame and glides the camera after the player.
- chunks.py: the ground under fog, cached as chunk surfaces.
- entities.py: which entities the view shows, and where they are drawn.
- entity_sprites.py, sprite_kit.py: the entities' pre-rendered sprites.
- glide.py: where a walker is drawn between two ticks.
"""
