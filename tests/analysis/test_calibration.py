"""The hotspot stages' false-alarm rates and power, measured on seeded simulations.

Each test states its target; the replicates are few enough to keep the suite fast (the
longer runs are in ``make bench``). The simulations are described in
`cspmonitor.analysis.synthetic_calibration`.
"""

from __future__ import annotations

from cspmonitor.analysis.synthetic_calibration import grid_rate, lsoa_rate
from tests.reference import REFERENCE_DIR

DISTRICTS = ("E07000245", "E07000200", "E07000203")  # Western Suffolk
CENTRE = "E01030115"  # St Edmundsbury 013A


def test_on_uniform_points_the_grid_flags_any_cell_in_at_most_5_percent_of_assessments():
    """Target: complete null (16,000 points uniform within a 105 km² area, about 38 a cell),
    any cell flagged hot or cold in at most 5% of 200 replicates."""
    rate = grid_rate(200, 16_000, planted=False, seed=1)
    assert rate.share <= 0.05


def test_a_planted_1_km_square_at_twice_the_density_is_found_in_at_least_80_percent():
    """Target: a 1 km square at 2x the density (not aligned with the cells) among 16,000
    uniform points has a hot cell within 750 m of its centre in at least 80% of 100
    replicates."""
    rate = grid_rate(100, 16_000, planted=True, seed=2)
    assert rate.share >= 0.80


def test_on_counts_proportional_to_population_no_lsoa_is_flagged_in_95_percent():
    """Target: complete null (Poisson counts proportional to population, 20 an LSOA on
    average, Western Suffolk's LSOAs), any LSOA flagged in at most 5% of 200 replicates."""
    rate = lsoa_rate(200, REFERENCE_DIR, DISTRICTS, CENTRE, per_lsoa=20, planted=False, seed=3)
    assert rate.share <= 0.05


def test_one_lsoa_and_its_neighbours_at_three_times_the_rate_are_found_in_90_percent():
    """Target: one LSOA and its queen neighbours at 3x the rate (5 an LSOA on average
    elsewhere) is classed hot in at least 90% of 100 replicates; with 999 permutations and no
    more this was found 0 times in 100."""
    rate = lsoa_rate(100, REFERENCE_DIR, DISTRICTS, CENTRE, per_lsoa=5, planted=True, seed=4)
    assert rate.share >= 0.90
