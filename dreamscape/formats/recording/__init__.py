"""Recordings: a run's level, its commands tick by tick, and state checksums.

A recording is JSON Lines (UTF-8, one JSON object per line, each ending in a
newline), written as the run goes:

    {"format": "dreamscape-recording", "format_version": 1,
     "game_version": "0.1.0", "generator_version": 5, "sim_version": 1, "tick_rate": 30,
     "checksum_every": 30, "seed": 2042, "level": {...LevelSpec.to_dict()...},
     "hash": "<dreamscape content hash>"}
    {"k": 0, "s": {"player": "<hex>", "manifestations": ..., "dreamers": ...,
                   "map": ..., "rng": ...}}
    {"i": 0, "c": "A12C6M30B"}
    {"k": 30, "s": {...}}
    ...
    {"end": 917, "outcome": "won", "s": {...}}

- The header's `level` is the full level spec with the dreamer profile
  inline, so a recording replays without the level files it came from;
  `seed` repeats the level's seed and `hash` is the dreamscape's content hash.
- An input record `{"i": T, "c": RUNS}` holds the commands of ticks T,
  T+1, ... in order. RUNS is a run-length string: each command byte 0-15 is
  one letter, 'A' + byte ('A' wait, 'B' north, 'C' east, 'D' south, 'E' west,
  'I' wake, ...), followed by a decimal repeat count when it is held for more
  than one tick. Input records follow each other without gaps.
- A checksum record `{"k": T, "s": {part: hex}}` is the world's state after T
  ticks, split by part so a desync says what went wrong. One comes at tick 0
  and every `checksum_every` ticks after.
- The end record `{"end": T, "outcome": O, "s": {...}}` closes the run after
  T ticks: O is the world's outcome ('won', 'lost_time', 'lost_lucidity') or
  null when the run was stopped before the world ended.

The writer flushes every second of game time, so a crash loses at most the
last second. A file without its end record is *truncated*: it is read up to its
last whole record, and a last line cut off mid-write is ignored.

- codec.py: records to lines and back; the run-length command text.
- header.py: the first line, made and checked.
- writer.py: RecordingWriter; reader.py: read_recording and the damaged tail.
"""
