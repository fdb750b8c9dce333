"""Forms for outputs and quarterly returns (GOV.UK Design System).

One factory, ``output_form(model)``, builds the form for every kind of output, so the web
pages and the spreadsheet return check outputs by the very same rules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db import models
from django.utils.text import capfirst

from cspmonitor.activity.models import Output
from cspmonitor.forms import DateField
from cspmonitor.partnership.forms import GdsModelForm
from cspmonitor.partnership.models import Organisation
from cspmonitor.plans.models import Action, Priority

#: Fields every kind shares, in the order forms and spreadsheets show them; the kind's own
#: fields come between ``period_end`` and ``notes``.
LEADING_FIELDS = ["priority", "action", "organisation", "period_start", "period_end"]
TRAILING_FIELDS = ["notes", "classification"]

#: Where a field's verbose name makes a poor label or message: (kind slug, field) → label and
#: the message shown when it is left empty.
OVERRIDES: dict[tuple[str, str], dict[str, str]] = {
    ("training", "delivered_by"): {"required": "Enter who delivered the training"},
    ("campaigns", "kind"): {
        "label": "Campaign or awareness week",
        "required": "Select whether it was a campaign or an awareness week",
    },
    ("services", "commissioned_by"): {"required": "Enter who commissioned the service"},
    ("networks", "count"): {"label": "Count", "required": "Enter the count, like 120"},
    ("interventions", "count"): {"label": "Number", "required": "Enter how many there were, like 40"},
    ("referrals", "count"): {"label": "Referrals", "required": "Enter the number of referrals"},
    ("compliance", "audience"): {
        "label": "Who must complete it",
        "required": "Enter who must complete the training",
    },
    ("compliance", "cycle"): {"label": "How often", "required": "Enter how often it must be completed"},
    ("compliance", "required"): {"label": "Completions due"},
}


def output_fields(model: type[Output]) -> list[str]:
    """The form fields of ``model``: shared fields first, the kind's own, then notes."""
    # partner_return says which upload brought the output in: set by the upload, never typed.
    shared = {"id", "partner_return", *LEADING_FIELDS, *TRAILING_FIELDS}
    own = [f.name for f in model._meta.get_fields() if f.concrete and f.name not in shared]
    return LEADING_FIELDS + own + TRAILING_FIELDS


def model_field(model: type[Output], name: str) -> models.Field:
    """A concrete field of an output model (never a reverse relation)."""
    return cast(models.Field, model._meta.get_field(name))


def _is_number(field: models.Field) -> bool:
    return isinstance(field, models.IntegerField)


def _messages(model: type[Output], name: str, label: str) -> dict[str, str]:
    field = model_field(model, name)
    override = OVERRIDES.get((model.kind_slug, name), {})
    what = label[0].lower() + label[1:]
    if field.is_relation or field.choices:
        required = f"Select the {what}"
    elif _is_number(field):
        required = f"Enter the number of {what}"
    else:
        required = f"Enter the {what}"
    return {
        "required": override.get("required", required),
        "invalid_choice": f"Select the {what} from the list",  # noqa: S608 (not SQL)
        "invalid": (
            f"{label} must be a whole number, like 15"
            if _is_number(field)
            else f"Enter the {what} in the right format, like https://www.example.org"
        ),
        "min_value": f"{label} must be 0 or more",
        "max_value": f"{label} must be a smaller number",
        "max_length": f"{label} must be %(limit_value)d characters or fewer",
    }


def _label(model: type[Output], name: str) -> str:
    override = OVERRIDES.get((model.kind_slug, name), {})
    return override.get("label") or capfirst(str(model_field(model, name).verbose_name))


def _layout_field(model: type[Output], name: str) -> Field:
    field = model_field(model, name)
    if name in ("period_start", "period_end"):
        return Field(name)
    if field.is_relation:
        return Field.select(name)
    if field.choices:
        if len(field.choices) <= 3:
            return Field.radios(name, inline=True)
        return Field.radios(name) if len(field.choices) <= 6 else Field.select(name)
    if isinstance(field, models.BooleanField):
        return Field.checkbox(name, small=True)
    if isinstance(field, models.TextField):
        return Field.textarea(name, rows=3)
    if _is_number(field):
        return Field.text(name, field_width=5)
    return Field.text(name)


class OutputForm(GdsModelForm):
    """An output of any kind; ``organisations`` are those the person may record for."""

    period_start = DateField(label="From", what="the start of the period", help_text="For example, 1 4 2022")
    period_end = DateField(label="To", what="the end of the period", help_text="For example, 30 6 2022")

    def __init__(self, *args, organisations: Iterable[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        ids = [organisation.pk for organisation in organisations]
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = self.partnership.organisations.filter(pk__in=ids)
        organisation.help_text = "The partner recording the output; its partner lead may change it."
        if len(ids) == 1 and not self.instance.pk:
            organisation.initial = ids[0]
        cast(forms.ModelChoiceField, self.fields["priority"]).queryset = Priority.objects.for_partnership(
            self.partnership
        )
        action = cast(forms.ModelChoiceField, self.fields["action"])
        action.queryset = Action.objects.for_partnership(self.partnership).select_related(
            "objective__priority"
        )
        action.label_from_instance = lambda action: f"{action.reference} {action.title}"  # type: ignore[method-assign,assignment]
        action.help_text = "Leave blank when the output is not for one action."
        self.fields[
            "classification"
        ].help_text = "Choose OFFICIAL-SENSITIVE only when the output must be seen by cleared people alone."
        self.helper.layout = Layout(*[_layout_field(model, name) for name in self._meta.fields or []])


@functools.cache
def output_form(model: type[Output]) -> type[OutputForm]:
    """The form class for one kind of output, built once."""
    names = output_fields(model)
    plain = [name for name in names if name not in ("period_start", "period_end")]
    number_widget = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": names,
            "labels": {name: _label(model, name) for name in plain},
            "error_messages": {name: _messages(model, name, _label(model, name)) for name in plain},
            "widgets": {name: number_widget for name in plain if _is_number(model_field(model, name))},
        },
    )
    return type(f"{model.__name__}Form", (OutputForm,), {"Meta": meta})  # type: ignore[return-value]


class ReturnChoiceForm(forms.Form):
    """Which organisation's return, for which quarter."""

    organisation = forms.TypedChoiceField(
        label="Organisation", coerce=int, error_messages={"required": "Select the organisation"}
    )
    quarter = forms.ChoiceField(label="Quarter", error_messages={"required": "Select the quarter"})

    def __init__(
        self, *args, organisations: Iterable[Organisation], quarters: list[tuple[str, str]], **kwargs
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [(o.pk, o.name) for o in organisations]
        cast(forms.ChoiceField, self.fields["quarter"]).choices = quarters
        for field in self.fields.values():
            what = str(field.label).lower()
            field.error_messages["invalid_choice"] = f"Select the {what} from the list"  # noqa: S608
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.disable_csrf = True  # sent by GET: a token must not end up in the address
        self.helper.layout = Layout(Field.select("organisation"), Field.select("quarter"))


class ReturnUploadForm(forms.Form):
    """The completed return spreadsheet; ``returns_upload`` checks what is inside."""

    file = forms.FileField(
        label="Upload the completed return",
        help_text="The Excel workbook (.xlsx) downloaded from this page, filled in, smaller than 5 MB.",
        error_messages={
            "required": "Select the completed return spreadsheet",
            "empty": "The selected file is empty",
            "invalid": "Select the completed return spreadsheet",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.MEDIUM
        self.helper.layout = Layout(Field("file"))
