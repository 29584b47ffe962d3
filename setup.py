"""The build's one step beyond pyproject.toml: a wheel (``pip install .``) carries the site's files.

The templates, migrations and translations live beside the packages in a checkout (``templates/``,
``migrations/``, ``translations/``), where an editable install reads them. A wheel has no checkout,
so the build copies them into the package as ``archive/site/`` (``archive.SITE_FILES`` finds them).
Static files and the demo's data are package data already (pyproject.toml).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# (folder, what to leave out): translations' helper scripts stay in the checkout.
SITE_FOLDERS = (
    ("templates", ()),
    ("migrations", ("__pycache__", "*.pyc")),
    ("translations", ("__pycache__", "*.py", "*.pyc")),
)


class BuildWithSiteFiles(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders
        target = Path(self.build_lib) / "archive" / "site"
        for folder, leave_out in SITE_FOLDERS:
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(HERE / folder, target / folder, ignore=shutil.ignore_patterns(*leave_out))


setup(cmdclass={"build_py": BuildWithSiteFiles})
