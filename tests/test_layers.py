"""The layers of the code, as the README draws them ("How the code is laid out"), checked on every import.

Every module of ``archive``, ``ingest`` and ``consent`` is read (with ``ast``, nothing is imported) and
each import of the project's own code is placed in its layer:

- shell: ``archive.shell`` (the factory, the command line, the demo, the admin dashboard);
- library: ``archive.library`` (the educators' library);
- base: every other module of ``archive`` (models, rules, helpers, and the seams search, jobs,
  storage and erasure);
- ingest: ``ingest``; consent: ``consent``.

Arrows: shell -> everything; library -> base; ingest -> consent -> base; ingest -> base; each layer
to itself. Any other arrow fails, and so does an import of the project's own code inside a function or
class (it hides an arrow from readers, and a loop from Python). One import is allowed inside a function:
``archive.__getattr__`` fetches ``create_app`` from the shell, so that ``flask --app archive`` finds the
factory while importing a model never builds the app (``ALLOWED_LOCAL``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("archive", "ingest", "consent")

ALLOWS = {
    "shell": {"shell", "library", "base", "ingest", "consent"},
    "library": {"library", "base"},
    "ingest": {"ingest", "consent", "base"},
    "consent": {"consent", "base"},
    "base": {"base"},
}
LOCAL = "the project's own code imported inside a function or class"
# (importing module, imported module) pairs allowed inside a function: the one documented exception.
ALLOWED_LOCAL = {("archive", "archive.shell.factory")}


def layer(module: str) -> str:
    """The layer a dotted module name belongs to."""
    parts = module.split(".")
    if parts[0] in ("ingest", "consent"):
        return parts[0]
    if parts[0] != "archive":
        raise ValueError(f"{module} is not the project's")
    if len(parts) > 1 and parts[1] == "shell":
        return "shell"
    if len(parts) > 1 and parts[1] == "library":
        return "library"
    return "base"


@dataclass(frozen=True)
class Import:
    importer: str  # the module that imports
    imported: str  # the project's module it names
    line: int
    local: bool  # inside a function or class body


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_imports(source: str, module: str, is_package: bool) -> list[Import]:
    """Every import of ``archive``, ``ingest`` or ``consent`` in ``source``, resolved to a module name.

    ``from x import name`` counts as importing ``x.name`` when that is a module of the project, else
    ``x``; relative imports are resolved against ``module``.
    """
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, local: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, alias.name, child.lineno, local))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for alias in child.names:
                    found.append(Import(module, _submodule(target, alias.name), child.lineno, local))
            visit(child, inner)

    visit(tree, False)
    return [imp for imp in found if imp.imported.split(".")[0] in PACKAGES]


def _submodule(target: str, name: str) -> str:
    """``x.name`` when it is a module or package of the project, else ``x``."""
    candidate = f"{target}.{name}"
    path = ROOT.joinpath(*candidate.split("."))
    return candidate if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file() else target


def every_import(root: Path = ROOT) -> list[Import]:
    imports = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            name = module_name(path, root)
            imports += project_imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    return imports


def violations(imports: list[Import]) -> list[str]:
    """What breaks the rules, one line each: ``module:line -> imported (why)``."""
    wrong = []
    for imp in imports:
        if imp.importer == imp.imported:
            continue
        where = f"{imp.importer}:{imp.line} -> {imp.imported}"
        if imp.local and (imp.importer, imp.imported) not in ALLOWED_LOCAL:
            wrong.append(f"{where} ({LOCAL})")
        elif not imp.local and layer(imp.imported) not in ALLOWS[layer(imp.importer)]:
            wrong.append(f"{where} ({layer(imp.importer)} may not import {layer(imp.imported)})")
    return wrong


def test_every_import_follows_the_layers():
    imports = every_import()
    assert len(imports) > 300, "the walk found too few imports: is it reading the packages?"
    wrong = violations(imports)
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_one_local_import_is_still_needed():
    """The exception stays only while it is used, so it cannot outlive its reason silently."""
    local = {(imp.importer, imp.imported) for imp in every_import() if imp.local}
    assert local == ALLOWED_LOCAL


def test_importing_a_model_or_any_area_never_builds_the_app():
    """In a fresh interpreter: the base, the library, ingest and consent import without the shell."""
    code = (
        "import sys, archive.models, archive.library.views.teaching, ingest.views, consent.views.staff\n"
        "assert not [m for m in sys.modules if m.startswith('archive.shell')], sorted(sys.modules)\n"
        "from archive import create_app\n"
        "assert 'archive.shell.factory' in sys.modules and callable(create_app)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "module, source, expected",
    [
        pytest.param(
            "consent.changes",
            "from ingest.audio_jobs import retry\n",
            ["consent.changes:1 -> ingest.audio_jobs (consent may not import ingest)"],
            id="consent-imports-ingest",
        ),
        pytest.param(
            "archive.vocabulary",
            "from archive.library import stories\n",
            ["archive.vocabulary:1 -> archive.library.stories (base may not import library)"],
            id="base-imports-library",
        ),
        pytest.param(
            "archive.library.clips",
            "from ..shell.admin import bp\n",
            ["archive.library.clips:1 -> archive.shell.admin (library may not import shell)"],
            id="relative-library-imports-shell",
        ),
        pytest.param(
            "archive.media",
            "import consent.records\n",
            ["archive.media:1 -> consent.records (base may not import consent)"],
            id="base-imports-consent",
        ),
        pytest.param(
            "ingest.stories",
            "def save():\n    from archive.models import Story\n",
            [f"ingest.stories:2 -> archive.models ({LOCAL})"],
            id="function-local-import",
        ),
        pytest.param(
            "ingest.stories",
            "def save():\n    import json\n\nfrom consent.records import grant\nfrom archive import jobs\n",
            [],
            id="allowed-arrows-and-a-local-third-party-import",
        ),
    ],
)
def test_the_walk_catches_each_kind_of_wrong_import(module, source, expected):
    """The checker itself, on small sources: each rule fires, and allowed imports pass."""
    assert violations(project_imports(source, module, is_package=False)) == expected


def test_the_layers_named_in_the_readme_are_the_ones_checked():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    assert "shell -> everything; library -> base; ingest -> consent -> base; ingest -> base" in section
    for package in ("archive/shell/", "archive/library/", "ingest/", "consent/"):
        assert package in section
    assert "tests/test_layers.py" in section
