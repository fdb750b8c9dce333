"""Names shared by the assessment and the pages that show it; no heavy imports here."""

ALL_AREAS = "all"  # the partnership as a whole, beside its districts
ALL_TYPES = "All crime and ASB"
