"""The input layer: keyboard and gamepad events become abstract actions.

Pure parts (no pygame; the settings file uses only these):
    actions.py    what a player can ask for, and which actions may share an input
    key_names.py  pygame's key names, their spellings and their key codes
    pad_names.py  gamepad input names ('button:0', 'hat:0:up', 'axis:1:+')
    bindings.py   default bindings, checking a binding table, rebinding one input

pygame parts:
    capture.py    the remap screen's "press a key" capture
    runtime.py    Controls: each frame's events become actions and a command byte

Nothing is imported here, so loading a pure module never loads pygame.
"""
