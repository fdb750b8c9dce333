"""The demo's public annual report and quarterly updates hold nothing about a homicide review
beyond what the report's own section on the reviews publishes (how many were under way), read
back from the Word and PDF files.

What must not appear is worked out from the restricted records themselves: each review's case
reference, the year of death as the plan words it, its stage, its pauses, and the wording of every
objective, action and update that follows a restricted review (plans.classification). Each
absence is paired with the same words found in the restricted edition, so an extraction that
read nothing would fail.
"""

from __future__ import annotations

import io

import docx
import pytest

from cspmonitor.accounts.models import Classification
from cspmonitor.plans.models import Action, Objective
from cspmonitor.reports import services
from cspmonitor.reviews.models import DomesticHomicideReview
from tests.reports.poppler import run, tool

pytestmark = pytest.mark.django_db

REPORTS = [("annual", "2022-23")] + [("quarterly", f"2022-23 Q{q}") for q in (1, 2, 3, 4)]
SENSITIVE = Classification.OFFICIAL_SENSITIVE


def flat(text: str) -> str:
    return " ".join(text.split())


def word_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    rows = [" ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    return flat("\n".join([*(p.text for p in document.paragraphs), *rows]))


def pdf_text(data: bytes, folder) -> str:
    path = folder / "report.pdf"
    path.write_bytes(data)
    return flat(run(tool("pdftotext"), str(path), "-").decode())


@pytest.fixture(scope="module")
def texts(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[tuple[str, str], str]:
    """(edition, format) -> the text of every report of that edition, one after another."""
    from cspmonitor.partnership.models import Partnership

    folder = tmp_path_factory.mktemp("public-reports")
    found: dict[tuple[str, str], list[str]] = {}
    with django_db_blocker.unblock():
        partnership = Partnership.objects.get(slug="western-suffolk")
        for kind, period in REPORTS:
            for edition in ("public", "restricted"):
                document = services.build(partnership, kind, period, edition)
                for file_format in ("docx", "pdf"):
                    data = services.render(document, file_format)
                    text = word_text(data) if file_format == "docx" else pdf_text(data, folder)
                    found.setdefault((edition, file_format), []).append(text)
    return {key: "\n".join(parts) for key, parts in found.items()}


def case_words() -> list[str]:
    """Everything the records say about restricted reviews that section 2.3 does not publish."""
    words: list[str] = []
    for review in DomesticHomicideReview.objects.filter(
        partnership__slug="western-suffolk", classification=SENSITIVE
    ):
        words += [review.reference, f"death in {review.died_on.year}", review.get_stage_display()]
        words += [flat(pause.detail) for pause in review.pauses.all()]
    for action in Action.objects.filter(classification=SENSITIVE).prefetch_related("updates"):
        words.append(action.title)
        for update in action.updates.all():
            words += [flat(text) for text in (update.narrative, update.rag_reason) if text]
    for objective in Objective.objects.filter(classification=SENSITIVE):
        words.append(flat(objective.description))
    return [word for word in words if word]


def test_the_demo_has_restricted_case_wording_to_look_for(db):
    words = case_words()
    assert "criminal trial" in " ".join(words)  # the reason for delay in VAWG-5's first update
    assert "death in 2021" in words and "death in 2020" in " ".join(words)


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_the_public_reports_hold_no_word_of_a_restricted_review(db, texts, file_format):
    public = texts["public", file_format]
    leaked = [word for word in case_words() if word in public]
    assert not leaked
    assert "criminal trial" not in public and "inquest" not in public.lower()
    assert "Two Domestic Homicide Reviews were under way in 2022-23." in public  # what section 2.3 publishes


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_the_restricted_editions_hold_the_case_wording_the_public_ones_leave_out(db, texts, file_format):
    restricted = texts["restricted", file_format]
    actions = Action.objects.filter(classification=SENSITIVE)
    assert actions.exists()
    for action in actions:
        assert action.title in restricted
    assert "Work paused until the criminal trial ends." in restricted
