"""Checking the outputs sheets of a return: one row per output, by the web pages' forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cspmonitor.accounts.models import Classification
from cspmonitor.activity.forms import output_form
from cspmonitor.activity.models import Output
from cspmonitor.activity.returns_reading import (
    CellError,
    Row,
    cell_boolean,
    cell_choice,
    cell_date,
    cell_number,
    cell_text,
    filled_rows,
    letters,
)
from cspmonitor.activity.returns_workbook import action_choices, output_columns, priority_choices
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import Action


@dataclass
class Lookups:
    """Priorities by title and actions by reference, as the drop-downs offer them."""

    priorities: dict[str, list]
    actions: dict[str, list[Action]]

    @classmethod
    def build(cls, partnership, quarter: Quarter) -> Lookups:
        priorities: dict[str, list] = {}
        for priority in priority_choices(partnership, quarter):
            priorities.setdefault(priority.title.casefold(), []).append(priority)
        actions: dict[str, list[Action]] = {}
        for action in action_choices(partnership, quarter):
            actions.setdefault(action.reference.casefold(), []).append(action)
        return cls(priorities, actions)

    def priority(self, text: str):
        found = self.priorities.get(text.casefold(), [])
        if len(found) != 1:
            raise CellError(
                f"choose a priority from the list; '{text}' is not one of the partnership's priorities"
                if not found
                else f"more than one priority is called '{text}'; record this output on the web"
            )
        return found[0]

    def action(self, text: str, priority) -> Action:
        # The drop-down shows "CE-1 Title"; the reference is what identifies the action.
        reference = text.split()[0] if text.split() else text
        found = self.actions.get(text.casefold()) or self.actions.get(reference.casefold(), [])
        if priority is not None:
            found = [action for action in found if action.objective.priority_id == priority.pk]
        if len(found) != 1:
            raise CellError(
                f"choose an action from the list under the priority chosen; '{text}' is not one"
                if not found
                else f"more than one action has the reference {reference}; record this output on the web"
            )
        return found[0]


def _output_data(cells, columns, row: Row, lookups: Lookups, quarter: Quarter) -> tuple[dict, set[str]]:
    data: dict[str, Any] = {}
    unreadable: set[str] = set()
    priority = None
    by_kind = {column.field: column for column in columns}
    for column in columns:
        value = cells[column]
        try:
            if column.kind == "date":
                day = cell_date(value) or (quarter.start if column.field == "period_start" else quarter.end)
                data.update({f"{column.field}_0": day.day, f"{column.field}_1": day.month})
                data[f"{column.field}_2"] = day.year
            elif column.kind == "priority":
                text = cell_text(value)
                priority = lookups.priority(text) if text else None
                data["priority"] = priority.pk if priority else ""
            elif column.kind == "action":
                continue  # after the priority, below
            elif column.kind == "choice":
                data[column.field] = cell_choice(value, column) or (
                    Classification.OFFICIAL if column.field == "classification" else ""
                )
            elif column.kind == "boolean":
                if cell_boolean(value):
                    data[column.field] = "on"
            elif column.kind == "number":
                data[column.field] = cell_number(value)
            else:
                data[column.field] = cell_text(value)
        except CellError as error:
            row.cell_error(column.field, str(error))
            unreadable.add(column.field)
    if "action" in by_kind:
        text = cell_text(cells[by_kind["action"]])
        try:
            data["action"] = lookups.action(text, priority).pk if text else ""
        except CellError as error:
            row.cell_error("action", str(error))
            unreadable.add("action")
    return data, unreadable


def check_outputs(sheet, model: type[Output], partnership, organisation, quarter, lookups, checked) -> None:
    columns = output_columns(model)
    form_class = output_form(model)
    for number, positions, cells in filled_rows(sheet, columns, checked.errors):
        row = Row(sheet.title, number, letters(columns, positions))
        data, unreadable = _output_data(cells, columns, row, lookups, quarter)
        data["organisation"] = organisation.pk
        form = form_class(data, partnership=partnership, organisations=[organisation])
        valid = form.is_valid()
        row.form_errors(form, unreadable)
        for name in ("period_start", "period_end"):
            day = form.cleaned_data.get(name) if valid else None
            if day is not None and not quarter.start <= day <= quarter.end:
                which = "start" if name == "period_start" else "end"
                row.cell_error(
                    name,
                    f"{day:%-d %B %Y} is not in {quarter.long_label}; the period must {which} "
                    f"between {quarter.start:%-d %B %Y} and {quarter.end:%-d %B %Y}",
                )
        if row.errors:
            checked.errors += row.errors
        else:
            checked.outputs.append(form)
