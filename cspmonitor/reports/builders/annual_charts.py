"""The annual report's charts: PNG figures, each with alternative text giving its main message
and a data table with the same figures.

PNG, not SVG, because Word cannot embed SVG and the report must read alike in Word, PDF and
HTML. The RAG chart is drawn by ``plans.charts`` as on the plan pages (colours, hatches and
letters, so a rating never relies on colour alone).

* ``rag_figure``: the actions of each priority by RAG rating at the end of the year.
* ``reach_figure``: people trained or reached by training and events, by priority and audience.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from matplotlib.ticker import MaxNLocator

from cspmonitor.activity.models import Audience, Event, TrainingSession
from cspmonitor.crime.charts import BLACK, BLUE, GREY, plt, to_png
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.charts import draw_rag_bars
from cspmonitor.plans.models import Action, Priority, ProgressUpdate
from cspmonitor.plans.services import RAG_COLUMNS
from cspmonitor.reports.blocks import OFFICIAL, OFFICIAL_SENSITIVE, Cell, Figure, Table

#: Arial where installed, else its metric twin, so the charts match the report's text.
SANS = ["Arial", "Liberation Sans", "DejaVu Sans"]
#: Inches: 16 cm, within the text width of an A4 page, so the writers place the charts at their
#: own size and their 10pt type prints at 10pt.
WIDTH = 6.3
CRIME_PARAGRAPH = 7  # Schedule 12A paragraph for restricted outputs, as in ``workstreams``

#: Colours and hatches of the audiences (GOV.UK palette; none of them a RAG colour).
AUDIENCE_STYLES = {
    Audience.STAFF: (BLUE, ""),
    Audience.PARTNERS: ("#4c2c92", "//"),
    Audience.SCHOOL_STAFF: ("#28a197", ".."),
    Audience.PARENTS_AND_CARERS: ("#b58840", "xx"),
    Audience.YOUNG_PEOPLE: ("#d53880", "\\\\"),
    Audience.PUBLIC: (GREY, "++"),
}


def _style():
    return plt.rc_context({"font.family": "sans-serif", "font.sans-serif": SANS})


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def data_table(caption: str, **table) -> Table:
    """The table of a figure's figures, captioned so it reads on its own beside the chart."""
    return Table(caption=f"The chart's figures: {_lower_first(caption)}", **table)


# The action plan at the end of the year ------------------------------------------------------


def year_end_ratings(priorities: list[Priority], year: FinancialYear) -> list[tuple[str, list[int]]]:
    """Each priority's actions running in ``year`` counted by the RAG rating of their last update
    in the year (in ``RAG_COLUMNS`` order), not by today's rating: the report describes that year."""
    labels = [quarter.label for quarter in year.quarters()]
    actions = list(
        Action.objects.filter(objective__priority__in=priorities).in_year(year).select_related("objective")
    )
    rating: dict[int, str] = {}
    updates = ProgressUpdate.objects.filter(action__in=actions, period__in=labels).order_by(
        "period", "written_at"
    )
    for update in updates:
        rating[update.action_id] = update.rag
    counted: dict[int, Counter] = defaultdict(Counter)
    for action in actions:
        counted[action.objective.priority_id][rating.get(action.pk, "")] += 1
    return [(p.title, [counted[p.pk][key] for key, _label in RAG_COLUMNS]) for p in priorities]


def rag_chart(rows: list[tuple[str, list[int]]]) -> bytes:
    """Stacked horizontal bars, one per priority, drawn as on the plan pages (``plans.charts``)."""
    with _style():
        figure, axes = plt.subplots(figsize=(WIDTH, 0.35 * len(rows) + 1.2), layout="constrained")
        draw_rag_bars(axes, rows)
        figure.legend(loc="outside upper center", ncols=len(RAG_COLUMNS), frameon=False)
        return to_png(figure)


def rag_message(rows: list[tuple[str, list[int]]], year: FinancialYear) -> str:
    """The chart's main message in words: how many actions had each rating, and where the reds
    and ambers were."""
    red, amber, green, unrated = [sum(counts[i] for _title, counts in rows) for i in range(len(RAG_COLUMNS))]
    text = (
        f"Of {red + amber + green + unrated} actions running in {year.label}, {green} were rated green "
        f"at the end of the year, {amber} amber and {red} red."
    )
    if unrated:
        text += f" {unrated} had no update in the year."
    for column, word in ((0, "red"), (1, "amber")):
        where = [f"{title} ({counts[column]})" for title, counts in rows if counts[column]]
        if where:
            text += f" Rated {word}: {_names(where)}."
    return text


def rag_figure(priorities: list[Priority], year: FinancialYear) -> Figure | None:
    """The action plan at a glance. Counts of actions are not counts of people, and every action is
    named in the report anyway, so they carry no ``count`` and are never suppressed."""
    rows = year_end_ratings(priorities, year)
    if not any(sum(counts) for _title, counts in rows):
        return None
    caption = f"Actions by priority and RAG (red, amber, green) rating at the end of {year.label}"
    totals = [sum(counts[i] for _title, counts in rows) for i in range(len(RAG_COLUMNS))]
    body = [[Cell(title), *[Cell(str(n)) for n in counts], Cell(str(sum(counts)))] for title, counts in rows]
    body.append([Cell("All priorities"), *[Cell(str(n)) for n in totals], Cell(str(sum(totals)))])
    table = data_table(
        caption,
        headers=["Priority", *[label for _key, label in RAG_COLUMNS], "Actions"],
        rows=body,
        numeric_columns=list(range(1, len(RAG_COLUMNS) + 2)),
        total_rows=[len(body) - 1],
    )
    return Figure(
        caption=caption,
        alt=f"Bar chart. {rag_message(rows, year)}",
        image=rag_chart(rows),
        media_type="image/png",
        data_table=table,
    )


# People trained or reached ---------------------------------------------------------------------


@dataclass
class Reach:
    """People one priority's training and events reached in one audience and scope."""

    people: int = 0
    at_least: bool = False  # an event's attendance was recorded as a floor ("over 110")
    classification: str = OFFICIAL

    def __str__(self) -> str:
        return f"{'over ' if self.at_least else ''}{self.people:,}"


@dataclass(frozen=True, order=True)
class Series:
    """An audience within a scope: "staff" reached by the district council's own sessions and
    "staff" from across the county at a county event are different people and never added up.
    The scope is the partner that recorded the output, whose programme it was."""

    audience_order: int
    audience: str
    scope: str

    @property
    def label(self) -> str:
        return f"{Audience(self.audience).label} ({self.scope})"

    @property
    def words(self) -> str:
        return f"{Audience(self.audience).label.lower()} ({self.scope})"


def _series(output) -> Series:
    return Series(Audience.values.index(output.audience), output.audience, output.organisation.name)


def reach_by_priority(priorities: list[Priority], year: FinancialYear) -> dict[str, dict[Series, Reach]]:
    """{priority title: {series: Reach}} from training sessions, and events whose attendance was
    recorded, in ``year``; priorities in the order given, series by audience then scope."""
    found: dict[int, dict[Series, Reach]] = defaultdict(dict)
    sessions = (
        TrainingSession.objects.filter(priority__in=priorities).in_year(year).select_related("organisation")
    )
    events = (
        Event.objects.filter(priority__in=priorities, attendees__isnull=False)
        .in_year(year)
        .select_related("organisation")
    )
    for output in [*sessions, *events]:
        people = output.people_reached if isinstance(output, TrainingSession) else output.attendees
        reach = found[output.priority_id].setdefault(_series(output), Reach())
        reach.people += people or 0
        reach.at_least |= isinstance(output, Event) and output.attendees_at_least
        if output.classification != OFFICIAL:
            reach.classification = output.classification
    return {p.title: dict(sorted(found[p.pk].items())) for p in priorities if p.pk in found}


def _total(reaches) -> Reach:
    """The sum of one series over priorities (the same people-scope, so it may be added); a sum
    with an "over" figure in it is itself only a lower bound."""
    reaches = list(reaches)
    return Reach(sum(r.people for r in reaches), any(r.at_least for r in reaches))


def reach_chart(reach: dict[str, dict[Series, Reach]], series: list[Series]) -> bytes:
    """Horizontal bars, one per priority and series side by side (never stacked, so no bar shows
    a sum of different scopes), each labelled with its figure ("over 110" stays a floor)."""
    titles = list(reach)[::-1]
    height = 0.8 / max(len(series), 1)
    with _style():
        figure, axes = plt.subplots(
            figsize=(WIDTH, 0.35 * len(titles) * max(len(series), 2) / 2 + 1.4), layout="constrained"
        )
        widest = 0
        for index, one in enumerate(series):
            colour, hatch = AUDIENCE_STYLES[Audience(one.audience)]
            found = [(y, reach[t][one]) for y, t in enumerate(titles) if one in reach[t]]
            if not found:
                continue
            positions = [y - 0.4 + height * (index + 0.5) for y, _ in found]
            bars = axes.barh(
                positions,
                [r.people for _, r in found],
                height=height,
                color=colour,
                hatch=hatch if index % 2 == 0 else hatch + "|",
                edgecolor="white",
                label=one.label,
            )
            axes.bar_label(bars, labels=[f" {r}" for _, r in found], color=BLACK)
            widest = max(widest, *(r.people for _, r in found))
        axes.set_yticks(range(len(titles)), titles)
        axes.set_xlabel("People")
        axes.set_xlim(right=max(widest, 1) * 1.25)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        figure.legend(loc="outside upper center", ncols=min(len(series), 2), frameon=False)
        return to_png(figure)


def reach_message(reach: dict[str, dict[Series, Reach]], year: FinancialYear) -> str:
    """The chart's message in words, each audience with its scope; no grand total, since the
    audiences and scopes are different people and some figures are floors."""
    parts = [
        f"{title}: {', '.join(f'{r} {s.words}' for s, r in by_series.items())}"
        for title, by_series in reach.items()
    ]
    intro = f"People trained or reached in {year.label}, by audience and the partner whose work it was"
    return f"{intro}. {'; '.join(parts)}."


def reach_figure(priorities: list[Priority], year: FinancialYear) -> Figure | None:
    """People trained or reached. These are counts of people, so each cell carries its ``count``:
    the public edition shows the suppressed table instead of the chart when any is small."""
    reach = reach_by_priority(priorities, year)
    if not reach:
        return None
    series = sorted({s for by_series in reach.values() for s in by_series})
    caption = (
        f"People trained or reached by training and events in {year.label}, by priority, audience and scope"
    )

    def cell(r: Reach | None) -> Cell:
        return Cell(str(r), count=r.people) if r is not None else Cell("0", count=0)

    body = [[Cell(title), *[cell(reach[title].get(s)) for s in series]] for title in reach]
    total = [cell(_total(r[s] for r in reach.values() if s in r)) for s in series]
    body.append([Cell("All priorities"), *total])
    table = data_table(
        caption,
        headers=["Priority", *[s.label for s in series]],
        rows=body,
        numeric_columns=list(range(1, len(series) + 1)),
        total_rows=[len(body) - 1],
    )
    figure = Figure(
        caption=caption,
        alt=f"Bar chart. {reach_message(reach, year)}",
        image=reach_chart(reach, series),
        media_type="image/png",
        data_table=table,
    )
    if any(r.classification != OFFICIAL for by_series in reach.values() for r in by_series.values()):
        # It counts restricted outputs, so it is restricted as they are (withheld from the public).
        for block in (figure, table):
            block.classification, block.schedule_12a = OFFICIAL_SENSITIVE, CRIME_PARAGRAPH
    return figure
