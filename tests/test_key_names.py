"""The pure key-name table gives the answers the installed pygame gives.

Settings check key names without pygame (dreamscape/app/input/key_names.py);
these tests ask pygame itself about every name it could know, so a pygame or
SDL that names keys differently shows up here.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from dreamscape.app.input.key_names import KEY_NAMES, key_code, key_label, key_name, normalize_key_name

SCANCODE_MASK = 0x40000000

# pygame warns that key_code() wants pygame.init(); its answer is the same.
pytestmark = pytest.mark.filterwarnings(r"ignore:pygame\.init\(\) has not been called")


def pygame_canonical(name: str) -> str | None:
    """What the input layer accepted when it asked pygame: the canonical name, or None."""
    try:
        return pygame.key.name(pygame.key.key_code(name.strip())) or None
    except ValueError:
        return None


def pure_canonical(name: str) -> str | None:
    try:
        return normalize_key_name(name)
    except ValueError:
        return None


def candidate_names() -> set[str]:
    """Every spelling pygame or SDL could match: their names, every ASCII character."""
    codes = [*range(0x80), *(SCANCODE_MASK | s for s in range(512))]
    names = {pygame.key.name(c) for c in codes}
    pygame.display.init()
    try:
        names |= {pygame.key.name(c, use_compat=False) for c in codes}
    finally:
        pygame.display.quit()
    names |= {chr(i) for i in range(1, 0x80)}
    names |= {"é", "ß", "\u212a", "ſpace", "K", "left  shift", "keypad", "f16", "volumeup", "AC Home"}
    spellings = set()
    for name in names - {""}:
        spellings |= {name, name.upper(), name.lower(), name.title(), name.swapcase(), f"  {name} "}
    return spellings


def test_every_name_pygame_knows_is_spelled_the_same():
    disagreements = {
        name: (pygame_canonical(name), pure_canonical(name))
        for name in sorted(candidate_names())
        if name.strip() and pygame_canonical(name) != pure_canonical(name)
    }
    assert disagreements == {}


def test_key_codes_and_names_match_pygame():
    for code in [*range(0x3000), *(SCANCODE_MASK | s for s in range(1024))]:
        assert key_name(code) == pygame.key.name(code), code
    for code, name in KEY_NAMES.items():
        assert key_code(name) == pygame.key.key_code(name) == code


@hyp_settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_any_text_is_judged_as_pygame_judges_it(text):
    if text.strip():
        assert pure_canonical(text) == pygame_canonical(text)


def test_bad_names_are_refused_by_name():
    for bad in ("", "   ", "no-such-key", "{", "\x00", None, 5):
        with pytest.raises(ValueError, match="unknown key name"):
            normalize_key_name(bad)  # type: ignore[arg-type]


def test_labels():
    assert key_label("space") == "Space"
    assert key_label("left shift") == "Left Shift"
    assert key_label("escape") == "Esc" and key_label("return") == "Enter" and key_label("enter") == "Keypad Enter"
