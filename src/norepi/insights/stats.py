"""Statistics for n-of-1 self-tracking series: prewhitening, block permutation test and interval,
Benjamini-Hochberg FDR. Pure numpy; NaN marks a missing day and is never treated as zero.

Why prewhitening: two independent but autocorrelated daily series (sleep, mood) correlate by chance far more
often than the i.i.d. theory says (Yule 1926; Pyper & Peterman 1998). A block permutation alone only keeps the
autocorrelation inside each block, so with AR(1) phi = 0.5 in both series and a 7-day rolling lever it rejects
~7-8 % of true nulls at alpha = 0.05. Removing each series' own AR(1) carry-over first (Box & Jenkins 1976
prewhitening) and then permuting 7-day blocks of the residuals keeps the false-positive rate at the nominal
level (see tests/insights/test_insights_simulation.py).

Only paired days count: a test runs over the days on which both prewhitened series are known, and permutes
blocks of those days, so days on which either is unknown (an empty month around the range) change nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.integer]

BLOCK_DAYS = 7  # block length of the permutation test
N_PERMUTATIONS = 4999  # -> smallest possible p = 1/5000
CONFIDENCE = 0.95


def ar1_coefficient(x: FloatArray) -> float:
    """Lag-1 autocorrelation of ``x`` over days where both t and t-1 are present (Yule-Walker AR(1)),
    clipped to [-0.95, 0.95]; 0 when too few pairs."""
    x = np.asarray(x, dtype=float)
    present = ~np.isnan(x)
    if present.sum() < 3:
        return 0.0
    c = x - np.nanmean(x)
    a, b = c[1:], c[:-1]
    both = ~np.isnan(a) & ~np.isnan(b)
    denom = float(np.nansum(c * c)) / present.sum()
    if both.sum() < 2 or denom <= 0:
        return 0.0
    phi = float(np.mean(a[both] * b[both])) / denom
    return float(np.clip(phi, -0.95, 0.95))


def prewhiten(x: FloatArray) -> FloatArray:
    """AR(1) innovations e_t = (x_t - m) - phi (x_{t-1} - m); NaN where x_t or x_{t-1} is missing (and at t=0).
    Box GEP, Jenkins GM. Time Series Analysis: Forecasting and Control, 1976 (prewhitening)."""
    x = np.asarray(x, dtype=float)
    out = np.full_like(x, np.nan)
    if x.size < 2 or np.all(np.isnan(x)):
        return out
    phi = ar1_coefficient(x)
    c = x - np.nanmean(x)
    out[1:] = c[1:] - phi * c[:-1]
    return out


def _centred(v: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(values centred on their mean with NaN -> 0, presence as 0/1 floats)."""
    present = ~np.isnan(v)
    c = np.where(present, v - (np.nanmean(v) if present.any() else 0.0), 0.0)
    return c, present.astype(float)


def _r_from_sums(k: FloatArray, sx: FloatArray, sy: FloatArray, sxx: FloatArray, syy: FloatArray,
                 sxy: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        vx = sxx - sx * sx / k
        vy = syy - sy * sy / k
        r = (sxy - sx * sy / k) / np.sqrt(vx * vy)
    r = np.where((k < 3) | (vx <= 1e-9 * sxx + 1e-12) | (vy <= 1e-9 * syy + 1e-12), np.nan, r)
    return np.clip(r, -1.0, 1.0)


def pearson_rows(x: FloatArray, y: FloatArray, index: IntArray | None = None) -> FloatArray:
    """Pearson r of ``x`` (n,) with ``y[index]`` for each row of ``index`` (k, n) -- or with ``y`` itself --
    over the days both are present; NaN when fewer than 3 pairs or no variation. Vectorised as matrix-vector
    products of the 0-filled series and their presence masks (no per-row Python)."""
    x0, mx = _centred(np.asarray(x, dtype=float))
    y0, my = _centred(np.asarray(y, dtype=float))
    if index is None:
        index = np.arange(y0.size)[None, :]
    ys, ms = y0[index], my[index]
    k = ms @ mx
    return _r_from_sums(k, ms @ x0, ys @ mx, ms @ (x0 * x0), (ys * ys) @ mx, ys @ x0)


def pearson(x: FloatArray, y: FloatArray) -> float:
    """Pearson r over the days both ``x`` and ``y`` are present (NaN if < 3 pairs or constant)."""
    return float(pearson_rows(x, y)[0])


@dataclass(frozen=True)
class BlockPermutations:
    """``count`` block permutations of ``k`` days: the days taken as a circle, cut into blocks of ``block`` at a
    random offset (the last block is short when ``block`` does not divide ``k``), and the blocks put in random
    order (a block permutation keeps the autocorrelation inside each block). ``order[i, q]`` is the block at
    slot q of permutation i, ``offset[i]`` its rotation."""

    k: int
    block: int
    order: NDArray[np.int32]
    offset: NDArray[np.int32]

    @classmethod
    def draw(cls, k: int, block: int, count: int, rng: np.random.Generator) -> BlockPermutations:
        n_blocks = -(-k // block)
        order = np.argsort(rng.random((count, n_blocks)), axis=1).astype(np.int32)
        return cls(k, block, order, rng.integers(0, k, size=count, dtype=np.int32))

    @property
    def count(self) -> int:
        return int(self.offset.size)

    def indices(self) -> IntArray:
        """The permutations as ``count`` x ``k`` day indices: permuted y = y[indices]."""
        count, n_blocks = self.order.shape
        rows = (self.order[:, :, None] * self.block + np.arange(self.block)).astype(np.int32)
        rows = rows.reshape(count, n_blocks * self.block)
        if self.k % self.block:  # drop the short block's padding: every row keeps the k days, in blocks
            rows = rows[rows < self.k].reshape(count, self.k)
        rows = rows + self.offset[:, None]
        np.subtract(rows, self.k, out=rows, where=rows >= self.k)
        return rows

    @cached_property
    def lookups(self) -> tuple[NDArray[np.intp], NDArray[np.intp] | None]:
        """Where each block of each permutation lands, as flat indices into the window products of
        ``products``: full blocks (``count`` x blocks; the short block's slot points to a zero) and the short
        block (``count``; None when every block is full)."""
        k, b = self.k, self.block
        count, n_blocks = self.order.shape
        q = np.arange(n_blocks)
        src = (b * self.order.astype(np.intp) + self.offset[:, None]) % k  # rotated start of each block
        if k % b == 0:
            return q * k + src, None
        is_short = self.order == n_blocks - 1
        p = np.argmax(is_short, axis=1)  # slot of the short block
        # a full block starts at b q before the short block, b q - (b - k % b) after it (rows n_blocks..)
        row = np.where(q[None, :] < p[:, None], q, n_blocks + q)
        flat = row * k + src
        flat[is_short] = 2 * n_blocks * k
        return flat, p * k + src[np.arange(count), p]

    def products(self, x: FloatArray, y: FloatArray) -> FloatArray:
        """sum_t x[l, t] y[perm_i(t)] for each permutation i and each row l of ``x`` (L x k), as (L x count): the
        window products x[a .. a+b) . y[s .. s+b) (circular in y) for every block start a and rotated start s,
        then ``k / block`` look-ups per permutation instead of a ``k``-long product."""
        k, b = self.k, self.block
        n_blocks = self.order.shape[1]
        r = k % b
        u = np.arange(b)
        y_win = y[(np.arange(k)[:, None] + u) % k]  # k x b: y[s + u]
        starts = b * np.arange(n_blocks)
        if r:
            starts = np.concatenate([starts, starts - (b - r)])
        pos = starts[:, None] + u  # rows x b
        valid = (pos >= 0) & (pos < k)
        x_win = np.where(valid, x[:, np.clip(pos, 0, k - 1)], 0.0)  # L x rows x b
        full = np.einsum("lau,su->las", x_win, y_win).reshape(x.shape[0], -1)
        full = np.concatenate([full, np.zeros((x.shape[0], 1))], axis=1)
        flat, short = self.lookups
        # np.take and einsum, not fancy indexing and BLAS: several times faster here, and steady on a shared
        # 2-core machine where multi-threaded OpenBLAS stalls on these small products (bench/bench_insights.py)
        out = np.take(full, flat, axis=1).sum(axis=2)
        if short is not None:
            short_win = np.einsum("lau,su->las", x_win[:, :n_blocks, :r], y_win[:, :r]).reshape(x.shape[0], -1)
            out += np.take(short_win, short, axis=1)
        return out


def block_permutation_indices(n: int, block: int, count: int, rng: np.random.Generator) -> IntArray:
    """``count`` rows of indices 0..n-1 of ``BlockPermutations.draw``: the series cut into blocks of ``block`` at
    a random circular offset, and the blocks put in random order."""
    return BlockPermutations.draw(n, block, count, rng).indices()


class Permutations:
    """The block permutations a test uses, by the number of paired days ``k``.

    Given a seed, the permutations of ``k`` paired days are drawn from ``default_rng([seed, k])``: the same
    paired values give the same p-value whatever calendar range surrounds them and whatever else is tested.
    Given a Generator (simulations), every call draws fresh ones from it. The last length drawn is kept, so a
    caller that asks in order of ``k`` draws each length once."""

    def __init__(self, seed: int | np.random.Generator, n_permutations: int = N_PERMUTATIONS,
                 block_days: int = BLOCK_DAYS) -> None:
        self.seed = seed
        self.n_permutations = n_permutations
        self.block_days = block_days
        self._last: BlockPermutations | None = None

    def __call__(self, k: int) -> BlockPermutations:
        """``n_permutations`` block permutations of ``k`` days."""
        if isinstance(self.seed, np.random.Generator):
            return BlockPermutations.draw(k, self.block_days, self.n_permutations, self.seed)
        if self._last is None or self._last.k != k:
            rng = np.random.default_rng([self.seed, k])
            self._last = BlockPermutations.draw(k, self.block_days, self.n_permutations, rng)
        return self._last


@dataclass(frozen=True)
class Association:
    """Association of a lever series with an outcome series at a lag.

    ``n_pairs`` days have both values; ``n_tested`` of them also have both the day before (what prewhitening
    needs) and carry the test. ``r`` is the correlation of the AR(1)-prewhitened series over those days (the
    tested effect); ``p_value`` the two-sided block-permutation p over the same days,
    (1 + #{|r*| >= |r|}) / (1 + B) (Phipson & Smyth, Stat Appl Genet Mol Biol 2010;9:39); ``ci_low``/``ci_high``
    a ``confidence`` interval for r on Fisher's z scale, r_z +- z_(1-a/2) x SD(z*) with SD(z*) the spread of
    the block-permutation distribution (the sampling SD of z near no effect, already widened by any leftover
    autocorrelation); ``r_raw`` and ``slope`` (outcome units per lever unit, least squares) describe the raw
    paired days and are not tested."""

    n_pairs: int
    r: float
    ci_low: float
    ci_high: float
    p_value: float
    r_raw: float
    slope: float
    n_permutations: int
    block_days: int
    n_tested: int = 0


def ols_slope(x: FloatArray, y: FloatArray) -> float:
    """Least-squares slope of y on x over days both are present (NaN if x does not vary)."""
    m = ~np.isnan(x) & ~np.isnan(y)
    if m.sum() < 2:
        return float("nan")
    xc = x[m] - x[m].mean()
    sxx = float(xc @ xc)
    return float(xc @ (y[m] - y[m].mean()) / sxx) if sxx > 1e-12 else float("nan")


@dataclass(frozen=True)
class PairedSet:
    """Prewhitened lever columns and outcome over the same paired days (both present), centred on those days:
    ``x`` (k x L) for the levers at ``members`` (positions in the caller's list), ``y`` (k,)."""

    members: tuple[int, ...]
    x: FloatArray
    y: FloatArray

    @property
    def k(self) -> int:
        return int(self.y.size)


def paired_sets(whitened_levers: Sequence[FloatArray], whitened_outcome: FloatArray) -> list[PairedSet]:
    """Group levers by the days on which they and the outcome are both present (equal-length, already shifted by
    the lag), one ``PairedSet`` per distinct set of days: the permutations of a set serve all its levers."""
    groups: dict[bytes, list[int]] = {}
    masks: dict[bytes, NDArray[np.bool_]] = {}
    y_ok = ~np.isnan(whitened_outcome)
    for j, ex in enumerate(whitened_levers):
        m = ~np.isnan(ex) & y_ok
        key = np.packbits(m).tobytes()
        groups.setdefault(key, []).append(j)
        masks[key] = m
    out = []
    for key, members in groups.items():
        idx = np.flatnonzero(masks[key])
        y = whitened_outcome[idx]
        x = np.column_stack([whitened_levers[j][idx] for j in members]) if idx.size else np.zeros((0, len(members)))
        out.append(PairedSet(tuple(members), x - x.mean(axis=0) if idx.size else x, y - y.mean() if idx.size else y))
    return out


def permutation_test(ps: PairedSet, perm: BlockPermutations,
                     confidence: float = CONFIDENCE) -> list[tuple[float, ...]]:
    """(r, ci_low, ci_high, p, permutations used) for each lever of ``ps`` against the block permutations
    ``perm`` of its k days; NaN when fewer than 3 days or no variation. On complete paired days a permutation
    keeps the mean and spread of the outcome, so r* is the permuted cross-product over the same norms."""
    nan = (float("nan"),) * 4 + (0.0,)
    k = ps.k
    sy = float(np.sqrt(ps.y @ ps.y))
    sx = np.sqrt((ps.x * ps.x).sum(axis=0))
    if k < 3 or np.ptp(ps.y) == 0 or sy == 0:
        return [nan] * len(ps.members)
    ok = (np.ptp(ps.x, axis=0) > 0) & (sx > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.clip((ps.y @ ps.x) / (sy * sx), -1.0, 1.0)
        r_perm = np.clip(perm.products(ps.x.T, ps.y).T / (sy * sx), -1.0, 1.0)  # B x L
    half_q = NormalDist().inv_cdf(0.5 + confidence / 2)
    b = perm.count
    exceed = (np.abs(r_perm) >= np.abs(r) - 1e-12).sum(axis=0)
    spread = np.std(np.arctanh(np.clip(r_perm, -0.999999, 0.999999)), axis=0)
    out: list[tuple[float, ...]] = []
    for j in range(len(ps.members)):
        if not ok[j]:
            out.append(nan)
            continue
        z = float(np.arctanh(np.clip(r[j], -0.999999, 0.999999)))
        half = half_q * float(spread[j])
        out.append((float(r[j]), math.tanh(z - half), math.tanh(z + half), (1 + int(exceed[j])) / (1 + b), float(b)))
    return out


def associate(lever: FloatArray, outcome: FloatArray, rng: np.random.Generator | int | Permutations, *,
              lag_days: int = 0, n_permutations: int = N_PERMUTATIONS, block_days: int = BLOCK_DAYS,
              confidence: float = CONFIDENCE) -> Association:
    """Test lever on day t vs outcome on day t + ``lag_days`` (equal-length daily series on one calendar,
    NaN = missing).

    Each series is AR(1)-prewhitened in its own time (``prewhiten``), then shifted by the lag; the test runs over
    the days on which both are present only: the null distribution comes from permuting ``block_days``-long
    blocks of those paired days of the prewhitened outcome (consecutive in time, so dependence left after
    prewhitening stays inside blocks). Days on which either is missing take no part, so adding unknown days to
    the range changes nothing."""
    return associate_many([lever], outcome, rng, lag_days=lag_days, n_permutations=n_permutations,
                          block_days=block_days, confidence=confidence)[0]


def associate_many(levers: Sequence[FloatArray], outcome: FloatArray, rng: np.random.Generator | int | Permutations,
                   *, lag_days: int = 0, n_permutations: int = N_PERMUTATIONS, block_days: int = BLOCK_DAYS,
                   confidence: float = CONFIDENCE) -> list[Association]:
    """``associate`` for several levers against one outcome; levers paired on the same days share one set of
    permutations (each test stays exact on its own)."""
    outcome = np.asarray(outcome, dtype=float)
    n_all = outcome.size
    if not levers:
        return []
    if lag_days < 0 or lag_days >= n_all:
        raise ValueError("0 <= lag_days < length needed")
    perms = rng if isinstance(rng, Permutations) else Permutations(rng, n_permutations, block_days)
    end = n_all - lag_days
    y = outcome[lag_days:]
    ey = prewhiten(outcome)[lag_days:]
    xs, exs = [], []
    for lever in levers:
        lever = np.asarray(lever, dtype=float)
        if lever.shape != outcome.shape:
            raise ValueError("lever and outcome need the same length")
        xs.append(lever[:end])
        exs.append(prewhiten(lever)[:end])
    results: list[tuple[float, ...]] = [()] * len(levers)
    n_tested = [0] * len(levers)
    for ps in paired_sets(exs, ey):
        tests = permutation_test(ps, perms(ps.k), confidence) if ps.k >= 3 else \
            [(float("nan"),) * 4 + (0.0,)] * len(ps.members)
        for j, t in zip(ps.members, tests, strict=True):
            results[j], n_tested[j] = t, ps.k
    out = []
    for j, x in enumerate(xs):
        r, lo, hi, p, b = results[j]
        n_pairs = int((~np.isnan(x) & ~np.isnan(y)).sum())
        out.append(Association(n_pairs, r, lo, hi, p, pearson(x, y), ols_slope(x, y), int(b), perms.block_days,
                               n_tested[j]))
    return out


def benjamini_hochberg(p_values: FloatArray) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (q-values) over the non-NaN entries; NaN stays NaN.
    q_(i) = min_{j >= i} min(1, m p_(j) / j). Benjamini Y, Hochberg Y. J R Stat Soc B 1995;57:289."""
    p = np.asarray(p_values, dtype=float)
    q = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return q
    pv = p[ok]
    order = np.argsort(pv, kind="stable")
    ranked = pv[order] * m / np.arange(1, m + 1)
    adj = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    out = np.empty(m)
    out[order] = adj
    q[ok] = out
    return q


def difference_in_means(y: FloatArray, labels: NDArray[np.bool_]) -> float:
    """mean(y | label) - mean(y | not label) over present days (NaN when a group is empty)."""
    m = ~np.isnan(y)
    a, b = y[m & labels], y[m & ~labels]
    return float(a.mean() - b.mean()) if a.size and b.size else float("nan")
