"""Staff accounts: sign-in, sign-out, roles on every view, and API tokens."""

from __future__ import annotations

import functools
import hmac
import math
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select, update
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length

from . import ratelimit
from .crypto import CODE_ALPHABET, format_code, hash_secret, hash_token, new_api_token, verify_secret
from .errors import NotFound, ValidationFailed, get_or_404, wants_json
from .extensions import db
from .forms import EmptyForm, apply_reasons
from .models import Role, Story, StoryStatus, User, session_fingerprint

bp = Blueprint("auth", __name__)

# Bearer tokens are honoured only here; every other view needs a signed-in session (and CSRF).
API_PREFIX = "/api/"
MIN_PASSWORD_CHARS = 10


def load_user_from_session(session_id: str) -> User | None:
    """The account a session signed in to, while the sign-in is still current (``User.get_id``).

    A session carries the account's id, its session generation and a fingerprint of its password
    hash. Signing out raises the generation and a new or reset password changes the fingerprint, so
    every session (and every copy of its cookie) signed in before is refused from then on. A session
    from before generations existed carries neither: ended.
    """
    head, sep, fingerprint = session_id.partition(".")
    user_id, colon, generation = head.partition(":")
    if not (sep and colon and user_id.isdigit() and generation.isdigit()) or len(session_id) > 60:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_generation != int(generation):
        return None
    if not hmac.compare_digest(session_fingerprint(user.password_hash), fingerprint):
        return None
    return user


def end_sessions(user: User) -> None:
    """End every session of ``user`` on the server (in the caller's transaction): raise its generation.

    One UPDATE adding one, so two sign-outs at once both count and neither undoes the other.
    """
    db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_generation=User.session_generation + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(user, ["session_generation"])


def load_user_from_request(req) -> User | None:
    """Authenticate API requests with ``Authorization: Bearer <token>``."""
    if not req.path.startswith(API_PREFIX):
        return None
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = header.removeprefix("Bearer ").strip()
    if not token:
        return None
    user = db.session.scalar(select(User).where(User.api_token_hash == hash_token(token)))
    return user if user is not None and user.active else None


class BearerAwareSessionInterface(SecureCookieSessionInterface):
    """Cookie sessions, except that an API request bringing a bearer token gets no session at all.

    Such a request is judged by its token alone. Otherwise Flask-Login's strong session protection
    clears any cookie session it did not mark itself (one holding only a CSRF token or a flashed
    message, say) and then never asks the token, so a script with a cookie jar was refused; and a
    signed-in session of another account would win over the token. With no session, a token request
    also can never leave a cookie behind.
    """

    def open_session(self, app, request):
        if request.path.startswith(API_PREFIX) and request.headers.get("Authorization", "").startswith(
            "Bearer "
        ):
            return self.make_null_session(app)
        return super().open_session(app, request)


def role_required(*roles: str, refused: int = 403):
    """Allow only signed-in users with one of ``roles`` (admins are allowed everywhere).

    Other signed-in users get ``refused``: 403 for pages, 404 where the address names one private
    thing (a consent recording), so the answer is the same as for an id that never existed.
    """
    allowed = set(roles) | {Role.ADMIN}

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                if wants_json():
                    abort(401)
                # Come back here after signing in, unless this address only takes forms (a GET would 405).
                back = request.full_path if request.method == "GET" else None
                return redirect(url_for("auth.login", next=back))
            if current_user.role not in allowed:
                if refused == 404:
                    raise NotFound()
                abort(refused)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def own_story_or_404(story_id: str) -> Story:
    """Return a story the signed-in facilitator brought in (admins: any story), not withdrawn;
    NotFound otherwise, so another facilitator's story reads like an unknown address."""
    story = get_or_404(Story, story_id)
    if story.status == StoryStatus.WITHDRAWN:
        raise NotFound()
    if current_user.role != Role.ADMIN and story.facilitator_id != current_user.id:
        raise NotFound()
    return story


# -- accounts (used by the CLI and the admin) ---------------------------------------------------
@dataclass(frozen=True)
class NewUser:
    email: str
    role: str
    password: str


def create_user(new: NewUser) -> User:
    """Create a staff account; raise ValidationFailed on a bad role, e-mail or password."""
    reasons: dict[str, list[str]] = {}
    email = new.email.strip().lower()
    if "@" not in email or len(email) > 254:
        reasons.setdefault("email", []).append("Give a valid e-mail address.")
    if new.role not in {r.value for r in Role}:
        reasons.setdefault("role", []).append(f"Role must be one of: {', '.join(r.value for r in Role)}.")
    for field, messages in _password_reasons(new.password).items():
        reasons.setdefault(field, []).extend(messages)
    if not reasons and db.session.scalar(select(User).where(func.lower(User.email) == email)):
        reasons.setdefault("email", []).append("An account with that e-mail exists already.")
    if reasons:
        raise ValidationFailed(reasons)
    user = User(email=email, role=new.role, password_hash=hash_secret(new.password))
    db.session.add(user)
    db.session.commit()
    return user


MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200


def _password_reasons(password: str, field: str = "password") -> dict[str, list[str]]:
    if len(password) < MIN_PASSWORD_CHARS:
        return {field: [f"Use a password of at least {MIN_PASSWORD_CHARS} characters."]}
    if len(password) > MAX_PASSWORD_CHARS:
        return {field: [f"Use a password of at most {MAX_PASSWORD_CHARS} characters."]}
    return {}


def _active_admins(excluding: int) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN, User.active.is_(True), User.id != excluding)
        )
        or 0
    )


def change_account(user: User, *, role: str | None = None, active: bool | None = None, by: User) -> User:
    """An admin changes a staff account's role or turns it off (or on again).

    An admin cannot take away their own admin role or turn off their own account, and the last active
    admin stays one, so the archive never locks itself out. A turned-off account is signed out at
    its next request (Flask-Login asks ``is_active``) and its API token stops working.
    """
    reasons: dict[str, list[str]] = {}
    if role is not None and role not in {r.value for r in Role}:
        reasons["role"] = [f"Role must be one of: {', '.join(r.value for r in Role)}."]
    losing_admin = user.role == Role.ADMIN and ((role is not None and role != Role.ADMIN) or active is False)
    if losing_admin and user.id == by.id:
        reasons.setdefault("role", []).append(
            "You cannot take away your own admin role or turn off your own account."
        )
    elif losing_admin and user.active and _active_admins(excluding=user.id) == 0:
        reasons.setdefault("role", []).append("The archive needs at least one active admin.")
    if reasons:
        raise ValidationFailed(reasons)
    if role is not None:
        user.role = role
    if active is not None:
        user.active = active
        if not active:
            user.api_token_hash = None
    db.session.commit()
    return user


def reset_password(user: User) -> str:
    """Give a staff account a new random password (its API token goes too); return it, for showing once
    to the admin, who hands it over. The old password stops working at once."""
    password = new_password()
    user.password_hash = hash_secret(password)
    user.api_token_hash = None
    end_sessions(user)
    db.session.commit()
    return password


def new_password() -> str:
    """A random password of 16 characters (about 77 bits) from the consent codes' unambiguous alphabet,
    in groups of four, easy to read out and type."""
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(16)))


def change_own_password(user: User, current: str, new: str, repeated: str) -> None:
    """A staff member changes their password: the current one first, the new one twice."""
    reasons: dict[str, list[str]] = {}
    if not verify_secret(user.password_hash, current):
        ratelimit.record_failure([ratelimit.attempt_key("login", user.email)])  # counted like a sign-in
        reasons["current"] = ["That is not your current password."]
    reasons.update(_password_reasons(new, "new"))
    if new != repeated:
        reasons.setdefault("repeated", []).append("The two new passwords differ.")
    if not reasons and new == current:
        reasons["new"] = ["Choose a password different from the current one."]
    if reasons:
        raise ValidationFailed(reasons)
    user.password_hash = hash_secret(new)
    end_sessions(user)  # every other session ends; the caller signs this browser in again
    db.session.commit()


def issue_api_token(user: User) -> str:
    """Give the user a new API token (replacing any old one); return it for showing once."""
    token = new_api_token()
    user.api_token_hash = hash_token(token)
    db.session.commit()
    return token


# -- views --------------------------------------------------------------------------------------
class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


def safe_next(target: str | None) -> str | None:
    """Only follow local paths after sign-in (no //host, scheme or whitespace tricks)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so "/<tab>/evil.example"
    # and "/<backslash>evil.example" both lead off-site; a newline would also break the Location header.
    if any(ch == "\\" or ch.isspace() or not ch.isprintable() for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def home_for(user: User) -> str:
    homes: dict[str, str] = {
        Role.FACILITATOR: url_for("ingest.my_stories"),
        Role.REVIEWER: url_for("review.queue"),
        Role.EDUCATOR: url_for("library.index"),
        Role.ADMIN: url_for("admin.index"),
    }
    return homes.get(user.role, url_for("library.index"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        cfg = current_app.config
        email = form.email.data.strip().lower()
        address = ratelimit.client_address()
        email_key = ratelimit.attempt_key("login", email)
        pair_key = ratelimit.attempt_key("login-email-addr", f"{email}|{address}")
        window, limit = cfg["LOGIN_WINDOW_SECONDS"], cfg["LOGIN_MAX_FAILURES"]
        # Reserved before the slow hash; waits, not locks, and a stranger's failures elsewhere never
        # hold back the account's owner (see archive.ratelimit).
        reservation = ratelimit.reserve(
            [
                ratelimit.Limit(email_key, limit, clock=pair_key),
                ratelimit.Limit(ratelimit.attempt_key("login-addr", address), limit),
            ],
            window,
        )
        if reservation.wait:
            minutes = max(1, math.ceil(reservation.wait / 60))
            wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
            form.form_errors.append(f"Too many failed attempts. Please wait {wait} and try again.")
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if verify_secret(user.password_hash if user else None, form.password.data) and user.active:
            ratelimit.succeeded(reservation, [email_key, pair_key])
            db.session.commit()
            login_user(user)
            return redirect(safe_next(form.next.data) or home_for(user))
        form.form_errors.append("That e-mail and password do not match an account.")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out: this session and every other one of the account end on the server, not only here."""
    if current_user.is_authenticated:
        end_sessions(current_user)
        db.session.commit()
    logout_user()
    flash("You are signed out.")
    return redirect(url_for("library.home"))


class PasswordForm(FlaskForm):
    """A staff member's new password; checked by ``change_own_password``."""

    current = PasswordField("Current password", validators=[Length(max=MAX_PASSWORD_CHARS)])
    new = PasswordField(
        f"New password (at least {MIN_PASSWORD_CHARS} characters)",
        validators=[Length(max=MAX_PASSWORD_CHARS)],
    )
    repeated = PasswordField("New password again", validators=[Length(max=MAX_PASSWORD_CHARS)])


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = EmptyForm()
    token = None
    if form.validate_on_submit():
        token = issue_api_token(current_user)
    return render_template("auth/account.html", form=form, token=token, password=PasswordForm(formdata=None))


@bp.route("/account/password", methods=["POST"])
@login_required
def password():
    """Change one's own password: the current one, then the new one twice."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_own_password(
                current_user, form.current.data or "", form.new.data or "", form.repeated.data or ""
            )
        except ValidationFailed as err:
            db.session.rollback()
            apply_reasons(form, err.reasons)
        else:
            login_user(current_user._get_current_object())  # this session goes on; the others end
            flash("Your password is changed.")
            return redirect(url_for("auth.account"), code=303)
    form.current.data = form.new.data = form.repeated.data = ""  # never sent back in the page
    return render_template("auth/account.html", form=EmptyForm(), token=None, password=form), 400
