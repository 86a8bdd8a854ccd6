"""`--where` conditions: the right rows match, and nothing outside the small language gets in."""

from __future__ import annotations

import ast
import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dreamscape.designer.where as where_module
from dreamscape.cli.main import main
from dreamscape.core.errors import InputError
from dreamscape.designer.where import check_metric, parse_where

ROW = {"seed": 7, "dead_ends": 31, "path_length": 150, "loops": 4, "floor_ratio": 0.25, "glitch_rate": 1.5}

MALICIOUS = [
    "__import__('os').system('x')",
    "().__class__",
    "open('f')",
    "dead_ends.real",
    "[1]",
    "'a' < 'b'",
    "2 ** 99999",
    "lambda: 1",
    "dead_ends >",
    "unknown_metric > 3",
    "",
    "   ",
    "__class__",
    "dead_ends // 2 > 1",
    "dead_ends if loops else 3",
    "[x for x in (1, 2)]",
    "(x := 3)",
    "loops in (1, 2)",
    "loops is 1",
    "True",
    "~loops",
    "f'{loops}'",
    "loops = 3",
    "dead_ends > 3; import os",
    "(" * 300 + "1" + ")" * 300,
    "-" * 500 + "1",
    "1 + " * 600 + "1",
    "x" * 5000,
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("dead_ends > 30 and path_length < 200", True),
        ("dead_ends > 31 or path_length < 100", False),
        ("10 < path_length <= 150", True),
        ("10 < path_length < 150", False),
        ("not loops == 4", False),
        ("-loops < -3", True),
        ("seed % 2 == 1", True),
        ("(dead_ends + loops) * 2 == 70", True),
        ("dead_ends / 2 == 15.5", True),
        ("floor_ratio * 4 == 1.0", True),
        ("loops", True),
        ("loops - 4", False),
        ("glitch_rate >= 1.5 and (loops != 4 or seed == 7)", True),
    ],
)
def test_conditions_evaluate_like_their_arithmetic(text: str, expected: bool) -> None:
    assert parse_where(text)(ROW) is expected


def test_names_lists_the_metrics_used_once_in_order() -> None:
    cond = parse_where("loops > 2 and dead_ends > loops or seed < 3")
    assert cond.names == ("loops", "dead_ends", "seed")
    assert parse_where("3 > 2").names == ()


def test_division_by_zero_is_false_for_that_row_only() -> None:
    cond = parse_where("dead_ends / loops > 5")
    assert cond({**ROW, "loops": 0}) is False
    assert cond(ROW) is True  # 31 / 4
    assert parse_where("seed % loops == 0")({**ROW, "loops": 0}) is False
    # Short-circuiting skips the division, as in Python.
    assert parse_where("loops == 0 or dead_ends / loops > 5")({**ROW, "loops": 0}) is True


@pytest.mark.parametrize("text", MALICIOUS)
def test_anything_outside_the_language_is_refused_with_one_line(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_where(text)
    line = info.value.line()
    assert info.value.field == "--where"
    assert "\n" not in line and len(line) < 400
    if "unknown metric" not in line:
        assert "allowed:" in line


def test_unknown_names_suggest_the_nearest_metric() -> None:
    with pytest.raises(InputError, match="did you mean 'dead_ends'"):
        parse_where("dead_end > 3")
    with pytest.raises(InputError, match="did you mean 'path_length'"):
        check_metric("pathlength", "--x")
    assert check_metric("loops", "--x") == "loops"


def test_specific_messages_name_the_problem() -> None:
    for text, words in [
        ("2 ** 3", "'**'"),
        ("open('f')", "function calls"),
        ("dead_ends.real", "attribute"),
        ("'a' < 'b'", "strings"),
        ("loops = 3", "use =="),
        ("", "empty"),
    ]:
        with pytest.raises(InputError) as info:
            parse_where(text)
        assert words in info.value.line(), text


def test_the_module_never_calls_eval_exec_or_compile() -> None:
    tree = ast.parse(Path(where_module.__file__).read_text(encoding="utf-8"))
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & {"eval", "exec", "compile", "__import__"}


@pytest.mark.parametrize("text", ["__import__('os').system('touch hacked')", "2 ** 99999", "unknown_metric > 3", "dead_ends >"])
def test_the_sweep_command_refuses_bad_conditions_before_any_work(text: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["sweep", "leo", "--seeds", "0:3", "--size", "48x32", "--workers", "1", "--out", "rows.csv", "--where", text])
    assert code == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dreamscape sweep: error: --where: ")
    assert out.getvalue() == ""
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- against Python itself

NAMES = ["dead_ends", "loops", "floor_ratio", "seed"]
LEAF = st.one_of(
    st.sampled_from(NAMES),
    st.integers(0, 40).map(str),
    st.floats(0, 10, allow_nan=False).map(lambda f: repr(round(f, 2))),
)
BINARY = ["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "and", "or"]


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # Parentheses only sometimes, so precedence and chained comparisons get exercised too.
    joined = st.tuples(children, st.sampled_from(BINARY), children, st.booleans()).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})" if t[3] else f"{t[0]} {t[1]} {t[2]}"
    )
    unary = st.tuples(st.sampled_from(["not ", "-", "+"]), children).map(lambda t: f"({t[0]}({t[1]}))")
    return st.one_of(joined, unary)


EXPRESSIONS = st.recursive(LEAF, _grow, max_leaves=10)
ROWS = st.fixed_dictionaries(
    {
        "dead_ends": st.integers(0, 60),
        "loops": st.integers(0, 5),
        "floor_ratio": st.sampled_from([0.0, 0.25, 0.3711, 1.0]),
        "seed": st.integers(0, 10**6),
    }
)


@settings(max_examples=400, deadline=None)
@given(EXPRESSIONS, ROWS)
def test_random_conditions_agree_with_python(text: str, row: dict) -> None:
    # The test evaluates expressions it generated itself; the code under test never does.
    try:
        compile(text, "<generated>", "eval")
    except SyntaxError:
        return  # e.g. "a < b not c": not a condition anyone could type either
    try:
        expected = bool(eval(text, {"__builtins__": {}}, dict(row)))
    except (ZeroDivisionError, OverflowError):
        expected = False
    assert parse_where(text)(row) is expected
