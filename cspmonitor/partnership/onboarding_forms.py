"""The form a site administrator corrects a partnership's details in before creating it."""

from __future__ import annotations

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from cspmonitor.analysis import national
from cspmonitor.partnership.onboarding import Proposal
from cspmonitor.partnership.reference import reference_dir

_CODES = re.compile(r"[EW]\d{8}")


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Partnership or district name",
        help_text="For example Colchester, East Suffolk or Cardiff.",
        max_length=100,
        error_messages={"required": "Enter part of the partnership's or a district's name"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.text("q", field_width=20))


class ProposalForm(forms.Form):
    """The lookups' answer, each part correctable; districts and LSOAs as codes."""

    name = forms.CharField(max_length=200, error_messages={"required": "Enter the partnership's name"})
    slug = forms.SlugField(
        label="Web address",
        help_text="Lower-case letters, numbers and hyphens: the partnership's pages are at /p/<this>/.",
        error_messages={
            "required": "Enter the web address",
            "invalid": "Use only lower-case letters, numbers and hyphens",
        },
    )
    districts = forms.CharField(
        label="District codes",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="April 2023 ONS district codes, separated by spaces or new lines.",
        error_messages={"required": "Enter at least one district code"},
    )
    police_uk_force = forms.SlugField(
        label="police.uk force",
        help_text="The identifier police.uk uses in its file names, such as suffolk.",
        error_messages={"required": "Enter the police.uk force"},
    )
    explicit_lsoas = forms.CharField(
        label="LSOAs of split districts",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only where a district is split between partnerships: the 2021 LSOA codes of "
        "this partnership's part. Leave empty to take every district whole.",
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": proposal.name,
                "slug": proposal.slug,
                "districts": " ".join(code for code, _ in proposal.districts),
                "police_uk_force": proposal.police_uk_force,
                "explicit_lsoas": " ".join(proposal.explicit_lsoas),
            },
        )
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("slug", field_width=20),
            Field.textarea("districts"),
            Field.text("police_uk_force", field_width=20),
            Field.textarea("explicit_lsoas"),
        )

    def clean_districts(self) -> list[tuple[str, str]]:
        names = national.district_names(reference_dir())
        codes = self.cleaned_data["districts"].upper().split()
        wrong = [c for c in codes if not _CODES.fullmatch(c) or c not in names]
        if wrong:
            raise forms.ValidationError(
                f"{', '.join(wrong)} is not an April 2023 district code in the ONS lookup, like E07000200"
            )
        return [(code, names[code]) for code in dict.fromkeys(codes)]

    def clean_explicit_lsoas(self) -> list[str]:
        codes = self.cleaned_data["explicit_lsoas"].replace(",", " ").upper().split()
        wrong = [c for c in codes if not re.fullmatch(r"[EW]01\d{6}", c)]
        if wrong:
            raise forms.ValidationError(f"{', '.join(wrong[:3])} is not an LSOA code, like E01029870")
        return sorted(set(codes))

    def corrected(self) -> Proposal:
        """The proposal with the administrator's corrections (counties follow the districts)."""
        data = self.cleaned_data
        return Proposal(
            ons_code=self.proposal.ons_code,
            name=data["name"].strip(),
            slug=data["slug"],
            districts=data["districts"],
            counties=national.counties(reference_dir(), [c for c, _ in data["districts"]]),
            force_area=self.proposal.force_area,
            police_uk_force=data["police_uk_force"],
            explicit_lsoas=data["explicit_lsoas"],
        )
