"""Reading a filled-in return: all of it is checked first, and it is applied whole or not at all."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cspmonitor.activity.models import Event, Referral, TrainingSession
from cspmonitor.activity.returns_reading import MAX_BYTES
from cspmonitor.activity.returns_upload import upload_return
from cspmonitor.activity.returns_workbook import build_workbook
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import Action, ProgressUpdate
from tests.activity.conftest import QUARTER
from tests.activity.helpers import (
    REFERRALS,
    TRAINING,
    UPDATES,
    add_output,
    as_upload,
    clear_updates,
    fill_update,
    referral_row,
    template,
    training_row,
)


def upload(work, file, *, organisation=None, quarter=QUARTER, user=None):
    return upload_return(
        file,
        partnership=work.partnership,
        organisation=organisation or work.police,
        quarter=quarter,
        user=user,
    )


def counts():
    return ProgressUpdate.objects.count(), TrainingSession.objects.count(), Referral.objects.count()


def filled_in(work):
    book = template(work)
    fill_update(
        book,
        "TST-1",
        **{
            "Status": "At risk",
            "RAG rating": "Amber",
            "Reason for RAG rating": "Staff shortages over the summer",
            "Progress this quarter": "Two patrols a week.",
        },
    )
    fill_update(
        book,
        "TST-2",
        **{
            "Status": "On track",
            "RAG rating": "Green",
            "Progress this quarter": "Plan agreed.",
            "Evidence links": "https://example.org/minutes https://example.org/report",
        },
    )
    add_output(book, TRAINING, training_row(work))
    add_output(book, REFERRALS, referral_row(work, From=dt.datetime(2022, 8, 1), To="30/09/2022"))
    return book


def test_it_writes_a_workbook_with_the_organisations_actions_and_a_sheet_per_kind(work):
    book = template(work)
    assert book.sheetnames[:2] == ["Instructions", UPDATES]
    assert TRAINING in book.sheetnames and REFERRALS in book.sheetnames
    assert book["Lists"].sheet_state == "hidden"
    references = [row[0] for row in book[UPDATES].iter_rows(min_row=2, values_only=True)]
    assert "TST-1" in references and "TST-2" in references
    assert "TST-9" not in references  # led by the council
    headings = [cell.value for cell in book[UPDATES][1]]
    assert headings == [
        "Reference",
        "Action",
        "Current status",
        "Current RAG rating",
        "Status",
        "RAG rating",
        "Reason for RAG rating",
        "Progress this quarter",
        "Evidence links",
    ]
    training_headings = [cell.value for cell in book[TRAINING][1]]
    assert training_headings[:4] == ["Priority", "Action", "From", "To"]
    assert "People reached" in training_headings and "Organisation" not in training_headings
    validated = {str(rule.sqref) for rule in book[TRAINING].data_validations.dataValidation}
    assert any(ref.startswith("A2") for ref in validated)  # priorities by title


def test_it_applies_a_filled_in_template_whole(work):
    result = upload(work, as_upload(filled_in(work)), user=None)
    assert result.errors == []
    # The demo's own actions may come pre-filled with updates already saved; those are left be.
    assert result.message.startswith("2 updates and 2 outputs saved")
    update = ProgressUpdate.objects.get(action=work.police_action, period="2022-23 Q2")
    assert (update.status, update.rag, update.narrative) == ("at_risk", "amber", "Two patrols a week.")
    work.police_action.refresh_from_db()
    assert work.police_action.status == "at_risk"
    other = ProgressUpdate.objects.get(action=work.other_police_action)
    assert other.evidence_list() == ["https://example.org/minutes", "https://example.org/report"]
    training = TrainingSession.objects.get(topic="Test topic: county lines awareness")
    assert training.organisation == work.police
    assert training.action == work.police_action
    assert (training.period_start, training.period_end) == (QUARTER.start, QUARTER.end)
    assert (training.audience, training.people_reached, training.classification) == (
        "school_staff",
        30,
        "official",
    )
    referral = Referral.objects.get(area="Test area", organisation=work.police)
    assert (referral.period_start, referral.period_end, referral.route) == (
        dt.date(2022, 8, 1),
        dt.date(2022, 9, 30),
        "marac",
    )


def test_it_replaces_the_quarters_earlier_update(work):
    upload(work, as_upload(filled_in(work)))
    book = template(work)  # comes pre-filled with the saved updates
    fill_update(
        book, "TST-1", **{"Status": "On track", "RAG rating": "Green", "Progress this quarter": "Back on."}
    )
    result = upload(work, as_upload(book))
    assert result.errors == []
    assert result.message.startswith("1 update and no outputs saved; ")
    assert result.unchanged >= 1  # TST-2's update, pre-filled and left as it was
    assert ProgressUpdate.objects.filter(action=work.police_action, period="2022-23 Q2").count() == 1
    work.police_action.refresh_from_db()
    assert (work.police_action.status, work.police_action.rag) == ("on_track", "green")


def test_one_bad_cell_names_its_sheet_row_and_column_and_changes_nothing(work):
    book = filled_in(work)
    row = add_output(book, TRAINING, training_row(work, **{"People reached": "lots"}))
    before = counts()
    result = upload(work, as_upload(book))
    assert result.errors == [
        f"Sheet '{TRAINING}', row {row}, column J (People reached): "
        "people reached must be a whole number, like 15"
    ]
    assert counts() == before
    work.police_action.refresh_from_db()
    assert work.police_action.status == Action.Status.NOT_STARTED


def test_it_lists_every_problem_in_every_sheet(work):
    book = template(work)
    update_row = fill_update(book, "TST-1", **{"Status": "Going well", "RAG rating": "Red"})
    training = add_output(book, TRAINING, training_row(work, Topic=None, Format="By pigeon"))
    referral = add_output(book, REFERRALS, referral_row(work, To="next Tuesday", Priority="Not a priority"))
    before = counts()
    result = upload(work, as_upload(book))
    assert result.errors == [
        f"Sheet '{UPDATES}', row {update_row}, column E (Status): choose one of Not started, On track, "
        "At risk, Off track, Complete, Withdrawn",
        f"Sheet '{UPDATES}', row {update_row}, column G (Reason for RAG rating): give the reason for an "
        "amber or red rating",
        f"Sheet '{UPDATES}', row {update_row}, column H (Progress this quarter): describe the progress made "
        "this quarter",
        f"Sheet '{TRAINING}', row {training}, column E (Topic): enter the topic",
        f"Sheet '{TRAINING}', row {training}, column G (Format): choose one of In person, Online, E-learning",
        f"Sheet '{REFERRALS}', row {referral}, column A (Priority): choose a priority from the list; "
        "'Not a priority' is not one of the partnership's priorities",
        f"Sheet '{REFERRALS}', row {referral}, column D (To): enter a date, like 1/4/2022",
    ]
    assert counts() == before


def test_it_refuses_an_update_on_an_action_another_organisation_leads(work):
    book = template(work)
    row = fill_update(
        book, "TST-9", **{"Status": "On track", "RAG rating": "Green", "Progress this quarter": "x"}
    )
    result = upload(work, as_upload(book))
    assert result.errors == [
        f"Sheet '{UPDATES}', row {row}, column A (Reference): TST-9 is not an action led by "
        "Suffolk Constabulary in 2022-23"
    ]


def test_it_refuses_an_output_outside_the_quarter(work):
    book = template(work)
    row = add_output(book, REFERRALS, referral_row(work, From="1/10/2022", To="31/12/2022"))
    result = upload(work, as_upload(book))
    assert result.errors == [
        f"Sheet '{REFERRALS}', row {row}, column C (From): 1 October 2022 is not in Q2 2022-23 (July to "
        "September 2022); the period must start between 1 July 2022 and 30 September 2022",
        f"Sheet '{REFERRALS}', row {row}, column D (To): 31 December 2022 is not in Q2 2022-23 (July to "
        "September 2022); the period must end between 1 July 2022 and 30 September 2022",
    ]


def test_it_refuses_another_organisations_workbook(work):
    book = template(work, organisation=work.council)
    fill_update(book, "TST-9", **{"Status": "On track", "RAG rating": "Green", "Progress this quarter": "x"})
    before = counts()
    result = upload(work, as_upload(book), organisation=work.police)
    assert result.errors == [
        "The selected file is another organisation's return; download the return for Suffolk Constabulary "
        "from this page and fill that in"
    ]
    assert counts() == before


def test_it_refuses_another_quarters_workbook(work):
    book = template(work, quarter=Quarter.parse("2022-23 Q1"))
    result = upload(work, as_upload(book))
    assert result.errors[0].startswith("The selected file is the return for 2022-23 Q1, not 2022-23 Q2")


def test_it_refuses_a_workbook_it_did_not_write(work):
    book = openpyxl.Workbook()
    result = upload(work, as_upload(book))
    assert result.errors == [
        "The selected file is not a CSP Monitor return: download the return from this page, "
        "fill it in and upload that"
    ]


def test_it_refuses_a_file_that_is_not_a_workbook(work):
    result = upload(work, SimpleUploadedFile("return.csv", b"Reference,Status\n"))
    assert result.errors == [
        "The selected file must be an Excel workbook (.xlsx), like the one downloaded from this page"
    ]
    result = upload(work, SimpleUploadedFile("return.xlsx", b"not a zip file"))
    assert result.errors[0].startswith("The selected file could not be opened as an Excel workbook")


def test_it_refuses_a_file_over_5_mb(work):
    result = upload(work, SimpleUploadedFile("return.xlsx", b"0" * (MAX_BYTES + 1)))
    assert result.errors == ["The selected file must be smaller than 5 MB"]


def test_it_says_when_nothing_is_filled_in(work):
    book = template(work)
    clear_updates(book)
    result = upload(work, as_upload(book))
    assert result.errors == ["The selected file has no updates or outputs filled in"]


def test_the_template_is_a_valid_xlsx_that_excel_can_open(work):
    data = build_workbook(work.partnership, work.police, QUARTER)
    assert data[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert "Instructions" in book.sheetnames
    book.close()


@pytest.mark.parametrize("value", ["Yes", "yes", True])
def test_it_reads_yes_in_a_tick_box_column(work, value):
    book = template(work)
    add_output(
        book,
        "Events",
        {
            "Priority": work.priority.title,
            "Name": "Test fun day",
            "Audience": "Public",
            "Format": "In person",
            "Attendees": 110,
            "Attendance is a minimum": value,
        },
    )
    assert upload(work, as_upload(book)).errors == []
    assert Event.objects.get(name="Test fun day").attendance == "over 110"
