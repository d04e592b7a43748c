"""The folder tree is the architecture: declared layers, no cycles, one name per thing.

Every import of ``quizgen`` counts, wherever it stands (at the top of a module,
inside a function, under ``TYPE_CHECKING``): a unit may import only from the
units before it in :data:`ORDER`, or from itself. A new package must take its
place in the order before this test passes.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quizgen"

ORDER = (
    "ground",
    "language",
    "scheduling",
    "facts",
    "factfile",
    "grading",
    "items",
    "generation",
    "progress",
    "study",
    "analysis",
    "web",
    "export",
    "live",
    "cli",
    "__main__",
)
"""The units, bottom first. ``ground`` is the modules directly under ``quizgen/`` (errors,
inputs, stdio and the package itself); ``__main__`` is the very top. ``analysis`` (the
item analysis of class results) is reserved: it has no package yet."""

MAX_TOP_MODULES = 8
"""Modules directly under ``quizgen/`` besides packages (``__init__`` and ``__main__``
included)."""

_CAPWORDS = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit(module: str) -> str:
    parts = module.split(".")
    if module == "quizgen.__main__":
        return "__main__"
    if len(parts) == 1 or (len(parts) == 2 and not (PACKAGE / parts[1]).is_dir()):
        return "ground"
    return parts[1]


def imports(module: str) -> set[str]:
    """Every quizgen module ``module`` imports, anywhere in its text.

    ``from quizgen.a import b`` is an import of ``quizgen.a.b`` when that is a module,
    else of ``quizgen.a`` (the name lives there).
    """
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "quizgen")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.split(".")[0] != "quizgen":
                continue
            for alias in node.names:
                whole = f"{source}.{alias.name}"
                found.add(whole if whole in MODULES else source)
    return {m for m in found if m != module}


GRAPH = {m: imports(m) for m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
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
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_every_package_has_its_place_in_the_order() -> None:
    units = {unit(m) for m in MODULES}
    assert units <= set(ORDER), f"not in ORDER: {sorted(units - set(ORDER))}"


def test_nothing_imports_a_unit_above_its_own() -> None:
    rank = {u: i for i, u in enumerate(ORDER)}
    upward = [
        f"{m} ({unit(m)}) imports {d} ({unit(d)})"
        for m, deps in sorted(GRAPH.items())
        for d in sorted(deps)
        if rank[unit(d)] > rank[unit(m)]
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycles() -> None:
    found = cycles(GRAPH)
    assert not found, "\n".join(" <-> ".join(c) for c in found)


def test_the_graph_test_sees_a_cycle_and_an_upward_import() -> None:
    """The checks above can fail: a made-up graph with both faults is caught."""
    graph = {
        "quizgen.items.base": {"quizgen.grading.grader"},
        "quizgen.grading.grader": {"quizgen.items.base"},
        "quizgen.errors": set(),
    }
    assert cycles(graph) == [["quizgen.grading.grader", "quizgen.items.base"]]
    rank = {u: i for i, u in enumerate(ORDER)}
    assert rank[unit("quizgen.grading.grader")] < rank[unit("quizgen.items.base")]
    assert unit("quizgen.errors") == "ground" and unit("quizgen.__main__") == "__main__"


def test_type_checking_and_function_imports_count() -> None:
    """An import under TYPE_CHECKING or inside a function is an arrow like any other."""
    assert "quizgen.items.base" in GRAPH["quizgen.items.shapes"]
    assert "quizgen.generation.bank" in GRAPH["quizgen.generation.audit"]  # inside run_audit


def test_few_modules_lie_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_every_package_says_what_it_holds_and_may_import() -> None:
    missing = [
        str(p.relative_to(PACKAGE))
        for p in sorted(PACKAGE.glob("*/__init__.py"))
        if "May import" not in (ast.get_docstring(ast.parse(p.read_text())) or "")
    ]
    assert not missing, missing


def defined_names(path: Path) -> set[str]:
    """The public classes a module defines, and its public type aliases (``Maker = ...``)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(
                t.id for t in targets if isinstance(t, ast.Name) and _CAPWORDS.fullmatch(t.id)
            )
    return {n for n in names if not n.startswith("_")}


def clashes(named: dict[str, list[str]]) -> list[str]:
    return [
        f"{name}: {', '.join(where)}" for name, where in sorted(named.items()) if len(where) > 1
    ]


def test_one_name_per_class() -> None:
    named: dict[str, list[str]] = defaultdict(list)
    for module, path in MODULES.items():
        for name in defined_names(path):
            named[name].append(module)
    assert not clashes(named), "\n".join(clashes(named))


def test_one_name_per_module() -> None:
    """No two modules or packages share a name (two ``cloze`` modules meant two things)."""
    named: dict[str, list[str]] = defaultdict(list)
    for module in MODULES:
        last = module.rpartition(".")[2]
        if last not in ("quizgen", "__main__"):
            named[last].append(module)
    assert not clashes(named), "\n".join(clashes(named))


def test_the_name_tests_see_a_clash() -> None:
    assert clashes(
        {
            "Checker": ["quizgen.factfile.checker", "quizgen.generation.rules"],
            "Grade": ["quizgen.grading.grader"],
        }
    ) == ["Checker: quizgen.factfile.checker, quizgen.generation.rules"]


def test_tests_share_helpers_only_through_tests_support() -> None:
    """A test module imports no other test module and nothing from conftest: what tests
    share lives in tests/support/, and fixtures are asked for by name."""
    tests = PACKAGE.parent / "tests"
    wrong = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            wrong += [
                f"{path.relative_to(tests)}: {n}"
                for n in names
                if n.startswith(("tests.test_", "tests.conftest"))
            ]
    assert not wrong, wrong
