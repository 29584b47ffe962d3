"""EXPLAIN (ANALYZE, BUFFERS) of every statement one library search runs, with search in PostgreSQL.

Runs ``archive.library.search_library`` once to warm up (the query's tsquery texts are cached), then
once more while recording each statement SQLAlchemy sends, and prints the plan of each, run again
with its own parameters in one transaction (the search's ``set_config`` statements included, so the
plans are those the search gets). Use it on a database ``bench/search.py --postgres URL`` has loaded:

    python bench/explain_search.py postgresql+psycopg://postgres@127.0.0.1:5432/bench doctor \\
        '"morning waiting"' 'sentence|infectious-disease'

A query ``words|topic`` also filters by that topic.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import search as corpus  # noqa: E402  bench/search.py: its PostgreSQL instance
from sqlalchemy import event  # noqa: E402

from archive.extensions import db  # noqa: E402
from archive.library.query import LibraryQuery, search_library  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the PostgreSQL database bench/search.py loaded")
    parser.add_argument(
        "queries", nargs="+", help="queries as typed in the library (words|topic for a topic)"
    )
    args = parser.parse_args(argv)
    base = ROOT / "bench" / ".data" / "explain"
    app = corpus.postgres_app(base, args.url)
    with app.app_context():
        sent: list[tuple[str, object]] = []

        def record(conn, cursor, statement, parameters, context, executemany):
            sent.append((statement, parameters))

        for typed in args.queries:
            words, _, topic = typed.partition("|")
            query = LibraryQuery(text=words, tags=(topic,) if topic else ())
            search_library(query)
            db.session.rollback()
            event.listen(db.engine, "before_cursor_execute", record)
            t0 = time.perf_counter()
            page = search_library(query)
            took = time.perf_counter() - t0
            event.remove(db.engine, "before_cursor_execute", record)
            db.session.rollback()
            print(f"\n######## {typed!r}: {page.total} matches, {took * 1000:.1f} ms, {len(sent)} statements")
            cursor = db.session.connection().connection.dbapi_connection.cursor()
            for statement, parameters in sent:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                print("---- " + " ".join(statement.split())[:200])
                print("\n".join(row[0] for row in cursor.fetchall()))
            db.session.rollback()
            sent.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
