"""The parts of a report that officers write, grouped as the report's sections, and their history.

Everything countable in the annual report (partners, duties, priorities, work streams, figures)
comes from the records; the parts here are the words around it: the committee front sheet and
sections 1 and 3 to 8. A part nobody has written uses the standard wording in
``builders.annual``. Saved text is kept in ``ReportText``, one row a part, with its history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cspmonitor.plans.history import Change, FieldChange
from cspmonitor.reports.builders.annual import DEFAULTS, IMPLICATIONS, SECTION_TITLES
from cspmonitor.reports.models import GeneratedReport, ReportText

ANNUAL = GeneratedReport.Kind.ANNUAL
STANDARD_WORDING = "(standard wording)"


@dataclass(frozen=True)
class Part:
    """One piece of wording: ``key`` is the builder's narrative key."""

    key: str
    label: str
    default: str
    hint: str = ""
    short: bool = False  # a one-line fact for the front sheet
    paragraphs: bool = False  # may hold several paragraphs, one a line

    @property
    def max_length(self) -> int:
        return 200 if self.short else 4000

    @property
    def field_name(self) -> str:
        """The form field's name: HTML ids with dots would not work as CSS selectors."""
        return self.key.replace(".", "-")


@dataclass(frozen=True)
class Section:
    slug: str
    title: str  # as the report numbers it, like "5. Risks associated with the proposals"
    parts: tuple[Part, ...]

    @property
    def keys(self) -> list[str]:
        return [part.key for part in self.parts]


def _fact(key: str, label: str, hint: str) -> Part:
    return Part(key, label, DEFAULTS[key], hint, short=True)


def _paragraphs(key: str, label: str, hint: str = "") -> Part:
    return Part(key, label, DEFAULTS[key], hint, paragraphs=True)


def _numbered(number: int) -> str:
    return f"{number}. {SECTION_TITLES[number - 1]}"


ANNUAL_SECTIONS: tuple[Section, ...] = (
    Section(
        "front-sheet",
        "Front sheet",
        (
            _fact("report_number", "Report number", "The committee's reference for the report."),
            _fact("committee", "Committee", "The committee the report goes to."),
            _fact(
                "meeting_date", "Meeting date", "As it should appear on the report, like 21 September 2023."
            ),
            _fact(
                "cabinet_member",
                "Cabinet member",
                "The portfolio the report falls under, like Cabinet Member for Families and Communities.",
            ),
            _fact("lead_officer", "Lead officer", "The post responsible for the report."),
            _fact(
                "decisions_plan", "Decisions plan", "Whether the report is in the council's Decisions Plan."
            ),
            _fact("wards", "Wards affected", "The wards the report concerns."),
            Part(
                "recommendation",
                "Recommendation",
                DEFAULTS["recommendation"],
                "What the committee is asked to do, as one paragraph.",
            ),
        ),
    ),
    Section(
        "background",
        _numbered(1),
        (
            _paragraphs(
                "action_plan_review",
                "How partners review the action plan",
                "This follows the list of statutory duties. The partners, council areas, duties and "
                "priorities come from the records.",
            ),
        ),
    ),
    Section(
        "alternative-options", _numbered(3), (_paragraphs("alternative_options", "Alternative options"),)
    ),
    Section("consultation", _numbered(4), (_paragraphs("consultation", "Consultation and engagement"),)),
    Section("risks", _numbered(5), (_paragraphs("risks", "Risks"),)),
    Section(
        "implications",
        _numbered(6),
        tuple(
            Part(f"implications.{key}", heading, default, "One paragraph.")
            for key, heading, default in IMPLICATIONS
        ),
    ),
    Section("appendices", _numbered(7), (_paragraphs("appendices", "Appendices"),)),
    Section(
        "background-documents", _numbered(8), (_paragraphs("background_documents", "Background documents"),)
    ),
)

SECTIONS: dict[str, tuple[Section, ...]] = {ANNUAL: ANNUAL_SECTIONS}


def sections(kind: str = ANNUAL) -> tuple[Section, ...]:
    return SECTIONS[kind]


def section(slug: str, kind: str = ANNUAL) -> Section | None:
    return next((s for s in sections(kind) if s.slug == slug), None)


def parts(kind: str = ANNUAL) -> dict[str, Part]:
    return {part.key: part for s in sections(kind) for part in s.parts}


def narrative_for(partnership, year_label: str, kind: str = ANNUAL) -> dict[str, str]:
    """The wording officers have saved for one report, by key; parts left to the standard wording
    are absent (the builder fills them in)."""
    saved = ReportText.objects.for_report(partnership, year_label, kind).exclude(text="")
    return dict(saved.values_list("key", "text"))


def _tidy(part: Part, value: str) -> str:
    lines = [" ".join(line.split()) for line in value.splitlines()]
    lines = [line for line in lines if line]
    return "\n".join(lines) if part.paragraphs else " ".join(lines)


def cleaned(part: Part, value: str) -> str:
    """The text as stored: spaces and blank lines tidied, one-paragraph parts joined into one
    line, and the standard wording stored as nothing so that it follows any later change to it."""
    text = _tidy(part, value)
    return "" if text == _tidy(part, part.default) else text


@transaction.atomic
def save(partnership, year_label: str, values: dict[str, str], *, kind: str = ANNUAL, user=None) -> list[str]:
    """Save the wording in ``values`` (key → text) and return the keys whose wording changed.

    Only changed parts are written, so the history holds one row per real change; the parts
    saved together share one time, so the history shows them as one change.
    """
    known = parts(kind)
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"Not parts of the {kind} report: {', '.join(sorted(unknown))}")
    existing = {t.key: t for t in ReportText.objects.for_report(partnership, year_label, kind)}
    now = timezone.now()
    changed = []
    for key, value in values.items():
        text = cleaned(known[key], value)
        record = existing.get(key)
        if record is None and not text:
            continue
        if record is None:
            record = ReportText(partnership=partnership, kind=kind, year=year_label, key=key)
        elif record.text == text:
            continue
        record.text, record.updated_by, record.updated_at = text, user, now
        if user is not None:  # outside a request (a command, the demo) history cannot see who
            record._history_user = user  # type: ignore[attr-defined]
        record.save()
        changed.append(key)
    return changed


def section_history(partnership, year_label: str, target: Section, kind: str = ANNUAL) -> list[Change]:
    """Every change to one section's wording, newest first: who, when, and each part's old and
    new text (the standard wording shown as such)."""
    labels = {part.key: part.label for part in target.parts}
    versions = (
        ReportText.history.filter(partnership=partnership, kind=kind, year=year_label, key__in=labels)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    before: dict[str, str] = {}
    out: list[Change] = []
    for version in versions:
        text = "" if version.history_type == "-" else version.text
        if before.get(version.key, "") == text:
            continue  # saved again without a change of wording
        change = FieldChange(
            labels[version.key], before.get(version.key) or STANDARD_WORDING, text or STANDARD_WORDING
        )
        before[version.key] = text
        user = version.history_user
        if out and out[-1].when == version.updated_at and out[-1].who == _name(user):
            out[-1].fields.append(change)
        else:
            out.append(Change(when=version.updated_at, who=_name(user), kind="Changed", fields=[change]))
    return out[::-1]


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def overview(
    partnership, year_label: str, kind: str = ANNUAL
) -> list[tuple[Section, list[tuple[Part, str]]]]:
    """Each section with each part's saved wording ("" when it uses the standard wording)."""
    saved = narrative_for(partnership, year_label, kind)
    return [(s, [(part, saved.get(part.key, "")) for part in s.parts]) for s in sections(kind)]
