"""The form that asks for a report."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from cspmonitor.reports.models import GeneratedReport

QUARTERLY = "quarterly"
ASSESSMENT = "assessment"


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Report", choices=GeneratedReport.Kind.choices, initial=GeneratedReport.Kind.ANNUAL
    )
    year = forms.ChoiceField(
        label="Financial year",
        help_text="For every report but the quarterly update.",
        required=False,
        error_messages={"invalid_choice": "Select a financial year the partnership's plan covers"},
    )
    quarter = forms.ChoiceField(
        label="Quarter",
        help_text="Only for the quarterly partnership update.",
        required=False,
        error_messages={"invalid_choice": "Select a quarter of a year the partnership's plan covers"},
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

    def __init__(
        self,
        *args,
        years: list[str],
        quarters: list[tuple[str, str]],
        assessed_years: list[str],
        editions: list[tuple[str, str]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.plan_years, self.assessed_years = years, assessed_years
        self.fields["year"].choices = [(y, y) for y in sorted({*years, *assessed_years}, reverse=True)]  # type: ignore[attr-defined]
        self.fields["quarter"].choices = [("", "Not a quarterly update"), *quarters]  # type: ignore[attr-defined]
        self.fields["edition"].choices = editions  # type: ignore[attr-defined]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.select("kind"),
            Field.select("year"),
            Field.select("quarter"),
            Field.radios("edition"),
            Field.radios("format", inline=True),
        )

    def clean(self):
        data = super().clean()
        kind, year, quarter = data.get("kind"), data.get("year"), data.get("quarter")
        if kind == QUARTERLY:
            if not quarter:
                self.add_error("quarter", "Select the quarter the update covers")
        elif not year:
            if "year" not in self.errors:
                self.add_error("year", "Select the financial year")
        elif kind == ASSESSMENT and year not in self.assessed_years:
            self.add_error(
                "year",
                f"There is no finished strategic assessment for {year}: run one on the strategic "
                "assessment page first",
            )
        elif kind != ASSESSMENT and year not in self.plan_years:
            self.add_error("year", "Select a financial year the partnership's plan covers")
        return data

    @property
    def period(self) -> str:
        """What the report covers: a quarter such as '2022-23 Q3' for the quarterly update, else a year."""
        data = self.cleaned_data
        return data["quarter"] if data["kind"] == QUARTERLY else data["year"]
