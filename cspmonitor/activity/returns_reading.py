"""Reading an uploaded return workbook: opening it safely, and reading cells as their columns need.

Every problem names its sheet, row (as Excel numbers it), column letter and heading, so a
partner can find and fix it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.conf import settings
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from cspmonitor.activity.returns_workbook import Column

#: The default of the RETURN_MAX_BYTES setting (which is what is enforced).
MAX_BYTES = 5 * 1024 * 1024
#: A small .xlsx can unpack to something huge (a "zip bomb"); refuse before opening it.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
#: Columns read from each row: a return has under 20; anything further right is ignored.
MAX_COLUMNS = 40

TOO_BIG = "The selected file must be smaller than {size}"
NOT_XLSX = "The selected file must be an Excel workbook (.xlsx), like the one downloaded from this page"
UNREADABLE = (
    "The selected file could not be opened as an Excel workbook; download the return again, "
    "fill it in and upload that"
)


DAMAGED_SHEET = (
    "Sheet '{sheet}' could not be read: the file is damaged. Download the return again, "
    "copy your entries into it and upload that"
)


class ReturnFileError(Exception):
    """A file that cannot be read as a return at all."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def open_workbook(file) -> Any:
    """Open an uploaded file (anything with ``name``, ``size`` and ``read``) as a workbook.

    Raises ReturnFileError with a message for the person uploading it.
    """
    if not str(getattr(file, "name", "")).lower().endswith(".xlsx"):
        raise ReturnFileError(NOT_XLSX)
    limit = settings.RETURN_MAX_BYTES
    too_big = TOO_BIG.format(size=_megabytes(limit))
    if (getattr(file, "size", None) or 0) > limit:
        raise ReturnFileError(too_big)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ReturnFileError(too_big)
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise ReturnFileError(UNREADABLE)
    try:
        with zipfile.ZipFile(buffer) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ReturnFileError(too_big)
        buffer.seek(0)
        workbook = openpyxl.load_workbook(buffer, read_only=True, data_only=True)
        return workbook
    except ReturnFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds of error on a damaged file
        sheet = _failing_sheet(error)
        if sheet:
            raise ReturnFileError(DAMAGED_SHEET.format(sheet=sheet)) from None
        raise ReturnFileError(UNREADABLE) from None


def _failing_sheet(error: Exception) -> str:
    """The title of the sheet openpyxl was opening when it failed, or "".

    openpyxl reads each sheet's opening XML while it opens a workbook and says nothing of
    which sheet broke; the sheet being built is in the traceback, so a person can be told.
    """
    traceback = error.__traceback__
    while traceback is not None:
        local = traceback.tb_frame.f_locals
        if isinstance(local.get("self"), ReadOnlyWorksheet) and isinstance(local.get("title"), str):
            return local["title"]
        traceback = traceback.tb_next
    return ""


# Cells -------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell whose value cannot be read as its column needs; the message says what is expected."""


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def cell_number(value) -> str:
    if isinstance(value, bool):
        raise CellError("enter a whole number, like 15")
    return cell_text(value)


_DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y"]


def cell_date(value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for form in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value.strip(), form).date()
            except ValueError:
                continue
    raise CellError("enter a date, like 1/4/2022")


def cell_choice(value, column: Column) -> str:
    text = cell_text(value)
    if not text:
        return ""
    for stored, label in column.choices:
        if text.casefold() in (stored.casefold(), label.casefold()):
            return stored
    labels = ", ".join(label for _stored, label in column.choices)
    raise CellError(f"choose one of {labels}")


def cell_boolean(value) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = cell_text(value).casefold()
    if text in ("", "no", "n", "false", "0"):
        return False
    if text in ("yes", "y", "true", "1"):
        return True
    raise CellError("choose Yes or No")


def first_lower(message: str) -> str:
    """'Enter the topic' → 'enter the topic', leaving 'RAG…' and 'OFFICIAL…' alone."""
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        return message[0].lower() + message[1:]
    return message


# Problems ------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One row being checked: where it is and what is wrong with it, in column order."""

    sheet: str
    number: int
    letters: dict[str, tuple[str, str]]  # form field → (column letter, heading)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [message for _position, message in sorted(self.problems, key=lambda problem: problem[0])]

    def cell_error(self, field_name: str, message: str) -> None:
        letter, header = self.letters[field_name]
        text = f"Sheet '{self.sheet}', row {self.number}, column {letter} ({header}): {first_lower(message)}"
        self.problems.append((column_index_from_string(letter), text))

    def row_error(self, message: str) -> None:
        self.problems.append((0, f"Sheet '{self.sheet}', row {self.number}: {first_lower(message)}"))

    def form_errors(self, form, already: set[str]) -> None:
        for name, messages in form.errors.items():
            if name in already:
                continue
            for message in messages:
                if name in self.letters:
                    self.cell_error(name, message)
                else:
                    self.row_error(message)


def is_blank(values) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


class SheetTooLong(ReturnFileError):
    """A sheet with something in a row past the limit of rows per sheet."""


def sheet_rows(sheet, max_rows: int | None = None):
    """Yield (row number, values) for each row the sheet's file holds, up to `MAX_COLUMNS` wide.

    Only rows present in the file are read: a sheet's claimed size (its 'dimension', which
    can say A1:XFD1048576 whatever it holds) is ignored, where openpyxl's own iter_rows would
    pad every row to that width and fill every missing row up to that height. A row with
    anything in it past ``max_rows`` (default: the RETURN_MAX_ROWS setting) stops the reading
    with SheetTooLong, however far down it is, after reading only the rows before it.
    """
    max_rows = max_rows or settings.RETURN_MAX_ROWS
    workbook = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            values: list[Any] = [None] * MAX_COLUMNS
            for cell in cells:
                if 1 <= cell["column"] <= MAX_COLUMNS:
                    values[cell["column"] - 1] = cell["value"]
            if number > max_rows + 1 and not is_blank(values):  # + 1: the headings
                raise SheetTooLong(
                    f"Sheet '{sheet.title}' has something in row {number:,}; a return takes at most "
                    f"{max_rows:,} rows a sheet. Delete the rows below your entries, or split the "
                    "return and upload it in parts"
                )
            yield number, tuple(values)


def filled_rows(sheet, columns: list[Column], errors: list[str]):
    """Yield (row number, column positions, {column: value}) for each row with something in
    it, once the headings are found (a missing heading is reported instead, and no rows read)."""
    rows = sheet_rows(sheet)
    number, first = next(rows, (1, ()))
    headings = [cell_text(value).casefold() for value in first] if number == 1 else []
    positions = {}
    for column in columns:
        if column.header.casefold() not in headings:
            errors.append(
                f"Sheet '{sheet.title}', row 1: the column headed '{column.header}' is missing; "
                "download the return again rather than changing the headings"
            )
        else:
            positions[column] = headings.index(column.header.casefold())
    if len(positions) < len(columns):
        return
    for number, values in rows:
        if is_blank(values):
            continue
        yield (
            number,
            positions,
            {column: values[index] if index < len(values) else None for column, index in positions.items()},
        )


def letters(columns: list[Column], positions: dict[Column, int]) -> dict[str, tuple[str, str]]:
    """Form field (or column kind) → (column letter, heading), as a Row reports them."""
    return {
        column.field or column.kind: (get_column_letter(positions[column] + 1), column.header)
        for column in columns
    }
