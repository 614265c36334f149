"""The layers of danchu as the imports draw them, those inside functions included.

- No import cycle between modules of `engine/`, the edges (`api/`, `web/`, `cli/`, `server/`, `edges/`).
- `engine` imports no edge; the two HTTP edges do not import each other (what they share is in `edges`).
- Each package of `engine/` imports only the packages below it, in the order of `LAYERS`.
- Only `engine/workflow/` imports SpiffWorkflow.
- An import inside a function is allowed only where `INNER_IMPORTS` says why (never to dodge a cycle).
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = ("engine", "api", "web", "cli", "server", "edges")
# engine's packages, lowest first: each may import only those before it (and `store`, `core` are the floor)
LAYERS = ("core", "store", "workflow", "definitions", "trust", "people", "calendar", "processes", "notifications",
          "files", "cases", "moves", "reports", "portal", "schedules", "worker", "services", "demo", "health", "backups")
EDGES_MAY_IMPORT = {"api": {"engine", "edges"}, "web": {"engine", "edges"}, "edges": {"engine"},
                    "server": {"engine", "api", "web", "edges"}, "cli": {"engine", "server"}}
INNER_IMPORTS = {
    # module: {imported module: why}
    "engine.files.storage": {"boto3": "the AWS SDK is loaded only by a deployment storing files in a bucket"},
    "engine.files.issued": {"docxtpl": "docxtpl (with its Jinja environment) only when a step issues a document"},
    "engine.definitions.word_templates": {"docxtpl": "docxtpl only when a deployed package has a Word template"},
    "engine.reports.workbook": {
        "openpyxl": "openpyxl only when a report is downloaded as .xlsx", "openpyxl.styles": "the same",
    },
    "engine.reports.review_files": {
        "openpyxl": "openpyxl only when the review of long-running cases is downloaded as .xlsx",
        "openpyxl.styles": "the same",
    },
}


def _modules() -> dict[str, Path]:
    found = {}
    for top in TOP:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts or "node_modules" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _resolve(name: str, path: Path, node: ast.ImportFrom | ast.Import, modules) -> list[str]:
    """The modules of this repository an import statement loads."""
    if isinstance(node, ast.Import):
        targets = [a.name for a in node.names]
    else:
        if node.level:
            package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            base = ".".join(package[:len(package) - node.level + 1])
            module = f"{base}.{node.module}" if node.module else base
        else:
            module = node.module or ""
        targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module for a in node.names]
    resolved = []
    for target in targets:
        while target and target not in modules and "." in target:
            target = target.rsplit(".", 1)[0]
        if target in modules and target != name:
            resolved.append(target)
    return resolved


def _graph():
    modules = _modules()
    graph, inner, third_party = defaultdict(set), defaultdict(set), defaultdict(set)
    for name, path in modules.items():
        tree = ast.parse(path.read_text())
        nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _resolve(name, path, node, modules):
                graph[name].add(target)
            if isinstance(node, ast.Import):
                third_party[name] |= {a.name for a in node.names}
            elif not node.level:
                third_party[name].add(node.module or "")
            if id(node) in nested:
                inner[name] |= ({a.name for a in node.names} if isinstance(node, ast.Import)
                                else {node.module or "." * node.level})
    return modules, graph, inner, third_party


MODULES, GRAPH, INNER, THIRD_PARTY = _graph()


def _cycles(graph) -> list[list[str]]:
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(MODULES):
        if node not in index:
            visit(node)
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "engine" and len(parts) > 1 else parts[0]


def test_no_module_imports_itself_back_through_others():
    assert _cycles(GRAPH) == []


def test_each_engine_package_imports_only_the_layers_below_it():
    wrong = []
    for module, targets in GRAPH.items():
        if not module.startswith("engine."):
            continue
        mine = _layer(module)
        for target in targets:
            theirs = _layer(target)
            if not target.startswith("engine."):
                wrong.append(f"{module} -> {target} (the engine imports no edge)")
            elif theirs != mine and LAYERS.index(theirs) > LAYERS.index(mine):
                wrong.append(f"{module} -> {target} ({mine} is below {theirs})")
    assert wrong == []


def test_the_edges_import_only_what_they_stand_on():
    wrong = [f"{module} -> {target}" for module, targets in GRAPH.items() for target in targets
             if not module.startswith("engine") and target.split(".")[0] != module.split(".")[0]
             and target.split(".")[0] not in EDGES_MAY_IMPORT[module.split(".")[0]]]
    assert wrong == []


def test_the_edges_call_engine_packages_not_their_modules():
    """api, web and cli import a handful of packages (each `__init__` names its verbs), not 30 modules;
    `engine.services` (the composition root) and `engine.store.tables` aside, never a module inside one."""
    deep = sorted(f"{module} -> {target}" for module, targets in GRAPH.items() for target in targets
                  if module.split(".")[0] in ("api", "web", "cli", "server", "edges")
                  and target.startswith("engine.") and target.count(".") > 1
                  and target not in ("engine.core.errors",))
    assert deep == []


def test_only_the_workflow_package_imports_spiffworkflow():
    importers = sorted(m for m, names in THIRD_PARTY.items()
                       if any(n == "SpiffWorkflow" or n.startswith("SpiffWorkflow.") for n in names)
                       and not m.startswith("engine.workflow."))
    assert importers == []


def test_imports_inside_functions_are_the_listed_ones_with_their_reason():
    unlisted = sorted(f"{module}: {target}" for module, targets in INNER.items() for target in targets
                      if target not in INNER_IMPORTS.get(module, {}))
    assert unlisted == []


STATUS_WORDS = {"running", "completed", "cancelled", "error", "ready", "claimed", "pending", "fired", "sent",
                "failed", "none"}


def _status_literals(tree: ast.AST) -> list[int]:
    """Lines where a `…status` name is compared with, or given, a string literal of the status vocabulary."""
    def is_status(node) -> bool:
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        return name.endswith("status")

    def literal(node) -> bool:
        values = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
        return any(isinstance(v, ast.Constant) and v.value in STATUS_WORDS for v in values)

    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and (is_status(node.left) or any(is_status(c) for c in node.comparators)):
            if literal(node.left) or any(literal(c) for c in node.comparators):
                lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg and node.arg.endswith("status") and literal(node.value):
            lines.append(node.lineno)
        elif isinstance(node, ast.Assign) and any(is_status(t) for t in node.targets) and literal(node.value):
            lines.append(node.lineno)
        elif isinstance(node, ast.Dict):
            lines += [node.lineno for k, v in zip(node.keys, node.values)
                      if isinstance(k, ast.Constant) and str(k.value).endswith("status") and literal(v)]
    return lines


def test_statuses_are_named_in_one_module():
    """`engine.core.status` names every state; no status string literal elsewhere in the engine."""
    found = [f"{name}:{line}" for name, path in MODULES.items() if name.startswith("engine.")
             and name != "engine.core.status" for line in _status_literals(ast.parse(path.read_text()))]
    assert found == []
