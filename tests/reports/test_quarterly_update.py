"""The quarterly update, built from the demo's 2022-23 action plan (mostly its third quarter)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import docx
import pytest

from cspmonitor.activity.models import OUTPUT_KINDS
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import Action, Objective, ProgressUpdate
from cspmonitor.reports.blocks import Document, Figure, ListBlock, Paragraph, Section, Table, Withheld
from cspmonitor.reports.builders.quarterly import SECTION_TITLES, build_quarterly_update
from cspmonitor.reports.builders.workstreams import sentence
from cspmonitor.reports.editions import assert_publishable, public_edition
from cspmonitor.reports.writers import write_docx, write_html, write_pdf
from tests.reports.poppler import pdf_text

Q3 = Quarter.parse("2022-23 Q3")


def section(document: Document, title: str) -> Section:
    return next(s for s in document.sections if s.title == title)


def texts(section: Section) -> list[str]:
    found = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, ListBlock):
            found += block.items
    for child in section.subsections:
        found += texts(child)
    return found


def updates_in(demo, quarter: Quarter, classification: str = "official"):
    """The quarter's updates on actions of one classification: OFFICIAL ones are counted and listed
    in the open sections, those following a restricted homicide review only in restricted blocks."""
    return ProgressUpdate.objects.filter(
        action__objective__priority__plan__partnership=demo.partnership,
        period=quarter.label,
        action__classification=classification,
    ).select_related("action__objective__priority")


def outputs_in(demo, quarter: Quarter, classification: str) -> list:
    return [
        output
        for model in OUTPUT_KINDS
        for output in model.objects.for_partnership(demo.partnership)
        .in_quarter(quarter)
        .filter(classification=classification)
    ]


def update_for(demo, label: str) -> Document:
    return build_quarterly_update(demo.partnership, Quarter.parse(label))


@pytest.fixture
def update(demo) -> Document:
    return update_for(demo, Q3.label)


def test_it_has_every_section_in_order_and_is_the_restricted_edition(demo, update):
    assert update.edition == "restricted"
    assert update.title == f"{demo.partnership.name} quarterly update: {Q3.long_label}"
    assert [s.title for s in update.sections] == SECTION_TITLES


def test_the_summary_counts_the_quarters_updates_and_completed_actions(demo, update):
    updates = updates_in(demo, Q3)
    completed = updates.filter(status=Action.Status.COMPLETE).count()
    summary = texts(section(update, "Summary"))
    assert f"{updates.count()} progress updates written" in summary
    assert f"{completed} actions completed" in summary
    sensitive = updates_in(demo, Q3, "official-sensitive").count()
    assert sensitive  # VAWG-5, carrying out a homicide review
    [restricted] = [
        b for b in section(update, "Summary").blocks if b.restricted and "actions, not counted" in b.text
    ]
    assert f"{sensitive} progress update" in restricted.text and restricted.schedule_12a == 2


def test_it_lists_the_rag_ratings_set_or_changed_since_the_previous_quarter(demo, update):
    before = {u.action.reference: u.get_rag_display() for u in updates_in(demo, Q3.previous())}
    now = {u.action.reference: u.get_rag_display() for u in updates_in(demo, Q3)}
    changed = {ref: (before.get(ref, "No update"), rag) for ref, rag in now.items() if before.get(ref) != rag}
    assert "Amber" in {was for was, _now in changed.values()}  # the demo brings two actions back to green
    table = next(
        b for b in section(update, "RAG ratings").blocks if isinstance(b, Table) and not b.restricted
    )
    assert table.caption.startswith("RAG ratings set or changed")
    assert {row[0].text.split()[0]: (row[1].text, row[2].text) for row in table.rows} == changed
    restricted = [b for b in section(update, "RAG ratings").blocks if isinstance(b, Table) and b.restricted]
    named = {row[0].text.split()[0] for table in restricted for row in table.rows}
    assert named == {u.action.reference for u in updates_in(demo, Q3, "official-sensitive")}


def test_the_rag_chart_counts_each_prioritys_actions_by_this_quarters_rating(demo, update):
    [chart] = [b for b in section(update, "RAG ratings").blocks if isinstance(b, Figure)]
    assert chart.media_type == "image/png" and chart.image.startswith(b"\x89PNG") and chart.alt
    assert chart.data_table is not None
    rows = {row[0].text: [cell.text for cell in row[1:]] for row in chart.data_table.rows}
    rated = Counter((u.action.objective.priority.title, u.rag) for u in updates_in(demo, Q3))
    for (title, rag), count in rated.items():
        assert rows[title][["red", "amber", "green"].index(rag)] == str(count)
    assert rows["All priorities"][-1] == str(updates_in(demo, Q3).count())


def test_it_lists_the_actions_completed(demo, update):
    completed = updates_in(demo, Q3).filter(status=Action.Status.COMPLETE)
    items = texts(section(update, "Actions completed"))
    assert len(items) == completed.count()
    assert {item.split()[0] for item in items} == {u.action.reference for u in completed}


def test_it_gives_the_priorities_adopted_with_their_date(demo):
    [adopted] = texts(section(update_for(demo, "2022-23 Q2"), "Priorities adopted or retired"))
    assert adopted.startswith("Fraud was adopted on 12 July 2022")
    assert texts(section(update_for(demo, "2022-23 Q4"), "Priorities adopted or retired")) == [
        "No priority was adopted or retired this quarter."
    ]


def test_outputs_keep_their_classification_and_sensitive_ones_are_withheld_in_public(demo, update):
    official = outputs_in(demo, Q3, "official")
    sensitive = outputs_in(demo, Q3, "official-sensitive")
    assert official and sensitive  # the demo's third quarter has both
    outputs = section(update, "Outputs recorded")
    lists = [b for child in outputs.subsections for b in child.blocks if isinstance(b, ListBlock)]
    restricted = [item for block in lists if block.restricted for item in block.items]
    assert sorted(restricted) == sorted(sentence(o) for o in sensitive)
    assert all(b.schedule_12a == 7 for b in lists if b.restricted)
    public = public_edition(update)
    assert_publishable(public)
    public_text = texts(section(public, "Outputs recorded"))
    assert all(sentence(o) in public_text for o in official)
    assert not any(sentence(o) in public_text for o in sensitive)
    assert any(isinstance(b, Withheld) for _, b in public.walk())


def test_a_running_action_without_an_update_is_listed_and_counted_as_not_rated(demo):
    objective = Objective.objects.filter(priority__plan__partnership=demo.partnership).first()
    assert objective is not None
    late = Action.objects.create(
        objective=objective,
        reference="ZZ-1",
        title="A late action",
        lead_organisation=objective.priority.lead_organisation,
        owner="Someone",
        start_date=dt.date(2022, 10, 1),
        due_date=dt.date(2023, 3, 31),
    )
    document = update_for(demo, Q3.label)
    assert texts(section(document, "Actions still without an update")) == [
        f"ZZ-1 A late action (led by {late.lead_organisation.name})"
    ]
    [chart] = [b for b in section(document, "RAG ratings").blocks if isinstance(b, Figure)]
    assert chart.data_table is not None
    [row] = [r for r in chart.data_table.rows if r[0].text == objective.priority.title]
    assert row[4].text == "1"  # "Not rated"


def test_progress_is_given_by_priority_with_each_updates_narrative(demo, update):
    progress = section(update, "Progress by priority")
    narratives = "\n".join(texts(progress))
    for u in updates_in(demo, Q3):
        assert u.narrative in narratives
    assert {child.title for child in progress.subsections} == {
        u.action.objective.priority.title for u in updates_in(demo, Q3)
    }


def test_it_renders_in_word_pdf_and_html(demo, update, tmp_path):
    public = public_edition(update)
    word = docx.Document(io.BytesIO(write_docx(public)))
    headings = [p.text.split("\t")[-1] for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTION_TITLES
    assert len(word.inline_shapes) == 1
    path = tmp_path / "quarterly.pdf"
    path.write_bytes(write_pdf(public))
    flat = " ".join(pdf_text(path).split())
    assert f"{updates_in(demo, Q3).count()} progress updates written" in flat
    assert "White Ribbon 2022" in flat
    assert f"<title>{update.title}" in write_html(public)
