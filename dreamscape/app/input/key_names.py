"""pygame's key names, as plain data: spelling a key, its key code, its label (no pygame).

Bindings are stored as pygame's key names ('space', 'left shift', '[5]'), so
the settings file must check and canonicalise them without loading pygame.
This module holds the same answers pygame-ce gives:

* pygame.key.name(code) reads pygame's own table of names, which pygame keeps
  append-only ("existing records must not be changed"); KEY_NAMES is that table.
* pygame.key.key_code(name) matches that table ignoring ASCII case, then falls
  back to SDL's names ('Keypad 5', 'PageUp'); ALIASES holds the SDL names that
  lead to a key of the table under another spelling. A single ASCII character
  is its own key code (A-Z folded to a-z).

A name counts only if it leads to a key with a pygame name, as before.
tests/test_key_names.py checks all this against the installed pygame.
"""

from __future__ import annotations

#: SDL marks key codes that have no character with this bit: code = scancode | _S.
_S = 0x40000000

_CHARACTER_KEYS = [*range(33, 65), *range(91, 123)]  # '!'..'@' and '['..'z'

#: Key code -> pygame's name for it (the names pygame.key.name returns).
KEY_NAMES: dict[int, str] = {
    **{code: chr(code) for code in _CHARACTER_KEYS},
    8: "backspace", 9: "tab", 13: "return", 27: "escape", 32: "space", 127: "delete",
    _S | 57: "caps lock",
    _S | 58: "f1", _S | 59: "f2", _S | 60: "f3", _S | 61: "f4", _S | 62: "f5", _S | 63: "f6",
    _S | 64: "f7", _S | 65: "f8", _S | 66: "f9", _S | 67: "f10", _S | 68: "f11", _S | 69: "f12",
    _S | 70: "print screen", _S | 71: "scroll lock", _S | 72: "break",
    _S | 73: "insert", _S | 74: "home", _S | 75: "page up", _S | 77: "end", _S | 78: "page down",
    _S | 79: "right", _S | 80: "left", _S | 81: "down", _S | 82: "up",
    _S | 83: "numlock", _S | 84: "[/]", _S | 85: "[*]", _S | 86: "[-]", _S | 87: "[+]", _S | 88: "enter",
    _S | 89: "[1]", _S | 90: "[2]", _S | 91: "[3]", _S | 92: "[4]", _S | 93: "[5]",
    _S | 94: "[6]", _S | 95: "[7]", _S | 96: "[8]", _S | 97: "[9]", _S | 98: "[0]", _S | 99: "[.]",
    _S | 102: "power", _S | 103: "equals", _S | 104: "f13", _S | 105: "f14", _S | 106: "f15",
    _S | 117: "help", _S | 118: "menu", _S | 154: "sys req", _S | 156: "clear",
    _S | 180: "euro", _S | 181: "CurrencySubUnit",
    _S | 224: "left ctrl", _S | 225: "left shift", _S | 226: "left alt", _S | 227: "left meta",
    _S | 228: "right ctrl", _S | 229: "right shift", _S | 230: "right alt", _S | 231: "right meta",
    _S | 257: "alt gr", _S | 270: "AC Back",
}

#: SDL's spellings (lower case) of keys that pygame names otherwise.
ALIASES: dict[str, str] = {
    "capslock": "caps lock", "currencyunit": "euro", "left gui": "left meta", "right gui": "right meta",
    "modeswitch": "alt gr", "pagedown": "page down", "pageup": "page up", "pause": "break",
    "printscreen": "print screen", "scrolllock": "scroll lock", "sysreq": "sys req",
    "keypad enter": "enter", "keypad =": "equals",
    "keypad *": "[*]", "keypad +": "[+]", "keypad -": "[-]", "keypad .": "[.]", "keypad /": "[/]",
    **{f"keypad {digit}": f"[{digit}]" for digit in "0123456789"},
}

_CODES: dict[str, int] = {name: code for code, name in KEY_NAMES.items()}
_FOLDED: dict[str, int] = {
    **{alias: _CODES[name] for alias, name in ALIASES.items()},
    **{name.lower(): code for code, name in KEY_NAMES.items()},
}
_KEY_LABELS = {"escape": "Esc", "return": "Enter", "enter": "Keypad Enter"}


def _code_for(text: str) -> int | None:
    # pygame and SDL fold ASCII case only: 'K' (Kelvin sign) is not 'k'.
    if not text.isascii():
        return None
    if len(text) == 1:
        code = ord(text.lower())
        return code if code in KEY_NAMES else None
    return _FOLDED.get(text.lower())


def normalize_key_name(name: str) -> str:
    """The canonical spelling of a key name ('SPACE' -> 'space'); ValueError if unknown."""
    code = _code_for(name.strip()) if isinstance(name, str) else None
    if code is None:
        raise ValueError(f"unknown key name {name!r}")
    return KEY_NAMES[code]


def key_code(name: str) -> int:
    """The pygame key code for a key name ('space', 'Left Shift'); ValueError if unknown."""
    return _CODES[normalize_key_name(name)]


def key_name(code: int) -> str:
    """The canonical pygame name of a key code ('' for keys without a name)."""
    return KEY_NAMES.get(code, "")


def key_label(name: str) -> str:
    """How a key name is shown on screen: 'space' -> 'Space', 'left shift' -> 'Left Shift'."""
    if name in _KEY_LABELS:
        return _KEY_LABELS[name]
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))
