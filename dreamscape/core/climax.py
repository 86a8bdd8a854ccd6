"""The climaxes a level may end with, and the names the climaxes share.

A level's `climax` key names one of `CLIMAXES`; a level without one ends as
every level always has (wake everyone, walk to the exit). 'doubt' is
chapter 1's: waking Leo raises his Doubt and seals the way out until the
player lights the three friends' beacons (see sim/doubt.py).
"""

from __future__ import annotations

#: The climaxes a level may name ('' is none).
CLIMAXES = ("doubt",)
#: The friends whose beacons break the loop of the 'doubt' climax, in beacon order.
FRIENDS = ("Ava", "Mia", "Noah")
#: The friend whose bridge opens the way out once the loop is broken.
BRIDGE_BUILDER = "Mia"
