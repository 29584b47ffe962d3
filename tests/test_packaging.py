"""``pip install .`` (not editable) gives a working site: the build step a wheel runs (``build_py``)
puts the templates, migrations, compiled translations, static files and the demo's data in the package.

Building and installing a whole wheel into a new environment is too slow for the suite (the README's
"Installing without the checkout" says how it was checked by hand); ``build_py`` is the step of that
build which decides what the package holds, and it takes a second.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[1]


def tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    return listed.stdout.split()


def test_the_built_package_holds_every_file_the_site_reads(tmp_path):
    built = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    package = tmp_path / "archive"
    site = package / "site"
    files = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}

    templates = [f for f in tracked("templates")]
    migrations = [f for f in tracked("migrations") if "__pycache__" not in f]
    assert templates and any(f.startswith("migrations/versions/") for f in migrations)
    for name in templates + migrations:
        assert f"archive/site/{name}" in files, f"{name} is not in the package"

    catalogues = [f for f in tracked("translations") if f.endswith(".mo")]
    assert len(catalogues) >= 7, "compiled catalogues are committed"
    for name in catalogues:
        assert f"archive/site/{name}" in files, f"{name} is not in the package"
    assert not list((site / "translations").glob("*.py")), "the translators' scripts stay in the checkout"

    for name in tracked("archive/static") + tracked("archive/shell/demo"):
        if not name.endswith(".py"):
            assert name in files, f"{name} is not in the package"
    # The built package, imported with no checkout around it, reads its files from there.
    found = subprocess.run(
        [sys.executable, "-c", "import archive; print(archive.SITE_FILES)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == site.resolve()
