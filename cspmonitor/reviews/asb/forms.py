"""Forms for ASB Case Reviews (GOV.UK Design System, via crispy-forms-gds)."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout
from django import forms

from cspmonitor.forms import DateField
from cspmonitor.partnership.forms import GdsModelForm
from cspmonitor.partnership.models import Area
from cspmonitor.reviews.asb import threshold
from cspmonitor.reviews.asb.models import CaseReviewApplication, Complaint, Recommendation
from cspmonitor.reviews.asb.services import open_automatically, rule_set_version_on


def _radios(form: GdsModelForm, *names: str) -> None:
    """Show short choice lists as GOV.UK radios (without Django's "---------" blank choice)."""
    for name in names:
        field = form.fields[name]
        field.choices = [(value, label) for value, label in field.choices if value != ""]  # type: ignore[attr-defined]
        field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[attr-defined]


def _organisations(form: GdsModelForm, *names: str) -> None:
    for name in names:
        form.fields[name].queryset = form.partnership.organisations.all()  # type: ignore[attr-defined]


class ApplicationForm(GdsModelForm):
    received_on = DateField(label="Date received", what="the date the application was received")
    acknowledged_on = DateField(
        label="Date acknowledged", what="the date the application was acknowledged", required=False
    )
    meeting_on = DateField(
        label="Date of the review meeting", what="the date of the review meeting", required=False
    )
    escalation_requested_on = DateField(
        label="Date the applicant asked for the case review to be looked at again",
        what="the date the applicant asked for the case review to be looked at again",
        required=False,
    )

    class Meta:
        model = CaseReviewApplication
        fields = [
            "reference",
            "received_on",
            "received_via",
            "made_by",
            "vulnerable_victim",
            "area",
            "classification",
            "acknowledged_on",
            "meeting_on",
            "outcome",
            "escalation_requested_on",
            "escalation_outcome",
        ]
        labels = {"area": "District", "vulnerable_victim": "The victim is vulnerable"}
        error_messages = {
            "reference": {"required": "Enter a reference, like WS-ASB-2022-03"},
            "received_via": {"required": "Select how the application was received"},
            "made_by": {"required": "Select who applied"},
            "area": {"required": "Select the district"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = self.partnership.areas.filter(kind=Area.Kind.DISTRICT).order_by("name")
        self.fields["area"].label_from_instance = lambda area: area.name
        self.fields[
            "classification"
        ].help_text = (
            "Applications are casework about people: keep OFFICIAL-SENSITIVE unless there is a good reason."
        )
        _radios(self, "received_via", "made_by", "classification")
        self.helper.layout = Layout(
            Field.text("reference", field_width=20),
            Field("received_on"),
            Field.radios("received_via"),
            Field.radios("made_by"),
            Field.checkbox("vulnerable_victim"),
            Field.select("area"),
            Field.radios("classification"),
            Field("acknowledged_on"),
            Field("meeting_on"),
            Field.textarea("outcome", rows=4),
            Field("escalation_requested_on"),
            Field.textarea("escalation_outcome", rows=3),
        )

    def save(self, commit: bool = True) -> CaseReviewApplication:
        if not self.instance.pk:
            # An application keeps the rules in effect on the day it was received.
            self.instance.rule_set_version = rule_set_version_on(self.instance.received_on, self.partnership)
        return super().save(commit)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        others = CaseReviewApplication.objects.filter(partnership=self.partnership, reference=reference)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Another application already has this reference")
        return reference


class ComplaintForm(GdsModelForm):
    behaviour_on = DateField(label="Date of the behaviour", what="the date of the behaviour")
    reported_on = DateField(label="Date reported", what="the date the complaint was made")

    class Meta:
        model = Complaint
        fields = [
            "behaviour_on",
            "reported_on",
            "agency",
            "incident_reference",
            "hate_related",
            "complainant",
            "notes",
        ]
        labels = {
            "agency": "Agency it was made to",
            "complainant": "Complainant",
            "hate_related": "Hate-related",
        }
        error_messages = {
            "agency": {"required": "Select the agency the complaint was made to"},
            "complainant": {"required": "Enter a letter for the person who complained, like A"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organisations(self, "agency")
        self.fields["notes"].help_text = "What happened, without names."
        self.helper.layout = Layout(
            Field("behaviour_on"),
            Field("reported_on"),
            Field.select("agency"),
            Field.text("incident_reference", field_width=20),
            Field.checkbox("hate_related"),
            Field.text("complainant", field_width=4),
            Field.textarea("notes", rows=3),
        )

    def clean_complainant(self):
        return self.cleaned_data["complainant"].strip().upper()

    def save(self, commit: bool = True) -> Complaint:
        complaint = super().save(commit)
        if commit:
            # Where the partnership opens reviews automatically, the complaint that meets the
            # threshold opens the review.
            open_automatically(complaint.application)
        return complaint


class DecisionForm(GdsModelForm):
    """The officer's threshold decision, checked against what the complaints show."""

    decided_on = DateField(label="Date decided", what="the date the threshold was decided")

    class Meta:
        model = CaseReviewApplication
        fields = ["decision", "decided_on", "discretion_reason"]
        labels = {"decision": "Threshold decision"}
        error_messages = {"decision": {"required": "Select the threshold decision"}}

    def __init__(self, *args, result: threshold.Result, **kwargs):
        super().__init__(*args, **kwargs)
        self.result = result
        _radios(self, "decision")
        self.fields["decision"].required = True
        self.fields["discretion_reason"].help_text = "Needed when the threshold is met by discretion."
        self.helper.layout = Layout(
            Field.radios("decision"),
            Field("decided_on"),
            Field.textarea("discretion_reason", rows=3),
        )

    def clean_decision(self):
        decision = self.cleaned_data["decision"]
        met = CaseReviewApplication.Decision
        # Schedule 4 of the 2014 Act: when the threshold is met, the review must be carried out.
        if decision == met.NOT_MET and self.result.met:
            raise forms.ValidationError(
                "The complaints recorded meet the threshold, so it must be treated as met; "
                "correct the complaints if they are wrong"
            )
        if decision == met.MET and not self.result.met:
            raise forms.ValidationError(
                "The complaints recorded do not meet the threshold; choose met by discretion and give "
                "the reason, or add the missing complaints"
            )
        return decision


class RecommendationForm(GdsModelForm):
    due = DateField(label="Due date", what="the date the recommendation is due", required=False)
    completed_on = DateField(label="Date completed", what="the date it was completed", required=False)

    class Meta:
        model = Recommendation
        fields = ["text", "owner", "due", "completed_on"]
        labels = {"owner": "Organisation responsible"}
        error_messages = {
            "text": {"required": "Enter the recommendation"},
            "owner": {"required": "Select the organisation responsible"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organisations(self, "owner")
        self.helper.layout = Layout(
            Field.textarea("text", rows=3),
            Field.select("owner"),
            Field("due"),
            Field("completed_on"),
        )
