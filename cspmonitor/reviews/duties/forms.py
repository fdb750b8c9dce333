"""Forms of the statutory calendar (GOV.UK Design System)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from cspmonitor.accounts.models import CLEARED_ROLES, User
from cspmonitor.forms import DateField
from cspmonitor.partnership.forms import GdsModelForm
from cspmonitor.reviews.duties import services
from cspmonitor.reviews.duties.models import CalendarSettings, ObligationOwner
from cspmonitor.reviews.duties.services import Duty


class CalendarSettingsForm(GdsModelForm):
    last_scrutiny = DateField(
        label="Date the crime and disorder committee last reviewed the partnership",
        what="the date the committee last reviewed the partnership",
        required=False,
        help_text="The next review is due within 12 months of it. For example, 18 7 2023.",
    )
    last_asb_publication = DateField(
        label="Date the ASB Case Review figures were last published",
        what="the date the ASB Case Review figures were last published",
        required=False,
        help_text="They must be published again within 12 months.",
    )
    svd_strategy_ends = DateField(
        label="Last day of the current Serious Violence Duty strategy",
        what="the last day of the current Serious Violence Duty strategy",
        required=False,
        help_text="The next strategy is due by then. For example, 31 3 2027 for a 2024 to 2027 strategy.",
    )

    class Meta:
        model = CalendarSettings
        fields = ["last_scrutiny", "last_asb_publication", "svd_strategy_ends", "reminder_lead_days"]
        error_messages = {
            "reminder_lead_days": {
                "required": "Enter how many days before a due date to send a reminder",
                "invalid": "Enter the days before a due date as a whole number, like 14",
                "min_value": "The days before a due date must be 0 or more",
                "max_value": "The days before a due date must be 365 or fewer",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field("last_scrutiny"),
            Field("last_asb_publication"),
            Field("svd_strategy_ends"),
            Field.text("reminder_lead_days", field_width=3),
        )


class ObligationOwnerForm(GdsModelForm):
    """The officer responsible for one duty: a member of the partnership and, for review
    deadlines, one whose role may see OFFICIAL-SENSITIVE casework."""

    class Meta:
        model = ObligationOwner
        fields = ["user", "remind_days_before"]
        error_messages = {
            "user": {
                "required": "Select the responsible officer",
                "invalid_choice": "Select a member of the partnership",
            },
            "remind_days_before": {
                "invalid": "Enter the days before the due date as a whole number, like 14",
                "min_value": "The days before the due date must be 0 or more",
                "max_value": "The days before the due date must be 365 or fewer",
            },
        }

    def __init__(self, *args, duty: Duty, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.key = duty.key
        members = self.partnership.memberships.all()
        if duty.restricted:
            members = members.filter(role__in=CLEARED_ROLES)
        user = self.fields["user"]
        user.queryset = User.objects.filter(pk__in=members.values("user")).order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "email"
        )
        user.label_from_instance = lambda u: f"{u} ({u.email})"  # type: ignore[attr-defined]
        if duty.restricted:
            user.help_text = "Only people whose role may see OFFICIAL-SENSITIVE reviews are listed."
        self.helper.layout = Layout(
            Field.select("user"),
            Field.text("remind_days_before", field_width=3),
        )

    def save(self, commit: bool = True) -> ObligationOwner:
        owner = super().save(commit=False)
        owner.partnership = self.partnership
        if commit:
            owner.save()
        return owner


class ObligationDoneForm(forms.Form):
    done_on = DateField(label="Date done", what="the date it was done", help_text="For example, 27 3 2026.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(Field("done_on"))

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > services.today():
            raise forms.ValidationError("The date done must be today or in the past")
        return done_on
