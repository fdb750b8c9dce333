"""Names shared by the assessment and the pages that show it; no heavy imports here."""

ALL_AREAS = "all"  # the partnership as a whole, beside its districts
ALL_TYPES = "All crime and ASB"


def not_enough_data(needs: str) -> str:
    """What a section says when it cannot be computed yet, and what it needs.

    A new partnership holds a month or two of data: the figures that need more (a change on
    last year, a seasonal baseline) say so rather than failing the whole assessment.

    >>> not_enough_data("last year's data (2021-04 to 2022-03)")
    "Not enough data yet: needs last year's data (2021-04 to 2022-03)."
    """
    return f"Not enough data yet: needs {needs}."
