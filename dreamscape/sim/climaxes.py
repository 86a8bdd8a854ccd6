"""Every climax's rule by its core.climax name: the one place that knows them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dreamscape.sim.blackout import Blackout
from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.doubt import Doubt
from dreamscape.sim.replay import Replay
from dreamscape.sim.prison import Prison
from dreamscape.sim.nexus import Nexus

if TYPE_CHECKING:
    from dreamscape.sim.world import World

#: The rule of each climax a level may name.
RULES: dict[str, type[ClimaxRule]] = {
    "doubt": Doubt,
    "replay": Replay,
    "prison": Prison,
    "blackout": Blackout,
    "nexus": Nexus,
}


def climax_rule(world: World) -> ClimaxRule:
    """The rule of `world`'s level's climax (the inert base rule for a level without one)."""
    return RULES.get(world.ds.spec.climax, ClimaxRule)(world)
