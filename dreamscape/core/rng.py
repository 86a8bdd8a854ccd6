"""Named random streams derived from one master seed.

Every consumer asks for a stream by name ('layout', 'placement', 'glitches',
'ai', 'cosmetic', ...). The name is mixed in with a stable hash (BLAKE2b, never
Python's salted `hash()`), so streams are independent and identical in every
process and on every machine.
"""

from __future__ import annotations

import hashlib

import numpy as np


def stable_hash(text: str) -> int:
    """A 64-bit hash of a string that never changes between runs."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def stream(seed: int, name: str, *more: int) -> np.random.Generator:
    """A PCG64 generator for the named stream of a master seed.

    Extra integers (an attempt number, a glitch index) derive sub-streams.
    """
    entropy = [int(seed) & (2**64 - 1), int(seed) >> 64, stable_hash(name), *(int(m) for m in more)]
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy)))


def derive_seed(seed: int, name: str, *more: int) -> int:
    """A derived 63-bit integer seed (for retries that regenerate from a new seed)."""
    return int(stream(seed, name, *more).integers(0, 2**63 - 1))
