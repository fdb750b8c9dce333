"""Fill in return workbooks as a partner would, with openpyxl."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from cspmonitor.activity.returns_workbook import build_workbook
from tests.activity.conftest import QUARTER

TRAINING = "Training and awareness sessions"
REFERRALS = "Referrals"
UPDATES = "Action updates"


def template(work, organisation=None, quarter=QUARTER):
    data = build_workbook(work.partnership, organisation or work.police, quarter)
    return openpyxl.load_workbook(io.BytesIO(data))


def _headers(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def fill_update(book, reference: str, **values) -> int:
    """Fill the update columns (by heading) on the row of action ``reference``; its row number."""
    sheet = book[UPDATES]
    headers = _headers(sheet)
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == reference:
            for header, value in values.items():
                sheet.cell(row=row, column=headers[header], value=value)
            return row
    sheet.append([reference])
    return fill_update(book, reference, **values)


def clear_updates(book) -> None:
    """Blank every update column, as if none were given (the template comes pre-filled)."""
    sheet = book[UPDATES]
    for row in sheet.iter_rows(min_row=2, min_col=5):
        for cell in row:
            cell.value = None


def add_output(book, sheet_name: str, values: dict[str, object]) -> int:
    """Add a row of ``values`` (by heading) to a sheet; its row number."""
    sheet = book[sheet_name]
    headers = _headers(sheet)
    row = sheet.max_row + 1
    for header, value in values.items():
        sheet.cell(row=row, column=headers[header], value=value)
    return row


def training_row(work, **changes) -> dict[str, object]:
    return {
        "Priority": work.priority.title,
        "Action": f"{work.police_action.reference} {work.police_action.title}",
        "Topic": "Test topic: county lines awareness",
        "Delivered by": "Test trainer",
        "Format": "In person",
        "Audience": "School staff",
        "Sessions held": 2,
        "People reached": 30,
    } | changes


def referral_row(work, **changes) -> dict[str, object]:
    return {"Priority": work.priority.title, "Route": "MARAC", "Area": "Test area", "Referrals": 12} | changes


def as_upload(book, name: str = "return.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")
