import doctest

import numpy as np
import pytest

from cspmonitor.analysis import grid
from cspmonitor.analysis.grid import (
    bin_points,
    contiguity_weights,
    distance_band_weights,
    make_grid,
    row_standardise,
)


def test_its_docstring_examples_give_the_figures_they_show():
    failed, attempted = doctest.testmod(grid)
    assert attempted > 0
    assert failed == 0


def test_it_snaps_the_extent_outwards_to_whole_cells_so_periods_line_up():
    g = make_grid(250, x=[600_010, 600_990], y=[240_260, 240_260])
    assert (g.x0, g.y0, g.n_cols, g.n_rows) == (600_000.0, 240_250.0, 4, 1)
    assert g.bbox == (600_000.0, 240_250.0, 601_000.0, 240_500.0)


def test_it_counts_every_point_once_against_a_direct_loop():
    rng = np.random.default_rng(11)
    x = rng.uniform(500_000, 512_345, 5_000)
    y = rng.uniform(250_000, 258_000, 5_000)
    counts = bin_points(x, y, 500)
    g = counts.grid
    direct = np.zeros((g.n_rows, g.n_cols), dtype=int)
    for xi, yi in zip(x, y, strict=True):
        direct[int((yi - g.y0) // 500), int((xi - g.x0) // 500)] += 1
    assert np.array_equal(counts.as_image(), direct)
    assert counts.counts.sum() == 5_000
    assert counts.n_outside == 0


def test_it_keeps_points_on_the_outer_edge_and_reports_points_outside_the_box():
    counts = bin_points([0, 1000, 1000, 1001, -1], [0, 1000, 0, 10, 10], 500, bbox=(0, 0, 1000, 1000))
    assert counts.as_image().tolist() == [[1, 1], [0, 1]]
    assert counts.n_outside == 2


def test_its_cell_centres_are_half_a_cell_in_from_the_corner_in_cell_order():
    counts = bin_points([10], [10], 100, bbox=(0, 0, 300, 200))
    assert counts.x.tolist() == [50, 150, 250, 50, 150, 250]
    assert counts.y.tolist() == [50, 50, 50, 150, 150, 150]


@pytest.mark.parametrize("kind", ["queen", "rook"])
def test_its_contiguity_matches_libpysal_lat2w_cell_for_cell(kind):
    import libpysal

    ours = contiguity_weights(7, 9, kind)
    theirs = libpysal.weights.lat2W(7, 9, rook=kind == "rook").sparse
    assert ours.format == "csr"
    assert (ours != theirs).nnz == 0


def test_queen_gives_corner_cells_three_neighbours_and_inner_cells_eight():
    k = np.diff(contiguity_weights(5, 6).indptr).reshape(5, 6)
    assert k[0, 0] == k[4, 5] == 3
    assert k[2, 3] == 8
    assert k[0, 3] == 5


def test_row_standardised_rows_sum_to_one_and_islands_stay_zero():
    w = distance_band_weights([0, 50, 80, 5_000], [0, 0, 0, 0], 60, row_standardised=True)
    sums = np.asarray(w.sum(axis=1)).ravel()
    assert sums == pytest.approx([1.0, 1.0, 1.0, 0.0], abs=1e-15)
    assert w[1, 0] == pytest.approx(0.5, abs=1e-15)


def test_distance_bands_match_libpysal_including_pairs_on_the_threshold():
    import libpysal

    rng = np.random.default_rng(5)
    # Whole metres on a 10 m lattice make many pairs exactly 100 m apart.
    pts = rng.integers(0, 60, size=(400, 2)) * 10.0
    pts = np.unique(pts, axis=0)
    ours = distance_band_weights(pts[:, 0], pts[:, 1], 100)
    theirs = libpysal.weights.DistanceBand(pts, threshold=100, binary=True, silence_warnings=True).sparse
    assert (ours != theirs).nnz == 0
    assert ours.nnz > 0


def test_coincident_points_are_neighbours_of_each_other():
    w = distance_band_weights([10, 10, 500], [20, 20, 20], 1)
    assert w.toarray().tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_it_rejects_a_cell_size_that_is_not_positive():
    with pytest.raises(ValueError, match="cell_size"):
        make_grid(0, bbox=(0, 0, 10, 10))


def test_row_standardise_leaves_its_input_unchanged():
    w = contiguity_weights(3, 3)
    row_standardise(w)
    assert w.max() == 1.0
