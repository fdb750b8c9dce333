"""The quarterly return as an Excel workbook to fill in.

One sheet of action updates, pre-filled with the organisation's actions; one sheet per kind
of output, headed by the same labels as the web forms, with drop-down lists for every
choice; an Instructions sheet that also records whose return it is and for which quarter,
so a workbook cannot be uploaded against the wrong return.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst, slugify
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from cspmonitor.activity.forms import model_field, output_form
from cspmonitor.activity.models import OUTPUT_KINDS, Output
from cspmonitor.activity.returns import actions_led, quarter_slug
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import Action, Priority, ProgressUpdate, Rag, Status

INSTRUCTIONS_SHEET = "Instructions"
UPDATES_SHEET = "Action updates"
LISTS_SHEET = "Lists"
#: Rows given drop-down lists and formats; a quarter's return is far shorter.
ROWS = 500

#: Labels of the cells on the Instructions sheet that say whose return the workbook is.
PARTNERSHIP_KEY = "Partnership reference"
ORGANISATION_KEY = "Organisation number"
QUARTER_KEY = "Quarter"
#: When the return was made, so that an older copy cannot overwrite newer updates.
DOWNLOADED_KEY = "Downloaded at"

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """A column of a return sheet and the form field it fills (none for information only)."""

    field: str
    header: str
    kind: str  # text, number, date, choice, boolean, priority, action, reference or info
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    hint: str = ""
    width: int = 22

    @property
    def fills_in(self) -> bool:
        return self.kind not in ("info", "reference")


def update_columns() -> list[Column]:
    """The columns of the action updates sheet: four to read, five to fill in."""
    return [
        Column("", "Reference", "reference", hint="The action's reference. Do not change it.", width=12),
        Column("", "Action", "info", width=50),
        Column("", "Current status", "info", width=16),
        Column("", "Current RAG rating", "info", width=12),
        Column("status", "Status", "choice", tuple(Status.choices), True, "The action's status now.", 16),
        Column("rag", "RAG rating", "choice", tuple(Rag.choices), True, "Red, amber or green.", 12),
        Column(
            "rag_reason",
            "Reason for RAG rating",
            "text",
            hint="Needed for an amber or red rating.",
            width=40,
        ),
        Column("narrative", "Progress this quarter", "text", required=True, width=60),
        Column(
            "evidence_links",
            "Evidence links",
            "text",
            hint="Links starting https://, one a line (Alt+Enter) or separated by spaces.",
            width=40,
        ),
    ]


def _column_kind(model: type[Output], name: str) -> str:
    if name in ("priority", "action"):
        return name
    if name in ("period_start", "period_end"):
        return "date"
    field = model_field(model, name)
    if field.choices:
        return "choice"
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, models.IntegerField):
        return "number"
    return "text"


def output_columns(model: type[Output]) -> list[Column]:
    """One column per form field but the organisation (the return's own), labelled as on the web."""
    form = output_form(model)
    columns = []
    for name, form_field in form.base_fields.items():
        if name == "organisation":
            continue
        kind = _column_kind(model, name)
        choices: tuple[tuple[str, str], ...] = ()
        if kind == "choice":
            choices = tuple((value, str(label)) for value, label in model_field(model, name).choices or [])
        hint = str(form_field.help_text or "")
        if name in ("period_start", "period_end"):
            hint = "A date, like 1/4/2022. Leave From and To blank for the whole quarter."
        if name == "classification":
            hint = "Leave blank for OFFICIAL."
        required = form_field.required and kind != "date" and name != "classification"
        width = 40 if kind in ("text", "priority", "action") else 16
        columns.append(Column(name, str(form_field.label), kind, choices, required, hint, width))
    return columns


def sheet_name(model: type[Output]) -> str:
    return capfirst(model.kind_label)[:31]


def filename(organisation, quarter: Quarter) -> str:
    return f"return-{slugify(organisation.name)}-{quarter_slug(quarter)}.xlsx"


def priority_choices(partnership, quarter: Quarter) -> list[Priority]:
    return list(Priority.objects.for_partnership(partnership).in_year(quarter.year))


def action_choices(partnership, quarter: Quarter) -> list[Action]:
    return list(Action.objects.for_partnership(partnership).in_year(quarter.year).order_by("reference", "pk"))


def action_label(action: Action) -> str:
    """How an action appears in the drop-down: its reference first, which is what is read back."""
    return f"{action.reference} {action.title}"


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="top")


class _Lists:
    """The hidden sheet holding every drop-down list, one list a column."""

    def __init__(self, workbook: Workbook):
        self.sheet = workbook.create_sheet(LISTS_SHEET)
        self.sheet.sheet_state = "hidden"
        self.ranges: dict[str, str] = {}

    def range_for(self, name: str, values: list[str]) -> str:
        if name not in self.ranges:
            column = get_column_letter(len(self.ranges) + 1)
            self.sheet[f"{column}1"] = name
            for row, value in enumerate(values or [""], start=2):
                self.sheet[f"{column}{row}"] = value
            last = max(len(values), 1) + 1
            self.ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${column}$2:${column}${last}"
        return self.ranges[name]


def _header(sheet, columns: list[Column]) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=column.header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        note = ("Required. " if column.required else "Optional. " if column.fills_in else "") + column.hint
        if note.strip():
            cell.comment = Comment(note.strip(), "CSP Monitor")
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "date":
            sheet.column_dimensions[letter].number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"


def _validations(sheet, columns: list[Column], lists: _Lists, dynamic: dict[str, list[str]]) -> None:
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        cells = f"{letter}2:{letter}{ROWS + 1}"
        if column.kind == "choice":
            formula = "=" + lists.range_for(column.header, [label for _value, label in column.choices])
        elif column.kind in ("priority", "action"):
            formula = "=" + lists.range_for(column.kind.capitalize(), dynamic[column.kind])
        elif column.kind == "boolean":
            formula = '"Yes,No"'
        elif column.kind == "number":
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            rule.error, rule.errorTitle, rule.showErrorMessage = (
                "Enter a whole number, like 15",
                "Number",
                True,
            )
            sheet.add_data_validation(rule)
            rule.add(cells)
            continue
        else:
            continue
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.error = "Choose from the list"
        rule.errorTitle = column.header
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(cells)


def _instructions(sheet, partnership, organisation, quarter: Quarter) -> None:
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 100
    lines = [
        f"Quarterly return: {organisation.name}, {quarter.long_label}",
        "",
        f"'{UPDATES_SHEET}' lists the actions your organisation leads. For each action you are "
        "updating, fill in Status, RAG rating and Progress this quarter, with the reason for an "
        "amber or red rating and any evidence links. Leave those columns blank to give no update.",
        "Each outputs sheet takes one row per output delivered in the quarter. Choose the priority, "
        "action and other choices from the drop-down lists. Leave From and To blank for the whole "
        "quarter; the period must end within the quarter.",
        "Record counts only: no names or other personal data.",
        "Upload the workbook on the return page. Nothing is saved unless every row is right; "
        "if anything needs correcting you are told the sheet, row and column.",
        "Do not change the details below, or the names of the sheets and columns: they tell "
        "CSP Monitor whose return this is.",
        "",
    ]
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=False)
    sheet["A1"].font = Font(bold=True, size=14)
    details = [
        ("Partnership", partnership.name),
        (PARTNERSHIP_KEY, partnership.slug),
        ("Organisation", organisation.name),
        (ORGANISATION_KEY, organisation.pk),
        (QUARTER_KEY, quarter.label),
        (DOWNLOADED_KEY, timezone.now().isoformat()),
    ]
    start = len(lines) + 1
    for offset, (key, value) in enumerate(details):
        sheet.cell(row=start + offset, column=1, value=key).font = _HEADER_FONT
        sheet.cell(row=start + offset, column=2, value=value)
    sheet.protection.sheet = True  # no password: a guard against slips, not a lock


def _updates(sheet, partnership, organisation, quarter: Quarter, lists: _Lists) -> None:
    columns = update_columns()
    _header(sheet, columns)
    _validations(sheet, columns, lists, {})
    actions = list(actions_led(partnership, organisation, quarter))
    updates = {
        u.action_id: u for u in ProgressUpdate.objects.filter(action__in=actions, period=quarter.label)
    }
    for row, action in enumerate(actions, start=2):
        update = updates.get(action.pk)
        values = [action.reference, action.title, action.get_status_display(), action.get_rag_display()]
        if update is not None:
            values += [
                update.get_status_display(),
                update.get_rag_display(),
                update.rag_reason,
                update.narrative,
                update.evidence_links,
            ]
        for number, value in enumerate(values, start=1):
            sheet.cell(row=row, column=number, value=value).alignment = _WRAP


def build_workbook(partnership, organisation, quarter: Quarter) -> bytes:
    """The return template for ``organisation`` and ``quarter``, as .xlsx bytes."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions, partnership, organisation, quarter)
    updates = workbook.create_sheet(UPDATES_SHEET)
    lists = _Lists(workbook)
    _updates(updates, partnership, organisation, quarter, lists)
    dynamic = {
        "priority": [p.title for p in priority_choices(partnership, quarter)],
        "action": [action_label(a) for a in action_choices(partnership, quarter)],
    }
    for model in OUTPUT_KINDS:
        sheet = workbook.create_sheet(sheet_name(model))
        columns = output_columns(model)
        _header(sheet, columns)
        _validations(sheet, columns, lists, dynamic)
    # The hidden lists go last, so the sheets people fill in come first.
    workbook.move_sheet(
        LISTS_SHEET, offset=len(workbook.sheetnames) - 1 - workbook.sheetnames.index(LISTS_SHEET)
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
