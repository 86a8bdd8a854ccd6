"""The input layer, driven by synthetic pygame events (no keyboard or pad needed)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import warnings

import pygame
import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from dreamscape.app.input.actions import Action
from dreamscape.app.input.capture import capture_next_key, capture_next_pad_input
from dreamscape.app.input.runtime import Controls
from dreamscape.app.settings import Settings, load_settings, save_settings
from dreamscape.sim.commands import EAST, NORTH, SOUTH, WAKE_BIT, WEST, Command


def down(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key)


def up(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=key)


def button(number: int, pressed: bool = True, joy: int = 0) -> pygame.event.Event:
    kind = pygame.JOYBUTTONDOWN if pressed else pygame.JOYBUTTONUP
    return pygame.event.Event(kind, button=number, instance_id=joy, joy=joy)


def hat(x: int, y: int, number: int = 0, joy: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYHATMOTION, hat=number, value=(x, y), instance_id=joy, joy=joy)


def axis(number: int, value: float, joy: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYAXISMOTION, axis=number, value=value, instance_id=joy, joy=joy)


@pytest.fixture
def controls() -> Controls:
    return Controls(Settings())


@pytest.mark.parametrize(
    "key, expected",
    [
        (pygame.K_UP, NORTH), (pygame.K_w, NORTH),
        (pygame.K_DOWN, SOUTH), (pygame.K_s, SOUTH),
        (pygame.K_LEFT, WEST), (pygame.K_a, WEST),
        (pygame.K_RIGHT, EAST), (pygame.K_d, EAST),
        (pygame.K_SPACE, WAKE_BIT), (pygame.K_e, WAKE_BIT),
        (pygame.K_x, 0), (pygame.K_m, 0), (pygame.K_ESCAPE, 0),
    ],
)
def test_default_keys_give_the_right_command(controls, key, expected):
    controls.handle(down(key))
    assert controls.command() == expected
    assert controls.command() == expected  # still held on the next tick
    controls.handle(up(key))
    assert controls.command() == 0


def test_default_keys_report_their_actions(controls):
    assert controls.handle(down(pygame.K_ESCAPE)) == [(Action.PAUSE, True), (Action.BACK, True)]
    assert controls.handle(down(pygame.K_TAB)) == [(Action.MINIMAP, True)]
    assert controls.handle(down(pygame.K_RETURN)) == [(Action.CONFIRM, True)]
    assert controls.handle(down(pygame.K_x)) == []
    assert controls.handle(up(pygame.K_ESCAPE)) == [(Action.PAUSE, False), (Action.BACK, False)]


def test_latest_held_direction_wins_and_release_falls_back(controls):
    controls.handle(down(pygame.K_UP))
    assert controls.command() == NORTH
    controls.handle(down(pygame.K_RIGHT))
    assert controls.command() == EAST
    controls.handle(up(pygame.K_RIGHT))
    assert controls.command() == NORTH
    controls.handle(down(pygame.K_LEFT))
    controls.handle(down(pygame.K_DOWN))
    assert controls.command() == SOUTH
    controls.handle(up(pygame.K_DOWN))
    assert controls.command() == WEST
    controls.handle(up(pygame.K_LEFT))
    assert controls.command() == NORTH


def test_two_keys_for_one_action_hold_it_until_both_are_released(controls):
    assert controls.handle(down(pygame.K_UP)) == [(Action.UP, True)]
    assert controls.handle(down(pygame.K_w)) == []
    assert controls.handle(up(pygame.K_w)) == []
    assert controls.held(Action.UP) and controls.command() == NORTH
    assert controls.handle(up(pygame.K_UP)) == [(Action.UP, False)]
    assert controls.command() == 0


def test_wake_bit_combines_with_direction(controls):
    controls.handle(down(pygame.K_d))
    controls.handle(down(pygame.K_SPACE))
    command = controls.command()
    assert command == EAST | WAKE_BIT and Command.valid(command)
    controls.handle(up(pygame.K_SPACE))
    assert controls.command() == EAST
    controls.handle(up(pygame.K_d))
    controls.handle(down(pygame.K_e))
    assert controls.command() == WAKE_BIT


def test_a_tap_between_ticks_counts_for_one_tick(controls):
    controls.handle(down(pygame.K_UP))
    assert controls.command() == NORTH
    controls.handle(down(pygame.K_RIGHT))
    controls.handle(up(pygame.K_RIGHT))
    controls.handle(down(pygame.K_e))
    controls.handle(up(pygame.K_e))
    assert controls.command() == EAST | WAKE_BIT
    assert controls.command() == NORTH


def test_key_repeat_is_not_a_new_press(controls):
    assert controls.handle(down(pygame.K_SPACE)) == [(Action.WAKE, True), (Action.CONFIRM, True)]
    assert controls.handle(down(pygame.K_SPACE)) == []


def test_handle_reports_presses_and_releases_and_held_follows(controls):
    assert controls.handle(down(pygame.K_RETURN)) == [(Action.CONFIRM, True)]
    assert controls.held(Action.CONFIRM) and not controls.held(Action.BACK)
    assert controls.handle(up(pygame.K_RETURN)) == [(Action.CONFIRM, False)]
    assert not controls.held(Action.CONFIRM)
    assert controls.handle(up(pygame.K_RETURN)) == []


def test_remapping_wake_moves_it_to_the_new_key(controls):
    controls.remap(Action.WAKE, "f")
    assert controls.keys_for(Action.WAKE) == ["f", "e"]
    controls.handle(down(pygame.K_f))
    assert controls.command() == WAKE_BIT
    controls.handle(up(pygame.K_f))
    # Space still confirms in menus but no longer wakes.
    assert controls.handle(down(pygame.K_SPACE)) == [(Action.CONFIRM, True)]
    assert controls.command() == 0
    assert controls.bindings_text(Action.WAKE) == "F / E"


def test_remapping_a_key_of_another_gameplay_action_unbinds_it_there(controls):
    assert controls.remap(Action.WAKE, "w") == [Action.UP]
    assert controls.keys_for(Action.UP) == ["up"]
    assert controls.handle(down(pygame.K_w)) == [(Action.WAKE, True)]
    assert controls.command() == WAKE_BIT


def test_menu_and_gameplay_actions_may_share_keys_but_menu_actions_may_not(controls):
    assert controls.remap(Action.CONFIRM, "e") == []
    assert "e" in controls.keys_for(Action.WAKE)
    assert controls.remap(Action.CONFIRM, "backspace", slot=1) == [Action.BACK]
    assert controls.keys_for(Action.CONFIRM) == ["e", "backspace"]
    assert controls.keys_for(Action.BACK) == ["escape"]


def test_remap_slots(controls):
    controls.remap(Action.UP, "w", slot=0)  # already in slot 1: the slots swap
    assert controls.keys_for(Action.UP) == ["w", "up"]
    controls.remap(Action.UP, "i", slot=5)  # past the end: appended
    assert controls.keys_for(Action.UP) == ["w", "up", "i"]
    controls.remap(Action.UP, "Page Up", slot=1)
    assert controls.keys_for(Action.UP) == ["w", "page up", "i"]
    assert controls.bindings_text(Action.UP) == "W / Page Up / I"


def test_remap_to_an_unknown_key_changes_nothing(controls):
    with pytest.raises(ValueError, match="unknown key name"):
        controls.remap(Action.WAKE, "not-a-key")
    assert controls.keys_for(Action.WAKE) == ["space", "e"]


def test_an_action_can_lose_all_its_keys(controls):
    controls.remap(Action.WAKE, "m")
    controls.remap(Action.WAKE, "tab", slot=1)
    assert controls.keys_for(Action.MINIMAP) == []
    assert controls.bindings_text(Action.MINIMAP) == "unbound"
    assert controls.handle(down(pygame.K_TAB)) == [(Action.WAKE, True)]


def test_remap_while_held_still_releases_what_was_pressed(controls):
    controls.handle(down(pygame.K_e))
    assert controls.command() == WAKE_BIT
    controls.remap(Action.MINIMAP, "e")
    assert controls.handle(up(pygame.K_e)) == [(Action.WAKE, False)]
    assert controls.command() == 0


# -- gamepad -------------------------------------------------------------------


def test_hat_gives_directions_and_releases(controls):
    assert controls.handle(hat(0, 1)) == [(Action.UP, True)]
    assert controls.command() == NORTH
    assert controls.handle(hat(1, 1)) == [(Action.RIGHT, True)]
    assert controls.command() == EAST
    assert controls.handle(hat(0, -1)) == [(Action.UP, False), (Action.DOWN, True), (Action.RIGHT, False)]
    assert controls.command() == SOUTH
    assert controls.handle(hat(0, 0)) == [(Action.DOWN, False)]
    assert controls.command() == 0


def test_stick_respects_the_dead_zone(controls):
    assert controls.handle(axis(0, 0.3)) == []
    assert controls.handle(axis(0, 0.9)) == [(Action.RIGHT, True)]
    assert controls.command() == EAST
    assert controls.handle(axis(0, 0.7)) == []
    assert controls.handle(axis(0, 0.2)) == [(Action.RIGHT, False)]
    assert controls.command() == 0
    assert controls.handle(axis(1, -0.8)) == [(Action.UP, True)]
    # Flicked straight across the centre: the old direction ends first.
    assert controls.handle(axis(1, 0.8)) == [(Action.UP, False), (Action.DOWN, True)]
    assert controls.command() == SOUTH


def test_buttons_give_actions_and_releases(controls):
    assert controls.handle(button(0)) == [(Action.WAKE, True), (Action.CONFIRM, True)]
    assert controls.command() == WAKE_BIT
    assert controls.handle(button(0, pressed=False)) == [(Action.WAKE, False), (Action.CONFIRM, False)]
    assert controls.command() == 0
    assert controls.handle(button(1)) == [(Action.BACK, True)]
    assert controls.handle(button(7)) == [(Action.PAUSE, True)]
    assert controls.handle(button(3)) == [(Action.MINIMAP, True)]
    assert controls.handle(button(9)) == []


def test_pad_and_keyboard_combine(controls):
    controls.handle(hat(-1, 0))
    controls.handle(down(pygame.K_SPACE))
    assert controls.command() == WEST | WAKE_BIT


def test_two_pads_are_tracked_separately(controls):
    controls.handle(button(0, joy=0))
    controls.handle(button(0, joy=1))
    assert controls.handle(button(0, pressed=False, joy=0)) == []
    assert controls.held(Action.WAKE)
    assert controls.handle(button(0, pressed=False, joy=1)) == [(Action.WAKE, False), (Action.CONFIRM, False)]


def test_unplugged_pad_releases_its_inputs(controls):
    controls.handle(hat(0, 1, joy=3))
    controls.handle(down(pygame.K_e))
    assert controls.command() == NORTH | WAKE_BIT
    removed = pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=3)
    assert controls.handle(removed) == [(Action.UP, False)]
    assert controls.command() == WAKE_BIT


def test_pad_remap(controls):
    assert controls.remap_pad(Action.WAKE, "button:3") == [Action.MINIMAP]
    assert controls.pad_for(Action.WAKE) == ["button:3"]
    assert controls.handle(button(3)) == [(Action.WAKE, True)]
    assert controls.handle(button(0)) == [(Action.CONFIRM, True)]
    assert controls.bindings_text(Action.WAKE, pad=True) == "Y"
    assert controls.bindings_text(Action.UP, pad=True) == "D-pad Up / Stick Up"
    with pytest.raises(ValueError):
        controls.remap_pad(Action.WAKE, "trigger:2")


# -- release ---------------------------------------------------------------------


def test_release_all_clears_the_command(controls):
    controls.handle(down(pygame.K_UP))
    controls.handle(down(pygame.K_SPACE))
    controls.handle(button(7))
    assert controls.command() == NORTH | WAKE_BIT
    released = controls.release_all()
    assert set(released) == {(a, False) for a in (Action.UP, Action.WAKE, Action.CONFIRM, Action.PAUSE)}
    assert controls.command() == 0
    assert not any(controls.held(a) for a in Action)
    # The key-up that follows (focus comes back) must not release anything twice.
    assert controls.handle(up(pygame.K_UP)) == []


def test_release_all_also_forgets_taps(controls):
    controls.handle(down(pygame.K_RIGHT))
    controls.handle(up(pygame.K_RIGHT))
    controls.release_all()
    assert controls.command() == 0


def test_losing_focus_releases_everything(controls):
    controls.handle(down(pygame.K_LEFT))
    assert controls.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST)) == [(Action.LEFT, False)]
    assert controls.command() == 0


# -- helpers ---------------------------------------------------------------------


def test_capture_next_key():
    assert capture_next_key(down(pygame.K_f)) == "f"
    assert capture_next_key(down(pygame.K_LSHIFT)) == "left shift"
    assert capture_next_key(up(pygame.K_f)) is None
    assert capture_next_key(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(0, 0))) is None


def test_capture_next_pad_input():
    assert capture_next_pad_input(button(2)) == "button:2"
    assert capture_next_pad_input(hat(-1, 0)) == "hat:0:left"
    assert capture_next_pad_input(axis(1, -0.9)) == "axis:1:-"
    assert capture_next_pad_input(axis(1, 0.1)) is None
    assert capture_next_pad_input(hat(0, 0)) is None


def test_default_bindings_text(controls):
    assert controls.bindings_text(Action.WAKE) == "Space / E"
    assert controls.bindings_text(Action.PAUSE) == "Esc / P"
    assert controls.bindings_text(Action.CONFIRM) == "Enter / Space"
    assert controls.bindings_text(Action.CONFIRM, pad=True) == "A"


def test_key_names_work_without_pygame_init():
    # The remap screen and settings loader may run before any window exists.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        controls = Controls(Settings(keys={"WAKE": ["F"]}))
    assert controls.keys_for(Action.WAKE) == ["f"]


def test_remapped_keys_survive_a_settings_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path))
    controls = Controls(Settings())
    controls.remap(Action.WAKE, "f")
    controls.remap(Action.UP, "i", slot=1)
    controls.remap_pad(Action.PAUSE, "button:6")
    save_settings(controls.apply_to(Settings(music_volume=0.2)))

    loaded, message = load_settings()
    assert message is None and loaded.music_volume == 0.2
    fresh = Controls(loaded)
    fresh.handle(down(pygame.K_f))
    assert fresh.command() == WAKE_BIT
    fresh.handle(up(pygame.K_f))
    fresh.handle(down(pygame.K_SPACE))
    assert fresh.command() == 0
    fresh.handle(down(pygame.K_i))
    assert fresh.command() == NORTH
    fresh.handle(down(pygame.K_w))  # no longer UP's second key
    assert fresh.command() == NORTH
    assert fresh.handle(button(6)) == [(Action.PAUSE, True)]
    assert fresh.handle(button(7)) == []


DIRECTION_KEYS = {pygame.K_UP: NORTH, pygame.K_RIGHT: EAST, pygame.K_DOWN: SOUTH, pygame.K_LEFT: WEST}


@hyp_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(DIRECTION_KEYS)), st.booleans()), max_size=40))
def test_command_follows_the_most_recent_held_direction(steps):
    controls = Controls()
    held: list[int] = []  # model: keys in press order
    for key, pressed in steps:
        controls.handle(down(key) if pressed else up(key))
        if pressed and key not in held:
            held.append(key)
        elif not pressed and key in held:
            held.remove(key)
        command = controls.command()
        assert Command.valid(command)
        assert command == (DIRECTION_KEYS[held[-1]] if held else 0)


@pytest.mark.parametrize("event", [down(pygame.K_f), down(pygame.K_q), button(2)])
def test_use_is_one_command_per_press_from_key_or_pad(controls, event):
    from dreamscape.sim.commands import USE_BIT

    assert controls.handle(event) == [(Action.USE, True)]
    assert controls.command() == USE_BIT
    # Held on: a use is a press, not a hold, so the next tick carries none.
    assert controls.command() == 0


def test_use_combines_with_a_held_direction_and_is_remappable(controls):
    from dreamscape.sim.commands import USE_BIT

    controls.handle(down(pygame.K_RIGHT))
    controls.handle(down(pygame.K_f))
    assert controls.command() == EAST | USE_BIT
    assert controls.command() == EAST
    controls.remap(Action.USE, "g")
    controls.handle(up(pygame.K_f))
    assert controls.handle(down(pygame.K_f)) == []
    controls.handle(down(pygame.K_g))
    assert controls.command() & USE_BIT


def test_the_use_byte_is_a_valid_command_and_nothing_above_it():
    from dreamscape.sim.commands import USE_BIT, VALID_MAX

    assert Command.valid(Command.use()) and Command.valid(Command.move(WEST, wake=True) | USE_BIT)
    assert Command.using(USE_BIT | NORTH) and not Command.using(WAKE_BIT)
    assert VALID_MAX == USE_BIT | WAKE_BIT | WEST and not Command.valid(VALID_MAX + 1) and not Command.valid(32)
