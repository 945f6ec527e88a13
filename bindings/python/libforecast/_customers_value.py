"""Customer value building blocks (customer_value.h) on pandas values: ABC
classes and the Pareto curve of a value Series, RFM scores of a Series (by
rank quintile or by edges), RFM of a CustomerSet's records, percentile ranks.
The defaults (ABC shares, window) are lf_customer_eval_spec_init's.
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_customers as T
from . import _customers_spec as S
from . import _customers_tables as X
from . import _inputs as I
from ._lib import LIB
from .dates import to_date, to_lf_date
from .errors import ArgumentError, call


def _values(values, name):
    """(C-contiguous float64 array, index) of a Series or an array-like."""
    if isinstance(values, pd.DataFrame):
        raise ArgumentError(f"{name} must be one column (a Series), not a DataFrame")
    arr = I.as_doubles(values, name)
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(arr))
    return arr, index


def _ids(index):
    """The index as C strings for tie-breaking, when every label is a str; else None."""
    if len(index) and all(isinstance(v, str) for v in index):
        return (ctypes.c_char_p * len(index))(*[I.c_text(v, "an id") for v in index])
    return None


def abc_classify(values, a_share=None, b_share=None):
    """ABC classes on the Pareto curve of values (lf_abc_classify), e.g. the
    customers' profit: ranked largest first (equal values by label when the
    labels are strings, else by position), A the fewest top customers whose
    cumulative share of the positive total reaches a_share, B up to b_share,
    C the rest and every value <= 0.

    Returns a DataFrame indexed as values: value, rank (1 = largest),
    share_before (S(k-1)), share (S(k), cumulative), customer_share (k / n)
    and abc; sort by rank for the Pareto curve.  a_share and b_share default
    to C's 0.80 and 0.95 (0.8 or "80%").  A value that is not finite raises
    the C message's InputError.

    >>> import pandas as pd, libforecast as lf
    >>> profit = pd.Series({"a": 50.0, "b": 30.0, "c": 12.0, "d": 5.0, "e": 3.0, "f": -4.0})
    >>> lf.abc_classify(profit)["abc"].tolist()
    ['A', 'A', 'B', 'B', 'C', 'C']
    """
    arr, index = _values(values, "values")
    base = S.default_spec()
    a = base.a_share if a_share is None else I.share(a_share, "a_share")
    b = base.b_share if b_share is None else I.share(b_share, "b_share")
    n = len(arr)
    abc = (T.lf_abc_class * max(n, 1))()
    curve = (T.ParetoPoint * max(n, 1))()
    call(LIB.lf_abc_classify, I.pointer(arr), _ids(index), n, a, b, abc, curve)
    points = sorted((curve[k] for k in range(n)), key=lambda p: p.customer)
    return pd.DataFrame({
        "value": arr.copy(),
        "rank": np.array([p.rank for p in points], dtype=np.int64),
        "share_before": [p.share_before for p in points],
        "share": [p.share for p in points],
        "customer_share": [p.customer_share for p in points],
        "abc": [LIB.lf_abc_name(abc[i]).decode() for i in range(n)],
    }, index=index)


def _bins(edges, name):
    """An lf_rfm_bins of 1..8 strictly increasing finite edges."""
    arr = I.as_doubles(edges, name)
    if not 1 <= len(arr) <= T.LF_RFM_EDGES_MAX:
        raise ArgumentError(f"{name} needs 1 to {T.LF_RFM_EDGES_MAX} edges, got {len(arr)}")
    if not np.isfinite(arr).all() or (np.diff(arr) <= 0).any():
        raise ArgumentError(f"{name} must be finite and increase strictly, got {arr.tolist()}")
    bins = T.RfmBins()
    bins.nedges = len(arr)
    bins.edges[:len(arr)] = arr.tolist()
    return bins


def rfm_scores(values, *, lower_is_better=False, edges=None):
    """RFM scores of one dimension: by rank quintile (lf_rfm_rank_scores; 1..5,
    ties share the score of their mid-rank, a value not finite scores 1) or,
    with edges (1..8, increasing), by bin (lf_rfm_score; 1..len(edges) + 1).
    lower_is_better for recency (days since the last payment), else higher
    is better (frequency, monetary).  A Series of ints indexed as values.

    >>> import libforecast as lf
    >>> lf.rfm_scores(range(1, 11)).tolist()
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    >>> lf.rfm_scores([5, 25, 40, 90], lower_is_better=True, edges=[30, 60]).tolist()
    [3, 3, 2, 1]
    """
    arr, index = _values(values, "values")
    flag = int(bool(lower_is_better))
    if edges is None:
        scores = (ctypes.c_int * max(len(arr), 1))()
        call(LIB.lf_rfm_rank_scores, I.pointer(arr), len(arr), flag, scores)
        out = list(scores[:len(arr)])
    else:
        bins = _bins(edges, "edges")
        out = [LIB.lf_rfm_score(ctypes.byref(bins), x, flag) for x in arr]
    return pd.Series(out, index=index, dtype=np.int64, name="score")


def customer_window(cs, evaluated, window_months):
    """(evaluation day, first month index, count) as lf_customer_evaluate
    finds them: window_months months ending with the evaluation month,
    clipped to the set's months; evaluated default the last day of the set."""
    months = cs.months
    if len(months) == 0:
        raise ArgumentError(f"{cs.source} has no monthly records")
    if evaluated is None:
        day = to_lf_date((months[-1] + 1).start_time.date()) - 1
    else:
        day = to_lf_date(evaluated)
        if not isinstance(day, int):
            raise ArgumentError("evaluated must be one date")
    end = cs.month_index(to_date(day)) + 1
    window = X.count(window_months, "window_months")
    count = min(window, end)
    return day, end - count, count


def customer_rfm(customers, *, evaluated=None, window_months=None, edges=None):
    """R, F, M and their scores of every customer of a CustomerSet
    (lf_customer_rfm), as of ``evaluated`` (default: the last day of its
    records) over the window_months months ending with its month (default
    C's 12): R days since the last payment (inf: never paid), F payments in
    the 365 days, M bills over the window.  edges: {"recency_days": [...],
    "frequency": [...], "monetary": [...]}, a dimension left out scored by
    rank quintile (the default for all three).

    A DataFrame indexed by id: recency_days, frequency, monetary, r, f, m,
    total, rfm (the code, "535"); attrs["edges"] holds the edges used (None:
    by rank).

    >>> import libforecast as lf
    >>> crm = "datasets/sample/crm/"
    >>> with lf.CustomerSet(crm + "customers.csv", crm + "monthly.csv",
    ...                     crm + "payments.csv") as cs:
    ...     rfm = lf.customer_rfm(cs, evaluated="2024-12-31")
    >>> rfm.loc["C001", ["recency_days", "frequency", "rfm"]].tolist()
    [18.0, 12.0, '335']
    """
    window = S.default_spec().window_months if window_months is None else window_months
    day, first, count = customer_window(customers, evaluated, window)
    spec = T.RfmSpec()
    if edges is not None:
        S.rfm_edges_into(spec, edges, "edges")
    n = len(customers)
    out, used = (T.Rfm * max(n, 1))(), T.RfmSpec()
    call(LIB.lf_customer_rfm, customers._ptr(), first, count, day, ctypes.byref(spec), out,
         ctypes.byref(used))
    rows = [out[i] for i in range(n)]
    frame = pd.DataFrame({
        "recency_days": [r.recency_days for r in rows],
        "frequency": [r.frequency for r in rows],
        "monetary": [r.monetary for r in rows],
        "r": [r.r for r in rows], "f": [r.f for r in rows], "m": [r.m for r in rows],
        "total": [r.total for r in rows],
        "rfm": [r.code.decode() for r in rows],
    }, index=customers.ids)
    frame.attrs["edges"] = S.rfm_edges_of(used)
    return frame


def percentile_ranks(values):
    """100 (r - 1) / (n - 1), r the mid-rank of each value in ascending order
    (lf_percentile_ranks; ties share their mean rank, NaN gets 0 and is left
    out, one value gets 100): the value score's current and potential parts.
    A Series indexed as values.

    >>> import libforecast as lf
    >>> lf.percentile_ranks([10.0, 30.0, 20.0, 20.0]).tolist()
    [0.0, 100.0, 50.0, 50.0]
    """
    arr, index = _values(values, "values")
    out = np.empty(len(arr))
    call(LIB.lf_percentile_ranks, I.pointer(arr), len(arr), I.pointer(out))
    return pd.Series(out, index=index, name="percentile")
