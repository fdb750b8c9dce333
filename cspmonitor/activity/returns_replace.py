"""A return entered once: uploading a partner's return again replaces the outputs it brought in.

The outputs of a ``PartnerReturn`` are compared with the rows of the new upload by every figure
and word they hold: rows that match are kept as they are (so their history stays quiet), the
return's outputs no row matches are removed, and the rows nothing matches are added. When a
second upload would change anything, it waits (``PartnerReturn.pending_file``) until the partner
has seen the change and confirmed it.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from cspmonitor.activity.models import Output, PartnerReturn

if TYPE_CHECKING:  # returns_upload applies a return through this module
    from cspmonitor.activity.returns_upload import CheckedReturn

#: Fields that say where an output came from, not what it counts.
_BOOKKEEPING = {"id", "partner_return"}


def _signature(output: Output) -> tuple[Hashable, ...]:
    from cspmonitor.plans.classification import output_classification

    fields = [f for f in type(output)._meta.concrete_fields if f.name not in _BOOKKEEPING]
    values = [getattr(output, f.attname) for f in fields]
    # A row is compared with the classification it is stored with (a referral, or an output
    # of a restricted action, is always stored OFFICIAL-SENSITIVE, whatever the sheet said).
    values = [
        output_classification(output) if f.name == "classification" else value
        for f, value in zip(fields, values, strict=True)
    ]
    return (type(output).__name__, *values)


@dataclass
class Change:
    """What applying a checked return does to the outputs its earlier upload brought in."""

    keep: list[Output] = field(default_factory=list)
    remove: list[Output] = field(default_factory=list)
    add: list = field(default_factory=list)  # the output forms whose rows are new

    @property
    def changes_anything(self) -> bool:
        return bool(self.remove or self.add)

    def added_outputs(self) -> list[Output]:
        return [form.instance for form in self.add]


def the_return(organisation, quarter) -> PartnerReturn:
    found, _created = PartnerReturn.objects.get_or_create(organisation=organisation, quarter=quarter.label)
    return found


def change(checked: CheckedReturn, partner_return: PartnerReturn) -> Change:
    """Compare the checked rows with what the return brought in before; nothing is written. An
    upload with no output rows only updates actions, and leaves the return's outputs alone."""
    if not checked.outputs:
        return Change(keep=partner_return.outputs())
    earlier: dict[tuple, list[Output]] = {}
    for output in partner_return.outputs():
        earlier.setdefault(_signature(output), []).append(output)
    found = Change()
    for form in checked.outputs:
        form.instance.partner_return = partner_return
        matches = earlier.get(_signature(form.instance))
        if matches:
            found.keep.append(matches.pop())
        else:
            found.add.append(form)
    found.remove = [output for outputs in earlier.values() for output in outputs]
    return found


@transaction.atomic
def apply(checked: CheckedReturn, partner_return: PartnerReturn, user) -> Change:
    """Save the updates (each replaces the quarter's earlier one) and replace the return's outputs."""
    if checked.errors:
        raise ValueError("A return with problems cannot be applied")
    replacing = change(checked, partner_return)
    for form in checked.updates:
        form.instance.written_by = user
        form.save()
    for output in replacing.remove:
        output.delete()
    for form in replacing.add:
        form.save()
    partner_return.uploads += 1
    partner_return.uploaded_at, partner_return.uploaded_by = timezone.now(), user
    partner_return.pending_file = partner_return.pending_at = partner_return.pending_by = None
    partner_return.save()
    return replacing
