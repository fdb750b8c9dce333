"""Forms for statutory reviews (GOV.UK Design System)."""

from __future__ import annotations

from typing import cast

from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms

from cspmonitor.forms import DateField
from cspmonitor.partnership.forms import GdsModelForm
from cspmonitor.periods import FinancialYear, Quarter, quarter_choices
from cspmonitor.plans.models import Action
from cspmonitor.reviews import services
from cspmonitor.reviews.models import (
    DomesticHomicideReview,
    ReviewActionItem,
    ReviewPause,
    SvdMilestone,
    SvdUpdate,
)


def _radios(form: GdsModelForm, *names: str) -> None:
    """Show short choice lists as GOV.UK radios (without Django's "---------" blank choice)."""
    for name in names:
        field = form.fields[name]
        field.choices = [(value, label) for value, label in field.choices if value != ""]  # type: ignore[attr-defined]
        field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[attr-defined]


def _choose_from(form: GdsModelForm, name: str, queryset) -> None:
    """Offer only this partnership's records in a model choice field."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def _date(label: str, required: bool = False, help_text: str = "") -> DateField:
    return DateField(label=label, what=label[0].lower() + label[1:], required=required, help_text=help_text)


class DhrForm(GdsModelForm):
    """A Domestic Homicide Review: the facts, the decision, the panel and where it has got to."""

    died_on = _date(
        "Date of death", required=True, help_text="The month and year are enough: enter 1 as the day."
    )
    notified_on = _date("Date the partnership was notified", required=True)
    decided_on = _date("Date decided")
    home_office_informed_on = _date("Date the Home Office was told")
    terms_agreed_on = _date("Date the terms of reference were agreed")
    first_panel_on = _date("Date of the first panel meeting")
    report_completed_on = _date("Date the overview report was completed")
    submitted_on = _date("Date submitted for quality assurance")
    qa_feedback_on = _date("Date the panel's feedback was received")
    approved_on = _date("Date approved for publication")
    published_on = _date("Date published")

    class Meta:
        model = DomesticHomicideReview
        fields = [
            "reference",
            "classification",
            "died_on",
            "notified_on",
            "notified_by",
            "ruleset",
            "decision",
            "decided_on",
            "decision_reasons",
            "home_office_informed_on",
            "chair",
            "panel_organisations",
            "terms_agreed_on",
            "first_panel_on",
            "stage",
            "report_completed_on",
            "submitted_on",
            "qa_feedback_on",
            "qa_outcome",
            "approved_on",
            "published_on",
            "publication_url",
        ]
        widgets = {"panel_organisations": forms.CheckboxSelectMultiple}
        error_messages = {
            "reference": {"required": "Enter the case reference, like WS-DHR-2021-01"},
            "publication_url": {
                "invalid": "Enter the link in the right format, like https://www.example.gov.uk/dhr"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = self.partnership.organisations.all()
        _choose_from(self, "notified_by", organisations)
        _choose_from(self, "panel_organisations", organisations)
        self.fields["ruleset"] = forms.ChoiceField(
            label="Statutory guidance",
            choices=[("", "The guidance in force when the partnership was notified")]
            + services.ruleset_choices(self.partnership, keep=self.instance.ruleset),
            required=False,
            help_text="The version of the Home Office guidance whose timescales apply to this review.",
        )
        _radios(self, "classification", "decision")
        self.helper.layout = Layout(
            Fieldset(
                Field.text("reference", field_width=10),
                Field.radios("classification", inline=True),
                Field("died_on"),
                Field("notified_on"),
                Field.select("notified_by"),
                Field.select("ruleset"),
                legend="The review",
            ),
            Fieldset(
                Field.radios("decision"),
                Field("decided_on"),
                Field.textarea("decision_reasons", rows=3),
                Field("home_office_informed_on"),
                legend="The decision",
            ),
            Fieldset(
                Field.text("chair"),
                Field.checkboxes("panel_organisations", small=True),
                Field("terms_agreed_on"),
                Field("first_panel_on"),
                legend="The panel",
            ),
            Fieldset(
                Field.select("stage"),
                Field("report_completed_on"),
                Field("submitted_on"),
                Field("qa_feedback_on"),
                Field.textarea("qa_outcome", rows=3),
                Field("approved_on"),
                Field("published_on"),
                Field.text("publication_url"),
                legend="Progress",
            ),
        )

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip().upper()
        others = DomesticHomicideReview.objects.filter(
            partnership=self.partnership, reference__iexact=reference
        )
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("A review with this reference is already recorded")
        return reference

    def _post_clean(self):
        # The model's clean() needs the partnership; the form page sets it only on save.
        self.instance.partnership = self.partnership
        super()._post_clean()


class PauseForm(GdsModelForm):
    started_on = _date("Date paused", required=True)

    class Meta:
        model = ReviewPause
        fields = ["reason", "started_on", "detail"]
        error_messages = {"reason": {"required": "Select why the review is paused"}}

    def __init__(self, *args, review: DomesticHomicideReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        _radios(self, "reason")
        self.helper.layout = Layout(
            Field.radios("reason"), Field("started_on"), Field.textarea("detail", rows=3)
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.review.open_pause() is not None:
            raise forms.ValidationError("The review is already paused: restart it before pausing it again")
        return cleaned


class EndPauseForm(GdsModelForm):
    ended_on = _date("Date restarted", required=True)

    class Meta:
        model = ReviewPause
        fields = ["ended_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field("ended_on"))


class ActionItemForm(GdsModelForm):
    due_on = _date("Due date", required=True)
    completed_on = _date("Date completed")

    class Meta:
        model = ReviewActionItem
        fields = ["recommendation", "owner", "due_on", "completed_on", "action"]
        error_messages = {
            "recommendation": {"required": "Enter the recommendation"},
            "owner": {"required": "Select the organisation that owns the recommendation"},
        }

    def __init__(self, *args, review: DomesticHomicideReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        _choose_from(self, "owner", self.partnership.organisations.all())
        _choose_from(self, "action", Action.objects.for_partnership(self.partnership))
        self.helper.layout = Layout(
            Field.textarea("recommendation", rows=3),
            Field.select("owner"),
            Field("due_on"),
            Field("completed_on"),
            Field.select("action"),
        )


class MilestoneForm(GdsModelForm):
    """Mark a Serious Violence Duty milestone done, with what shows it."""

    completed_on = _date("Date done")

    class Meta:
        model = SvdMilestone
        fields = ["completed_on", "evidence", "evidence_url"]
        error_messages = {
            "evidence_url": {"invalid": "Enter the link in the right format, like https://www.example.gov.uk"}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field("completed_on"), Field.textarea("evidence", rows=3), Field.text("evidence_url")
        )


class SvdUpdateForm(GdsModelForm):
    """A quarterly note on the duty; a second for the same quarter replaces the first."""

    class Meta:
        model = SvdUpdate
        fields = ["period", "narrative"]
        error_messages = {"narrative": {"required": "Describe the progress made this quarter"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = self.partnership
        # From the year the duty was made (2022-23) to the year after this one.
        this_year = Quarter.containing(services.today()).year
        self.fields["period"] = forms.ChoiceField(
            label="Quarter",
            choices=[("", "Select a quarter")]
            + quarter_choices(FinancialYear(2022), FinancialYear(this_year.first_year + 1)),
            error_messages={"required": "Select the quarter this update covers"},
        )
        self.helper.layout = Layout(Field.select("period"), Field.textarea("narrative", rows=6))

    def validate_unique(self):
        # One update a quarter: a second for the same quarter replaces the first (see save).
        pass

    def save(self, commit: bool = True) -> SvdUpdate:
        update = self.instance
        existing = SvdUpdate.objects.filter(partnership=update.partnership, period=update.period).first()
        if existing is not None and existing.pk != update.pk:
            update.pk = existing.pk
        update.save()
        return update
