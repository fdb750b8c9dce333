"""Forms for making a plan and refreshing it each year (GOV.UK Design System)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils import timezone

from cspmonitor.crime.models import Assessment
from cspmonitor.forms import DateField
from cspmonitor.partnership.forms import GdsModelForm
from cspmonitor.partnership.models import Organisation
from cspmonitor.periods import FinancialYear
from cspmonitor.plans import planning
from cspmonitor.plans.models import Plan, Priority


class PlanForm(GdsModelForm):
    """A new plan (or a change to one): its years, title and the assessment it rests on."""

    first_year = forms.TypedChoiceField(label="First year", coerce=int)
    adopted_on = DateField(label="Date adopted", what="the date the plan was adopted", required=False)
    start_from_last = forms.BooleanField(
        label="Start from the last plan: copy its priorities still in force, their objectives and "
        "unfinished actions",
        required=False,
    )

    class Meta:
        model = Plan
        fields = ["title", "first_year", "years", "assessment", "adopted_on", "adopted_by", "summary"]
        labels = {"years": "How many years it covers"}
        error_messages = {
            "title": {"required": "Enter the plan's title"},
            "years": {"required": "Enter how many years the plan covers, usually 3"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = FinancialYear.containing(timezone.localdate()).first_year
        self.fields["first_year"].choices = [
            (y, f"{FinancialYear(y).label} (April {y} to March {y + 1})")
            for y in range(this_year - 3, this_year + 4)
        ]
        self.fields["first_year"].error_messages["required"] = "Select the plan's first year"
        self.fields["assessment"].queryset = Assessment.objects.filter(
            partnership=self.partnership, status=Assessment.Status.DONE
        )
        self.fields["assessment"].label_from_instance = lambda a: f"Strategic assessment {a.year}"
        self.fields["assessment"].label = "The strategic assessment it rests on"
        self.fields["adopted_by"].queryset = self.partnership.groups.all()
        self.last_plan = self.partnership.plans.exclude(pk=self.instance.pk).first()
        fields = [
            Field.text("title"),
            Field.select("first_year"),
            Field.text("years", field_width=2),
            Field.select("assessment"),
            Field("adopted_on"),
            Field.select("adopted_by"),
            Field.textarea("summary", rows=4),
        ]
        if self.last_plan is None or self.instance.pk:
            del self.fields["start_from_last"]
        else:
            self.fields["start_from_last"].label = (
                f"Start from {self.last_plan.title}: copy its priorities still in force, their "
                "objectives and unfinished actions"
            )
            fields.append(Field.checkbox("start_from_last"))
        self.helper.layout = Layout(*fields)

    def clean_years(self) -> int:
        years = self.cleaned_data["years"]
        if not 1 <= years <= 5:
            raise forms.ValidationError("A plan covers from 1 to 5 years")
        return years

    def clean(self):
        cleaned = super().clean()
        first, years = cleaned.get("first_year"), cleaned.get("years")
        if first and years:
            other = planning.overlapping(self.partnership, first, years, exclude=self.instance)
            if other is not None:
                self.add_error(
                    "first_year",
                    f"{other.title} already covers {other.period}; a year has one plan, so start this "
                    "one after it",
                )
        return cleaned


class RefreshForm(forms.Form):
    """The yearly refresh: which unfinished actions to carry on, which priorities to retire, and
    any priority adopted, each with its evidence and the date."""

    refreshed_on = DateField(label="Date of the refresh", what="the date the plan was refreshed")
    summary = forms.CharField(
        label="What the review found and changed",
        widget=forms.Textarea,
        error_messages={"required": "Describe what the yearly review found and changed"},
    )
    carry = forms.MultipleChoiceField(
        label="Unfinished actions to carry into the year",
        help_text="Each ticked action runs on through the year; last year keeps its original due date.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    retire = forms.MultipleChoiceField(
        label="Priorities to retire", required=False, widget=forms.CheckboxSelectMultiple
    )
    retirement_reason = forms.CharField(
        label="Why they are retired (the evidence)", widget=forms.Textarea, required=False
    )
    new_title = forms.CharField(label="New priority adopted (leave blank for none)", required=False)
    new_lead: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Organisation leading it", queryset=Organisation.objects.none(), required=False
    )
    new_evidence = forms.ChoiceField(
        label="Evidence for it",
        choices=[("", "Select the evidence")] + Priority.Evidence.choices,
        required=False,
    )
    new_evidence_detail = forms.CharField(label="Where the evidence came from", required=False)

    def __init__(self, *args, plan: Plan, year: FinancialYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.year = plan, year
        self.unfinished = planning.unfinished_actions(plan, year)
        self.in_force = planning.priorities_in_force(plan, year)
        self.fields["carry"].choices = [  # type: ignore[attr-defined]
            (
                str(found.action.pk),
                f"{found.action.reference} {found.action.title} ({found.get_status_display().lower()}, "
                f"due {found.due:%-d %B %Y})",
            )
            for found in self.unfinished
        ]
        self.fields["retire"].choices = [(str(p.pk), p.title) for p in self.in_force]  # type: ignore[attr-defined]
        self.fields["new_lead"].queryset = plan.partnership.organisations.all()  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("carry", [str(found.action.pk) for found in self.unfinished])
            self.initial.setdefault("refreshed_on", year.start)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        layout = [Field("refreshed_on"), Field.textarea("summary", rows=4)]
        if self.unfinished:
            layout.append(Field.checkboxes("carry"))
        if self.in_force:
            layout += [Field.checkboxes("retire"), Field.textarea("retirement_reason", rows=3)]
        layout += [
            Field.text("new_title"),
            Field.select("new_lead"),
            Field.select("new_evidence"),
            Field.text("new_evidence_detail"),
        ]
        self.helper.layout = Layout(*layout)

    def clean_refreshed_on(self):
        day = self.cleaned_data["refreshed_on"]
        if FinancialYear.containing(day) not in (self.year, FinancialYear(self.year.first_year - 1)):
            raise forms.ValidationError(
                f"The date of the refresh must fall in {self.year.label} or the year before it"
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("retire") and not cleaned.get("retirement_reason", "").strip():
            self.add_error("retirement_reason", "Give the evidence for retiring the priorities ticked")
        if cleaned.get("new_title", "").strip():
            title = cleaned["new_title"].strip()
            if self.plan.priorities.filter(title__iexact=title).exists():
                self.add_error("new_title", f"The plan already has a priority called {title}")
            if not cleaned.get("new_lead"):
                self.add_error("new_lead", "Select the organisation leading the new priority")
            if not cleaned.get("new_evidence"):
                self.add_error("new_evidence", "Select the evidence for the new priority")
        return cleaned

    def save(self):
        cleaned = self.cleaned_data
        carry_ids = {int(pk) for pk in cleaned["carry"]}
        retire_ids = {int(pk) for pk in cleaned["retire"]}
        adopt = None
        if cleaned.get("new_title", "").strip():
            adopt = planning.NewPriority(
                title=cleaned["new_title"].strip(),
                lead_organisation=cleaned["new_lead"],
                evidence=cleaned["new_evidence"],
                evidence_detail=cleaned.get("new_evidence_detail", ""),
            )
        return planning.refresh(
            self.plan,
            self.year,
            refreshed_on=cleaned["refreshed_on"],
            summary=cleaned["summary"],
            carry=[f.action for f in self.unfinished if f.action.pk in carry_ids],
            retire=[p for p in self.in_force if p.pk in retire_ids],
            retirement_reason=cleaned.get("retirement_reason", ""),
            adopt=adopt,
        )
