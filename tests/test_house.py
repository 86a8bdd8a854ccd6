"""The house rules: which package may import which, and no import circles.

docs/packages.md is the one page that says what each package owns and what it
may import; this test reads that table and holds the code to it, so the page
cannot drift from the code. It also checks that no two modules import each
other, directly or round a longer circle: modules that lean on each other
are one module in two files, and the circle makes import order matter.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "dreamscape"
DOCS_PAGE = REPO_ROOT / "docs" / "packages.md"

#: A row of the table: | `name` | what it owns | `a`, `b` |
_ROW = re.compile(r"^\|\s*`(\w+)`\s*\|(.+)\|(.*)\|\s*$")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imports_of(path: Path, known: dict[str, Path], runtime_only: bool = False) -> set[str]:
    """The dreamscape modules `path` imports, anywhere in the file.

    `from package import name` counts as importing the submodule `name` when there is one
    (that is what it loads), else the package itself. With `runtime_only`, imports under
    `if TYPE_CHECKING:` are left out: they are never executed, so they make no circle.
    """
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if runtime_only and _type_checking_block(node):
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "dreamscape":
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "dreamscape")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(), str(path)))
    return {m for m in found if m in known}


def layer_table() -> dict[str, set[str]]:
    """{package: the packages it may import} from docs/packages.md."""
    table: dict[str, set[str]] = {}
    for line in DOCS_PAGE.read_text().splitlines():
        match = _ROW.match(line)
        if match:
            table[match.group(1)] = set(re.findall(r"`(\w+)`", match.group(3)))
    return table


def package_of(module: str) -> str:
    """The top package of a module under dreamscape ("" for dreamscape itself and its top files)."""
    parts = module.split(".")
    if len(parts) < 2 or (PACKAGE / f"{parts[1]}.py").is_file():
        return ""
    return parts[1]


def test_the_docs_page_lists_every_package_and_only_those():
    table = layer_table()
    real = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert set(table) == real, f"docs/packages.md lists {sorted(table)}, the code has {sorted(real)}"
    for name, allowed in table.items():
        assert allowed <= set(table), f"{name} may import unknown packages {sorted(allowed - set(table))}"
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert not loose, f"loose modules at the top of the package: {loose}"


def test_every_import_keeps_to_the_layer_table():
    table = layer_table()
    known = modules()
    problems = []
    for name, path in known.items():
        here = package_of(name)
        if not here:
            continue
        for target in sorted(imports_of(path, known)):
            there = package_of(target)
            if there and there != here and there not in table.get(here, set()):
                problems.append(f"{path.relative_to(REPO_ROOT)} imports {target} ({here} may not import {there})")
    assert not problems, "\n".join(problems)


def test_the_pure_layers_import_no_tools_nor_front_ends():
    """The issue's rule in so many words, whatever the table says."""
    table = layer_table()
    front = {"app", "bot", "studio", "render", "formats", "designer", "recordings", "cli"}
    for pure in ("core", "gen", "sim"):
        assert not table[pure] & front, f"{pure} may not import {sorted(table[pure] & front)}"
    assert "app" not in table["studio"]


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        item = stack.pop()
                        on_stack.discard(item)
                        component.append(item)
                        if item == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_circle_finder_finds_circles():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles():
    known = modules()
    graph = {name: imports_of(path, known, runtime_only=True) - {name} for name, path in known.items()}
    circles = _circles(graph)
    assert not circles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in circles)


#: A module longer than this is doing more than one job; split it along its jobs.
MAX_MODULE_LINES = 400


def test_no_module_is_over_the_length_limit():
    long = {
        str(path.relative_to(REPO_ROOT)): n
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
