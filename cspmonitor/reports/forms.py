"""The form that asks for a report."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from cspmonitor.reports.models import GeneratedReport


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Report", choices=GeneratedReport.Kind.choices, initial=GeneratedReport.Kind.ANNUAL
    )
    year = forms.ChoiceField(
        label="Financial year",
        error_messages={
            "required": "Select the financial year",
            "invalid_choice": "Select a financial year the partnership's plan covers",
        },
    )
    edition = forms.ChoiceField(
        label="Edition",
        choices=GeneratedReport.Edition.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the public or the restricted edition"},
    )
    format = forms.ChoiceField(
        label="Format",
        choices=GeneratedReport.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select Word, PDF or a web page"},
    )

    def __init__(self, *args, years: list[str], editions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]  # type: ignore[attr-defined]
        self.fields["edition"].choices = editions  # type: ignore[attr-defined]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("kind"),
            Field.select("year"),
            Field.radios("edition"),
            Field.radios("format", inline=True),
        )
