"""Forms for the plan, its actions and their quarterly updates (GOV.UK Design System)."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from cspmonitor.crime.models import Assessment
from cspmonitor.forms import DateField
from cspmonitor.partnership.forms import GdsModelForm
from cspmonitor.periods import FinancialYear, Quarter, quarter_choices
from cspmonitor.plans.models import Action, Objective, Priority, ProgressUpdate


def _organisations(form: GdsModelForm, *names: str) -> None:
    for name in names:
        form.fields[name].queryset = form.partnership.organisations.all()  # type: ignore[attr-defined]


def _radios(form: GdsModelForm, *names: str) -> None:
    """Show short choice lists as GOV.UK radios (without Django's "---------" blank choice)."""
    for name in names:
        field = form.fields[name]
        field.choices = [(value, label) for value, label in field.choices if value != ""]  # type: ignore[attr-defined]
        field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[attr-defined]


class PriorityForm(GdsModelForm):
    adopted_on = DateField(label="Date adopted", what="the date the priority was adopted", required=False)
    retired_on = DateField(label="Date retired", what="the date the priority was retired", required=False)

    class Meta:
        model = Priority
        fields = [
            "title",
            "kind",
            "description",
            "lead_organisation",
            "adopted_on",
            "adopted_by",
            "evidence",
            "evidence_detail",
            "assessment",
            "status",
            "retired_on",
            "retirement_reason",
            "order",
        ]
        error_messages = {
            "title": {"required": "Enter the priority's title"},
            "lead_organisation": {"required": "Select the organisation leading the priority"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organisations(self, "lead_organisation")
        self.fields["adopted_by"].queryset = self.partnership.groups.all()
        self.fields["assessment"].queryset = Assessment.objects.filter(
            partnership=self.partnership, status=Assessment.Status.DONE
        )
        self.fields["assessment"].label_from_instance = lambda a: f"Strategic assessment {a.year}"
        self.fields["assessment"].label = "The strategic assessment it came from"
        _radios(self, "kind", "evidence", "status")
        self.helper.layout = Layout(
            Field.text("title"),
            Field.radios("kind"),
            Field.textarea("description", rows=4),
            Field.select("lead_organisation"),
            Field("adopted_on"),
            Field.select("adopted_by"),
            Field.radios("evidence"),
            Field.textarea("evidence_detail", rows=3),
            Field.select("assessment"),
            Field.radios("status", inline=True),
            Field("retired_on"),
            Field.textarea("retirement_reason", rows=3),
            Field.text("order", field_width=4),
        )


class ObjectiveForm(GdsModelForm):
    class Meta:
        model = Objective
        fields = ["priority", "title", "description", "order"]
        error_messages = {"title": {"required": "Enter the objective or workstream's title"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.for_partnership(self.partnership)
        self.helper.layout = Layout(
            Field.select("priority"),
            Field.text("title"),
            Field.textarea("description", rows=4),
            Field.text("order", field_width=4),
        )


class ActionForm(GdsModelForm):
    start_date = DateField(label="Start date", what="the date the action starts")
    due_date = DateField(label="Due date", what="the date the action is due")

    class Meta:
        model = Action
        fields = [
            "objective",
            "reference",
            "title",
            "description",
            "lead_organisation",
            "owner",
            "start_date",
            "due_date",
            "status",
            "rag",
            "rag_reason",
        ]
        error_messages = {
            "reference": {"required": "Enter a short reference for the action, like CE-1"},
            "title": {"required": "Enter what the action is"},
            "lead_organisation": {"required": "Select the organisation leading the action"},
            "owner": {"required": "Enter the person or post accountable for the action"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(
            priority__plan__partnership=self.partnership
        ).select_related("priority")
        self.fields["objective"].label_from_instance = lambda o: f"{o.priority} — {o}"
        _organisations(self, "lead_organisation")
        _radios(self, "status", "rag")
        self.helper.layout = Layout(
            Field.select("objective"),
            Field.text("reference", field_width=10),
            Field.text("title"),
            Field.textarea("description", rows=4),
            Field.select("lead_organisation"),
            Field.text("owner"),
            Field("start_date"),
            Field("due_date"),
            Field.radios("status"),
            Field.radios("rag", inline=True),
            Field.textarea("rag_reason", rows=3),
        )


class ProgressUpdateForm(GdsModelForm):
    """A quarterly update on one action; the action is given, not chosen."""

    class Meta:
        model = ProgressUpdate
        fields = ["period", "status", "rag", "rag_reason", "narrative", "evidence_links"]
        error_messages = {
            "narrative": {"required": "Describe the progress made this quarter"},
            "status": {"required": "Select the action's status"},
            "rag": {"required": "Select a RAG rating"},
        }

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.action = action
        plan = action.objective.priority.plan
        first = FinancialYear(plan.first_year)
        last = FinancialYear(plan.last_year)
        self.fields["period"] = forms.ChoiceField(
            label="Quarter",
            choices=[("", "Select a quarter")] + quarter_choices(first, last),
            error_messages={
                "required": "Select the quarter this update covers",
                "invalid_choice": "Select a quarter within the plan's years",
            },
        )
        _radios(self, "status", "rag")
        self.helper.layout = Layout(
            Field.select("period"),
            Field.radios("status"),
            Field.radios("rag", inline=True),
            Field.textarea("rag_reason", rows=3),
            Field.textarea("narrative", rows=6),
            Field.textarea("evidence_links", rows=3),
        )

    def clean_period(self) -> str:
        """Refuse a quarter the action does not run in, naming the quarters it does."""
        period = self.cleaned_data["period"]
        action = self.instance.action
        open_quarters = action.open_quarters()
        if Quarter.parse(period) not in open_quarters:
            first, last = open_quarters[0], open_quarters[-1]
            span = first.label if first == last else f"{first.label} to {last.label}"
            raise forms.ValidationError(
                f"{action.reference} runs from {action.start_date:%-d %B %Y} to {action.runs_to:%-d %B %Y}, "
                f"so it takes updates for {span} only; to report on it in {period}, extend the action "
                "first (change its dates, or carry it into the year when the plan is refreshed)"
            )
        return period

    def validate_unique(self):
        # One update a quarter: a second for the same quarter replaces the first (see save).
        pass

    def save(self, commit: bool = True) -> ProgressUpdate:
        """Save, replacing any earlier update for the same quarter, then set the action's status.

        Two people (or a double-clicked button) saving the same action's quarter at once both
        succeed, the later replacing the earlier: the action's row is locked for the update on
        PostgreSQL, and where that cannot serialise them (SQLite has no row locks) an insert
        that loses the race becomes a replacement of the winner's row.
        """
        update = self.instance
        update.written_at = timezone.now()
        with transaction.atomic():
            Action.objects.select_for_update().filter(pk=update.action_id).exists()
            existing = ProgressUpdate.objects.filter(action=update.action, period=update.period).first()
            if existing is not None and existing.pk != update.pk:
                update.pk = existing.pk
            try:
                with transaction.atomic():
                    update.save()
            except IntegrityError:
                update.pk = ProgressUpdate.objects.get(action=update.action, period=update.period).pk
                update.save(force_update=True)
            update.action.apply_latest_update()
        return update


class DeclassifyForm(forms.Form):
    """The reason a restricted record may be OFFICIAL: recorded with who decided and when."""

    reason = forms.CharField(
        label="Why may this action be OFFICIAL?",
        help_text="Say why it reveals nothing about the restricted case it follows. The reason is "
        "recorded with your name and the time.",
        widget=forms.Textarea,
        error_messages={"required": "Give the reason the action may be OFFICIAL"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms_gds.helper import FormHelper

        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.textarea("reason", rows=4))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Give the reason the action may be OFFICIAL")
        return reason
