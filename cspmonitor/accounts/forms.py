from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
)


def _gds_helper(form, *fields) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False
    helper.label_size = Size.SMALL
    if fields:
        helper.layout = Layout(*fields)
    return helper


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been switched off",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.helper = _gds_helper(self, Field.text("username"), Field.text("password"))


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        max_length=20,
        error_messages={"required": "Enter your security code"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, verify, **kwargs):
        super().__init__(*args, **kwargs)
        self._verify = verify
        self.device = None
        self.helper = _gds_helper(self, Field.text("token", field_width=10))

    def clean_token(self):
        token = self.cleaned_data["token"]
        self.device = self._verify(token)
        if self.device is None:
            raise forms.ValidationError("The security code is wrong or has been used: try again")
        return token


class GdsPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.gov.uk"
        )
        self.helper = _gds_helper(self, Field.text("email"))


class GdsSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.helper = _gds_helper(self, Field.text("new_password1"), Field.text("new_password2"))
