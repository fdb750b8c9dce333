"""Regular grids over British National Grid coordinates, and spatial weights as sparse matrices.

Crime locations from police.uk are snapped to anonymous points, so hotspot work counts them in
small areas: LSOAs, or the cells of a regular grid. This module bins points (x, y in metres,
EPSG:27700) into square cells and builds the neighbour matrices that local statistics need:

* cell ``k`` sits in row ``k // n_cols`` and column ``k % n_cols``; row 0 is the *southern*
  edge (y grows northwards, as eastings and northings do), and this numbering is the one
  ``libpysal.weights.lat2W(n_rows, n_cols)`` uses, so the two can be compared cell for cell;
* weights are ``scipy.sparse`` CSR matrices with a zero diagonal; "binary" has 1 for each
  neighbour, "row-standardised" divides each row by its number of neighbours (a cell or point
  with no neighbour, an *island*, keeps an all-zero row rather than a division by zero).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import sparse
from scipy.spatial import cKDTree

QUEEN = "queen"
ROOK = "rook"


@dataclass(frozen=True)
class Grid:
    """A regular grid of square cells: lower-left corner (`x0`, `y0`), `cell_size` metres."""

    x0: float
    y0: float
    cell_size: float
    n_rows: int
    n_cols: int

    @property
    def n_cells(self) -> int:
        """Number of cells (``n_rows * n_cols``)."""
        return self.n_rows * self.n_cols

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x_min, y_min, x_max, y_max) of the whole grid."""
        return (
            self.x0,
            self.y0,
            self.x0 + self.n_cols * self.cell_size,
            self.y0 + self.n_rows * self.cell_size,
        )

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell-centre coordinates (x, y), each of length `n_cells`, in cell order."""
        half = self.cell_size / 2.0
        cx = self.x0 + half + self.cell_size * np.arange(self.n_cols)
        cy = self.y0 + half + self.cell_size * np.arange(self.n_rows)
        gx, gy = np.meshgrid(cx, cy)
        return gx.ravel(), gy.ravel()


@dataclass(frozen=True, eq=False)
class GridCounts:
    """Points counted by cell: `counts` (length `grid.n_cells`), cell centres, points dropped.

    `n_outside` counts points that fell outside a bounding box given by the caller; it is
    reported, not hidden, because a box that cuts off part of the area silently lowers counts.
    """

    grid: Grid
    counts: np.ndarray
    x: np.ndarray
    y: np.ndarray
    n_outside: int

    def as_image(self) -> np.ndarray:
        """Counts as an (n_rows, n_cols) array, row 0 at the south."""
        return self.counts.reshape(self.grid.n_rows, self.grid.n_cols)


def make_grid(
    cell_size: float,
    bbox: tuple[float, float, float, float] | None = None,
    x: ArrayLike | None = None,
    y: ArrayLike | None = None,
) -> Grid:
    """A grid of `cell_size` metres over `bbox`, or over the extent of points `x`, `y`.

    The extent is snapped outwards to whole multiples of `cell_size`, so grids built for
    different periods (or different crime types) line up cell for cell: comparing hotspots
    across years needs the same cells, not two grids shifted by a few metres.

    >>> g = make_grid(500, bbox=(600_120, 240_900, 601_400, 242_000))
    >>> g.x0, g.y0, g.n_cols, g.n_rows
    (600000.0, 240500.0, 3, 3)
    """
    if not (math.isfinite(cell_size) and cell_size > 0):
        raise ValueError(f"cell_size must be a positive number of metres, got {cell_size!r}")
    if bbox is None:
        if x is None or y is None:
            raise ValueError("give a bounding box or the points' x and y")
        xs, ys = _coordinates(x, y)
        if xs.size == 0:
            raise ValueError("cannot take the extent of no points")
        bbox = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    x_min, y_min, x_max, y_max = (float(v) for v in bbox)
    if not (x_max >= x_min and y_max >= y_min):
        raise ValueError(f"bounding box must be (x_min, y_min, x_max, y_max), got {bbox}")
    x0 = math.floor(x_min / cell_size) * cell_size
    y0 = math.floor(y_min / cell_size) * cell_size
    # A point exactly on the top or right edge still belongs in the grid, so a degenerate or
    # exactly aligned extent gets at least one cell per axis.
    n_cols = max(1, math.ceil((x_max - x0) / cell_size))
    n_rows = max(1, math.ceil((y_max - y0) / cell_size))
    return Grid(float(x0), float(y0), float(cell_size), n_rows, n_cols)


def bin_points(
    x: ArrayLike,
    y: ArrayLike,
    cell_size: float,
    bbox: tuple[float, float, float, float] | None = None,
    *,
    grid: Grid | None = None,
) -> GridCounts:
    """Count points by grid cell; the grid is `grid`, or one made by `make_grid`.

    Cells are closed on the west and south edges; the grid's own north and east edges are
    closed too, so a point on the outer boundary is counted, never lost.

    >>> c = bin_points([10, 20, 600, 990], [10, 40, 10, 990], 500, bbox=(0, 0, 1000, 1000))
    >>> c.as_image().tolist()
    [[2, 1], [0, 1]]
    """
    xs, ys = _coordinates(x, y)
    if grid is None:
        grid = make_grid(cell_size, bbox, xs, ys)
    col = np.floor((xs - grid.x0) / grid.cell_size).astype(np.int64)
    row = np.floor((ys - grid.y0) / grid.cell_size).astype(np.int64)
    x_max, y_max = grid.bbox[2], grid.bbox[3]
    col[(xs == x_max) & (col == grid.n_cols)] = grid.n_cols - 1
    row[(ys == y_max) & (row == grid.n_rows)] = grid.n_rows - 1
    inside = (col >= 0) & (col < grid.n_cols) & (row >= 0) & (row < grid.n_rows)
    cell = row[inside] * grid.n_cols + col[inside]
    counts = np.bincount(cell, minlength=grid.n_cells)
    cx, cy = grid.centres()
    return GridCounts(grid, counts, cx, cy, int(inside.size - inside.sum()))


def contiguity_weights(
    n_rows: int, n_cols: int, kind: str = QUEEN, *, row_standardised: bool = False
) -> sparse.csr_matrix:
    """Neighbour matrix of an ``n_rows`` x ``n_cols`` grid: "queen" (8 around) or "rook" (4).

    Queen is the default because crime does not respect which side of a cell it crossed:
    a corner-touching cell is as near as an edge-touching one.

    >>> w = contiguity_weights(2, 2)
    >>> w.toarray().astype(int).tolist()
    [[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]]
    >>> contiguity_weights(2, 2, "rook").sum(axis=1).A1.tolist()
    [2.0, 2.0, 2.0, 2.0]
    """
    if kind not in (QUEEN, ROOK):
        raise ValueError(f"kind must be {QUEEN!r} or {ROOK!r}, got {kind!r}")
    if n_rows < 1 or n_cols < 1:
        raise ValueError(f"a grid needs at least one row and column, got {n_rows} x {n_cols}")
    offsets = [(0, 1), (1, 0)] + ([(1, 1), (1, -1)] if kind == QUEEN else [])
    rows, cols = np.divmod(np.arange(n_rows * n_cols), n_cols)
    src, dst = [], []
    for dr, dc in offsets:
        r2, c2 = rows + dr, cols + dc
        ok = (r2 >= 0) & (r2 < n_rows) & (c2 >= 0) & (c2 < n_cols)
        src.append((rows * n_cols + cols)[ok])
        dst.append((r2 * n_cols + c2)[ok])
    i = np.concatenate(src + dst)
    j = np.concatenate(dst + src)
    n = n_rows * n_cols
    w = sparse.csr_matrix((np.ones(i.size), (i, j)), shape=(n, n))
    w.sort_indices()
    return row_standardise(w) if row_standardised else w


def distance_band_weights(
    x: ArrayLike, y: ArrayLike, threshold: float, *, row_standardised: bool = False
) -> sparse.csr_matrix:
    """Points are neighbours when their straight-line distance is at most `threshold` metres.

    The pairs come from a KD-tree, so memory grows with the number of neighbouring pairs,
    not with the square of the number of points. Coincident points (police.uk snaps many
    crimes to one anonymous point) are neighbours of each other at distance 0.

    >>> w = distance_band_weights([0, 100, 250], [0, 0, 0], 150)
    >>> w.toarray().astype(int).tolist()
    [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    """
    xs, ys = _coordinates(x, y)
    if not (math.isfinite(threshold) and threshold >= 0):
        raise ValueError(f"threshold must be a non-negative number of metres, got {threshold!r}")
    n = xs.size
    pairs = cKDTree(np.column_stack([xs, ys])).query_pairs(threshold, output_type="ndarray")
    i = np.concatenate([pairs[:, 0], pairs[:, 1]])
    j = np.concatenate([pairs[:, 1], pairs[:, 0]])
    w = sparse.csr_matrix((np.ones(i.size), (i, j)), shape=(n, n))
    w.sort_indices()
    return row_standardise(w) if row_standardised else w


def row_standardise(w: sparse.spmatrix) -> sparse.csr_matrix:
    """Divide each row by its sum; rows that sum to zero (islands) stay zero.

    >>> row_standardise(contiguity_weights(1, 3, "rook")).toarray().tolist()
    [[0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.0, 1.0, 0.0]]
    """
    w = sparse.csr_matrix(w, dtype=float, copy=True)
    sums = np.asarray(w.sum(axis=1)).ravel()
    scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums != 0)
    return sparse.csr_matrix(sparse.diags(scale) @ w)


def _coordinates(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    xs = np.asarray(x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same length, got {xs.size} and {ys.size}")
    if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        raise ValueError("coordinates must be finite numbers (drop rows with no location first)")
    return xs, ys
