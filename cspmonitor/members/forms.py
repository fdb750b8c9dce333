"""Forms for inviting members and accepting an invitation (GOV.UK Design System)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.auth import password_validation

from cspmonitor.accounts.models import Role


def _helper(form: forms.Form, *fields) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the right format, like name@example.org",
        },
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        help_text="Administrators, officers and panel members may see OFFICIAL-SENSITIVE records: "
        "they sign in with an authenticator app as well as a password.",
        error_messages={"required": "Select their role"},
    )
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="None",
        help_text="The organisation they work for. A partner lead must have one.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partnership.organisations.all()  # type: ignore[attr-defined]
        self.helper = _helper(self, Field.text("email"), Field.radios("role"), Field.select("organisation"))

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PARTNER_LEAD and not data.get("organisation"):
            self.add_error("organisation", "Select the organisation a partner lead works for")
        return data


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password.",
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = _helper(self, Field.text("password1"), Field.text("password2"))

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same")
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
