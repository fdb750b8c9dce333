"""Who may do what in a partnership. Deny by default.

Every rule here is one small function with a test per persona
(tests/accounts/test_permissions.py and the URL permission matrix).
"""

from __future__ import annotations

from dataclasses import dataclass

from cspmonitor.accounts.models import (
    CLEARED_ROLES,
    EDITOR_ROLES,
    Classification,
    Membership,
    Role,
)


def may_see(classification: str, *, member: bool, cleared: bool) -> bool:
    """The one rule for classified records: members see OFFICIAL, the cleared also
    OFFICIAL-SENSITIVE, and an unknown marking is treated as the most restrictive."""
    if not member:
        return False
    if classification == Classification.OFFICIAL:
        return True
    if classification == Classification.OFFICIAL_SENSITIVE:
        return cleared
    return False


@dataclass(frozen=True)
class Access:
    """What one signed-in person may do in one partnership, worked out once per request."""

    membership: Membership | None
    verified: bool  # signed in with a second factor this session

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def can_edit_registry(self) -> bool:
        """Organisations, groups and meetings: administrators and officers."""
        return self.role in EDITOR_ROLES

    def can_edit_organisation(self, organisation_id: int) -> bool:
        """Editors, or the partner lead of that very organisation."""
        return self.acts_for(organisation_id)

    def acts_for(self, organisation_id: int | None) -> bool:
        """May record and change work led by this organisation: its actions' updates, its
        outputs, its quarterly return. Editors act for every organisation; a partner lead
        only for their own."""
        if self.can_edit_registry:
            return True
        return (
            organisation_id is not None
            and self.role == Role.PARTNER_LEAD
            and self.membership is not None
            and self.membership.organisation_id == organisation_id
        )

    @property
    def can_edit_plan(self) -> bool:
        """The plan itself (priorities, objectives, actions): administrators and officers."""
        return self.role in EDITOR_ROLES

    @property
    def can_record_activity(self) -> bool:
        """May record updates and outputs for at least one organisation."""
        return self.role in EDITOR_ROLES or self.role == Role.PARTNER_LEAD

    @property
    def can_see_history(self) -> bool:
        """The change history of the plan (who changed what): administrators and officers."""
        return self.role in EDITOR_ROLES

    @property
    def can_manage_reviews(self) -> bool:
        """Statutory reviews (a homicide review's record, pauses and action plan; the Serious
        Violence Duty's milestones and updates): administrators and officers. Panel members
        read the reviews they are cleared for but change nothing: the officers running a
        review record what the panel agrees."""
        return self.role in EDITOR_ROLES

    @property
    def can_run_assessment(self) -> bool:
        """Start a strategic assessment run: administrators and officers."""
        return self.role in EDITOR_ROLES

    @property
    def can_manage_calendar(self) -> bool:
        """Who answers for each statutory duty, and the facts its dates follow: administrators
        and officers."""
        return self.role in EDITOR_ROLES

    @property
    def can_generate_report(self) -> bool:
        """Generate a report (any edition this person may see): administrators and officers."""
        return self.role in EDITOR_ROLES

    @property
    def can_edit_report_text(self) -> bool:
        """The annual report's narrative wording: administrators and officers."""
        return self.role in EDITOR_ROLES

    @property
    def can_manage_asb_case_reviews(self) -> bool:
        """Record and decide ASB case reviews (OFFICIAL-SENSITIVE casework): administrators and
        officers signed in with two factors."""
        return self.role in EDITOR_ROLES and self.cleared_for_sensitive

    @property
    def can_declassify(self) -> bool:
        """Record that a record following a restricted one may be OFFICIAL, with the reason:
        administrators and officers signed in with two factors (they must see it to judge it)."""
        return self.role in EDITOR_ROLES and self.cleared_for_sensitive

    @property
    def can_read_access_log(self) -> bool:
        """Who looked at a review, and when: administrators signed in with two factors."""
        return self.role == Role.ADMINISTRATOR and self.verified

    @property
    def can_manage_members(self) -> bool:
        """Invite people, and reset a member's second factor: the partnership's administrators."""
        return self.role == Role.ADMINISTRATOR

    def organisations_acted_for(self, partnership) -> list:
        """The organisations whose returns this person may fill in."""
        organisations = partnership.organisations.all()
        if self.can_edit_registry:
            return list(organisations)
        if self.role == Role.PARTNER_LEAD and self.membership is not None:
            return list(organisations.filter(pk=self.membership.organisation_id))
        return []

    @property
    def cleared_for_sensitive(self) -> bool:
        """OFFICIAL-SENSITIVE needs a cleared role *and* a two-factor sign-in."""
        return self.role in CLEARED_ROLES and self.verified

    def can_see(self, classification: str) -> bool:
        return may_see(classification, member=self.is_member, cleared=self.cleared_for_sensitive)

    def visible_classifications(self) -> list[str]:
        return [value for value in Classification.values if self.can_see(value)]


def access_for(user, partnership) -> Access:
    """The access ``user`` has to ``partnership``; outsiders and anonymous users get none."""
    if not user.is_authenticated:
        return Access(membership=None, verified=False)
    membership = user.membership_in(partnership)
    verified = bool(getattr(user, "is_verified", lambda: False)())
    return Access(membership=membership, verified=verified)


@dataclass(frozen=True)
class Clearance:
    """What a command, a reminder run or a download may include, standing in for a person's
    `Access` wherever records are filtered (`visible_to`), by the same rule (`may_see`)."""

    sensitive: bool

    def can_see(self, classification: str) -> bool:
        return may_see(classification, member=True, cleared=self.sensitive)

    def visible_classifications(self) -> list[str]:
        return [value for value in Classification.values if self.can_see(value)]


EVERYTHING = Clearance(sensitive=True)
OFFICIAL_ONLY = Clearance(sensitive=False)


def download_clearance(request, access: Access) -> Access | Clearance:
    """What a file downloaded from the site may hold: OFFICIAL rows only, unless the person asks
    for the restricted ones too (``?restricted=yes``, like the commands' --include-restricted)
    and is cleared to see them. A file leaves the site, so restricted rows never go in unasked."""
    if request.GET.get("restricted") == "yes" and access.can_see(Classification.OFFICIAL_SENSITIVE):
        return access
    return OFFICIAL_ONLY
