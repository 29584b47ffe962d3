"""story-archive: patients' stories of illness and care, kept with consent, served for teaching.

``archive`` holds three layers (the README's "How the code is laid out" draws them): the base modules
directly in this package (models, the publication rule, errors, helpers, and the seams ``search``,
``jobs``, ``storage`` and ``erasure``), the educators' library in ``archive.library``, and the app
shell in ``archive.shell`` (the factory, the command line, the demo, the admin dashboard).

Importing a model or any other base module never builds the application: ``create_app`` lives in
``archive.shell.factory`` and is fetched from here only when asked for, so that ``flask --app archive``
(Flask looks the factory up by name) and ``from archive import create_app`` work as they always did.
"""

from __future__ import annotations

from pathlib import Path

#: The checkout (or installed tree) holding ``archive/``, ``templates/``, ``migrations/`` and
#: ``translations/``.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Where the templates, migrations and translations are: the checkout's folders, or, in a site
#: installed with ``pip install .`` (not editable), the copies the build put in ``archive/site/``
#: (setup.py). The folders of a checkout never hold ``archive/site/``.
SITE_FILES = (
    Path(__file__).resolve().parent / "site"
    if (Path(__file__).resolve().parent / "site" / "templates").is_dir()
    else PROJECT_ROOT
)


def __getattr__(name: str):
    """Fetch ``create_app`` from the shell on first use (PEP 562); nothing else is looked up here."""
    if name == "create_app":
        # The project's one function-local import of its own code, allowed by tests/test_layers.py
        # here alone: the base package may not import the shell at its top, and the factory is found
        # by name (``flask --app archive``).
        from archive.shell.factory import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
