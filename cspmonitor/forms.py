"""Form pieces shared by every app."""

from __future__ import annotations

import datetime as dt

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class DateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that name the date.

    With ``label="Date of the meeting"`` and ``what="the date of the meeting"`` the
    messages read "Enter the date of the meeting" and "Date of the meeting must be
    a real date", as the Design System asks.
    """

    def __init__(self, *, label: str, what: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_messages.update(
            required=f"Enter {what}",
            incomplete=f"Enter {what} as a day, month and year",
            invalid=f"{label} must be a real date",
        )

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return dt.date(day=int(day), month=int(month), year=int(year))
        except ValueError:
            # The stock field shows Python's own message ("day is out of range for month").
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
