"""Read a filled-in quarterly return workbook, check every row, and apply it whole.

Every row of every sheet is checked before anything is written, by the same forms the web
pages use, and every problem is reported with its sheet, row (as Excel numbers it), column
letter and heading. A workbook with any problem changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cspmonitor.activity import returns_replace
from cspmonitor.activity.forms import OutputForm
from cspmonitor.activity.models import OUTPUT_KINDS, PartnerReturn
from cspmonitor.activity.returns import actions_led
from cspmonitor.activity.returns_outputs import Lookups, check_outputs
from cspmonitor.activity.returns_reading import (
    DAMAGED_SHEET,
    CellError,
    ReturnFileError,
    Row,
    SheetTooLong,
    cell_choice,
    cell_text,
    filled_rows,
    is_blank,
    letters,
    open_workbook,
    sheet_rows,
)
from cspmonitor.activity.returns_workbook import (
    DOWNLOADED_KEY,
    INSTRUCTIONS_SHEET,
    ORGANISATION_KEY,
    PARTNERSHIP_KEY,
    QUARTER_KEY,
    UPDATES_SHEET,
    sheet_name,
    update_columns,
)
from cspmonitor.periods import Quarter
from cspmonitor.plans.forms import ProgressUpdateForm
from cspmonitor.plans.models import Action, ProgressUpdate

NOT_A_RETURN = (
    "The selected file is not a CSP Monitor return: download the return from this page, "
    "fill it in and upload that"
)
NOTHING_FILLED_IN = "The selected file has no updates or outputs filled in"

logger = logging.getLogger(__name__)


# Checking ------------------------------------------------------------------------------------------


@dataclass
class CheckedReturn:
    """The forms a workbook fills in, all valid, or the problems found in it."""

    errors: list[str] = field(default_factory=list)
    updates: list[ProgressUpdateForm] = field(default_factory=list)
    outputs: list[OutputForm] = field(default_factory=list)
    #: Rows that only repeat an update already saved (the workbook comes pre-filled).
    unchanged: int = 0
    #: Filled rows below the headings, on every sheet but the instructions.
    rows: int = 0


def _details(workbook) -> dict[str, str]:
    if INSTRUCTIONS_SHEET not in workbook.sheetnames:
        return {}
    details = {}
    for _number, values in sheet_rows(workbook[INSTRUCTIONS_SHEET], max_rows=200):
        if values[0] is not None:
            details[cell_text(values[0])] = cell_text(values[1])
    return details


def downloaded_at(workbook) -> dt.datetime | None:
    """When the return was downloaded (returns downloaded before this was recorded: None)."""
    try:
        return dt.datetime.fromisoformat(_details(workbook).get(DOWNLOADED_KEY, ""))
    except ValueError:
        return None


def _identity_error(workbook, partnership, organisation, quarter: Quarter) -> str | None:
    details = _details(workbook)
    if not all(details.get(key) for key in (PARTNERSHIP_KEY, ORGANISATION_KEY, QUARTER_KEY)):
        return NOT_A_RETURN
    if details[PARTNERSHIP_KEY] != partnership.slug:
        return "The selected file is another partnership's return; download this return and fill that in"
    if details[ORGANISATION_KEY] != str(organisation.pk):
        return (
            f"The selected file is another organisation's return; download the return for "
            f"{organisation.name} from this page and fill that in"
        )
    if details[QUARTER_KEY] != quarter.label:
        return (
            f"The selected file is the return for {details[QUARTER_KEY]}, not {quarter.label}; upload it "
            f"on that quarter's return page, or download this quarter's return"
        )
    return None


def _check_updates(
    sheet, partnership, organisation, quarter: Quarter, checked: CheckedReturn, downloaded: dt.datetime | None
) -> None:
    columns = update_columns()
    actions: dict[str, list[Action]] = {}
    for action in actions_led(partnership, organisation, quarter):
        actions.setdefault(action.reference.casefold(), []).append(action)
    existing = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(action__lead_organisation=organisation, period=quarter.label)
    }
    seen: set[int] = set()
    for number, positions, cells in filled_rows(sheet, columns, checked.errors):
        if is_blank([cells[c] for c in columns if c.fills_in]):
            continue
        row = Row(sheet.title, number, letters(columns, positions))
        data = {"period": quarter.label}
        unreadable = set()
        for column in columns:
            if not column.fills_in:
                continue
            try:
                data[column.field] = (
                    cell_choice(cells[column], column)
                    if column.kind == "choice"
                    else cell_text(cells[column])
                )
            except CellError as error:
                row.cell_error(column.field, str(error))
                unreadable.add(column.field)
        # Several links may share one cell, a line or a space apart; the form wants one a line.
        data["evidence_links"] = "\n".join(data.get("evidence_links", "").split())
        reference = cell_text(cells[columns[0]])
        matches = actions.get(reference.casefold(), [])
        action = None
        if not reference:
            row.cell_error("reference", "enter the action's reference, like CE-1")
        elif not matches:
            row.cell_error(
                "reference",
                f"{reference} is not an action led by {organisation.name} in {quarter.year.label}",
            )
        elif len(matches) > 1:
            row.cell_error(
                "reference",
                f"more than one action has the reference {reference}; give this update on the web",
            )
        elif matches[0].pk in seen:
            row.cell_error("reference", f"{reference} has another update above; give one update per action")
        else:
            action = matches[0]
            seen.add(action.pk)
        # With no action to update, the other cells are still checked, against any of the
        # organisation's actions, so that every problem is reported at once.
        stand_in = action or next((a for found in actions.values() for a in found), None)
        if stand_in is not None:
            form = ProgressUpdateForm(data, action=stand_in, partnership=partnership)
            if form.is_valid() and action is not None and not row.errors:
                saved = existing.get(action.pk)
                if _unchanged(saved, form.cleaned_data):
                    checked.unchanged += 1
                elif saved is not None and downloaded is not None and saved.written_at > downloaded:
                    # An older copy of the return would silently undo a newer update.
                    row.cell_error(
                        "reference",
                        f"the update for {reference} was changed on {_when(saved.written_at)}, after "
                        f"this return was downloaded on {_when(downloaded)}; download the return "
                        "again and make your changes in that, so the newer update is not overwritten",
                    )
                    checked.errors += row.errors
                    continue
                else:
                    checked.updates.append(form)
            else:
                # The stand-in's own dates say nothing about this row's quarter.
                row.form_errors(form, unreadable if action is not None else unreadable | {"period"})
        checked.errors += row.errors


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y at %H:%M}"


def _unchanged(update: ProgressUpdate | None, cleaned: dict) -> bool:
    """Whether a row only repeats the update already saved (the workbook comes pre-filled)."""
    names = ["status", "rag", "rag_reason", "narrative", "evidence_links"]
    return update is not None and all(getattr(update, n).strip() == cleaned[n].strip() for n in names)


def _count_rows(sheet, checked: CheckedReturn) -> None:
    """Count the filled rows below the headings, against the RETURN_MAX_ROWS setting.


    Every filled row costs a form check (about 10 ms), so the whole return is held to the
    same number of rows as one sheet; `sheet_rows` stops at a row past the limit.
    """
    limit = settings.RETURN_MAX_ROWS
    for number, values in sheet_rows(sheet):
        if number > 1 and not is_blank(values):
            checked.rows += 1
    if checked.rows > limit and not checked.errors:
        checked.errors.append(
            f"The return has {checked.rows:,} filled rows by sheet '{sheet.title}'; a return takes at most "
            f"{limit:,} rows in all. Split it and upload it in parts"
        )


@contextmanager
def _sheet(name: str, checked: CheckedReturn) -> Iterator[None]:
    """Report a sheet that is too long or cannot be parsed, by name, instead of failing."""
    try:
        yield
    except SheetTooLong as error:
        checked.errors.append(str(error))
    except Exception:  # openpyxl and the XML parser raise many kinds of error on damage
        logger.warning("Return sheet %r could not be read", name, exc_info=True)
        checked.errors.append(DAMAGED_SHEET.format(sheet=name))


def check_return(workbook, *, partnership, organisation, quarter: Quarter) -> CheckedReturn:
    """Check every row of every sheet; nothing is written."""
    checked = CheckedReturn()
    checked_sheets = {UPDATES_SHEET, *(sheet_name(model) for model in OUTPUT_KINDS)}
    for name in workbook.sheetnames:
        if name in checked_sheets:  # the instructions and the drop-downs' lists are not rows
            with _sheet(name, checked):
                _count_rows(workbook[name], checked)
    if checked.errors:
        return checked  # refused before any row is checked, so quickly
    try:
        problem = _identity_error(workbook, partnership, organisation, quarter)
    except Exception:
        logger.warning("Return instructions could not be read", exc_info=True)
        problem = DAMAGED_SHEET.format(sheet=INSTRUCTIONS_SHEET)
    if problem:
        checked.errors.append(problem)
        return checked
    downloaded = downloaded_at(workbook)
    if UPDATES_SHEET in workbook.sheetnames:
        with _sheet(UPDATES_SHEET, checked):
            _check_updates(workbook[UPDATES_SHEET], partnership, organisation, quarter, checked, downloaded)
    lookups = Lookups.build(partnership, quarter)
    for model in OUTPUT_KINDS:
        if sheet_name(model) in workbook.sheetnames:
            with _sheet(sheet_name(model), checked):
                check_outputs(
                    workbook[sheet_name(model)], model, partnership, organisation, quarter, lookups, checked
                )
    if not checked.errors and not (checked.updates or checked.outputs or checked.unchanged):
        checked.errors.append(NOTHING_FILLED_IN)
    return checked


# Applying ------------------------------------------------------------------------------------------


@dataclass
class UploadResult:
    errors: list[str] = field(default_factory=list)
    updates: int = 0
    outputs: int = 0
    unchanged: int = 0
    #: Outputs an earlier upload of the return brought in that this one removed, or kept as they were.
    removed: int = 0
    kept: int = 0
    #: A second upload that would change the return waits for the partner to confirm it.
    pending: bool = False

    @property
    def message(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n if n else 'no'} {word}{'' if n == 1 else 's'}"

        message = f"{count(self.updates, 'update')} and {count(self.outputs, 'output')} saved"
        if self.unchanged:
            message += f"; {count(self.unchanged, 'update')} already saved and unchanged"
        if self.removed:
            message += f"; {count(self.removed, 'output')} from the earlier upload removed"
        if self.kept:
            message += f"; {count(self.kept, 'output')} already saved and unchanged"
        return message[0].upper() + message[1:]


def apply_return(checked: CheckedReturn, user, partner_return) -> UploadResult:
    """Save a checked return whole: updates replace the quarter's earlier ones and set each
    action's status; the outputs replace those the return brought in before (``returns_replace``)."""
    replaced = returns_replace.apply(checked, partner_return, user)
    return UploadResult(
        updates=len(checked.updates),
        outputs=len(replaced.add),
        unchanged=checked.unchanged,
        removed=len(replaced.remove),
        kept=len(replaced.keep),
    )


def _read(file, *, partnership, organisation, quarter: Quarter) -> CheckedReturn:
    try:
        workbook = open_workbook(file)
    except ReturnFileError as error:
        return CheckedReturn(errors=[str(error)])
    try:
        return check_return(workbook, partnership=partnership, organisation=organisation, quarter=quarter)
    finally:
        workbook.close()


def upload_return(file, *, partnership, organisation, quarter: Quarter, user) -> UploadResult:
    """Open, check and (only when every row is right) apply an uploaded return. Uploading a
    return again that would change its outputs is held (``pending``) for the partner to confirm."""
    checked = _read(file, partnership=partnership, organisation=organisation, quarter=quarter)
    if checked.errors:
        return UploadResult(errors=checked.errors)
    with transaction.atomic():
        # One upload of a return at a time: a double submit waits for the first, then finds its
        # outputs already there and adds nothing (SQLite's transactions take the write lock at
        # their start; PostgreSQL locks the return's row).
        found = returns_replace.the_return(organisation, quarter)
        partner_return = PartnerReturn.objects.select_for_update().get(pk=found.pk)
        if partner_return.uploads and returns_replace.change(checked, partner_return).changes_anything:
            file.seek(0)  # read whole once already, within the size allowed
            partner_return.hold(file.read(), user)
            return UploadResult(pending=True)
        return apply_return(checked, user, partner_return)


def pending_change(partner_return, *, partnership) -> tuple[CheckedReturn, returns_replace.Change | None]:
    """The held upload checked again (the plan may have moved on) and what it would change."""
    quarter = Quarter.parse(partner_return.quarter)
    checked = _read(
        ContentFile(bytes(partner_return.pending_file or b""), name="return.xlsx"),
        partnership=partnership,
        organisation=partner_return.organisation,
        quarter=quarter,
    )
    if checked.errors:
        return checked, None
    return checked, returns_replace.change(checked, partner_return)
