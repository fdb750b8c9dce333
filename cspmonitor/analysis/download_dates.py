"""When a police.uk file was downloaded, which decides what its outcomes mean.

A street file's "Last outcome category" is the last outcome known on the day the file was made:
the same month downloaded two months after it and two years after it differ (see
``outcomes.py``). police.uk's archives are named by their latest month ("2026-02.zip"), which is
not the download date, so the date is taken, in this order, from:

1. the date given for the import (the command's option), when there is one;
2. a full date written ``YYYY-MM-DD`` in the name of the file, its folder or its archive, the
   nearest first (``downloads/2026-03-14/2026-02.zip`` says 14 March 2026);
3. nowhere: None, and outcome figures from the file are not compared with others.

A date before the end of the file's own month cannot be right and is refused, naming the file.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from cspmonitor.analysis.outcomes import age_in_months

_FULL_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(path: str | PurePath) -> dt.date | None:
    """The last full date (``YYYY-MM-DD``) written in the nearest part of ``path`` that has one.

    >>> date_in_name("downloads/2026-03-14/2026-02.zip/2025-12/2025-12-suffolk-street.csv")
    datetime.date(2026, 3, 14)
    >>> date_in_name("2026-02/2026-02-suffolk-street.csv") is None
    True
    """
    for part in reversed(PurePath(path).parts):
        found = _FULL_DATE.findall(part)
        if found:
            year, month, day = (int(n) for n in found[-1])
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueError(
                    f"{path}: {part!r} holds {year}-{month:02d}-{day:02d}, which is not a date"
                ) from None
    return None


def download_date(path: str | PurePath, month: str, given: dt.date | None = None) -> dt.date | None:
    """The day the file at ``path``, for ``month`` ("2025-12"), was downloaded, or None when not known.

    >>> download_date("x/2026-02-20/2025-12-city-of-london-street.csv", "2025-12")
    datetime.date(2026, 2, 20)
    >>> download_date("2025-12/2025-12-city-of-london-street.csv", "2025-12", dt.date(2026, 2, 20))
    datetime.date(2026, 2, 20)
    """
    found = given or date_in_name(path)
    if found is not None:
        try:
            age_in_months(month, found)
        except ValueError:
            raise ValueError(
                f"{path}: a file for {month} cannot have been downloaded on {found.isoformat()}, "
                "before its month ended"
            ) from None
    return found
