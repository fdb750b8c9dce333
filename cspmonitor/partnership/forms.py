"""Forms for the partnership registry, rendered with crispy-forms-gds."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from cspmonitor.forms import DateField
from cspmonitor.partnership.models import Group, Meeting, Organisation, Partnership


class GdsModelForm(forms.ModelForm):
    """A model form laid out on the GOV.UK Design System; the page supplies the <form>."""

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL

    def unique_name(self, message: str) -> str:
        """The cleaned name, refused when another record of this partnership has it (any case)."""
        name = self.cleaned_data["name"].strip()
        model = self._meta.model
        others = model.objects.filter(partnership=self.partnership, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(message)
        return name


class OrganisationForm(GdsModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "type", "membership", "website"]
        error_messages = {
            "name": {"required": "Enter the organisation's name"},
            "type": {"required": "Select the type of organisation"},
            "membership": {"required": "Select whether it is a responsible authority or co-opted"},
            "website": {
                "invalid": "Enter the website address in the right format, like https://www.example.org"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("type"),
            Field.radios("membership", inline=True),
            Field.text("website", field_width=None),
        )

    def clean_name(self):
        return self.unique_name("An organisation with this name is already in the partnership")


class GroupForm(GdsModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "cadence", "purpose", "chair_organisation", "parent"]
        labels = {
            "kind": "Kind of group",
            "cadence": "How often it meets",
            "chair_organisation": "Chaired by",
            "parent": "Reports to",
        }
        error_messages = {
            "name": {"required": "Enter the group's name"},
            "kind": {"required": "Select the kind of group"},
            "cadence": {"required": "Select how often the group meets"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair_organisation"].queryset = self.partnership.organisations.all()
        parents = self.partnership.groups.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("kind"),
            Field.select("cadence"),
            Field.textarea("purpose", rows=3),
            Field.select("chair_organisation"),
            Field.select("parent"),
        )

    def clean_name(self):
        return self.unique_name("A group with this name is already in the partnership")

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        ancestor = parent
        while ancestor is not None and self.instance.pk:
            if ancestor.pk == self.instance.pk:
                raise forms.ValidationError("A group cannot report to itself or to a group below it")
            ancestor = ancestor.parent
        return parent


class MeetingForm(GdsModelForm):
    date = DateField(
        what="the date of the meeting", label="Date of the meeting", help_text="For example, 21 9 2023"
    )

    class Meta:
        model = Meeting
        fields = ["group", "date", "organisations_present", "notes", "decisions", "classification"]
        labels = {"group": "Group", "organisations_present": "Organisations present"}
        widgets = {"organisations_present": forms.CheckboxSelectMultiple}
        error_messages = {"group": {"required": "Select the group that met"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = self.partnership.groups.all()
        self.fields["organisations_present"].queryset = self.partnership.organisations.all()
        self.fields[
            "classification"
        ].help_text = "Choose OFFICIAL-SENSITIVE for notes about individuals or casework."
        self.helper.layout = Layout(
            Field.select("group"),
            Field("date"),
            Field.checkboxes("organisations_present", small=True),
            Field.textarea("notes", rows=5),
            Field.textarea("decisions", rows=4),
            Field.radios("classification"),
        )
