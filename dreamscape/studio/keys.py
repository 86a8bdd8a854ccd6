"""The studio's keyboard: what each key does, and typing into the save dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from dreamscape.studio.controller import Studio

OVERLAY_KEYS = {pygame.K_g: "regions", pygame.K_d: "distance", pygame.K_c: "chokepoints", pygame.K_m: "markers", pygame.K_h: "glitches"}
DIGIT_KEYS = {getattr(pygame, f"K_{d}"): str(d) for d in range(10)} | {getattr(pygame, f"K_KP{d}"): str(d) for d in range(10)}
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


def key_down(studio: "Studio", event: pygame.event.Event) -> None:
    """A key pressed with no dialog open: editing, the seed, overlays, the timeline, saving."""
    model = studio.model
    key, mod = event.key, event.mod
    ctrl, shift = bool(mod & pygame.KMOD_CTRL), bool(mod & pygame.KMOD_SHIFT)
    if ctrl:
        if key == pygame.K_s:
            studio.open_save()
        elif key == pygame.K_e:
            studio.open_export()
        elif key == pygame.K_z and shift or key == pygame.K_y:
            model.redo()
        elif key == pygame.K_z:
            model.undo()
        elif key == pygame.K_q:
            studio.running = False
        return
    if model.seed_entry is not None:
        if key in ENTER_KEYS:
            model.commit_seed()
            return
        if key == pygame.K_BACKSPACE:
            model.seed_backspace()
            return
        if key == pygame.K_ESCAPE:
            model.cancel_seed()
            return
    if key == pygame.K_TAB:
        studio.step_elite(-1 if shift else 1)
    elif key in DIGIT_KEYS:
        model.type_seed_digit(DIGIT_KEYS[key])
    elif key == pygame.K_UP:
        model.select(-1)
    elif key == pygame.K_DOWN:
        model.select(1)
    elif key in (pygame.K_LEFT, pygame.K_RIGHT):
        model.nudge(1 if key == pygame.K_RIGHT else -1, fine=shift)
    elif key in (pygame.K_PAGEUP, pygame.K_RIGHTBRACKET):
        model.step_seed(1)
    elif key in (pygame.K_PAGEDOWN, pygame.K_LEFTBRACKET):
        model.step_seed(-1)
    elif key == pygame.K_r:
        model.random_seed()
    elif key == pygame.K_DELETE:
        knob = model.selected_knob
        model.set_value(knob.key, model.original_value(knob.key))
    elif key in OVERLAY_KEYS:
        model.toggle(OVERLAY_KEYS[key])
    elif key in (pygame.K_COMMA, pygame.K_PERIOD):
        studio.step_time(-1 if key == pygame.K_COMMA else 1, by_second=shift)
    elif key == pygame.K_HOME:
        studio.seek(0)
    elif key == pygame.K_END:
        studio.seek(model.end_tick)
    elif key == pygame.K_SPACE:
        studio.toggle_play()
    elif key == pygame.K_ESCAPE:
        if studio.playing:
            studio.playing = False
        else:
            studio.running = False


def dialog_event(studio: "Studio", event: pygame.event.Event) -> None:
    """A key or typed text while the save dialog is open."""
    dialog = studio.dialog
    assert dialog is not None
    if event.type == pygame.TEXTINPUT:
        dialog.type(event.text)
        return
    if event.type != pygame.KEYDOWN:
        return
    key = event.key
    if dialog.asking is not None:
        if key in (pygame.K_y, *ENTER_KEYS):
            dialog.answer(True)
        elif key in (pygame.K_n, pygame.K_ESCAPE):
            dialog.answer(False)
    elif key in ENTER_KEYS:
        dialog.submit()
    elif key == pygame.K_ESCAPE:
        studio.close_dialog()
        return
    elif key == pygame.K_BACKSPACE:
        dialog.backspace(word=bool(event.mod & pygame.KMOD_CTRL))
    if dialog.done:
        studio.close_dialog()
