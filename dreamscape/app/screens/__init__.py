"""The game's screens, one Scene subclass per file.

A screen returns where to go (transitions.py, intents.py); dreamscape.app.routes
makes the screen for each intent, so no screen imports another.
"""
