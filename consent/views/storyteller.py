"""Patient self-service: sign in with code and secret, see the story and consent, change or withdraw it.

Every page is in plain words and works without JavaScript on a small phone; forms that change
anything are POSTs with a CSRF token, and a GET only ever shows. Messages are translated (see
``archive.i18n``): the language follows the story's once the storyteller is signed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import format_date, gettext

from archive import ratelimit
from archive.errors import NotAllowed, NotFound, RateLimited, ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm, apply_reasons
from archive.media import published_recording
from archive.models import Consent, ConsentEventKind, Story, StoryStatus, User, utcnow
from archive.publication import publishable
from archive.storage import send as send_media
from archive.templating import TemplateHelpers

from .. import selfservice
from ..approval import approve, preview_recording, waiting_for_yes
from ..changes import BeyondGuardianLimit, change_period, events_of, narrow, period_from
from ..events import record_event
from ..expiry import storyteller_notice
from ..forms import CodeForm, PeriodForm, UsesForm
from ..recordings import copy_for_storyteller, recordings_of
from ..uses import hearable, teaching_uses
from ..withdrawal import withdraw
from ..words import YOU, actor_of, consent_words, event_detail, givers, history_line

bp = Blueprint("consent", __name__, url_prefix="/consent")


@dataclass(frozen=True)
class StoryView:
    """One story as its storyteller sees it on their page."""

    story: Story
    shown: bool  # educators can read it now
    recording: bool  # a published recording the storyteller can hear here
    waiting: bool = False  # sent to them to read before it is published; waits for their yes
    preview: bool = False  # with a recording they can hear before saying yes


@bp.before_request
def _story_language():
    """Let the page's language follow the signed-in storyteller's story (see archive.i18n)."""
    consent = selfservice.signed_in_consent()
    if consent is not None and consent.storyteller_language:
        g.story_language = consent.storyteller_language
    elif consent is not None and consent.stories:
        g.story_language = consent.stories[0].language


@bp.route("/", methods=["GET", "POST"])
def start():
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            consent = selfservice.verify(form.code.data, form.secret.data, ratelimit.client_address())
        except RateLimited as err:
            form.form_errors.append(err.message)
            status = 429
        except ValidationFailed as err:
            form.form_errors.append(err.message)
            status = 400
        else:
            selfservice.sign_in(consent)
            record_event(consent, ConsentEventKind.VIEWED, "patient_web")
            db.session.commit()
            return redirect(url_for("consent.mine"))
    elif form.is_submitted():
        status = 400
    return render_template("consent/start.html", form=form), status


def _signed_in_or_start():
    consent = selfservice.signed_in_consent()
    if consent is None:
        return None, redirect(url_for("consent.start"))
    return consent, None


def _notice(consent: Consent) -> str | None:
    """The end of the consent in the storyteller's words, when there is more to say than its dates."""
    notice = storyteller_notice(consent)
    if notice is None:
        return None
    return gettext(notice.message, date=format_date(notice.date, "long"))


def _history(consent: Consent) -> list[tuple]:
    """The consent's audit trail as the storyteller reads it: (event, sentence), oldest first."""
    events = events_of(consent)
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    roles = (
        dict(db.session.execute(db.select(User.id, User.role).where(User.id.in_(actor_ids))).all())
        if actor_ids
        else {}
    )
    given_by = givers(events, consent.method)
    return [(e, history_line(e, actor_of(e, roles), given_by.get(e.id, YOU))) for e in events]


@bp.route("/mine")
def mine():
    consent, away = _signed_in_or_start()
    if away:
        return away
    if selfservice.is_withdrawn(consent):
        return render_template("consent/withdrawn.html", consent=consent, form=EmptyForm())
    # Tell the storyteller what teachers actually see: the publication rule, not the story's status.
    return render_template(
        "consent/mine.html",
        consent=consent,
        stories=[
            StoryView(s, publishable(s), hearable(s), waiting_for_yes(s), preview_recording(s) is not None)
            for s in consent.stories
        ],
        expired=consent.expires_at is not None and consent.expires_at <= utcnow(),
        history=_history(consent),
        views=sum(s.view_count or 0 for s in consent.stories),
        uses=teaching_uses([s.id for s in consent.stories]),
        notice=_notice(consent),
        form=EmptyForm(),
        published=StoryStatus.PUBLISHED,
        recordings=recordings_of(consent),
    )


@bp.route("/stories/<story_id>/approve", methods=["POST"])
def approve_story(story_id: str):
    """The storyteller's yes to the publication of the story they asked to see first."""
    consent, away = _signed_in_or_start()
    if away:
        return away
    story = next((s for s in consent.stories if s.id == story_id), None)
    if story is None:
        raise NotFound()
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("consent.mine"))
    try:
        done = approve(story)
    except NotAllowed:
        return redirect(url_for("consent.mine"))
    if done:
        flash(gettext("Thank you. Your story will now be published as you read it."))
    return redirect(url_for("consent.mine"))


@bp.route("/stories/<story_id>/preview")
def preview_audio(story_id: str):
    """The recording of a story waiting for its storyteller's yes, for them alone (see story_audio)."""
    consent = selfservice.signed_in_consent()
    story = next((s for s in consent.stories if s.id == story_id), None) if consent else None
    media = preview_recording(story) if story is not None else None
    if media is None:
        raise NotFound()
    return send_media(media)


@bp.route("/stories/<story_id>/audio")
def story_audio(story_id: str):
    """The storyteller's own story's published recording, as educators hear it.

    Only a browser signed in with this story's code and secret gets it, and only while the consent
    covers the audio; everyone else, staff included, gets a 404 as for an unknown address.
    """
    consent = selfservice.signed_in_consent()
    story = next((s for s in consent.stories if s.id == story_id), None) if consent else None
    if story is None or not hearable(story):
        raise NotFound()
    return send_media(published_recording(story.id))


@bp.route("/recordings/<media_id>")
def recording(media_id: str):
    """The storyteller's own consent recording (tag-free copy), for the player on /consent/mine.

    Only a browser signed in with this consent's code and secret gets it; everyone else, staff
    included, gets the same 404 as for an unknown address.
    """
    return send_media(copy_for_storyteller(selfservice.signed_in_consent(), media_id))


def _change_page(consent: Consent, uses: UsesForm | None = None, period: PeriodForm | None = None):
    uses = uses or UsesForm(formdata=None)
    uses.fill(consent)
    period = period or PeriodForm(formdata=None)
    if period.ends_on.data is None and consent.expires_at is not None:
        period.ends_on.data = consent.expires_at.date()
    return render_template(
        "consent/change.html", consent=consent, uses=uses, period=period, notice=_notice(consent)
    )


@bp.route("/change")
def change():
    """Show the forms that narrow the consent or move its end; a GET changes nothing."""
    consent, away = _signed_in_or_start()
    if away:
        return away
    if selfservice.is_withdrawn(consent):
        return redirect(url_for("consent.mine"))
    return _change_page(consent)


@bp.route("/change/uses", methods=["POST"])
def narrow_uses():
    """Remove purposes or kinds of material; takes effect in this request."""
    consent, away = _signed_in_or_start()
    if away:
        return away
    form = UsesForm()
    form.fill(consent)
    if not form.validate_on_submit():
        return _change_page(consent, uses=form), 400
    try:
        removed = narrow(consent, form.uses(), channel="patient_web")
    except NotAllowed:
        return redirect(url_for("consent.mine"))
    except ValidationFailed as err:
        apply_reasons(form, {k: [gettext(m) for m in v] for k, v in err.reasons.items()})
        return _change_page(db.session.get(Consent, consent.id), uses=form), 400
    if removed:
        flash(gettext("Done. Your story is no longer used for what you removed."))
    else:
        flash(gettext("Nothing was changed."))
    return redirect(url_for("consent.mine"))


@bp.route("/change/period", methods=["POST"])
def change_end():
    """Move the end of the consent (or remove it); takes effect in this request."""
    consent, away = _signed_in_or_start()
    if away:
        return away
    form = PeriodForm()
    if not form.validate_on_submit():
        return _change_page(consent, period=form), 400
    if not form.no_end.data and form.ends_on.data is None:
        form.ends_on.errors = [gettext("Choose the last day, or tick “No end date”.")]
        return _change_page(consent, period=form), 400
    period = period_from(None if form.no_end.data else form.ends_on.data)
    try:
        changed = change_period(consent, period, channel="patient_web")
    except NotAllowed:
        return redirect(url_for("consent.mine"))
    except BeyondGuardianLimit as err:
        limit = format_date(err.limit, "long")
        form.ends_on.errors = [gettext(m, date=limit) for m in err.reasons["ends_on"]]
        return _change_page(db.session.get(Consent, consent.id), period=form), 400
    if not changed:
        flash(gettext("Nothing was changed."))
    elif period.ends_now:
        flash(
            gettext(
                "Your consent ends now: teachers can no longer see or hear your story. If you want "
                "it used again, choose a later day soon, or ask the health worker who recorded it."
            )
        )
    else:
        flash(gettext("Done. The time you agreed to has changed."))
    return redirect(url_for("consent.mine"))


@bp.route("/withdraw", methods=["GET", "POST"])
def withdraw_story():
    consent, away = _signed_in_or_start()
    if away:
        return away
    if selfservice.is_withdrawn(consent):
        return redirect(url_for("consent.mine"))
    form = EmptyForm()
    if form.validate_on_submit():
        withdraw(consent, channel="patient_web")
        return redirect(url_for("consent.mine"))
    return render_template("consent/withdraw.html", consent=consent, form=form)


@bp.route("/signout", methods=["POST"])
def signout():
    if EmptyForm().validate_on_submit():
        selfservice.sign_out()
    return redirect(url_for("consent.start"))


TEMPLATE_HELPERS = TemplateHelpers(filters={"consent_words": consent_words, "event_detail": event_detail})
