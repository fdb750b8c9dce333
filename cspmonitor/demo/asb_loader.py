"""Load the Western Suffolk ASB Case Review applications (illustrative, 2022-23). Idempotent:
each record is found by its natural key (an application by reference, a complaint by its dates,
agency and complainant, a recommendation by its text) and updated in place."""

from __future__ import annotations

import datetime as dt

from cspmonitor.demo import western_suffolk_asb as data
from cspmonitor.partnership.models import Area, Organisation, Partnership
from cspmonitor.reviews.asb.models import CaseReviewApplication, Complaint, Recommendation
from cspmonitor.reviews.asb.services import rule_set_version_on

_DATES = ("received_on", "acknowledged_on", "decided_on", "meeting_on", "escalation_requested_on")


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def load_asb_case_reviews(partnership: Partnership, organisations: dict[str, Organisation]) -> None:
    districts = {area.name: area for area in partnership.areas.filter(kind=Area.Kind.DISTRICT)}
    for entry in data.APPLICATIONS:
        fields = {k: v for k, v in entry.items() if k not in ("reference", "complaints", "recommendations")}
        fields["area"] = districts[fields["area"]]
        for name in _DATES:
            fields[name] = _date(fields.get(name))
        fields["rule_set_version"] = rule_set_version_on(fields["received_on"])
        application, _ = CaseReviewApplication.objects.update_or_create(
            partnership=partnership, reference=entry["reference"], defaults=fields
        )
        for behaviour, reported, agency, reference, hate, complainant, notes in entry["complaints"]:
            Complaint.objects.update_or_create(
                application=application,
                behaviour_on=_day(behaviour),
                reported_on=_day(reported),
                agency=organisations[agency],
                complainant=complainant,
                defaults={"incident_reference": reference, "hate_related": hate, "notes": notes},
            )
        for text, owner, due, completed in entry["recommendations"]:
            Recommendation.objects.update_or_create(
                application=application,
                text=text,
                defaults={"owner": organisations[owner], "due": _date(due), "completed_on": _date(completed)},
            )
