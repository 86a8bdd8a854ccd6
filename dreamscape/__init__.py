"""Dreamscape: glitching dream labyrinths generated from a dreamer's fears and desires."""

__version__ = "0.1.0"
