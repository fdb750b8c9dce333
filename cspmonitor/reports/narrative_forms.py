"""The form for one section of a report's wording (GOV.UK Design System)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from cspmonitor.reports.narrative import Part, Section

STANDARD = "Leave it empty to use the standard wording."


def _hint(part: Part) -> str:
    paragraphs = "Write one paragraph a line. " if part.paragraphs else ""
    return " ".join(filter(None, [part.hint, paragraphs + STANDARD]))


class SectionTextForm(forms.Form):
    """One field per part of ``section``, showing the saved wording or else the standard one."""

    def __init__(self, *args, section: Section, saved: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        layout = []
        for part in section.parts:
            self.fields[part.field_name] = forms.CharField(
                label=part.label,
                help_text=_hint(part),
                required=False,
                max_length=part.max_length,
                initial=saved.get(part.key) or part.default,
                widget=forms.TextInput if part.short else forms.Textarea,
                error_messages={
                    "max_length": f"{part.label} must be {part.max_length:,} characters or fewer"
                },
            )
            # No maxlength attribute: the GOV.UK pattern lets people type on and then says what
            # is too long, rather than silently cutting off what they paste.
            self.fields[part.field_name].widget.attrs.pop("maxlength", None)
            if part.short:
                layout.append(Field.text(part.field_name))
            else:
                layout.append(
                    Field.textarea(
                        part.field_name, rows=8 if part.paragraphs else 4, max_characters=part.max_length
                    )
                )
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(*layout)

    def values(self) -> dict[str, str]:
        """The cleaned wording by narrative key."""
        return {part.key: self.cleaned_data[part.field_name] for part in self.section.parts}
