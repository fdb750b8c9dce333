"""Load the Western Suffolk plan, its 2022/23 quarterly updates and outputs. Idempotent.

Every record is found by its natural key (a plan by title, a priority by title, an action by
reference, an update by quarter, an output by what it counts and when) and saved only when
something differs, so loading the demo again neither duplicates records nor adds entries to
the plan's change history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models

from cspmonitor.activity.models import output_kind
from cspmonitor.demo import western_suffolk_community_safety as community
from cspmonitor.demo import western_suffolk_exploitation_and_abuse as exploitation
from cspmonitor.demo import western_suffolk_outputs as outputs_data
from cspmonitor.demo import western_suffolk_plan as data
from cspmonitor.partnership.models import Group, Organisation
from cspmonitor.plans.models import Action, Objective, Plan, PlanRefresh, Priority, ProgressUpdate

# Updates are stamped at 10am on the day written, in the partnership's own time zone.
_LONDON = ZoneInfo("Europe/London")

# The fields that, with the priority and period, tell one output of a kind from another.
_IDENTITY = {
    "training": ("topic", "audience"),
    "campaigns": ("name",),
    "events": ("name",),
    "services": ("name",),
    "networks": ("network", "scope"),
    "interventions": ("name", "area"),
    "awards": ("scheme", "area"),
    "referrals": ("route", "area"),
    "compliance": ("module",),
}


def load_plan(partnership, organisations: dict[str, Organisation], groups: dict[str, Group]) -> Plan:
    spec = data.PLAN
    plan = _upsert(
        Plan,
        {"partnership": partnership, "title": spec["title"]},
        {
            "first_year": spec["first_year"],
            "years": spec["years"],
            "adopted_on": _date(spec["adopted_on"]),
            "adopted_by": groups[spec["adopted_by"]],
            "summary": spec["summary"],
        },
    )
    for year, refreshed_on, summary in data.REFRESHES:
        _upsert(
            PlanRefresh,
            {"plan": plan, "year": year},
            {"refreshed_on": _date(refreshed_on), "summary": summary},
        )
    priorities: dict[str, Priority] = {}
    actions: dict[str, Action] = {}
    # Priorities in plan order; each with its objectives (workstreams) and their actions.
    for order, entry in enumerate(exploitation.PRIORITIES + community.PRIORITIES, start=1):
        priority = _load_priority(plan, order, {**data.PRIORITY_DEFAULTS, **entry}, organisations, groups)
        priorities[priority.title] = priority
        for objective_order, (title, description, action_entries) in enumerate(entry["objectives"], start=1):
            objective = _upsert(
                Objective,
                {"priority": priority, "title": title},
                {"description": description, "order": objective_order},
            )
            for action_entry in action_entries:
                action = _load_action(objective, action_entry, organisations, len(actions))
                actions[action.reference] = action
    for output in outputs_data.OUTPUTS:
        _load_output(output, priorities, actions, organisations)
    return plan


def _load_priority(plan, order, entry, organisations, groups) -> Priority:
    return _upsert(
        Priority,
        {"plan": plan, "title": entry["title"]},
        {
            "kind": entry["kind"],
            "description": entry["description"],
            "adopted_on": _date(entry["adopted_on"]),
            "adopted_by": groups[entry["adopted_by"]],
            "evidence": entry["evidence"],
            "evidence_detail": entry["evidence_detail"],
            "lead_organisation": organisations[entry["lead"]],
            "order": order,
        },
    )


def _load_action(objective, entry, organisations, index: int) -> Action:
    action = _upsert(
        Action,
        {"objective": objective, "reference": entry["reference"]},
        {
            "title": entry["title"],
            "description": entry["description"],
            "lead_organisation": organisations[entry["lead"]],
            "owner": entry["owner"],
            "start_date": _date(entry["start_date"]),
            "due_date": _date(entry["due_date"]),
        },
    )
    for quarter, status, rag, reason, narrative in entry["updates"]:
        # Spread the actions' updates over a few days after each quarter, as returns arrive.
        written_on = _date(data.WRITTEN_ON[quarter]) + dt.timedelta(days=index % 4)
        _upsert(
            ProgressUpdate,
            {"action": action, "period": quarter},
            {
                "status": status,
                "rag": rag,
                "rag_reason": reason,
                "narrative": narrative,
                "written_by": None,
                "written_at": dt.datetime.combine(written_on, dt.time(10), tzinfo=_LONDON),
            },
        )
    latest = action.latest_update()
    if latest and (action.status, action.rag, action.rag_reason) != (
        latest.status,
        latest.rag,
        latest.rag_reason,
    ):
        action.apply_latest_update()
    return action


def _load_output(entry: dict[str, Any], priorities, actions, organisations) -> None:
    fields = dict(entry)
    slug = fields.pop("output")
    fields["priority"] = priorities[fields["priority"]]
    fields["action"] = actions[fields["action"]] if fields["action"] else None
    fields["organisation"] = organisations[fields["organisation"]]
    fields["period_start"] = _date(fields["period_start"])
    fields["period_end"] = _date(fields["period_end"])
    fields.setdefault("notes", "")
    key_names = ("priority", "period_start", "period_end", *_IDENTITY[slug])
    keys = {name: fields.pop(name) for name in key_names}
    _upsert(output_kind(slug), keys, fields)


def _upsert[M: models.Model](model: type[M], keys: dict[str, Any], values: dict[str, Any]) -> M:
    """Like update_or_create, but saves an existing record only when a value has changed."""
    found = model._default_manager.filter(**keys).first()
    if found is None:
        return model._default_manager.create(**keys, **values)
    changed = [name for name, value in values.items() if getattr(found, name) != value]
    for name in changed:
        setattr(found, name, values[name])
    if changed:
        found.save(update_fields=changed)
    return found


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
