"""Credit rating building blocks (credit.h) for a notebook: AHP weights of a
pairwise-comparison matrix, the default indicator, grade and settlement
tables as DataFrames, a rating from raw indicator values, the raw indicators
from payment records, and the settlement advice of a grade.

The defaults are lf_customer_eval_spec_init's (credit.h's tables), read at
each call.
"""
import ctypes
from collections import namedtuple
from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import _c_credit as TC
from . import _c_customers as T
from . import _customers_tables as X
from . import _inputs as I
from ._customers_spec import default_spec
from ._lib import LIB
from .dates import to_lf_date
from .errors import ArgumentError, LibforecastError, call, error_for


# ---- AHP ---------------------------------------------------------------------------------


class AhpResult(namedtuple("AhpResult", "weights lambda_max ci ri cr consistent worst "
                                        "worst_implied")):
    """The AHP of a pairwise matrix (lf_ahp_result): weights (a Series by the
    matrix's labels, summing to 1), lambda_max, ci, ri, cr, consistent (CR <
    0.1), worst (the (row, column) labels of the judgement farthest from the
    weights, the first to revise) and worst_implied (w_row / w_column, what
    the weights make of that judgement)."""
    __slots__ = ()


def ahp_of(res, labels):
    """An AhpResult of a filled lf_ahp_result whose rows are labels."""
    n = res.n
    weights = pd.Series(list(res.weights[:n]), index=labels, name="weight")
    worst = (labels[res.worst_row], labels[res.worst_col])
    return AhpResult(weights, res.lambda_max, res.ci, res.ri, res.cr, bool(res.consistent),
                     worst, res.worst_implied)


def _square(matrix, what="matrix"):
    """(C-contiguous float64 n x n array, labels) of a square matrix."""
    labels = None
    if isinstance(matrix, pd.DataFrame):
        if not matrix.index.equals(matrix.columns):
            raise ArgumentError(f"the {what}'s rows and columns must be the same items in the "
                                "same order")
        labels = list(matrix.index)
        matrix = matrix.to_numpy()
    m = np.asarray(matrix)
    if m.dtype.kind == "O":
        try:
            m = m.astype(np.float64)
        except (TypeError, ValueError):
            raise ArgumentError(f"the {what} must hold numbers") from None
    if m.dtype.kind not in "fiu":
        raise ArgumentError(f"the {what} must hold numbers, not dtype {m.dtype}")
    if m.ndim != 2 or m.shape[0] != m.shape[1] or not 1 <= m.shape[0] <= TC.LF_AHP_MAX:
        raise ArgumentError(f"the {what} must be square, 1 x 1 to {TC.LF_AHP_MAX} x "
                            f"{TC.LF_AHP_MAX}; got shape {m.shape}")
    m = np.ascontiguousarray(m, dtype=np.float64)
    return m, labels if labels is not None else list(range(m.shape[0]))


def ahp_weights(matrix, *, require_consistent=False):
    """The AHP weights of a pairwise-comparison matrix (lf_ahp_weights): an
    AhpResult.

    matrix: n x n (1..15), a_ij = how much more item i matters than j on
    Saaty's 1..9 scale, positive and reciprocal (a_ji = 1 / a_ij; use
    ahp_complete for a matrix typed as its upper triangle).  A DataFrame's
    labels name the weights.  Any reciprocal matrix succeeds; look at
    ``consistent``, or pass require_consistent=True for an ArgumentError
    when CR >= 0.1 (its ``.ahp`` holds the rejected matrix's result).

    >>> import libforecast as lf
    >>> r = lf.ahp_weights([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]])
    >>> r.weights.round(3).tolist(), round(r.cr, 4), r.consistent
    ([0.648, 0.23, 0.122], 0.0032, True)
    """
    m, labels = _square(matrix)
    out = TC.AhpResult()
    fn = LIB.lf_ahp_weights_consistent if require_consistent else LIB.lf_ahp_weights
    try:
        call(fn, I.pointer(m.ravel()), m.shape[0], ctypes.byref(out))
    except LibforecastError as e:
        if out.n:                    # filled even when rejected: show its CR
            e.ahp = ahp_of(out, labels)
        raise
    return ahp_of(out, labels)


def ahp_complete(matrix):
    """A copy of matrix with a_ii = 1 and the lower triangle 1 / the upper
    one (lf_ahp_complete): a matrix typed as its upper triangle made exactly
    reciprocal.  What is below the diagonal is ignored.

    >>> import numpy as np, libforecast as lf
    >>> lf.ahp_complete(np.array([[0, 2.0], [0, 0]])).tolist()
    [[1.0, 2.0], [0.5, 1.0]]
    """
    m, labels = _square(matrix)
    m = m.copy()
    call(LIB.lf_ahp_complete, I.pointer(m.ravel()), m.shape[0])
    if isinstance(matrix, pd.DataFrame):
        return pd.DataFrame(m, index=matrix.index, columns=matrix.columns)
    return m


def ahp_random_index(n):
    """Saaty's random index RI of order n (1..15; NaN outside): CR = CI / RI.

    >>> import libforecast as lf
    >>> lf.ahp_random_index(3)
    0.58
    """
    return LIB.lf_ahp_random_index(X.count(n, "n"))


# ---- the default tables ------------------------------------------------------------------


def credit_indicators():
    """The default credit indicators (credit.h), a DataFrame indexed by name:
    weight, kind ("linear": 100 at best, 0 at worst; "given": the raw value is
    the score), best, worst.  Edit a copy and pass it to credit_rate.

    >>> import libforecast as lf
    >>> lf.credit_indicators().loc["mean_days_late"].tolist()
    [0.15, 'linear', 0.0, 30.0]
    """
    return X.indicators_frame(default_spec().indicators, TC.LF_CREDIT_NDEFAULT)


def credit_grades():
    """The default credit grades, best first: a DataFrame indexed by grade
    with min_score, the total each starts at.

    >>> import libforecast as lf
    >>> lf.credit_grades()["min_score"].to_dict()
    {'AAA': 90.0, 'AA': 80.0, 'A': 70.0, 'BBB': 60.0, 'BB': 50.0, 'B': 40.0, 'C': 0.0}
    """
    s = default_spec()
    table = X.thresholds_of(s.grades, s.ngrades, "name", "min_score")
    return pd.DataFrame({"min_score": list(table.values())},
                        index=pd.Index(list(table), name="grade"))


def settlement_rules():
    """The default settlement table: a DataFrame indexed by grade with
    cycle_days (30 monthly, 10 ten-day) and deposit_cycles.

    >>> import libforecast as lf
    >>> lf.settlement_rules().loc["B"].tolist()
    [10.0, 2.0]
    """
    s = default_spec()
    return X.settlement_frame(s.settlement, s.nsettlement)


def _grades_array(grades):
    if grades is None:
        s = default_spec()
        return s.grades, s.ngrades
    if isinstance(grades, pd.DataFrame):
        if "min_score" not in grades.columns:
            raise ArgumentError("grades (a DataFrame) needs the column min_score")
        grades = grades["min_score"]
    array = (TC.CreditGrade * T.LF_CREDIT_GROUP_GRADES_MAX)()
    n = X.thresholds_into(array, grades, "grades", len(array), "name", "min_score")
    return array, n


def _indicators_array(indicators):
    if indicators is None:
        s = default_spec()
        return s.indicators, [X.text(i.name) for i in s.indicators]
    return X.indicators_array(indicators, "indicators")


# ---- rating ------------------------------------------------------------------------------


class CreditRating(namedtuple("CreditRating", "total grade scores contributions")):
    """One customer's rating (lf_credit_rating): total (0..100), grade, and
    each indicator's score and weight x score (Series by indicator)."""
    __slots__ = ()


def _raw_row(raw, names, what):
    """The raw values in the indicators' order (other keys ignored)."""
    values = []
    for name in names:
        if name not in raw:
            raise ArgumentError(f"{what} has no value for indicator '{name}' (the indicators "
                                f"are {', '.join(names)})")
        values.append(raw[name])
    return I.as_doubles(values, what)


def _rate(ind, names, grades, ngrades, raw):
    out = TC.CreditRating()
    call(LIB.lf_credit_rate, ind, len(names), I.pointer(raw), grades, ngrades,
         ctypes.byref(out))
    return out


def credit_rate(raw, indicators=None, grades=None):
    """Credit rating (lf_credit_rate): each indicator's score 0..100, the
    weighted total and the grade it reaches.

    raw: one customer's raw values by indicator name (a dict or Series) ->
    a CreditRating; or a DataFrame with a column per indicator, a row per
    customer -> a DataFrame indexed as raw with <indicator>_score, total and
    grade.  Other keys or columns are ignored.
    indicators: a table as credit_indicators() returns (name: weight, kind,
    best, worst; weights summing to 1), default credit.h's six.
    grades: as credit_grades() returns (or {name: min_score}), default
    credit.h's.  A missing (NaN) raw value, a weight sum other than 1 or a
    given score outside 0..100 raise the C message's error (for a DataFrame,
    prefixed by the row's label).

    >>> import libforecast as lf
    >>> r = lf.credit_rate({"on_time_share": 0.9, "mean_days_late": 6,
    ...                     "arrears_months": 0, "breaches": 1, "energy_cv": 0.1,
    ...                     "industry_outlook": 60})
    >>> round(r.total, 2), r.grade, r.scores["on_time_share"]
    (81.89, 'AA', 80.0)
    """
    ind, names = _indicators_array(indicators)
    grade_array, ngrades = _grades_array(grades)
    if isinstance(raw, pd.DataFrame):
        return _rate_frame(raw, ind, names, grade_array, ngrades)
    if not isinstance(raw, (Mapping, pd.Series)):
        raise ArgumentError(f"raw must be a dict, a Series or a DataFrame, not "
                            f"{type(raw).__name__}")
    out = _rate(ind, names, grade_array, ngrades, _raw_row(raw, names, "raw"))
    return CreditRating(out.total, X.text(out.grade_name),
                        pd.Series(list(out.scores[:len(names)]), index=names, name="score"),
                        pd.Series(list(out.contributions[:len(names)]), index=names,
                                  name="contribution"))


def _rate_frame(raw, ind, names, grades, ngrades):
    rows = []
    for label, row in raw.iterrows():
        values = _raw_row(row, names, f"raw row {label!r}")
        try:
            out = _rate(ind, names, grades, ngrades, values)
        except LibforecastError as e:
            raise error_for(e.code, f"raw row {label!r}: {e.message}") from None
        rows.append(list(out.scores[:len(names)]) + [out.total, X.text(out.grade_name)])
    columns = [f"{n}_score" for n in names] + ["total", "grade"]
    return pd.DataFrame(rows, index=raw.index, columns=columns)


# ---- raw indicators from records, settlement ----------------------------------------------

RAW_COUNTS = ("bills_assessed", "bills_late", "bills_unpaid", "outstanding",
              "mean_monthly_bill", "energy_months")


def _bills(payments):
    """A DataFrame of due_date, paid_date (NaT unpaid), amount_cny as an
    lf_payment array."""
    if not isinstance(payments, pd.DataFrame):
        raise ArgumentError("payments must be a DataFrame with due_date, paid_date and "
                            f"amount_cny (as CustomerSet.payments gives), not "
                            f"{type(payments).__name__}")
    lacking = [c for c in ("due_date", "paid_date", "amount_cny") if c not in payments.columns]
    if lacking:
        raise ArgumentError(f"payments lacks the column '{lacking[0]}'")
    bills = (TC.Payment * max(len(payments), 1))()
    due = to_lf_date(pd.DatetimeIndex(payments["due_date"])) if len(payments) else []
    paid = pd.DatetimeIndex(payments["paid_date"])
    amount = I.as_doubles(payments["amount_cny"], "payments['amount_cny']")
    for k in range(len(payments)):
        bills[k].due = int(due[k])
        bills[k].paid = TC.LF_PAYMENT_UNPAID if paid[k] is pd.NaT else to_lf_date(paid[k])
        bills[k].amount = amount[k]
    return bills


def credit_raw(payments, energy=(), *, evaluated):
    """The raw credit indicators of one customer as of ``evaluated``
    (lf_credit_raw_from_records): on_time_share, mean_days_late,
    arrears_months and energy_cv from its bills and monthly energy (breaches
    and industry_outlook NaN, for the caller to fill), and the counts behind
    them.  A dict, to complete and pass to credit_rate.

    payments: a DataFrame with due_date, paid_date (NaT when unpaid) and
    amount_cny, as CustomerSet.payments(id) gives; energy: its monthly energy
    (NaN missing), e.g. CustomerSet.monthly(id)["energy_kwh"].

    >>> import pandas as pd, libforecast as lf
    >>> bills = pd.DataFrame({"due_date": pd.to_datetime(["2024-01-15", "2024-02-15"]),
    ...                       "paid_date": pd.to_datetime(["2024-01-10", None]),
    ...                       "amount_cny": [100.0, 100.0]})
    >>> raw = lf.credit_raw(bills, [10.0, 12.0], evaluated="2024-03-01")
    >>> raw["on_time_share"], raw["mean_days_late"], raw["arrears_months"], raw["bills_unpaid"]
    (0.5, 15.0, 1.0, 1)
    """
    bills = _bills(payments)
    monthly = I.as_doubles(energy, "energy")
    day = to_lf_date(evaluated)
    if not isinstance(day, int):
        raise ArgumentError("evaluated must be one date")
    out = TC.CreditRaw()
    call(LIB.lf_credit_raw_from_records, bills, len(payments), I.pointer(monthly) if
         len(monthly) else None, len(monthly), day, ctypes.byref(out))
    names = [X.text(i.name) for i in default_spec().indicators]
    result = dict(zip(names, out.values))
    result.update({k: getattr(out, k) for k in RAW_COUNTS})
    return result


def settlement_advice(grade, monthly_kwh, price_per_kwh, rules=None):
    """The settlement advice for a customer of this grade (lf_credit_settlement):
    a dict of grade, cycle_days, deposit_cycles, cycle_kwh (a cycle's share
    of monthly_kwh, a month counting 30 days) and deposit (cycle_kwh x price
    x deposit_cycles).  rules: as settlement_rules() returns, the default.

    >>> import libforecast as lf
    >>> lf.settlement_advice("B", 30000, 0.6)["deposit"]
    12000.0
    """
    if rules is None:
        s = default_spec()
        array, n = s.settlement, s.nsettlement
    else:
        array = (TC.SettlementRule * T.LF_CREDIT_GROUP_GRADES_MAX)()
        n = X.settlement_into(array, rules, "rules")
    out = TC.SettlementAdvice()
    call(LIB.lf_credit_settlement, array, n, I.c_text(grade, "grade"),
         I.number(monthly_kwh, "monthly_kwh"), I.number(price_per_kwh, "price_per_kwh"),
         ctypes.byref(out))
    return {"grade": X.text(out.grade), "cycle_days": out.cycle_days,
            "deposit_cycles": out.deposit_cycles, "cycle_kwh": out.cycle_kwh,
            "deposit": out.deposit}
