"""Form pieces shared by several areas."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; choices are checked by the service, which gives clearer messages."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        pass


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""


def apply_reasons(form: FlaskForm, reasons: dict[str, list[str]], aliases: dict[str, str] | None = None):
    """Attach a service's ValidationFailed reasons to the matching fields, the rest to the form."""
    aliases = aliases or {}
    for key, messages in reasons.items():
        field = getattr(form, aliases.get(key, key), None) if key else None
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors or []) + list(messages)
        else:
            form.form_errors.extend(messages)


def lines(text: str | None) -> list[str]:
    """Split a textarea into its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def choices(pairs) -> list[SelectChoice]:
    """Turn (value, label) pairs into WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]
