"""Verifying a recording: replay it headless and compare every checksum.

The level is rebuilt from the header alone (spec -> generate -> World), the
commands are fed tick by tick with no display and no sleeping, and the state
checksums are compared at every checksum record and at the end. The first
mismatch names its tick and the parts of the state that differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from dreamscape import __version__
from dreamscape.core.errors import one_line
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.recording.reader import Recording
from dreamscape.gen import generate
from dreamscape.sim.world import World


@dataclass
class VerifyResult:
    """What a verification found. `ok` is False on the first desync."""

    ok: bool
    ticks_replayed: int  # ticks stepped (all the commands, or up to the desync)
    ticks_verified: int  # ticks covered by matching checksums
    checks: int  # checksum records that matched
    truncated: bool
    outcome: str | None = None  # the replayed world's outcome
    desync_tick: int | None = None
    last_good_tick: int | None = None  # the latest earlier tick whose checksums matched
    parts: tuple[str, ...] = ()
    detail: str = ""  # what differs beyond the checksums (outcome, level)
    tail: str = ""  # 'truncated at line N (why)' when the file ends in a damaged tail

    def line(self) -> str:
        """One line for the command line."""
        if not self.ok:
            where = f"desync at tick {self.desync_tick}: {', '.join(self.parts)} differ{'s' if len(self.parts) == 1 else ''}"
            if self.last_good_tick is not None:
                where += f" (matched at tick {self.last_good_tick})"
            return one_line(where + (f"; {self.detail}" if self.detail else ""))
        seconds = self.ticks_verified / TICKS_PER_SECOND
        text = f"ok: {self.ticks_verified} ticks verified ({seconds:.1f} s of play), {self.checks} checksums match"
        if self.truncated:
            text += f"; recording truncated (no end record), {self.ticks_replayed} ticks of commands present"
        else:
            text += f"; outcome {self.outcome or 'stopped'}"
        if self.tail:
            text += f"; {self.tail}" + ("" if self.truncated else ", after the end record")
        return one_line(text)


def verify(rec: Recording) -> VerifyResult:
    """Replay `rec` headless and compare its checksums with the world's."""
    ds = generate(rec.spec)
    result = VerifyResult(ok=True, ticks_replayed=0, ticks_verified=0, checks=0, truncated=rec.truncated, tail=rec.tail_note())
    if ds.content_hash() != rec.header["hash"]:
        # Same generator version yet another level: the generator is not deterministic
        # (or changed without a version bump).
        return _desync(result, 0, ("level",), f"the rebuilt level's hash differs from the recorded one (recorded with dreamscape {rec.header['game_version']}, this is {__version__})")
    world = World(ds, relaxed=rec.relaxed)
    checks = rec.checksums
    j = 0
    if checks and checks[0][0] == 0:
        if not _match(result, world, 0, checks[0][1], rec):
            return result
        j = 1
    next_check = checks[j][0] if j < len(checks) else -1
    step = world.step
    commands = rec.commands
    for t in range(len(commands)):
        if world.outcome is not None:
            result.ticks_replayed = t
            return _desync(result, t, ("outcome",), f"the replay ended '{world.outcome}' here but the recording goes on")
        step(commands[t])
        if t + 1 == next_check:
            if not _match(result, world, next_check, checks[j][1], rec):
                result.ticks_replayed = t + 1
                return result
            j += 1
            next_check = checks[j][0] if j < len(checks) else -1
    result.ticks_replayed = len(commands)
    result.outcome = world.outcome
    if rec.end_tick is not None:
        if not _match(result, world, rec.end_tick, rec.end_sums, rec):
            return result
        if world.outcome != rec.outcome:
            return _desync(result, rec.end_tick, ("outcome",), f"recorded outcome {rec.outcome or 'stopped'}, replay gives {world.outcome or 'still running'}")
    return result


def _match(result: VerifyResult, world: World, tick: int, sums: dict[str, str], rec: Recording) -> bool:
    ours = world.checksums()
    parts = tuple(p for p in sums if ours.get(p) != sums[p])
    if parts:
        made_by = rec.header["game_version"]
        detail = f"recorded with dreamscape {made_by}, this is {__version__}" if made_by != __version__ else ""
        _desync(result, tick, parts, detail)
        return False
    result.checks += 1
    result.ticks_verified = tick
    return True


def _desync(result: VerifyResult, tick: int, parts: tuple[str, ...], detail: str) -> VerifyResult:
    result.ok = False
    result.last_good_tick = result.ticks_verified if result.checks else None
    result.desync_tick = tick
    result.parts = parts
    result.detail = detail
    return result
