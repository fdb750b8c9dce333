"""Forms of the panels' case work (GOV.UK Design System, crispy-forms-gds)."""

from __future__ import annotations

from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms
from django.utils import timezone

from cspmonitor.forms import DateField
from cspmonitor.panels.models import Case, Disclosure, PanelMeeting, Risk
from cspmonitor.panels.rules import load
from cspmonitor.partnership.forms import GdsModelForm


def _date(label: str, required: bool = True) -> DateField:
    return DateField(label=label, what=label[0].lower() + label[1:], required=required)


def _radios(form: forms.BaseForm, *names: str) -> None:
    """Short choice lists as GOV.UK radios, without Django's "---------" blank choice."""
    for name in names:
        field = form.fields[name]
        field.choices = [(v, label) for v, label in field.choices if v != ""]  # type: ignore[attr-defined]
        field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[attr-defined]


class ReferralForm(GdsModelForm):
    """A referral to a panel: the case, why it meets the criteria, consent, and the first risk."""

    referred_on = _date("Date referred")
    criteria_met = forms.MultipleChoiceField(
        label="Which referral criteria does it meet?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the referral criteria the referral meets"},
    )
    risk_reasons = forms.CharField(label="Why this risk level", widget=forms.Textarea(attrs={"rows": 3}))
    subject_name = forms.CharField(
        label="Name (only if the panel needs it)",
        required=False,
        help_text="Personal details are kept apart from the case, seen only by the panel and erased "
        "after the retention period.",
    )
    subject_date_of_birth = _date("Date of birth", required=False)
    location = forms.CharField(label="Location of concern (optional)", required=False, max_length=200)

    class Meta:
        model = Case
        fields = [
            "reference",
            "subject_kind",
            "referred_by",
            "referrer",
            "referred_on",
            "reason",
            "criteria_met",
            "consent",
            "consent_basis",
            "risk",
        ]
        error_messages = {
            "reference": {"required": "Enter the case reference"},
            "subject_kind": {"required": "Select who or what the case is about"},
            "referred_by": {"required": "Select the referring organisation"},
            "referrer": {"required": "Enter who made the referral"},
            "reason": {"required": "Enter why it is referred"},
            "consent": {"required": "Select whether consent was given"},
            "consent_basis": {"required": "Enter the basis for sharing"},
            "risk": {"required": "Select the risk level"},
        }

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, partnership=panel.partnership, **kwargs)
        self.panel = panel
        self.criteria = load(panel.criteria)
        cast(forms.MultipleChoiceField, self.fields["criteria_met"]).choices = self.criteria.choices()
        cast(
            forms.ModelChoiceField, self.fields["referred_by"]
        ).queryset = panel.partnership.organisations.all()
        _radios(self, "subject_kind", "consent", "risk")
        self.helper.layout = Layout(
            Field.text("reference", field_width=10),
            Field.radios("subject_kind"),
            Fieldset(Field("referred_by"), Field.text("referrer"), Field("referred_on"), legend="Referral"),
            Field.textarea("reason", rows=4),
            Field.checkboxes("criteria_met"),
            Field.radios("consent"),
            Field.textarea("consent_basis", rows=3),
            Field.radios("risk", inline=True),
            Field.textarea("risk_reasons", rows=3),
            Fieldset(Field.text("subject_name"), Field("subject_date_of_birth"), legend="Personal details"),
            Field.text("location"),
        )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if Case.objects.filter(panel=self.panel, reference__iexact=reference).exists():
            raise forms.ValidationError("A case with this reference is already on the panel")
        return reference

    def clean(self):
        data = super().clean()
        if not self.panel.can_take_cases():
            raise forms.ValidationError(
                "The panel's information-sharing agreement has expired or is missing: it may take no "
                "new case until the agreement is reviewed"
            )
        if "criteria_met" in data:
            screening = self.criteria.screen(data["criteria_met"])
            if not screening.met:
                self.add_error("criteria_met", screening.explanation)
        return data

    def save(self, commit: bool = True) -> Case:
        case = super().save(commit=False)
        case.panel = self.panel
        return case

    @property
    def subject(self) -> dict:
        return {
            "name": self.cleaned_data.get("subject_name", ""),
            "date_of_birth": self.cleaned_data.get("subject_date_of_birth"),
        }


class RiskForm(forms.Form):
    level = forms.ChoiceField(
        label="Risk level",
        choices=Risk.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk level"},
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter the reasons"}
    )
    assessed_on = _date("Date assessed")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False


class MeetingForm(GdsModelForm):
    date = _date("Date of the meeting")

    class Meta:
        model = PanelMeeting
        fields = ["date"]

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, partnership=panel.partnership, **kwargs)
        self.panel = panel
        self.instance.panel = panel

    def clean_date(self):
        date = self.cleaned_data["date"]
        if PanelMeeting.objects.filter(panel=self.panel, date=date).exists():
            raise forms.ValidationError("The panel already has a meeting on this date")
        return date


class MinuteForm(forms.Form):
    """The minute of one case at one meeting, and an action agreed (all three action fields or none)."""

    discussion = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter the discussion"}
    )
    decision = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": "Enter the decision"}
    )
    action = forms.CharField(
        label="Action agreed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Owner organisation", required=False, queryset=None
    )
    due_on = _date("Action due date", required=False)

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = panel.organisations.all()
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("action", "").strip():
            if not data.get("owner"):
                self.add_error("owner", "Select the organisation that owns the action")
            if not data.get("due_on"):
                self.add_error("due_on", "Enter the action due date")
        return data

    @property
    def new_action(self) -> dict | None:
        text = self.cleaned_data.get("action", "").strip()
        if not text:
            return None
        return {
            "description": text,
            "owner": self.cleaned_data["owner"],
            "due_on": self.cleaned_data["due_on"],
        }


class ClosureForm(GdsModelForm):
    closed_on = _date("Date closed")

    class Meta:
        model = Case
        fields = ["closed_on", "outcome", "closure_note"]
        error_messages = {"outcome": {"required": "Select the reason for closure"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        _radios(self, "outcome")

    def clean_closed_on(self):
        closed_on = self.cleaned_data["closed_on"]
        if closed_on < self.instance.referred_on:
            raise forms.ValidationError("The date closed must be on or after the date referred")
        return closed_on


class DisclosureForm(GdsModelForm):
    disclosed_on = _date("Date given")

    class Meta:
        model = Disclosure
        fields = ["disclosed_to", "what", "purpose", "lawful_basis", "disclosed_on"]
        error_messages = {
            "disclosed_to": {"required": "Enter who the information was given to"},
            "what": {"required": "Enter what was given"},
            "purpose": {"required": "Enter why it was given"},
            "lawful_basis": {"required": "Enter the lawful basis"},
        }
