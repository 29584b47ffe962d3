"""The reviewers' page of problems educators reported in published stories (``archive.reports``):
each report with its note and the story as educators read it, and a button that closes it.

Reviewers and admins only; the notes may quote the story, so they are shown here and nowhere else.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from archive import reports
from archive.auth import role_required
from archive.forms import EmptyForm
from archive.models import Role

bp = Blueprint("reports", __name__, url_prefix="/review/reports")


@bp.route("/")
@role_required(Role.REVIEWER)
def index():
    """Every open report, oldest first."""
    return render_template("reports/index.html", open=reports.open_reports(), button=EmptyForm())


@bp.route("/<report_id>")
@role_required(Role.REVIEWER)
def report(report_id: str):
    """One open report with the story's published text, to check what the educator saw."""
    found = reports.open_report(report_id)
    story = found.report.story
    return render_template("reports/report.html", item=found, story=story, button=EmptyForm())


@bp.route("/<report_id>/close", methods=["POST"])
@role_required(Role.REVIEWER)
def close(report_id: str):
    """Close a report: the reviewer dealt with the problem, or found none."""
    if EmptyForm().validate_on_submit():
        reports.resolve(report_id, current_user.id)
        flash("The report is closed.")
    return redirect(url_for("reports.index"), code=303)
