"""`--where` conditions: a small, safe expression language over metric names.

    cond = parse_where("dead_ends > 30 and path_length < 200")
    cond.names          # ('dead_ends', 'path_length')
    cond(row)           # True or False for one sweep row

The text is parsed with `ast.parse(mode="eval")` and only a handful of node
kinds are accepted: numbers, metric names (and `seed`), comparisons
(`< <= > >= == !=`, chains such as `10 < loops <= 20` included), `and`,
`or`, `not`, unary `-` and `+`, the operators `+ - * / %` and parentheses.
Everything else (calls, attribute access, subscripts, strings, lambdas,
comprehensions, `**`, `//`, ...) is refused with one line naming what is
allowed. The accepted tree is turned into nested Python closures; nothing is
ever passed to eval, exec or compile.

Values follow Python's rules: `and`/`or` short-circuit, a bare number is
true when it is not zero. A row on which the condition divides by zero (or
overflows a float) does not match: it evaluates to false for that row.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from typing import Any

from dreamscape.core.errors import InputError, nearest
from dreamscape.designer.metrics import METRIC_NAMES

FIELD = "--where"
#: Names an expression may use: every metric, plus the seed itself.
NAMES: tuple[str, ...] = ("seed",) + METRIC_NAMES
ALLOWED = "allowed: numbers, metric names and seed, comparisons (< <= > >= == !=), and/or/not, + - * / %, unary -, parentheses"
METRICS_HINT = "(metrics are listed by 'dreamscape sweep --help')"
#: Generous for any real condition; keeps parsing and the closure tree's
#: recursion far from Python's own limits.
MAX_LENGTH = 2000
MAX_DEPTH = 100

Row = dict[str, Any]
Node = Callable[[Row], Any]

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
}
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_REFUSED: dict[type, str] = {
    ast.Call: "function calls are not allowed",
    ast.Attribute: "attribute access is not allowed",
    ast.Subscript: "subscripts are not allowed",
    ast.Lambda: "lambdas are not allowed",
    ast.IfExp: "'x if c else y' is not allowed",
    ast.NamedExpr: "':=' is not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dicts are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.Starred: "'*' unpacking is not allowed",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
}
_OPERATOR_NAMES: dict[type, str] = {
    ast.Pow: "'**'",
    ast.FloorDiv: "'//'",
    ast.MatMult: "'@'",
    ast.LShift: "'<<'",
    ast.RShift: "'>>'",
    ast.BitAnd: "'&'",
    ast.BitOr: "'|'",
    ast.BitXor: "'^'",
    ast.Invert: "'~'",
    ast.Is: "'is'",
    ast.IsNot: "'is not'",
    ast.In: "'in'",
    ast.NotIn: "'not in'",
}


class Condition:
    """A parsed `--where` condition: call it with a row to test it."""

    def __init__(self, text: str, names: tuple[str, ...], fn: Node) -> None:
        self.text = text
        #: The metric names the condition reads, in order of first use.
        self.names = names
        self._fn = fn

    def __call__(self, row: Row) -> bool:
        """Whether `row` (metric name -> value) satisfies the condition."""
        try:
            return bool(self._fn(row))
        except (ZeroDivisionError, OverflowError):
            return False

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"


def parse_where(text: str) -> Condition:
    """Parse and check a condition; raise a one-line InputError on field '--where' if it is not allowed."""
    if text is None or not text.strip():
        raise _error("empty condition")
    if len(text) > MAX_LENGTH:
        raise _error(f"condition longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        where = f" at column {exc.offset}" if exc.offset else ""
        hint = "; use == to compare" if re.search(r"(?<![<>=!])=(?!=)", text) else ""
        raise _error(f"cannot parse {_shown(text)}{where} ({exc.msg}{hint})") from None
    except (ValueError, MemoryError, RecursionError) as exc:
        # Null bytes, or nesting too deep for Python's own parser.
        raise _error(f"cannot parse {_shown(text)} ({exc})") from None
    names: list[str] = []
    fn = _compile(tree.body, names, 0)
    return Condition(text.strip(), tuple(names), fn)


def check_metric(name: str, field: str) -> str:
    """`name` if it is a metric; otherwise a one-line InputError with the nearest metric."""
    if name in METRIC_NAMES:
        return name
    guess = nearest(name, METRIC_NAMES)
    raise InputError(None, field, f"unknown metric {name!r}; did you mean '{guess}'? {METRICS_HINT}")


def _error(message: str) -> InputError:
    return InputError(None, FIELD, f"{message}; {ALLOWED}")


def _shown(text: str, limit: int = 60) -> str:
    """The condition as quoted in a message, cut short when long."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _at(node: ast.AST) -> str:
    col = getattr(node, "col_offset", None)
    return f" (column {col + 1})" if col is not None else ""


def _compile(node: ast.AST, names: list[str], depth: int) -> Node:
    """A closure computing `node` from a row, or an InputError for anything outside the language."""
    if depth > MAX_DEPTH:
        raise _error(f"condition nests deeper than {MAX_DEPTH} levels")
    depth += 1
    if isinstance(node, ast.Constant):
        value = node.value
        # bool is an int subclass, but True/False are names to the user, not numbers.
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return lambda row: value
        if isinstance(value, (str, bytes)):
            raise _error(f"strings are not allowed{_at(node)}")
        raise _error(f"the constant {value!r} is not allowed{_at(node)}")
    if isinstance(node, ast.Name):
        name = node.id
        if name not in NAMES:
            guess = nearest(name, NAMES)
            raise InputError(None, FIELD, f"unknown metric {name!r}{_at(node)}; did you mean '{guess}'? {METRICS_HINT}")
        if name not in names:
            names.append(name)
        return lambda row: row[name]
    if isinstance(node, ast.BinOp):
        binary = _BINARY.get(type(node.op))
        if binary is None:
            raise _error(f"the operator {_OPERATOR_NAMES.get(type(node.op), type(node.op).__name__)} is not allowed{_at(node)}")
        left, right = _compile(node.left, names, depth), _compile(node.right, names, depth)
        return lambda row: binary(left(row), right(row))
    if isinstance(node, ast.UnaryOp):
        operand = _compile(node.operand, names, depth)
        if isinstance(node.op, ast.USub):
            return lambda row: -operand(row)
        if isinstance(node.op, ast.UAdd):
            return lambda row: +operand(row)
        if isinstance(node.op, ast.Not):
            return lambda row: not operand(row)
        raise _error(f"the operator {_OPERATOR_NAMES.get(type(node.op), type(node.op).__name__)} is not allowed{_at(node)}")
    if isinstance(node, ast.BoolOp):
        parts = [_compile(value, names, depth) for value in node.values]
        return _and(parts) if isinstance(node.op, ast.And) else _or(parts)
    if isinstance(node, ast.Compare):
        ops = []
        for op_node in node.ops:
            op = _COMPARE.get(type(op_node))
            if op is None:
                raise _error(f"the comparison {_OPERATOR_NAMES.get(type(op_node), type(op_node).__name__)} is not allowed{_at(node)}")
            ops.append(op)
        operands = [_compile(node.left, names, depth)] + [_compile(c, names, depth) for c in node.comparators]
        return _chain(ops, operands)
    message = _REFUSED.get(type(node), f"{type(node).__name__} expressions are not allowed")
    raise _error(f"{message}{_at(node)}")


def _and(parts: list[Node]) -> Node:
    def run(row: Row) -> Any:
        value = None
        for part in parts:
            value = part(row)
            if not value:
                return value
        return value

    return run


def _or(parts: list[Node]) -> Node:
    def run(row: Row) -> Any:
        value = None
        for part in parts:
            value = part(row)
            if value:
                return value
        return value

    return run


def _chain(ops: list[Callable[[Any, Any], bool]], operands: list[Node]) -> Node:
    # As in Python: `a < b < c` is `a < b and b < c`, with b computed once.
    def run(row: Row) -> bool:
        left = operands[0](row)
        for op, operand in zip(ops, operands[1:]):
            right = operand(row)
            if not op(left, right):
                return False
            left = right
        return True

    return run
