"""Quarterly returns and output lists: what a partner reports, gathered for pages.

A return is one organisation's account of one quarter: an update on each action it leads
and the outputs it delivered. ``returns_workbook`` writes it as a spreadsheet to fill in;
``returns_upload`` reads the filled-in spreadsheet back. Plain functions, no requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import IntegerField
from django.utils import timezone

from cspmonitor.activity.forms import output_form
from cspmonitor.activity.models import OUTPUT_KINDS, Event, Output, PartnerReturn, SupportService
from cspmonitor.periods import FinancialYear, PeriodError, Quarter, quarter_choices
from cspmonitor.plans import services
from cspmonitor.plans.models import Action, ProgressUpdate


def quarter_slug(quarter: Quarter) -> str:
    """The quarter as written in URLs: 2022-23-Q1."""
    return quarter.label.replace(" ", "-")


def quarter_from_slug(text: str) -> Quarter:
    """Read 2022-23-Q1 (from a URL) or 2022-23 Q1; raises PeriodError."""
    if text.count("-Q") != 1:
        raise PeriodError(f"{text!r} is not a quarter written like 2022-23-Q1")
    return Quarter.parse(text.replace("-Q", " Q"))


# Years and quarters offered --------------------------------------------------------------------


def plan_years(partnership) -> list[FinancialYear]:
    """Every financial year a plan of the partnership covers, earliest first."""
    return sorted(services.plan_years(partnership))


def return_quarters(partnership) -> list[tuple[str, str]]:
    """Quarters a return may be made for, as (URL form, long label) choices."""
    years = plan_years(partnership) or [FinancialYear.containing(timezone.localdate())]
    return [
        (label.replace(" ", "-"), long_label) for label, long_label in quarter_choices(years[0], years[-1])
    ]


def default_quarter(choices: list[tuple[str, str]], year: FinancialYear | None = None) -> str:
    """The quarter just ended (returns are made after the quarter) when it lies in ``year`` (the
    year in view), else that year's last quarter begun, else the latest offered."""
    today = timezone.localdate()
    wanted = Quarter.containing(today).previous()
    if year is not None and wanted.year != year:
        begun = [q for q in year.quarters() if q.start <= today]
        wanted = begun[-1] if begun else year.quarters()[0]
    slugs = [value for value, _label in choices]
    return quarter_slug(wanted) if quarter_slug(wanted) in slugs else slugs[-1]


def year_choices(partnership, access, asked: str | None) -> tuple[list[FinancialYear], FinancialYear]:
    """The years the outputs page offers and the one shown: ``asked`` (like 2022-23) when it
    reads as a year, else the partnership's year in view."""
    years = plan_years(partnership)
    chosen = None
    if asked:
        try:
            chosen = FinancialYear.parse(asked)
        except PeriodError:
            chosen = None
    chosen = chosen or partnership.year()
    return sorted({*years, chosen}), chosen


# Outputs as pages list them --------------------------------------------------------------------


@dataclass
class OutputRow:
    output: Output
    can_change: bool
    figures: list[str]


@dataclass
class KindGroup:
    """The outputs of one kind, as one table."""

    model: type[Output]
    figure_labels: list[str]
    rows: list[OutputRow] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.model.kind_slug

    @property
    def label(self) -> str:
        return self.model.kind_label


def _figure_fields(model: type[Output]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, IntegerField) and not f.primary_key]


def _figures(output: Output, names: list[str]) -> list[str]:
    if isinstance(output, Event):
        return [output.attendance]
    values = [getattr(output, name) for name in names]
    return ["—" if value is None else f"{value:,}" for value in values]


def group_outputs(model: type[Output], outputs, access) -> KindGroup:
    names = _figure_fields(model)
    fields = output_form(model).base_fields
    labels = [str(fields[name].label) for name in names]
    if model is Event:
        labels = ["Attendance"]
    group = KindGroup(model=model, figure_labels=labels)
    for output in outputs:
        group.rows.append(OutputRow(output, access.acts_for(output.organisation_id), _figures(output, names)))
    return group


def outputs_by_kind(partnership, access, year: FinancialYear) -> list[KindGroup]:
    """Every kind of output, with those in ``year`` that ``access`` may see."""
    return [
        group_outputs(
            model,
            model.objects.for_partnership(partnership)
            .visible_to(access)
            .in_year(year)
            .select_related("organisation", "priority", "action"),
            access,
        )
        for model in OUTPUT_KINDS
    ]


def support_services(partnership, access):
    """The directory of commissioned support services ``access`` may see, by name."""
    return (
        SupportService.objects.for_partnership(partnership)
        .visible_to(access)
        .select_related("organisation", "priority")
        .order_by("name", "-period_end")
    )


# The web return ----------------------------------------------------------------------------------


@dataclass
class ActionLine:
    action: Action
    update: ProgressUpdate | None


@dataclass
class QuarterlyReturn:
    """One organisation's return for one quarter, as the return page shows it."""

    organisation: object
    quarter: Quarter
    actions: list[ActionLine]
    outputs: list[KindGroup]
    #: (kind, count) of the organisation's outputs in the quarter the viewer may not see: a
    #: partner lead sees that its OFFICIAL-SENSITIVE rows were received, never what they hold.
    withheld: list[tuple[str, int]] = field(default_factory=list)
    record: PartnerReturn | None = None

    @property
    def slug(self) -> str:
        return quarter_slug(self.quarter)

    @property
    def updates_missing(self) -> int:
        return sum(1 for line in self.actions if line.update is None)


def actions_led(partnership, organisation, quarter: Quarter):
    """The actions ``organisation`` leads that run in the quarter's financial year."""
    return (
        Action.objects.for_partnership(partnership)
        .filter(lead_organisation=organisation)
        .in_year(quarter.year)
        .select_related("objective__priority")
        .order_by("reference", "pk")
    )


def quarterly_return(partnership, access, organisation, quarter: Quarter) -> QuarterlyReturn:
    actions = list(actions_led(partnership, organisation, quarter))
    updates = {
        update.action_id: update
        for update in ProgressUpdate.objects.filter(action__in=actions, period=quarter.label)
    }
    outputs = [
        group_outputs(
            model,
            model.objects.for_partnership(partnership)
            .filter(organisation=organisation)
            .visible_to(access)
            .in_quarter(quarter)
            .select_related("organisation", "priority", "action"),
            access,
        )
        for model in OUTPUT_KINDS
    ]
    withheld = [
        (model.kind_label, count) for model, count in _withheld(partnership, access, organisation, quarter)
    ]
    return QuarterlyReturn(
        organisation=organisation,
        quarter=quarter,
        actions=[ActionLine(action, updates.get(action.pk)) for action in actions],
        outputs=outputs,
        withheld=[(label, count) for label, count in withheld if count],
        record=PartnerReturn.objects.filter(organisation=organisation, quarter=quarter.label).first(),
    )


def _hidden_own(model, partnership, access, organisation, quarter: Quarter):
    """The organisation's own outputs of ``model`` in the quarter that ``access`` may not see."""
    return (
        model.objects.for_partnership(partnership)
        .filter(organisation=organisation)
        .exclude(classification__in=access.visible_classifications())
        .in_quarter(quarter)
    )


def _withheld(partnership, access, organisation, quarter: Quarter):
    for model in OUTPUT_KINDS:
        yield model, _hidden_own(model, partnership, access, organisation, quarter).count()


def withdraw_withheld(partnership, access, organisation, quarter: Quarter) -> int:
    """Delete the organisation's own outputs in the quarter that ``access`` may not see (the
    caller has checked that ``access`` acts for the organisation); the history keeps them."""
    withdrawn = 0
    for model in OUTPUT_KINDS:
        for output in _hidden_own(model, partnership, access, organisation, quarter):
            output.delete()
            withdrawn += 1
    return withdrawn
