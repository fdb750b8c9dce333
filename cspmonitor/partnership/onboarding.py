"""Start a partnership from the ONS lookups: the service behind the page and the command.

`propose` fills in everything the lookups know (districts, county, police force area and its
police.uk force, and the LSOAs of a split district); the site administrator may correct it;
`create` saves it in one transaction and makes the creator its administrator, so nobody is
locked out of a partnership they have just made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from cspmonitor.accounts.models import Membership, Role
from cspmonitor.analysis import areas, national
from cspmonitor.partnership.models import Area, Partnership
from cspmonitor.partnership.reference import reference_dir

#: Paths under /p/ that are pages, not partnerships.
RESERVED_SLUGS = frozenset({"new"})


class OnboardingError(ValueError):
    """The partnership cannot be created; the message says why and what to do."""


@dataclass
class Proposal:
    """A partnership as the ONS lookups describe it, ready to be corrected and saved."""

    ons_code: str
    name: str
    slug: str
    districts: list[tuple[str, str]]
    counties: list[tuple[str, str]]
    force_area: tuple[str, str]
    police_uk_force: str
    explicit_lsoas: list[str] = field(default_factory=list)


def search(text: str) -> list[national.PartnershipRecord]:
    """Partnerships in the ONS lookup whose name, or a district's name, contains ``text``."""
    return national.search_partnerships(reference_dir(), text)


def propose(ons_code: str) -> Proposal:
    """The proposal for ``ons_code``, or `OnboardingError` if unknown or already set up."""
    code = ons_code.strip().upper()
    record = national.partnerships(reference_dir()).get(code)
    if record is None:
        raise OnboardingError(
            f"{code or 'That'} is not a Community Safety Partnership code in the ONS lookup "
            "(December 2023): codes start E22 in England and W14 in Wales."
        )
    refuse_existing(code, _full_name(record.name))
    return Proposal(
        ons_code=code,
        name=_full_name(record.name),
        slug=slugify(record.name),
        districts=list(record.districts),
        counties=national.counties(reference_dir(), record.district_codes),
        force_area=(record.force_area_code, record.force_area_name),
        police_uk_force=record.police_uk_force,
        explicit_lsoas=areas.default_explicit_lsoas(reference_dir(), record),
    )


def _full_name(ons_name: str) -> str:
    return f"{ons_name} Community Safety Partnership"


def refuse_existing(ons_code: str, name: str, slug: str = "") -> None:
    """Raise `OnboardingError` when a partnership with this code, name or address exists."""
    if ons_code and Partnership.objects.filter(ons_code=ons_code).exists():
        raise OnboardingError(f"A partnership with the ONS code {ons_code} already exists.")
    if Partnership.objects.filter(name__iexact=name).exists():
        raise OnboardingError(f"A partnership called {name} already exists.")
    if slug in RESERVED_SLUGS or (slug and Partnership.objects.filter(slug=slug).exists()):
        raise OnboardingError(f"The web address /p/{slug}/ is taken: choose another.")


@transaction.atomic
def create(proposal: Proposal, administrator=None) -> Partnership:
    """Save the partnership with its areas; ``administrator`` (a user) becomes its administrator."""
    refuse_existing(proposal.ons_code, proposal.name, proposal.slug)
    # Checked before saving: an area the assessment cannot read is better refused now.
    areas.partnership_area(reference_dir(), dict(proposal.districts), proposal.explicit_lsoas)
    partnership = Partnership.objects.create(
        name=proposal.name,
        slug=proposal.slug,
        ons_code=proposal.ons_code,
        explicit_lsoas="\n".join(proposal.explicit_lsoas),
    )
    rows = [Area(kind=Area.Kind.DISTRICT, ons_code=c, name=n) for c, n in proposal.districts]
    rows += [Area(kind=Area.Kind.COUNTY, ons_code=c, name=n) for c, n in proposal.counties]
    rows.append(
        Area(
            kind=Area.Kind.POLICE_FORCE_AREA,
            ons_code=proposal.force_area[0],
            name=proposal.force_area[1],
            police_uk_force=proposal.police_uk_force,
        )
    )
    for area in rows:
        area.partnership = partnership
    Area.objects.bulk_create(rows)
    if administrator is not None:
        Membership.objects.create(user=administrator, partnership=partnership, role=Role.ADMINISTRATOR)
    return partnership
