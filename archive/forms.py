"""Form pieces shared by several areas."""

from __future__ import annotations

from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import RadioField, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice


class ChoiceList:
    """Checkboxes or radio buttons as a list, each box inside its own label.

    The label is the box's touch target: a whole row at least 44 px high (``label.check`` in
    style.css), so a thumb on a cheap phone hits the choice and not its neighbour, and the box can
    never wrap away from its words. The list is a group named by ``aria-labelledby`` when the
    template gives ``labelledby``.
    """

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        labelledby = kwargs.pop("labelledby", None)
        css = ("checks " + kwargs.pop("class_", kwargs.pop("class", ""))).strip()
        attrs = {"id": kwargs["id"], "class": css, "role": "group" if labelledby else None}
        if labelledby:
            attrs["aria-labelledby"] = labelledby
        html = [f"<ul {widgets.html_params(**{k: v for k, v in attrs.items() if v})}>"]
        for option in field:
            html.append(
                Markup('<li><label class="check" for="{}">{} {}</label></li>').format(
                    option.id, option(), option.label.text
                )
            )
        html.append("</ul>")
        return Markup("".join(html))


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; choices are checked by the service, which gives clearer messages."""

    widget = ChoiceList()
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        pass


class RadioChoices(RadioField):
    """Radio buttons, each inside its label (see ``ChoiceList``)."""

    widget = ChoiceList()


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
