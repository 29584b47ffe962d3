"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

from typing import TYPE_CHECKING, Any, cast

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import CursorResult, MetaData, Result
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names so Alembic migrations are reproducible on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# The models' base class. Flask-SQLAlchemy makes ``db.Model`` at run time (``Base`` with the session's
# query property and table names); a type checker cannot see a class made so, and reads it as ``Base``.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


def rows_changed(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE run through the session changed (its cursor's ``rowcount``)."""
    return cast(CursorResult[Any], result).rowcount


migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
