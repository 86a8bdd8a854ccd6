"""One dive as the game plays it: a world, its recording and who is playing.

The session owns the simulation side of a dive. The dive screen feeds it one
command per tick (from the controls, or from the bot with autoplay) and
draws its `view()`, what the player knows (the world's fog view); every tick
goes through the recorder, so each session can be replayed and verified
later.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from dreamscape.bot.bot import Bot
from dreamscape.core.level import LevelSpec
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.output_error import cannot_write
from dreamscape.gen import generate
from dreamscape.recordings.recorder import Recorder
from dreamscape.sim.events import Event
from dreamscape.sim.view import View
from dreamscape.sim.world import World


@dataclass(frozen=True)
class DiveResult:
    """How a dive ended: what the results screen shows."""

    level: str
    seed: int
    outcome: str | None  # "won", "lost_time", "lost_lucidity", or None when abandoned
    ticks: int
    woken: int
    dreamers: int
    shards: int
    lucidity: int
    recording: Path | None
    chapter: str | None = None  # chapter file stem, None for any-seed dives
    relaxed: bool = False
    autoplay: bool = False  # the bot played: it does not count towards the campaign
    #: The level's climax ('' for none) and how far the player took it: whether it
    #: began, its marks done of how many, and whether it was resolved (for 'doubt':
    #: the Doubt rose, the beacons lit, the loop broken; for 'replay': the memories found).
    climax: str = ""
    climax_begun: bool = False
    marks_done: int = 0
    marks: int = 0
    climax_resolved: bool = False
    #: How many times a 'replay' night started over.
    replays: int = 0
    #: The dreamer whose dream it was (the profile's name), for the climax's words.
    dreamer: str = ""

    # The 'doubt' climax's words for the same things.

    @property
    def doubt_risen(self) -> bool:
        return self.climax == "doubt" and self.climax_begun

    @property
    def beacons_lit(self) -> int:
        return self.marks_done

    @property
    def beacons(self) -> int:
        return self.marks

    @property
    def loop_broken(self) -> bool:
        return self.climax == "doubt" and self.climax_resolved
    #: For 'prison': whether the doorways were unmasked, how many there were, the tiles painted and the times carried back.
    unmasked: bool = False
    doorways: int = 0
    painted: int = 0
    carried: int = 0
    #: For 'blackout': how many dreamers shared their sight, and whether the shared dreamspace held (all of them).
    sight_shared: int = 0
    dreamspace_shared: bool = False
    #: For 'nexus': the clients woken of how many, and the terminals hacked of how many.
    clients_woken: int = 0
    clients: int = 0
    terminals_hacked: int = 0
    terminals: int = 0

    @property
    def won(self) -> bool:
        return self.outcome == "won"

    @property
    def seconds(self) -> float:
        return self.ticks / TICKS_PER_SECOND


def recording_name(spec: LevelSpec, stamp: float | None = None) -> str:
    """A file name that sorts by time and says what was played: 20261122-0455-nexus_malfunction-s404.rec."""
    when = time.strftime("%Y%m%d-%H%M%S", time.localtime(stamp if stamp is not None else time.time()))
    slug = re.sub(r"[^a-z0-9]+", "_", (spec.name or spec.profile.name).lower()).strip("_") or "dream"
    return f"{when}-{slug}-s{spec.seed}.rec"


class DiveSession:
    """The world of one dive, stepped tick by tick and recorded as it goes."""

    def __init__(self, spec: LevelSpec, record_dir: Path | None = None, relaxed: bool = False, autoplay: bool = False, chapter: str | None = None) -> None:
        self.spec = spec
        self.chapter = chapter
        self.ds = generate(spec)
        self.world = World(self.ds, relaxed=relaxed)
        self.bot = Bot() if autoplay else None
        self.recorder: Recorder | None = None
        #: Why this dive is not (or no longer) recorded: a full disk is a message, never a crash.
        self.recording_problem: str | None = None
        if record_dir is not None:
            path = record_dir / recording_name(spec)
            try:
                record_dir.mkdir(parents=True, exist_ok=True)
                n = 1
                while path.exists():
                    n += 1
                    path = record_dir / recording_name(spec).replace(".rec", f"-{n}.rec")
                self.recorder = Recorder(self.world, path, on_error=self._recording_failed)
            except OSError as exc:
                self._recording_failed(cannot_write(path, exc))

    def _recording_failed(self, error: OSError) -> None:
        # The dive goes on unrecorded; the results screen then says "Not recorded".
        self.recorder = None
        self.recording_problem = f"not recording this dive: {error}"

    @property
    def autoplay(self) -> bool:
        return self.bot is not None

    @property
    def recording(self) -> Path | None:
        return self.recorder.path if self.recorder else None

    def view(self) -> View:
        """The dive as the player knows it now: the world's fog view (all the screens draw)."""
        return self.world.fog_view()

    def step(self, command: int) -> list[Event]:
        """One tick: the bot's command replaces the player's under autoplay."""
        if self.world.done:
            return []
        if self.bot is not None:
            command = self.bot.command(self.world.fog_view())
        if self.recorder is not None:
            return self.recorder.step(command)
        return self.world.step(command)

    def close(self) -> None:
        """End the recording (outcome null if the dive was abandoned)."""
        if self.recorder is not None:
            self.recorder.close()

    def result(self) -> DiveResult:
        w = self.world
        v = self.view()
        return DiveResult(
            level=self.spec.name or self.spec.profile.name,
            seed=self.spec.seed,
            outcome=w.outcome,
            ticks=w.tick,
            woken=sum(w.awake),
            dreamers=len(w.awake),
            shards=w.player.shards,
            lucidity=w.player.lucidity,
            recording=self.recording,
            chapter=self.chapter,
            relaxed=w.relaxed,
            autoplay=self.autoplay,
            climax=v.climax,
            climax_begun=v.climax_begun,
            marks_done=v.done_count,
            marks=v.mark_count,
            climax_resolved=v.climax_resolved,
            replays=getattr(w.climax, "replays", 0),
            dreamer=self.spec.profile.name,
            unmasked=v.climax == "prison" and v.climax_resolved,
            doorways=v.mark_count if v.climax == "prison" else 0,
            painted=len(v.painted),
            carried=v.carried,
            sight_shared=v.awake_count if v.climax == "blackout" else 0,
            dreamspace_shared=v.climax == "blackout" and v.climax_resolved,
            clients_woken=v.clients_woken,
            clients=v.client_count,
            terminals_hacked=v.done_count if v.climax == "nexus" else 0,
            terminals=v.mark_count if v.climax == "nexus" else 0,
        )
