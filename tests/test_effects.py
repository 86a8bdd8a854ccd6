"""Every vocabulary name has its documented effect, shown statistically over many seeds."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from dreamscape.designer import effects
from dreamscape.core.level import LevelSpec
from dreamscape.core.profile import DreamerProfile
from dreamscape.core.vocabulary import ALL_NAMES, DESIRES, FEARS
from dreamscape.designer.effects import EFFECTS
from dreamscape.gen import generate
from dreamscape.designer.metrics import DESCRIPTIONS, METRIC_NAMES, compute

N_SEEDS = 28
SIZE = (80, 48)
Z_MIN = 3.0
DOCS = Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md"


def welch_z(low: np.ndarray, high: np.ndarray) -> float:
    """(mean(high) - mean(low)) in standard errors (Welch); +-inf when both are constant."""
    diff = float(high.mean() - low.mean())
    se = math.sqrt(low.var(ddof=1) / len(low) + high.var(ddof=1) / len(high))
    if se == 0.0:
        return math.copysign(math.inf, diff) if diff else 0.0
    return diff / se


def _sample(name: str, value: float, metric: str) -> np.ndarray:
    profile = DreamerProfile("Base", turmoil=0.5).with_knob(name, value)
    out = []
    for seed in range(N_SEEDS):
        ds = generate(LevelSpec(profile, seed=seed, size=SIZE, trapped_dreamers=4))
        out.append(float(compute(ds)[metric]))
    return np.array(out)


def test_welch_z_helper():
    assert welch_z(np.array([1.0, 1.0]), np.array([2.0, 2.0])) == math.inf
    assert welch_z(np.array([2.0, 2.0]), np.array([1.0, 1.0])) == -math.inf
    assert welch_z(np.array([1.0, 1.0]), np.array([1.0, 1.0])) == 0.0
    z = welch_z(np.array([0.0, 1.0, 0.0, 1.0]), np.array([1.0, 2.0, 1.0, 2.0]))
    assert z == pytest.approx(math.sqrt(6))  # diff 1, each variance 1/3 over 4 samples


@pytest.mark.slow
@pytest.mark.parametrize("name", list(EFFECTS))
def test_effect_moves_its_metric(name):
    effect = EFFECTS[name]
    low = _sample(name, 0.0, effect.metric)
    high = _sample(name, 1.0, effect.metric)
    assert np.isfinite(low).all() and np.isfinite(high).all()
    z = welch_z(low, high) * effect.direction
    way = "up" if effect.direction > 0 else "down"
    assert z > Z_MIN, (
        f"raising {name} 0 -> 1 should move {effect.metric} {way}: "
        f"mean {low.mean():.4g} -> {high.mean():.4g}, signed z = {z:.2f} (need > {Z_MIN})"
    )


def test_docs_table_is_generated_from_effects():
    assert DOCS.read_text(encoding="utf-8") == effects.markdown(), (
        "docs/vocabulary.md is stale: run `python -m dreamscape.designer.effects > docs/vocabulary.md`"
    )


def test_every_name_has_an_effect_on_a_real_metric():
    assert set(EFFECTS) == set(FEARS) | set(DESIRES) | {"turmoil"}
    assert tuple(EFFECTS) == ALL_NAMES
    for name, e in EFFECTS.items():
        assert e.name == name
        assert e.metric in METRIC_NAMES, f"{name}: unknown metric {e.metric}"
        assert e.metric in DESCRIPTIONS
        assert e.direction in (+1, -1)
        assert e.effect.strip()
    for name in FEARS + DESIRES:
        assert name in EFFECTS


def test_effects_are_distinct():
    pairs: dict[tuple[str, int], str] = {}
    for name, e in EFFECTS.items():
        key = (e.metric, e.direction)
        assert key not in pairs, f"{name} and {pairs[key]} both claim {e.metric} {'up' if e.direction > 0 else 'down'}"
        pairs[key] = name
