import doctest
import math

import numpy as np
import pytest

from cspmonitor.analysis import kde
from cspmonitor.analysis.grid import make_grid
from cspmonitor.analysis.kde import kernel_density


def dense_density(x, y, grid, h, kernel, weights=None, cutoff=None):
    """Every point against every cell centre, per km^2."""
    cx, cy = grid.centres()
    d2 = (cx[:, None] - x[None, :]) ** 2 + (cy[:, None] - y[None, :]) ** 2
    u2 = d2 / h**2
    if kernel == "quartic":
        k = np.where(u2 < 1, 3 / math.pi * (1 - u2) ** 2, 0.0)
    else:
        k = np.exp(-0.5 * u2) / (2 * math.pi)
        if cutoff is not None:
            k = np.where(u2 < cutoff**2, k, 0.0)
    w = np.ones_like(x) if weights is None else weights
    return (k @ w / h**2 * 1e6).reshape(grid.n_rows, grid.n_cols)


def clustered_points(n, seed):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 6_000, size=(4, 2))
    which = rng.integers(0, 4, n)
    return centres[which, 0] + rng.normal(0, 600, n), centres[which, 1] + rng.normal(0, 600, n)


def test_its_docstring_examples_give_the_figures_they_show():
    failed, attempted = doctest.testmod(kde)
    assert attempted > 0
    assert failed == 0


@pytest.mark.parametrize("h", [240.0, 700.0, 1_333.0])
def test_the_quartic_surface_equals_a_brute_force_sum_over_every_point(h):
    x, y = clustered_points(700, seed=1)
    grid = make_grid(250, bbox=(0, 0, 6_000, 5_000))
    result = kernel_density(x, y, h, grid=grid)
    assert np.allclose(result.density, dense_density(x, y, grid, h, "quartic"), rtol=1e-12, atol=1e-15)
    assert result.density.max() > 0


def test_the_gaussian_surface_equals_a_brute_force_sum_within_the_cutoff():
    x, y = clustered_points(500, seed=2)
    grid = make_grid(300, bbox=(0, 0, 6_000, 6_000))
    result = kernel_density(x, y, 500, grid=grid, kernel="gaussian")
    assert np.allclose(
        result.density, dense_density(x, y, grid, 500, "gaussian", cutoff=4.0), rtol=1e-12, atol=1e-15
    )
    untruncated = dense_density(x, y, grid, 500, "gaussian")
    assert np.max(np.abs(result.density - untruncated)) < 4e-4 * untruncated.max()


def test_points_outside_the_grid_still_count_towards_cells_they_reach():
    grid = make_grid(100, bbox=(0, 0, 500, 500))
    result = kernel_density([550.0], [250.0], 300, grid=grid)
    expected = dense_density(np.array([550.0]), np.array([250.0]), grid, 300, "quartic")
    assert result.density[2, 4] > 0
    assert np.allclose(result.density, expected, rtol=1e-12, atol=0)


def test_a_surface_well_inside_the_grid_integrates_to_the_number_of_points():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(4_000, 6_000, 300), rng.uniform(4_000, 6_000, 300)
    result = kernel_density(x, y, 800, cell_size=50, bbox=(0, 0, 10_000, 10_000))
    cell_km2 = 0.05 * 0.05
    assert result.density.sum() * cell_km2 == pytest.approx(300, rel=1e-3)


def test_weights_scale_each_points_contribution():
    x, y = clustered_points(200, seed=4)
    weights = np.random.default_rng(5).uniform(0.5, 20, 200)
    grid = make_grid(200, bbox=(0, 0, 6_000, 6_000))
    result = kernel_density(x, y, 600, grid=grid, weights=weights)
    assert np.allclose(
        result.density, dense_density(x, y, grid, 600, "quartic", weights), rtol=1e-12, atol=1e-15
    )


def test_it_rejects_a_bandwidth_that_is_not_positive_and_an_unknown_kernel():
    with pytest.raises(ValueError, match="bandwidth"):
        kernel_density([0], [0], 0, cell_size=100)
    with pytest.raises(ValueError, match="kernel"):
        kernel_density([0], [0], 100, cell_size=100, kernel="epanechnikov")
