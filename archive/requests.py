"""What the archive reads from a request before any view: numeric ids in URLs, and form bodies.

- ``<int:...>`` in a route accepts only numbers a database column can hold. Werkzeug's own converter
  takes any length of digits, and ``/admin/tags/99999999999999999999`` reached the database as an
  integer too large for it (``OverflowError``, a 500): now such an address is simply not found (404).
- A multipart body Werkzeug cannot read (a file whose name is not UTF-8, say) used to become an empty
  form, silently, and the CSRF check then said the form had expired. The request now remembers why
  (``ArchiveRequest.form_problem``) so the answer can say what is wrong (``archive.errors``).
"""

from __future__ import annotations

from flask import Flask, Request
from werkzeug import formparser
from werkzeug.routing import IntegerConverter

# The largest value of a 32-bit signed integer column (PostgreSQL's INTEGER; SQLite's are wider).
MAX_ROW_ID = 2**31 - 1

# Why a form could not be read, as ``form_problem`` names it.
UNREADABLE_HEADER = "unreadable-header"
MALFORMED_BODY = "malformed-body"


class RowIdConverter(IntegerConverter):
    """``<int:...>``: a positive integer no larger than any row id; anything longer is no match (404)."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = None):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=MAX_ROW_ID if max is None else max)


class ReportingFormDataParser(formparser.FormDataParser):
    """Werkzeug's form parser, which on a body it cannot read tells the request why (then, as before,
    gives an empty form)."""

    def __init__(self, *args, on_problem=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_problem = on_problem

    def parse(self, stream, mimetype, content_length, options=None):
        silent, self.silent = self.silent, False
        try:
            return super().parse(stream, mimetype, content_length, options)
        except UnicodeDecodeError:
            # A part's headers (its name or file name) are not UTF-8, the only encoding browsers send.
            self._report(UNREADABLE_HEADER)
        except ValueError:
            self._report(MALFORMED_BODY)
        finally:
            self.silent = silent
        if not silent:
            raise ValueError("the form could not be read")
        return stream, self.cls(), self.cls()

    def _report(self, problem: str) -> None:
        if self.on_problem is not None:
            self.on_problem(problem)


class ArchiveRequest(Request):
    """Flask's request, which keeps why its form could not be read (``form_problem``, or None)."""

    form_data_parser_class = ReportingFormDataParser
    form_problem: str | None = None

    def make_form_data_parser(self) -> formparser.FormDataParser:
        return self.form_data_parser_class(
            stream_factory=self._get_file_stream,
            max_form_memory_size=self.max_form_memory_size,
            max_content_length=self.max_content_length,
            max_form_parts=self.max_form_parts,
            cls=self.parameter_storage_class,
            on_problem=self._form_unreadable,
        )

    def _form_unreadable(self, problem: str) -> None:
        self.form_problem = problem


def init_app(app: Flask) -> None:
    """Use these for every request and every ``<int:...>`` in the app's routes."""
    app.request_class = ArchiveRequest
    app.url_map.converters["int"] = RowIdConverter
