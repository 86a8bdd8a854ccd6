"""Settings, progress and binding checks work in a process where pygame cannot be imported.

The settings file is read by tools that never open a window, so the pure
input modules (actions, bindings, key and pad names) must not need pygame.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import subprocess_env

_SNIPPET = r'''
import json, sys
from pathlib import Path
sys.modules["pygame"] = None  # any "import pygame" now fails

from dreamscape.app.input.bindings import check_bindings, DEFAULT_KEYS
from dreamscape.app.input.key_names import normalize_key_name
from dreamscape.app.progress import Progress, load_progress, save_progress
from dreamscape.app.settings import Settings, load_settings, save_settings

home = Path(sys.argv[1])
settings = Settings(music_volume=0.25, keys={"WAKE": ["F", "Left Shift"]})
assert settings.keys["WAKE"] == ["f", "left shift"]
save_settings(settings)
loaded, message = load_settings()
assert message is None and loaded == settings, (loaded, message)

try:
    Settings(keys={"WAKE": ["w"], "UP": ["w"]})
except ValueError as exc:
    assert "both" in str(exc)
else:
    raise AssertionError("a shared gameplay key was accepted")
assert check_bindings({"UP": ["Keypad 8"]}, normalize_key_name, DEFAULT_KEYS)["UP"] == ["[8]"]

(home / "config" / "settings.json").write_text(json.dumps({"keys": {"WAKE": ["no-such-key"]}, "relaxed": True}))
damaged, message = load_settings()
assert damaged.relaxed and damaged.keys == Settings().keys
assert "unknown key name 'no-such-key'" in message, message

progress = Progress()
progress.complete("ch1_the_loop", 12.5)
save_progress(progress)
assert load_progress() == (progress, None)
assert sys.modules["pygame"] is None
print("ok")
'''


def test_settings_load_save_and_validate_without_pygame(tmp_path):
    env = subprocess_env(DREAMSCAPE_HOME=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-c", _SNIPPET, str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=str(tmp_path), env=env, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
