"""The game's screens, one Scene subclass per file; dreamscape.app.flow leads from one to the next."""
