"""Classification follows the data: a record derived from or linked to a restricted record is
restricted too, unless an officer declassifies it with a reason (`declassify`, recorded as an
`accounts.Declassification`: who, when, why).

- An action linked to an OFFICIAL-SENSITIVE homicide review (its ``review``, or a recommendation
  of the review's action plan carried out through it) is OFFICIAL-SENSITIVE, and so are its
  progress updates, which are read through their action.
- An objective is OFFICIAL-SENSITIVE while any of its actions is: its wording describes them.
- An output is OFFICIAL-SENSITIVE when it counts referrals (casework, whatever the route) or
  belongs to an OFFICIAL-SENSITIVE action; otherwise it keeps the classification it was given.

The stored ``classification`` fields are worked out here whenever a record they follow changes
(signals in ``plans.apps``), so every page and report filters them with the one ``visible_to``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from cspmonitor.accounts.models import Classification, Declassification

OFFICIAL = Classification.OFFICIAL
SENSITIVE = Classification.OFFICIAL_SENSITIVE


def _of(record: models.Model) -> dict:
    """A filter for the decisions about ``record``. By the content type's natural key rather than
    ContentType's cache, which can hold the id of a content type since emptied and made again."""
    meta = record._meta
    return {
        "record_type__app_label": meta.app_label,
        "record_type__model": meta.model_name,
        "record_id": record.pk,
    }


def is_declassified(record: models.Model) -> bool:
    if record.pk is None:
        return False
    return Declassification.objects.filter(**_of(record)).exists()


def linked_reviews(action) -> list:
    """The homicide reviews an action is linked to: its own, and those whose action plan it carries out."""
    from cspmonitor.reviews.models import DomesticHomicideReview

    if action.pk is None:
        return [action.review] if action.review_id else []
    return list(
        DomesticHomicideReview.objects.filter(
            models.Q(plan_actions=action) | models.Q(action_items__action=action)
        ).distinct()
    )


def action_classification(action) -> str:
    if is_declassified(action):
        return OFFICIAL
    restricted = any(review.classification != OFFICIAL for review in linked_reviews(action))
    return SENSITIVE if restricted else OFFICIAL


def objective_classification(objective) -> str:
    if is_declassified(objective):
        return OFFICIAL
    restricted = objective.actions.exclude(classification=OFFICIAL).exists()
    return SENSITIVE if restricted else OFFICIAL


def output_classification(output) -> str:
    from cspmonitor.activity.models import Referral

    if is_declassified(output):
        return OFFICIAL
    if isinstance(output, Referral):
        return SENSITIVE
    action = output.action if output.action_id else None
    if action is not None and action.classification != OFFICIAL:
        return SENSITIVE
    return output.classification


def reclassify_action(action) -> None:
    """Store the action's classification, then its objective's and its outputs' (queryset updates,
    so no signal runs again)."""
    from cspmonitor.activity.models import OUTPUT_KINDS
    from cspmonitor.plans.models import Action, Objective

    action.classification = action_classification(action)
    Action.objects.filter(pk=action.pk).update(classification=action.classification)
    objective = action.objective
    objective.classification = objective_classification(objective)
    Objective.objects.filter(pk=objective.pk).update(classification=objective.classification)
    if action.classification != OFFICIAL:
        for model in OUTPUT_KINDS:
            for output in model.objects.filter(action=action).exclude(classification=SENSITIVE):
                if not is_declassified(output):
                    model.objects.filter(pk=output.pk).update(classification=SENSITIVE)


def reclassify_review(review) -> None:
    """Every action linked to ``review`` follows its classification."""
    from cspmonitor.plans.models import Action

    linked = Action.objects.filter(models.Q(review=review) | models.Q(pk__in=_item_actions(review)))
    for action in linked.select_related("objective").distinct():
        reclassify_action(action)


def _item_actions(review) -> list[int]:
    return [pk for pk in review.action_items.values_list("action_id", flat=True) if pk is not None]


@transaction.atomic
def declassify(record: models.Model, user, reason: str, partnership) -> Declassification:
    """Record an officer's decision that ``record`` is OFFICIAL, with the reason, and apply it."""
    from cspmonitor.activity.models import OUTPUT_KINDS
    from cspmonitor.plans.models import Action, Objective

    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the record may be OFFICIAL"})
    meta = record._meta
    record_type, _ = ContentType.objects.get_or_create(app_label=meta.app_label, model=meta.model_name)
    decision = Declassification.objects.create(
        partnership=partnership,
        record_type=record_type,
        record_id=record.pk,
        record=str(record)[:200],
        user=user,
        email=user.email,
        reason=reason.strip(),
    )
    if isinstance(record, Action):
        reclassify_action(record)
    elif isinstance(record, Objective):
        Objective.objects.filter(pk=record.pk).update(classification=OFFICIAL)
    elif type(record) in OUTPUT_KINDS:
        type(record)._default_manager.filter(pk=record.pk).update(classification=OFFICIAL)
    else:
        raise TypeError(f"{type(record).__name__} records are not declassified here")
    record.refresh_from_db()
    return decision


def declassifications(record: models.Model):
    return Declassification.objects.filter(**_of(record))
