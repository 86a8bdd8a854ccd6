"""Screen glitches drawn over a finished frame, safe for photosensitive players by design.

    fx = ScreenGlitch(intensity=settings.glitch_intensity, seed=cosmetic_seed)
    fx.set_ambient(turmoil)        # faint shimmer that grows with turmoil
    fx.trigger(0.8)                # a glitch fired in the simulation
    fx.update(dt_ms)               # every frame: time passes, the glitch decays
    fx.apply(screen)               # every frame, after drawing, in place

Effects: tearing bands (horizontal strips shifted sideways, wrapping round),
a colour-channel split (the red channel moved a few pixels sideways inside
a horizontal slab, leaving red and cyan fringes), block noise (small rectangles copied
from nearby or pixelated) and a palette shift (one gentle tint over the
frame). Their randomness comes only from the cosmetic generator seeded at
construction; they never read or touch the simulation.

Why they cannot fail WCAG 2.3.1 (more than three flashes in a second over a
quarter of the screen; see dreamscape.app.flash):

1. The look is held, not animated. Every random choice is made at a *step*
   and the same look is redrawn until the next one, so over a still scene
   the frame changes only at steps, and a block's luminance can make at most
   one transition per change.
2. Steps are rationed: a new look (including "nothing") is chosen only while
   at most three disturbances were booked in the last 1.05 s (each step
   books one), so a still scene sees at most four changes a second: at most
   two flashes.
3. A moving scene under a held look is measured. Moving pixels only passes
   on the scene's own changes, but recombining them can create new ones
   (red taken from a neighbour while green and blue stay, over neighbours
   that swap colours of equal luminance). So apply() samples a 32x18 grid
   of output points, and the
   scene pixels each point's channels came from, before and after drawing;
   a point counts when its luminance (or red value) swung by a transition's
   worth while none of its source pixels did. Each frame books
   min(1, share of such points / 0.25) disturbances in the same rolling
   history; past four, the effect switches off (one more step) until the
   budget frees. So no second holds more than six disturbances. For a
   quarter of the screen to fail it must collect seven transitions
   everywhere, 1.75 screen-areas of transitions, while one disturbance
   supplies at most 0.25 of that: six supply at most 1.5. (The grid makes
   this a measurement rather than a proof for moving scenes.)
4. Independently, the magnitudes are small: displacement moves existing
   pixels rather than lighting or darkening areas, block noise covers at most
   3% of the screen, the split at most 12% of it, tears at most a fifth,
   and a tint changes relative luminance by at most 0.06 anywhere.

Cost: everything is pygame blits, scrolls and blend fills on partial areas,
with a scratch surface kept between frames; the only full-frame pass is the
tint. The frame is meant to be opaque (the display surface).

The modules: screen_glitch.py (ScreenGlitch: the controls and the pacing),
looks.py (the random choices), tint.py (the palette shift and its bound),
drawing.py (a look as pixel operations), guard.py (the measured guard).
"""
