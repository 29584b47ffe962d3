"""Extract the storyteller's pages' messages, merge them into each catalogue, fill it from its table, compile.

Run by ``make translations``. A language's translations live in ``translations/<code>_messages.py``
(a dict ``msgid -> translation``), so they are reviewed as text; the .po and .mo files are written
from it and committed, so an install needs no build step.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT, check=True)


def fill(code: str) -> list[str]:
    """Write ``<code>_messages.py`` into the language's .po; return the msgids still untranslated."""
    spec = importlib.util.spec_from_file_location(f"{code}_messages", HERE / f"{code}_messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = getattr(module, code.upper())
    po = HERE / code / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=code)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        message.string = table.get(message.id, "")
        message.flags.discard("fuzzy")
        if not message.string:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    with po.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False)
    return missing


def main() -> int:
    pot = "translations/messages.pot"
    keywords = ["-k", "N_", "-k", "lazy_gettext"]
    pybabel("extract", "-F", "babel.cfg", *keywords, "--no-location", "--sort-output", "-o", pot, ".")
    for code in sorted(p.name for p in HERE.iterdir() if (p / "LC_MESSAGES").is_dir()):
        pybabel("update", "-i", pot, "-d", "translations", "-l", code, "--no-fuzzy-matching")
        missing = fill(code)
        for msgid in missing:
            print(f"{code}: untranslated: {msgid!r}")
    pybabel("compile", "-d", "translations", "--statistics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
