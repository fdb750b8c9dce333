"""The numbers behind the synthetic police.uk generator: crime mix, seasonality, deprivation, outcomes.

These are invented but shaped on published patterns (ONS Crime in England and Wales, police.uk
totals), so that a demo looks like a real force: violence and sexual offences are the largest
category, anti-social behaviour is about a fifth of rows, violence and ASB peak in summer, and
rates are higher in more deprived LSOAs. Nothing here is a measurement of any real place.
"""

from __future__ import annotations

import numpy as np

from cspmonitor.analysis.policeuk_rules import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES

# Rows (crimes + ASB) per 1,000 residents per month for a typical LSOA. Suffolk's ~6,500 rows
# a month for ~760,000 residents is below the England and Wales average (~635,000 rows for
# ~60 million), which metropolitan forces pull up; the pseudo-forces of national mode use the
# national figure.
ROWS_PER_1000 = {"suffolk": 9.1}
NATIONAL_ROWS_PER_1000 = 10.4

ASB_SHARE = 0.19  # of all rows

# Share of *crimes* (not ASB) by type; sums to 1.
CRIME_SHARES: dict[str, float] = {
    "Violence and sexual offences": 0.38,
    "Criminal damage and arson": 0.10,
    "Public order": 0.10,
    "Shoplifting": 0.09,
    "Other theft": 0.09,
    "Vehicle crime": 0.065,
    "Burglary": 0.05,
    "Drugs": 0.04,
    "Other crime": 0.03,
    "Bicycle theft": 0.015,
    "Possession of weapons": 0.015,
    "Robbery": 0.01,
    "Theft from the person": 0.01,
}

# Relative amplitude of a yearly cycle peaking in July (violence and ASB rise with long
# evenings and the night-time economy; burglary is the exception, darker evenings in winter).
SEASONAL_AMPLITUDE: dict[str, float] = {
    ANTI_SOCIAL_BEHAVIOUR: 0.22,
    "Violence and sexual offences": 0.12,
    "Public order": 0.10,
    "Criminal damage and arson": 0.06,
    "Bicycle theft": 0.30,
    "Burglary": -0.10,
}
PEAK_MONTH = 7

# How steeply each type rises with deprivation: rate ratio between IMD decile 1 and decile 10
# is exp(2 * slope). Bicycle theft and vehicle crime are the flattest.
DEPRIVATION_SLOPE: dict[str, float] = {
    ANTI_SOCIAL_BEHAVIOUR: 0.55,
    "Violence and sexual offences": 0.6,
    "Drugs": 0.7,
    "Criminal damage and arson": 0.5,
    "Public order": 0.5,
    "Robbery": 0.6,
    "Burglary": 0.35,
    "Shoplifting": 0.35,
    "Bicycle theft": 0.1,
    "Vehicle crime": 0.25,
}
DEFAULT_DEPRIVATION_SLOPE = 0.3

# Spread of LSOA "busyness" (town centres, retail parks) that deprivation alone does not give.
LSOA_LOGNORMAL_SIGMA = 0.5

NO_LOCATION_SHARE = 0.015

_INVESTIGATION = "Investigation complete; no suspect identified"
_UNABLE = "Unable to prosecute suspect"
_COMMON_OUTCOMES: dict[str, float] = {
    _UNABLE: 0.36,
    _INVESTIGATION: 0.26,
    "Status update unavailable": 0.08,
    "Under investigation": 0.08,
    "Awaiting court outcome": 0.04,
    "Court result unavailable": 0.04,
    "Local resolution": 0.03,
    "Offender given a caution": 0.02,
    "Further investigation is not in the public interest": 0.02,
    "Formal action is not in the public interest": 0.02,
    "Action to be taken by another organisation": 0.05,
}
# Acquisitive crime rarely has a suspect; drugs and weapons are usually detected by the police.
_OUTCOME_OVERRIDES: dict[str, dict[str, float]] = {
    "Burglary": {_INVESTIGATION: 0.72, _UNABLE: 0.08},
    "Vehicle crime": {_INVESTIGATION: 0.78, _UNABLE: 0.05},
    "Bicycle theft": {_INVESTIGATION: 0.78, _UNABLE: 0.05},
    "Other theft": {_INVESTIGATION: 0.62, _UNABLE: 0.1},
    "Theft from the person": {_INVESTIGATION: 0.7, _UNABLE: 0.08},
    "Drugs": {_INVESTIGATION: 0.02, _UNABLE: 0.05, "Local resolution": 0.3, "Court result unavailable": 0.2},
    "Possession of weapons": {_INVESTIGATION: 0.03, _UNABLE: 0.15, "Court result unavailable": 0.3},
}
OUTCOMES: tuple[str, ...] = tuple(_COMMON_OUTCOMES)


def outcome_probabilities(crime_type: str) -> np.ndarray:
    """Probability of each of `OUTCOMES` for a crime of this type (normalised to sum to 1)."""
    weights = dict(_COMMON_OUTCOMES, **_OUTCOME_OVERRIDES.get(crime_type, {}))
    p = np.array([weights[o] for o in OUTCOMES])
    return p / p.sum()


def type_shares() -> np.ndarray:
    """Share of all rows for each of `CRIME_TYPES` (ASB included), in that order."""
    return np.array(
        [ASB_SHARE if t == ANTI_SOCIAL_BEHAVIOUR else (1 - ASB_SHARE) * CRIME_SHARES[t] for t in CRIME_TYPES]
    )


def seasonal_factors(month_numbers: np.ndarray) -> np.ndarray:
    """(types × months) multipliers, averaging 1 over a year, for calendar months 1–12."""
    amplitude = np.array([SEASONAL_AMPLITUDE.get(t, 0.0) for t in CRIME_TYPES])[:, None]
    angle = 2 * np.pi * (np.asarray(month_numbers)[None, :] - PEAK_MONTH) / 12
    return 1 + amplitude * np.cos(angle)


def deprivation_factors(imd_decile: np.ndarray) -> np.ndarray:
    """(LSOAs × types) multipliers from IMD decile, averaging 1 over deciles 1–10.

    Decile 0 (no English IMD, i.e. Wales) is treated as the middle of the distribution.
    """
    slope = np.array([DEPRIVATION_SLOPE.get(t, DEFAULT_DEPRIVATION_SLOPE) for t in CRIME_TYPES])
    decile = np.where(np.asarray(imd_decile) == 0, 5.5, imd_decile).astype(float)
    # Deciles are equal-sized over England, so dividing by the mean over 1..10 keeps the
    # national total at the stated rate whatever the slopes.
    centred = (5.5 - decile)[:, None] / 4.5
    norm = np.exp(slope[None, :] * ((5.5 - np.arange(1, 11)) / 4.5)[:, None]).mean(axis=0)
    return np.exp(slope[None, :] * centred) / norm[None, :]


STREET_FIRST = (
    "Church", "Mill", "Station", "High", "Manor", "Park", "School", "Queens", "Kings", "Victoria",
    "Chapel", "Orchard", "Meadow", "Bridge", "Green", "Elm", "Oak", "Ash", "Willow", "Cedar",
    "Hall", "Farm", "Windmill", "Well", "Castle", "Abbey", "Market", "North", "South", "West",
    "Priory", "Grange", "Rectory", "Vicarage", "Kiln", "Brook", "Springfield", "Fox", "Swan", "Mount",
    # police.uk capitalises after an apostrophe ("Roger'S Lane"); keep that quirk for parsers.
    "St Mary'S", "Bishop'S",
)  # fmt: skip
STREET_SECOND = (
    "Road", "Street", "Lane", "Close", "Way", "Avenue", "Drive", "Gardens", "Crescent", "Place",
    "Walk", "Court", "Rise", "View", "Hill", "Row",
)  # fmt: skip
# police.uk names some map points by what is there rather than by the street.
PLACE_NAMES = (
    "Sports/Recreation Area", "Parking Area", "Supermarket", "Petrol Station", "Shopping Area",
    "Nightclub", "Further/Higher Educational Building", "Hospital", "Police Station", "Theme/Adventure Park",
)  # fmt: skip
EMPTY_STREET_SHARE = 0.04
PLACE_NAME_SHARE = 0.08
