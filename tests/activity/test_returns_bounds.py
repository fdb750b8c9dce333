"""Uploads are bounded: refused quickly by size or rows whatever the sheet claims, damaged
sheets named, dates held to the quarter, and an older return cannot overwrite newer updates."""

from __future__ import annotations

import io
import re
import time
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cspmonitor.activity.returns_upload import upload_return
from cspmonitor.plans.forms import ProgressUpdateForm
from cspmonitor.plans.models import ProgressUpdate
from tests.activity.conftest import QUARTER
from tests.activity.helpers import (
    REFERRALS,
    UPDATES,
    add_output,
    as_upload,
    fill_update,
    referral_row,
    template,
)


def upload(work, file):
    return upload_return(
        file, partnership=work.partnership, organisation=work.police, quarter=QUARTER, user=None
    )


def _rewrite_sheet(file: SimpleUploadedFile, title: str, change) -> SimpleUploadedFile:
    """The upload with one sheet's XML passed through ``change`` (as a damaged file would be)."""
    source = zipfile.ZipFile(io.BytesIO(file.read()))
    names = re.findall(rb'<sheet [^>]*name="([^"]+)"', source.read("xl/workbook.xml"))
    target = f"xl/worksheets/sheet{[n.decode() for n in names].index(title) + 1}.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            archive.writestr(item, change(data) if item.filename == target else data)
    return SimpleUploadedFile("return.xlsx", out.getvalue())


def _claim_the_whole_sheet(data: bytes) -> bytes:
    # A sheet that says it spans every cell Excel allows, with one cell on the very last row.
    data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
    last = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return data.replace(b"</sheetData>", last + b"</sheetData>")


def test_a_sheet_claiming_every_cell_is_refused_within_a_second_naming_the_row(work):
    file = _rewrite_sheet(as_upload(template(work)), REFERRALS, _claim_the_whole_sheet)
    started = time.perf_counter()
    result = upload(work, file)
    assert time.perf_counter() - started < 1.5
    assert result.errors == [
        f"Sheet '{REFERRALS}' has something in row 1,048,576; a return takes at most 200 rows a "
        "sheet. Delete the rows below your entries, or split the return and upload it in parts"
    ]


def test_a_sheet_with_more_rows_than_the_setting_allows_is_refused(work, settings):
    settings.RETURN_MAX_ROWS = 3
    book = template(work)
    for _ in range(4):
        add_output(book, REFERRALS, referral_row(work))
    result = upload(work, as_upload(book))
    assert (
        f"Sheet '{REFERRALS}' has something in row 5; a return takes at most 3 rows a sheet. "
        "Delete the rows below your entries, or split the return and upload it in parts"
    ) in result.errors
    assert result.outputs == 0


def test_a_file_over_the_configured_size_is_refused(work, settings):
    settings.RETURN_MAX_BYTES = 2048
    assert upload(work, as_upload(template(work))).errors == [
        "The selected file must be smaller than 0.00195312 MB"
    ]


def test_a_damaged_sheet_is_named_in_the_message(work):
    for damage in (  # noqa: B007
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"<sheetData>", b"<sheetData><row r='x'>"),  # not a row number
        lambda data: data.replace(b"<sheetData>", b"<sheetData><row r='2'><c r='ZZZZZZ2'><v>1</v></c></row>"),
        lambda data: b"\\x00\\xff" + data,  # not XML
        lambda data: data.replace(
            b"<sheetData>", b"<sheetData><row r='2'><c r='A2' t='s'><v>999</v></c></row>"
        ),
    ):
        result = upload(work, _rewrite_sheet(as_upload(template(work)), REFERRALS, damage))
        assert result.errors == [
            f"Sheet '{REFERRALS}' could not be read: the file is damaged. Download the return again, "
            "copy your entries into it and upload that"
        ], (damage.__code__.co_firstlineno, result.errors)


def test_an_output_dated_1900_is_refused(work):
    book = template(work)
    row = add_output(book, REFERRALS, referral_row(work, From="1/1/1900"))
    result = upload(work, as_upload(book))
    assert result.errors == [
        f"Sheet '{REFERRALS}', row {row}, column C (From): 1 January 1900 is not in Q2 2022-23 (July to "
        "September 2022); the period must start between 1 July 2022 and 30 September 2022"
    ]


def test_a_return_older_than_the_update_it_would_overwrite_is_refused_with_both_dates(work):
    old = template(work)  # downloaded now; the update below is written afterwards
    newer = ProgressUpdateForm(
        {"period": QUARTER.label, "status": "on_track", "rag": "green", "narrative": "Newer, on the web."},
        action=work.police_action,
        partnership=work.partnership,
    )
    assert newer.is_valid(), newer.errors
    newer.save()
    row = fill_update(
        old,
        "TST-1",
        **{
            "Status": "At risk",
            "RAG rating": "Amber",
            "Reason for RAG rating": "x",
            "Progress this quarter": "Older.",
        },
    )
    result = upload(work, as_upload(old))
    assert len(result.errors) == 1
    written = timezone.localtime(ProgressUpdate.objects.get(action=work.police_action).written_at)
    assert result.errors[0].startswith(
        f"Sheet '{UPDATES}', row {row}, column A (Reference): the update for TST-1 was changed on "
        f"{written:%-d %B %Y at %H:%M}, after this return was downloaded on "
    )
    assert ProgressUpdate.objects.get(action=work.police_action).narrative == "Newer, on the web."
