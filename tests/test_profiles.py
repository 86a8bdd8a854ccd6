"""Profiles and level files: every bundled one loads; bad input is one clear InputError."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dreamscape.core import resources
from dreamscape.core.errors import InputError
from dreamscape.core.level import (
    LEVEL_KEYS,
    MAX_SEED,
    MAX_SIZE,
    MIN_SIZE,
    OVERRIDE_KEYS,
    LevelSpec,
    level_from_dict,
    load_level,
    load_level_or_profile,
)
from dreamscape.core.profile import PROFILE_KEYS, DreamerProfile, load_profile, profile_from_dict
from dreamscape.core.vocabulary import DESIRES, FEARS

DREAMERS = resources.bundled_dreamers()
CHAPTERS = resources.bundled_chapters()


# --------------------------------------------------------------------------- validity


def assert_valid_profile(p: DreamerProfile) -> None:
    assert isinstance(p, DreamerProfile)
    assert isinstance(p.name, str) and p.name.strip()
    assert isinstance(p.turmoil, float) and math.isfinite(p.turmoil) and 0.0 <= p.turmoil <= 1.0
    for table, allowed in ((p.fears, FEARS), (p.desires, DESIRES)):
        assert isinstance(table, dict)
        for key, value in table.items():
            assert key in allowed, key
            assert isinstance(value, float) and math.isfinite(value) and 0.0 <= value <= 1.0, (key, value)
    assert isinstance(p.about, str)


def assert_valid_level(spec: LevelSpec) -> None:
    assert isinstance(spec, LevelSpec)
    assert_valid_profile(spec.profile)
    w, h = spec.size
    assert type(w) is int and type(h) is int
    assert MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]
    assert type(spec.seed) is int and 0 <= spec.seed <= MAX_SEED
    assert type(spec.trapped_dreamers) is int and spec.trapped_dreamers >= 0
    assert spec.dreamer_count() >= 1
    assert type(spec.time_limit) is int and spec.time_limit >= 0
    assert spec.time_limit_seconds() > 0
    o = spec.overrides
    for key in ("glitch_rate", "manifestations", "loops"):
        v = getattr(o, key)
        assert isinstance(v, float) and math.isfinite(v) and 0.0 <= v <= 4.0
    assert o.shards is None or (type(o.shards) is int and 0 <= o.shards <= 500)


# --------------------------------------------------------------------------- bundled files


def test_bundled_sets_are_not_empty():
    assert len(DREAMERS) >= 5
    assert len(CHAPTERS) == 5
    assert any(p.stem == "leo" for p in DREAMERS)


@pytest.mark.parametrize("path", DREAMERS, ids=lambda p: p.stem)
def test_bundled_dreamer_loads(path: Path):
    profile = load_profile(path)
    assert_valid_profile(profile)
    # A dreamer profile names at least one fear or desire: it is a character.
    assert profile.fears or profile.desires
    spec = load_level_or_profile(path)
    assert_valid_level(spec)
    assert spec.profile == profile
    # By bare name too.
    assert load_level_or_profile(path.stem).profile == profile


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_bundled_chapter_loads(path: Path):
    spec = load_level(path)
    assert_valid_level(spec)
    assert spec.name
    assert spec.trapped_dreamers >= 1
    again = load_level_or_profile(path)
    assert again == spec
    assert load_level_or_profile(path.stem) == spec


def test_leo_matches_the_design():
    leo = load_profile(resources.dreamer_path("leo"))
    assert leo.name == "Leo"
    assert leo.fear("self_doubt") > 0
    assert leo.desire("recognition") > 0
    assert leo.fear("chaos") == 0.0  # absent name means 0


# --------------------------------------------------------------------------- bad input


def _err(fn, *args) -> InputError:
    with pytest.raises(InputError) as info:
        fn(*args)
    err = info.value
    line = err.line()
    assert "\n" not in line, "an input error must be ONE line"
    assert str(err) == line
    return err


def _write(tmp_path: Path, text: str | bytes, name: str = "dreamer.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


LOADERS = [load_profile, load_level, load_level_or_profile]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_missing_file(tmp_path, loader):
    path = tmp_path / "nobody.toml"
    err = _err(loader, path)
    assert str(path) in err.line()
    assert "no such file" in err.line().lower()


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_directory(tmp_path, loader):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    err = _err(loader, folder)
    assert str(folder) in err.line()
    assert "directory" in err.line()


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_not_utf8(tmp_path, loader):
    path = _write(tmp_path, b'name = "L\xe9o"\nturmoil = 0.5\n')
    err = _err(loader, path)
    assert str(path) in err.line()
    assert "UTF-8" in err.line()


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_malformed_toml(tmp_path, loader):
    path = _write(tmp_path, 'name = "Leo"\nturmoil = = 0.5\n[fears\n')
    err = _err(loader, path)
    assert str(path) in err.line()
    assert "TOML" in err.line()
    assert "line 2" in err.line()  # says where


def test_unknown_fear_suggests_a_valid_name(tmp_path):
    """DESIGN.md: `failure = 0.7` names the file and the key and suggests the nearest valid name."""
    path = _write(tmp_path, "turmoil = 0.5\n[fears]\nfailure = 0.7\n")
    err = _err(load_profile, path)
    line = err.line()
    assert str(path) in line
    assert "fears.failure" in line
    assert "did you mean" in line, f"no suggestion for 'failure': {line}"
    suggested = line.split("did you mean '")[1].split("'")[0]
    assert suggested in FEARS


def test_unknown_fear_trapped_suggests_being_trapped(tmp_path):
    path = _write(tmp_path, "[fears]\ntrapped = 0.5\n")
    err = _err(load_profile, path)
    assert str(path) in err.line()
    assert "fears.trapped" in err.line()
    assert "did you mean 'being_trapped'" in err.line()


def test_unknown_desire(tmp_path):
    path = _write(tmp_path, "[desires]\nrecogniton = 0.5\n")
    err = _err(load_profile, path)
    assert str(path) in err.line()
    assert "desires.recogniton" in err.line()
    assert "did you mean 'recognition'" in err.line()
    # A fear is not a desire.
    path = _write(tmp_path, "[desires]\nchaos = 0.5\n")
    err = _err(load_profile, path)
    assert "desires.chaos" in err.line()
    assert "recognition" in err.line()  # lists the allowed desires


def test_unknown_top_level_key_typo(tmp_path):
    path = _write(tmp_path, 'name = "Leo"\nturmiol = 0.5\n')
    err = _err(load_profile, path)
    assert str(path) in err.line()
    assert "turmiol" in err.line()
    assert "did you mean 'turmoil'" in err.line()


@pytest.mark.parametrize(
    "value",
    ["1.5", "-0.1", "nan", "inf", '"high"', "true", "[0.5]"],
    ids=["above", "below", "nan", "inf", "string", "bool", "list"],
)
@pytest.mark.parametrize("where", ["fears.loss", "desires.wonder", "turmoil"])
def test_bad_intensity(tmp_path, value, where):
    if where == "turmoil":
        text = f"turmoil = {value}\n"
    else:
        table, key = where.split(".")
        text = f"[{table}]\n{key} = {value}\n"
    path = _write(tmp_path, text)
    for loader in (load_profile, load_level_or_profile):
        err = _err(loader, path)
        line = err.line()
        assert str(path) in line
        assert where in line
        assert "from 0 to 1" in line, line  # what is allowed


def test_intensity_in_level_inline_dreamer(tmp_path):
    path = _write(tmp_path, 'seed = 1\n[dreamer]\nname = "X"\n[dreamer.fears]\nloss = 2\n', "level.toml")
    err = _err(load_level, path)
    assert str(path) in err.line()
    assert "dreamer.fears.loss" in err.line()
    assert "from 0 to 1" in err.line()


def test_huge_integer_intensity_is_an_input_error(tmp_path):
    """tomllib accepts integers of any size; float() of a huge one overflows."""
    path = _write(tmp_path, "turmoil = " + "9" * 400 + "\n")
    err = _err(load_profile, path)
    assert "turmoil" in err.line()


def _level(tmp_path: Path, body: str) -> Path:
    return _write(tmp_path, 'dreamer = "leo"\n' + body, "level.toml")


@pytest.mark.parametrize(
    "body, field, allowed",
    [
        ("size = [10, 10]\n", "size", "24"),
        ("size = [600, 20]\n", "size", "512"),
        ("size = [96, 10]\n", "size", "16"),
        ("size = [96]\n", "size", "[width, height]"),
        ("size = [96, 64, 2]\n", "size", "[width, height]"),
        ('size = "96x64"\n', "size", "[width, height]"),
        ("size = [96.0, 64]\n", "size", "integer"),
        ("size = [true, 64]\n", "size", "integer"),
        ("seed = -1\n", "seed", "from 0"),
        ("seed = 1.5\n", "seed", "integer"),
        ('seed = "7"\n', "seed", "integer"),
        ("seed = true\n", "seed", "integer"),
        ("trapped_dreamers = 0\n", "trapped_dreamers", "from 1"),
        ("time_limit = 1\n", "time_limit", "from 10"),
        ("format = 2\n", "format", "1"),
        ("[overrides]\nglitch_rat = 1.0\n", "overrides.glitch_rat", "glitch_rate"),
        ("[overrides]\nbogus = 1.0\n", "overrides.bogus", "allowed"),
        ("[overrides]\nglitch_rate = 5.0\n", "overrides.glitch_rate", "from 0 to 4"),
        ("[overrides]\nshards = 1.5\n", "overrides.shards", "integer"),
        ("overrides = 3\n", "overrides", "table"),
        ("sede = 3\n", "sede", "did you mean 'seed'"),
    ],
)
def test_bad_level_values(tmp_path, body, field, allowed):
    path = _level(tmp_path, body)
    for loader in (load_level, load_level_or_profile):
        err = _err(loader, path)
        line = err.line()
        assert str(path) in line
        assert f": {field}: " in line, line
        assert allowed in line, line


def test_level_naming_unknown_dreamer(tmp_path):
    path = _write(tmp_path, 'dreamer = "nobody"\nseed = 3\n', "level.toml")
    err = _err(load_level, path)
    line = err.line()
    assert str(path) in line
    assert "dreamer" in line
    assert "nobody" in line
    assert "leo" in line  # names what exists


def test_level_naming_dreamer_with_bad_characters(tmp_path):
    path = _write(tmp_path, 'dreamer = "../secret"\n', "level.toml")
    err = _err(load_level, path)
    assert str(path) in err.line()
    assert "dreamer" in err.line()


def test_level_naming_very_long_dreamer_is_an_input_error(tmp_path):
    """A stem longer than the file system allows must not escape as OSError."""
    path = _write(tmp_path, f'dreamer = "{"a" * 300}"\n', "level.toml")
    err = _err(load_level, path)
    assert str(path) in err.line()
    assert "dreamer" in err.line()


def test_very_long_bare_name_is_an_input_error():
    err = _err(load_level_or_profile, "a" * 300)
    assert "a" * 50 in err.line()


def test_key_with_newline_still_gives_one_line(tmp_path):
    """A quoted TOML key may hold a newline; the error must still be one line."""
    path = _write(tmp_path, '"tur\\nmoil" = 0.5\n')
    err = _err(load_profile, path)
    assert str(path) in err.line()


def test_level_missing_dreamer(tmp_path):
    path = _write(tmp_path, "seed = 3\nsize = [40, 30]\n", "level.toml")
    err = _err(load_level, path)
    assert str(path) in err.line()
    assert "dreamer" in err.line()


def test_level_resolves_sibling_dreamer(tmp_path):
    """A level beside its own dreamers/ folder finds a profile that is not bundled."""
    (tmp_path / "dreamers").mkdir()
    (tmp_path / "chapters").mkdir()
    (tmp_path / "dreamers" / "zed.toml").write_text('name = "Zed"\nturmoil = 0.3\n[fears]\nloss = 0.4\n')
    level = tmp_path / "chapters" / "one.toml"
    level.write_text('dreamer = "zed"\nseed = 9\nsize = [40, 30]\n')
    spec = load_level(level)
    assert spec.profile.name == "Zed"
    assert spec.seed == 9 and spec.size == (40, 30)


# --------------------------------------------------------------------------- property


scalars = st.one_of(
    st.none(),  # not TOML, but a dict from elsewhere may hold it
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0.0, max_value=1.0),
    st.text(max_size=12),
    st.sampled_from(["leo", "mira", "nobody", "ch1_the_loop", "", " "]),
    st.datetimes(),
    st.dates(),
    st.times(),
)
vocab_keys = st.sampled_from(FEARS + DESIRES + PROFILE_KEYS + LEVEL_KEYS + OVERRIDE_KEYS)
keys = st.one_of(vocab_keys, st.text(max_size=10))
toml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=12,
)
intensities = st.dictionaries(st.sampled_from(FEARS + DESIRES), st.floats(min_value=0.0, max_value=1.0), max_size=4)
valid_profiles = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(min_size=1, max_size=12).filter(str.strip),
        "turmoil": st.one_of(st.floats(min_value=0.0, max_value=1.0), st.integers(0, 1)),
        "fears": intensities.map(lambda d: {k: v for k, v in d.items() if k in FEARS}),
        "desires": intensities.map(lambda d: {k: v for k, v in d.items() if k in DESIRES}),
        "about": st.text(min_size=1, max_size=20).filter(str.strip),
    },
)
valid_levels = st.fixed_dictionaries(
    {"dreamer": st.one_of(st.sampled_from(["leo", "mira", "zara"]), valid_profiles)},
    optional={
        "format": st.just(1),
        "name": st.text(min_size=1, max_size=12).filter(str.strip),
        "seed": st.integers(0, MAX_SEED),
        "size": st.tuples(st.integers(MIN_SIZE[0], MAX_SIZE[0]), st.integers(MIN_SIZE[1], MAX_SIZE[1])).map(list),
        "trapped_dreamers": st.integers(1, 400),
        "time_limit": st.integers(10, 36000),
        "overrides": st.fixed_dictionaries(
            {},
            optional={
                "glitch_rate": st.floats(0.0, 4.0),
                "manifestations": st.floats(0.0, 4.0),
                "loops": st.integers(0, 4),
                "shards": st.integers(0, 500),
            },
        ),
    },
)


def _spoil(valid):
    """A valid table with one key replaced (or added) by an arbitrary value."""
    return st.tuples(valid, keys, toml_values).map(lambda t: {**t[0], t[1]: t[2]})


def _spoil_inner(valid, table):
    """A valid table whose nested `table` gets one arbitrary entry."""

    def put(t):
        data, key, value = t
        inner = dict(data.get(table, {})) if isinstance(data.get(table), dict) else {}
        inner[key] = value
        return {**data, table: inner}

    return st.tuples(valid, keys, toml_values).map(put)


profile_inputs = st.one_of(
    valid_profiles,
    _spoil(valid_profiles),
    _spoil_inner(valid_profiles, "fears"),
    _spoil_inner(valid_profiles, "desires"),
    st.dictionaries(keys, toml_values, max_size=6),
)
level_inputs = st.one_of(
    valid_levels,
    _spoil(valid_levels),
    _spoil_inner(valid_levels, "overrides"),
    _spoil_inner(valid_levels, "dreamer"),
    st.dictionaries(keys, toml_values, max_size=6),
)


FUZZ = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=profile_inputs)
def test_profile_from_dict_never_crashes(data):
    try:
        profile = profile_from_dict(data, "fuzz.toml")
    except InputError as err:
        assert err.line().startswith("fuzz.toml")
    else:
        assert_valid_profile(profile)


@FUZZ
@given(data=level_inputs)
def test_level_from_dict_never_crashes(data):
    try:
        spec = level_from_dict(data, "fuzz.toml")
    except InputError as err:
        assert err.line().startswith("fuzz.toml")
    else:
        assert_valid_level(spec)
