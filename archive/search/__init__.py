"""The search seam: a ``SearchBackend`` interface (``backend``), chosen by the ``SEARCH_BACKEND``
setting, with Whoosh on disk as the embedded default (``whoosh_index``), and the functions the areas
call to keep it in step with the database (``sync``).
"""

from flask import Flask

from .backend import (
    Fragment,
    Health,
    Hit,
    IndexBusy,
    IndexedStory,
    SearchBackend,
    SearchPage,
    SearchUnavailable,
)
from .postgres import PostgresSearch
from .sync import (
    ask_for_rebuild,
    audible_story_ids,
    current_index,
    drop_from_index,
    heal_index,
    indexed_form,
    may_be_heard,
    purge_pending,
    queue_removal,
    reconcile_heard,
    refresh_stories,
    reindex_all,
    run_scrub,
    sync_story,
)
from .whoosh_index import WhooshSearch

# Indexes written before the split pickled their schema naming ``archive.search.WordPairFilter``:
# opening one looks the class up here.
from .whoosh_index.analysis import WordPairFilter  # noqa: F401

__all__ = [
    "BACKENDS",
    "Fragment",
    "Health",
    "Hit",
    "PostgresSearch",
    "IndexBusy",
    "IndexedStory",
    "SearchBackend",
    "SearchPage",
    "SearchUnavailable",
    "ask_for_rebuild",
    "audible_story_ids",
    "configure_search",
    "current_index",
    "drop_from_index",
    "heal_index",
    "indexed_form",
    "may_be_heard",
    "purge_pending",
    "queue_removal",
    "reconcile_heard",
    "refresh_stories",
    "reindex_all",
    "run_scrub",
    "sync_story",
]

# The backends a deployment may choose with SEARCH_BACKEND.
BACKENDS = {"whoosh": WhooshSearch.from_config, "postgres": PostgresSearch.from_config}


def configure_search(app: Flask) -> None:
    """Give ``app`` the search backend its ``SEARCH_BACKEND`` setting names; unset, search is in
    PostgreSQL when the database is, else the Whoosh index on disk."""
    on_postgres = str(app.config.get("SQLALCHEMY_DATABASE_URI") or "").startswith("postgresql")
    name = app.config.get("SEARCH_BACKEND") or ("postgres" if on_postgres else "whoosh")
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(sorted(BACKENDS))}, not {name!r}")
    backend = BACKENDS[name](app)
    app.extensions["search"] = backend
    if isinstance(backend, WhooshSearch):
        # Whoosh's own index, for what only Whoosh has (segments, the tests' look at its files).
        app.extensions["search_index"] = backend.index
        backend.on_damage = ask_for_rebuild
