"""The parameter ensemble: sets consistent with the calibration, run together through the compiled cohort kernel.

``ensemble_parameters.json`` (written by ``python -m norepi.model.calibration --ensemble``) holds the accepted
sets: the fitted parameters drawn from the fit's Laplace posterior, the priors and uncertain literature values
drawn log-normally by their ``cv`` (parameter table), each set kept only when every fitted and anchored target is
met within its tolerance. Each set starts from its own periodic steady state of the run's baseline day and is
compared with its own healthy reference day. A set whose solve fails is reported (:class:`FailedMember`) with its
parameters, never dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from norepi.errors import DataMissing
from norepi.model.core import (
    ENSEMBLE_STEP_MIN,
    MIN_PER_DAY,
    N_DAILY,
    N_IN,
    POOLS,
    SLOW_STATES,
    D,
    cohort_kernel,
)
from norepi.model.parameters import INDEX, NAMES, TABLE, Parameters, derive
from norepi.model.solver import periodic_state, steady_pools, steps_of

ENSEMBLE_JSON = Path(__file__).with_name("ensemble_parameters.json")


@dataclass(frozen=True)
class FailedMember:
    """A parameter set whose run failed: its index in the ensemble, why, and its varied parameters."""

    index: int
    reason: str
    parameters: Mapping[str, float]


@dataclass(frozen=True)
class Ensemble:
    """Parameter sets (rows of ``P``, full vectors with derived values) and the names that vary between them."""

    P: np.ndarray
    varied: tuple[str, ...]
    description: str

    @property
    def size(self) -> int:
        return int(self.P.shape[0])

    def key(self) -> bytes:
        return self.P.tobytes()

    def member_parameters(self, k: int) -> dict[str, float]:
        """The varied parameters of set ``k``."""
        return {n: float(self.P[k, INDEX[n]]) for n in self.varied}

    def with_overrides(self, overrides: Mapping[str, float]) -> Ensemble:
        """Every set with ``overrides`` applied (already checked) and its derived values recomputed."""
        if not overrides:
            return self
        P = self.P.copy()
        for k in range(P.shape[0]):
            for n, v in overrides.items():
                P[k, INDEX[n]] = v
            P[k] = derive(P[k])
        varied = tuple(n for n in self.varied if n not in overrides)
        return Ensemble(P, varied, self.description + f"; overrides {dict(overrides)}")


def write_ensemble(P: np.ndarray, varied: tuple[str, ...], description: str, path: Path = ENSEMBLE_JSON) -> None:
    """Store accepted sets (full vectors) with the names of the parameter table they belong to."""
    data = {
        "description": description,
        "names": list(NAMES),
        "varied": list(varied),
        "rows": [[float(f"{v:.10g}") for v in row] for row in P],
    }
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n")


@lru_cache(maxsize=4)
def load_ensemble(path: Path = ENSEMBLE_JSON) -> Ensemble:
    """The stored ensemble; DataMissing when it is absent or was made for another parameter table."""
    if not path.exists():
        raise DataMissing(f"no parameter ensemble at {path}: run python -m norepi.model.calibration --ensemble")
    data = json.loads(path.read_text())
    if tuple(data["names"]) != NAMES:
        raise DataMissing(f"the ensemble at {path} was made for another parameter table: regenerate it")
    return Ensemble(np.array(data["rows"], dtype=float), tuple(data["varied"]), data["description"])


def central_as_ensemble(params: Parameters) -> Ensemble:
    """One set: ``params`` alone (no interval)."""
    return Ensemble(params.values[None, :].copy(), (), "central parameters only")


# ------------------------------------------------------------------------------------------- running sets
def _failed(ens: Ensemble, k: int, reason: str) -> FailedMember:
    return FailedMember(k, reason, ens.member_parameters(k) or {n: float(ens.P[k, INDEX[n]]) for n in _FREE})


_FREE = tuple(n for n in NAMES if TABLE[n].kind == "fitted")


def periodic_states(
    ens: Ensemble, day_u: np.ndarray, start: np.ndarray, rtol: float = 1e-7, max_days: int = 90
) -> tuple[np.ndarray, dict[int, str]]:
    """Each set's state at midnight of the periodic steady state of ``day_u`` (1440 input rows), iterated from
    ``start`` with Aitken extrapolation of the slow states; sets that do not converge or fail are returned in the
    dict (index -> reason)."""
    day_u = np.ascontiguousarray(day_u, dtype=float)
    K = ens.size
    Y = np.repeat(np.asarray(start, dtype=float)[None, :], K, axis=0)
    for k in range(K):
        Y[k, list(POOLS)] = steady_pools(day_u[0], Parameters(ens.P[k]))
    starts, lens = steps_of(day_u, ENSEMBLE_STEP_MIN)
    daily = np.zeros((K, 1, N_DAILY))
    status = np.zeros(K, dtype=np.int64)
    failed: dict[int, str] = {}
    done = np.zeros(K, dtype=bool)
    hist: list[np.ndarray] = []
    P = np.ascontiguousarray(ens.P)
    for _ in range(max_days):
        prev = Y.copy()
        cohort_kernel(Y, day_u, starts, lens, P, daily, status)
        for bad in np.nonzero(status)[0].tolist():
            failed.setdefault(bad, f"non-finite state at minute {int(status[bad])} of the baseline day")
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            scale = np.maximum(np.abs(Y), 1e-9 + 1e-6 * np.abs(Y).max(axis=1, keepdims=True))
            change = np.abs(Y - prev) / scale
            change = np.where(np.isfinite(change), change, np.inf).max(axis=1)
        done |= change < rtol
        if all(done[k] or k in failed for k in range(K)):
            break
        hist.append(Y.copy())
        if len(hist) == 3:
            x0, x1, x2 = hist
            sl = list(SLOW_STATES)
            den = x2[:, sl] - 2 * x1[:, sl] + x0[:, sl]
            with np.errstate(divide="ignore", invalid="ignore"):
                cand = x2[:, sl] - (x2[:, sl] - x1[:, sl]) ** 2 / den
            ok = (
                np.isfinite(cand)
                & (cand >= 0)
                & (np.abs(den) > 1e-300)
                & (np.abs(cand - x2[:, sl]) < 10 * (np.abs(x2[:, sl]) + 1e-6))
            )
            sub = Y[:, sl]
            sub[ok & ~done[:, None]] = cand[ok & ~done[:, None]]
            Y[:, sl] = sub
            hist = []
    for k in range(K):
        if not done[k] and k not in failed:
            failed[k] = f"no periodic steady state of the baseline day within {max_days} days"
    return Y, failed


def run_sets(
    ens: Ensemble, u: np.ndarray, Y0: np.ndarray, failed: dict[int, str] | None = None
) -> tuple[np.ndarray, dict[int, str]]:
    """Run every set from its state ``Y0[k]`` over the inputs ``u`` (whole days); returns the daily outputs (sets
    x days x ``D``, NaN for failed sets) and the failures (index -> reason)."""
    u = np.ascontiguousarray(u, dtype=float)
    if u.ndim != 2 or u.shape[1] != N_IN or u.shape[0] % MIN_PER_DAY:
        raise ValueError("inputs must be whole days of minute rows")
    failed = dict(failed or {})
    starts, lens = steps_of(u, ENSEMBLE_STEP_MIN)
    n_days = u.shape[0] // MIN_PER_DAY
    daily = np.zeros((ens.size, n_days, N_DAILY))
    status = np.zeros(ens.size, dtype=np.int64)
    Y = np.ascontiguousarray(Y0.copy())
    cohort_kernel(Y, u, starts, lens, np.ascontiguousarray(ens.P), daily, status)
    for bad in np.nonzero(status)[0].tolist():
        failed.setdefault(bad, f"non-finite state at minute {int(status[bad])}")
    degenerate = ~np.all(np.isfinite(daily), axis=(1, 2)) | np.any(daily[:, :, [D.NE_MEAN, D.STORE, D.DBH]] <= 0,
                                                                    axis=(1, 2))
    for bad in np.nonzero(degenerate)[0].tolist():
        failed.setdefault(bad, "degenerate solution (no plasma NE, stores or synthesis)")
    for k in failed:
        daily[k] = np.nan
    return daily, failed


@dataclass(frozen=True)
class References:
    """Each set's healthy reference day at its periodic steady state: mean store (uM) and DBH synthesis (uM/min)."""

    store: np.ndarray
    dbh: np.ndarray
    failed: dict[int, str]


@lru_cache(maxsize=8)
def _references(key: bytes, k: int, ref_key: bytes) -> References:
    P = np.frombuffer(key, dtype=float).reshape(k, -1).copy()
    ens = Ensemble(P, (), "")
    day_u = np.frombuffer(ref_key, dtype=float).reshape(MIN_PER_DAY, N_IN).copy()
    start = periodic_state(Parameters(P[0].copy()), day_u)
    Y, failed = periodic_states(ens, day_u, start)
    daily, failed = run_sets(ens, day_u, Y, failed)
    return References(daily[:, 0, D.STORE], daily[:, 0, D.DBH], failed)


def references(ens: Ensemble, reference_day_u: np.ndarray) -> References:
    """Healthy references of every set (cached per ensemble)."""
    u = np.ascontiguousarray(reference_day_u, dtype=float)
    return _references(ens.key(), ens.size, u.tobytes())


def failed_members(ens: Ensemble, failed: Mapping[int, str]) -> tuple[FailedMember, ...]:
    """The failures as reportable members (index, reason, parameters)."""
    return tuple(_failed(ens, k, r) for k, r in sorted(failed.items()))
