"""The one rule for which classified records a person may see.

Every model with a ``classification`` field gets its rows through `ClassifiedQuerySet.visible_to`
(or `visible_to` on a queryset built from it), which keeps only the markings `Access.can_see`
allows: deny by default, an unknown marking is hidden.
"""

from __future__ import annotations

from typing import Self, TypeVar

from django.db import models

_Model = TypeVar("_Model", bound=models.Model)


class ClassifiedQuerySet(models.QuerySet[_Model]):
    def visible_to(self, access) -> Self:
        """Only the records whose classification ``access`` may see."""
        return self.filter(classification__in=access.visible_classifications())
