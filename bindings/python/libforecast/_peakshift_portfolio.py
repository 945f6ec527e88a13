"""Portfolio: the demand-response customers of peakshift.h as a handle on an
lf_portfolio, read from its YAML file, built customer by customer (or from
DataFrames) through lf_portfolio_add, re-tiered from lfc customers' tiers.

Each customer is checked by lf_portfolio_check as it is added (in a scratch
portfolio of the same tiers), so a bad one is refused at its add() with the
C message naming it, and never reaches a schedule.
"""
import ctypes

import numpy as np
import pandas as pd

from . import _c_peakshift as T
from . import _inputs as I
from ._c_core import LF_ERR_NOMEM, Error
from ._handle import Handle
from ._lib import LIB
from .errors import ArgumentError, call, check

KINDS = tuple(LIB.lf_dr_kind_name(k).decode() for k in range(T.LF_DR_KINDS))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# a measure's fields after kind, with the Python type each takes
MEASURE_FIELDS = (("mw", float), ("notice_days", int), ("max_per_week", int),
                  ("max_per_month", int), ("min_gap_days", int), ("weekdays", "days"),
                  ("cost_per_mwh", float), ("cost_per_event", float))
CUSTOMER_COLUMNS = ("name", "industry", "tier", "protected", "peak_mw", "voltage_kv",
                    "contract_mw")
_INT_MIN, _INT_MAX = -2**31, 2**31 - 1


def _fixed_text(value, name, size):
    """UTF-8 bytes for a char[size] field: at most size - 1 bytes."""
    raw = I.c_text(value, name)
    if len(raw) > size - 1:
        raise ArgumentError(f"{name} '{value}' has {len(raw)} bytes in UTF-8; at most "
                            f"{size - 1}")
    return raw


def _int(value, name):
    """An int that fits a C int (ctypes would silently wrap a larger one)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise ArgumentError(f"{name} must be a whole number, not {value!r}")
    if not _INT_MIN <= int(value) <= _INT_MAX:
        raise ArgumentError(f"{name} {value} is out of range")
    return int(value)


def weekday_mask(value, name="weekdays"):
    """The bits of lf_dr_measure.weekdays (bit 0 Monday .. 6 Sunday; 0 every
    day) from names ("tue,wed" or ["tue", "wed"]), a mask, or None/"" (every day).

    >>> weekday_mask(["tue", "wed", "fri"]), weekday_mask("sat,sun"), weekday_mask(None)
    (22, 96, 0)
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return 0
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        if not 0 <= value < 2**32:
            raise ArgumentError(f"{name} mask {value} must be 0..127 (bit 0 Monday)")
        return int(value)
    names = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    mask = 0
    for day in names:
        key = str(day).strip().lower()[:3]
        if key not in WEEKDAYS:
            raise ArgumentError(f"{name}: '{day}' is not a weekday (mon .. sun)")
        mask |= 1 << WEEKDAYS.index(key)
    return mask


def weekday_names(mask):
    """"tue,wed,fri" for a mask ("" for 0: every day)."""
    return ",".join(d for k, d in enumerate(WEEKDAYS) if mask >> k & 1)


def _copy_fields(dst, src, names):
    """Copy struct fields byte for byte (char arrays read as bytes in ctypes)."""
    for name in names:
        f = getattr(type(dst), name)
        ctypes.memmove(ctypes.addressof(dst) + f.offset, ctypes.addressof(src) + f.offset, f.size)


def _measure(kind, fields, who):
    if kind not in KINDS:
        raise ArgumentError(f"{who}: unknown measure '{kind}' (one of {', '.join(KINDS)})")
    if not hasattr(fields, "keys"):
        raise ArgumentError(f"{who}: measure {kind} must be a mapping such as "
                            "{'mw': 10, 'notice_days': 1}")
    known = dict(MEASURE_FIELDS)
    unknown = [k for k in fields if k not in known]
    if unknown:
        raise ArgumentError(f"{who}: measure {kind} has no field '{unknown[0]}' (fields: "
                            f"{', '.join(known)})")
    if fields.get("mw") is None:
        raise ArgumentError(f"{who}: measure {kind} needs mw")
    m = T.DrMeasure(kind=KINDS.index(kind))
    for key, value in fields.items():
        what = f"{who}: {kind} {key}"
        if known[key] is float:
            setattr(m, key, I.number(value, what))
        elif known[key] is int:
            setattr(m, key, _int(value, what))
        else:
            m.weekdays = weekday_mask(value, what)
    return m


class Portfolio(Handle):
    """The demand-response portfolio (lf_portfolio): tiers cut first .. cut
    last, the default peak window, and the customers with their measures.

    Portfolio(tiers=None, window_hours=None) starts an empty one
    (lf_portfolio_new: one tier "general", a 4-hour window, unless given);
    Portfolio.load(path) reads the YAML; Portfolio.from_frame() builds one
    from DataFrames.  Freed by close(), ``with`` or garbage collection.

    >>> import libforecast as lf
    >>> p = lf.Portfolio(tiers=["restricted", "general"])
    >>> p.add("A1", 40, tier="restricted", measures={"shift": {"mw": 10, "cost_per_mwh": 100}})
    >>> p.add("H1", 5, protected=True, name="Hospital")
    >>> len(p), p.tiers, p.customers.loc["H1", "tier"]
    (2, ['restricted', 'general'], 'general')
    """

    def __init__(self, tiers=None, *, window_hours=None):
        err = Error()
        ptr = LIB.lf_portfolio_new(err)
        if not ptr:
            check(err.code or LF_ERR_NOMEM, err)   # NULL: out of memory
        super().__init__(ptr, LIB.lf_portfolio_free)
        p = ptr.contents
        if tiers is not None:
            self._set_tiers(p, tiers)
        if window_hours is not None:
            p.window_hours = I.number(window_hours, "window_hours")
        call(LIB.lf_portfolio_check, ptr)

    @staticmethod
    def _set_tiers(p, tiers):
        if isinstance(tiers, str) or not hasattr(tiers, "__len__"):
            raise ArgumentError("tiers must be a list of names, cut first .. cut last")
        if not 1 <= len(tiers) <= T.LF_TIER_MAX:
            raise ArgumentError(f"{len(tiers)} tiers; give 1..{T.LF_TIER_MAX} names")
        for k, name in enumerate(tiers):
            p.tiers[k].value = _fixed_text(name, f"tier {k}", T.LF_DR_NAME_MAX)
        p.ntiers = len(tiers)

    @classmethod
    def _own(cls, ptr):
        self = cls.__new__(cls)
        Handle.__init__(self, ptr, LIB.lf_portfolio_free)
        return self

    @classmethod
    def load(cls, path):
        """Read a portfolio YAML file (lf_portfolio_load; the format is
        examples/peakshift/portfolio.yaml).  InputError at file:line:column
        for a bad file, ArgumentError for a rule it breaks, LibIOError.

        >>> import libforecast as lf
        >>> p = lf.Portfolio.load("datasets/sample/portfolio.yaml")
        >>> len(p), p.tiers[0], p.window_hours
        (40, 'restricted', 4.0)
        """
        out = ctypes.POINTER(T.Portfolio)()
        call(LIB.lf_portfolio_load, I.c_path(path), ctypes.byref(out))
        return cls._own(out)

    @classmethod
    def from_frame(cls, customers, measures=None, *, tiers=None, window_hours=None):
        """A portfolio of DataFrames shaped as .customers and .measures return
        them: customers indexed by id (or with an id column) and the columns
        peak_mw and optionally name, industry, tier, protected, voltage_kv,
        contract_mw; measures one row a customer's measure: id, kind, mw and
        optionally notice_days, max_per_week, max_per_month, min_gap_days,
        weekdays ("tue,wed"), cost_per_mwh, cost_per_event.

        >>> import pandas as pd, libforecast as lf
        >>> c = pd.DataFrame({"id": ["A", "B"], "peak_mw": [30.0, 20.0]})
        >>> m = pd.DataFrame({"id": ["A", "B"], "kind": ["shift", "rest_day"],
        ...                   "mw": [10.0, 20.0], "weekdays": ["", "sat"]})
        >>> lf.Portfolio.from_frame(c, m).measures[["id", "kind", "weekdays"]].values.tolist()
        [['A', 'shift', ''], ['B', 'rest_day', 'sat']]
        """
        p = cls(tiers, window_hours=window_hours)
        rows = _frame_rows(customers, "customers", required=("peak_mw",))
        by_id = _measures_by_id(measures)
        for row in rows:
            cid = row.pop("id")
            p.add(cid, row.pop("peak_mw"), measures=by_id.pop(cid, None), **row)
        if by_id:
            raise ArgumentError(f"measures name customer '{next(iter(by_id))}', which is not "
                                "in customers")
        return p

    # ---- building -----------------------------------------------------------------------

    def _tier_index(self, tier, protected):
        p = self._ptr().contents
        names = [p.tiers[k].value.decode() for k in range(p.ntiers)]
        if tier is None:
            if p.ntiers == 1 or protected:
                return p.ntiers - 1     # as the loader places a protected customer
            raise ArgumentError(f"give tier= (one of {', '.join(names)})")
        if isinstance(tier, (int, np.integer)) and not isinstance(tier, (bool, np.bool_)):
            return _int(tier, "tier")
        lowered = [n.lower() for n in names]
        if not isinstance(tier, str) or tier.lower() not in lowered:
            raise ArgumentError(f"tier {tier!r} is not one of the portfolio's tiers "
                                f"({', '.join(names)})")
        return lowered.index(tier.lower())

    def _customer(self, id, peak_mw, name, industry, tier, protected, voltage_kv,
                  contract_mw, measures):
        c = T.DrCustomer()
        c.id = _fixed_text(id, "id", T.LF_DR_ID_MAX)
        who = f"customer '{id}'"
        c.name = _fixed_text(name or "", f"{who}: name", T.LF_DR_NAME_MAX)
        c.industry = _fixed_text(industry or "", f"{who}: industry", T.LF_DR_NAME_MAX)
        c.peak_mw = I.number(peak_mw, f"{who}: peak_mw")
        if not isinstance(protected, (bool, np.bool_, int, np.integer)):
            raise ArgumentError(f"{who}: protected must be True or False")
        c.is_protected = int(bool(protected))
        c.tier = self._tier_index(tier, c.is_protected)
        for field, value in (("voltage_kv", voltage_kv), ("contract_mw", contract_mw)):
            if value is not None:
                setattr(c, field, I.number(value, f"{who}: {field}"))
        measures = measures or {}
        if not hasattr(measures, "items"):
            raise ArgumentError(f"{who}: measures must be a mapping kind -> fields")
        if len(measures) > T.LF_DR_KINDS:
            raise ArgumentError(f"{who}: at most {T.LF_DR_KINDS} measures, one of each kind")
        for k, (kind, fields) in enumerate(measures.items()):
            c.measures[k] = _measure(kind, fields, who)
        c.nmeasures = len(measures)
        return c

    def _check_alone(self, c):
        """lf_portfolio_check of the customer in a scratch portfolio of the
        same tiers and window: its message, before the real one changes."""
        scratch = Portfolio()
        try:
            s, p = scratch._ptr().contents, self._ptr().contents
            _copy_fields(s, p, ("tiers", "ntiers", "window_hours"))
            call(LIB.lf_portfolio_add, scratch._ptr(), ctypes.byref(c))
            call(LIB.lf_portfolio_check, scratch._ptr())
        finally:
            scratch.close()

    def add(self, id, peak_mw, *, name="", industry="", tier=None, protected=False,
            voltage_kv=None, contract_mw=None, measures=None):
        """Append a customer (lf_portfolio_add) after checking it
        (lf_portfolio_check's rules: positive MW, a measure at most the peak,
        limits >= 0 ...; ArgumentError with the C message naming it).

        tier: a tier name (any case) or index; by default the only tier, or
        the last for a protected customer.  measures: {kind: {field: value}}
        with kind shift, avoid_peak, rest_day or interrupt and the fields mw
        (required), notice_days, max_per_week, max_per_month, min_gap_days,
        weekdays (names "tue,wed" or a list; none: every day), cost_per_mwh,
        cost_per_event (others 0, as lf_dr_measure zeroed).

        >>> import libforecast as lf
        >>> p = lf.Portfolio()
        >>> p.add("A", 10, measures={"shift": {"mw": 12}})
        Traceback (most recent call last):
        ...
        libforecast.errors.ArgumentError: customer 'A': shift takes 12 MW, above the customer's peak_mw of 10 MW
        """
        c = self._customer(id, peak_mw, name, industry, tier, protected, voltage_kv,
                           contract_mw, measures)
        self._check_alone(c)
        call(LIB.lf_portfolio_add, self._ptr(), ctypes.byref(c))

    def apply_tiers(self, path):
        """Set the tiers of the customers a tiers CSV lists (lfc customers'
        tiers.csv: id,tier; lf_portfolio_apply_tiers); a dict of the counts
        (applied, changed, not_in_file, not_in_portfolio).  On error the
        portfolio is unchanged."""
        rep = T.TiersReport()
        call(LIB.lf_portfolio_apply_tiers, self._ptr(), I.c_path(path), ctypes.byref(rep))
        return {f: getattr(rep, f) for f, _ in T.TiersReport._fields_}

    def copy(self):
        """An independent copy (a new lf_portfolio of the same customers)."""
        other = Portfolio()
        src, dst = self._ptr().contents, other._ptr().contents
        _copy_fields(dst, src, ("source", "tiers", "ntiers", "window_hours"))
        for i in range(src.n):
            call(LIB.lf_portfolio_add, other._ptr(), ctypes.byref(src.customers[i]))
        return other

    def check(self):
        """lf_portfolio_check: ArgumentError naming the first rule broken."""
        call(LIB.lf_portfolio_check, self._ptr())

    # ---- reading ------------------------------------------------------------------------

    def _p(self):
        return self._ptr().contents

    def __len__(self):
        return self._p().n

    @property
    def tiers(self):
        """The tier names, cut first .. cut last."""
        p = self._p()
        return [p.tiers[k].value.decode() for k in range(p.ntiers)]

    @property
    def window_hours(self):
        """The default peak window, hours (days without a window of their own)."""
        return self._p().window_hours

    @property
    def source(self):
        """The file it was read from, or None when built in code."""
        return self._p().source.decode() or None

    @property
    def customers(self):
        """One row a customer, indexed by id: name, industry, tier (its name),
        protected, peak_mw, voltage_kv, contract_mw."""
        p, tiers = self._p(), self.tiers
        rows = [p.customers[i] for i in range(p.n)]
        data = {"name": [c.name.decode() for c in rows],
                "industry": [c.industry.decode() for c in rows],
                "tier": [tiers[c.tier] for c in rows],
                "protected": np.array([bool(c.is_protected) for c in rows], dtype=bool),
                "peak_mw": [c.peak_mw for c in rows],
                "voltage_kv": [c.voltage_kv for c in rows],
                "contract_mw": [c.contract_mw for c in rows]}
        index = pd.Index([c.id.decode() for c in rows], name="id", dtype=object)
        return pd.DataFrame(data, index=index, columns=list(CUSTOMER_COLUMNS))

    @property
    def measures(self):
        """One row a customer's measure: id, kind and the lf_dr_measure
        fields (weekdays as names, "" for every day)."""
        p = self._p()
        rows = []
        for i in range(p.n):
            c = p.customers[i]
            for k in range(c.nmeasures):
                m = c.measures[k]
                row = {"id": c.id.decode(), "kind": KINDS[m.kind]}
                row.update({f: getattr(m, f) for f, _ in MEASURE_FIELDS})
                row["weekdays"] = weekday_names(m.weekdays)
                rows.append(row)
        columns = ["id", "kind"] + [f for f, _ in MEASURE_FIELDS]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self):
        if self.closed:
            return "<Portfolio (closed)>"
        return (f"<Portfolio {len(self)} customers, tiers {', '.join(self.tiers)}"
                f"{', from ' + self.source if self.source else ''}>")


# ---- DataFrames in ---------------------------------------------------------------------


def _frame_rows(frame, name, required):
    """The rows of a DataFrame as dicts (its id from a column or the index)."""
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(f"{name} must be a DataFrame, not {type(frame).__name__}")
    if "id" not in frame.columns:
        if frame.index.name != "id":
            raise ArgumentError(f"{name} needs an id column (or an index named id)")
        frame = frame.reset_index()
    lacking = [c for c in required if c not in frame.columns]
    if lacking:
        raise ArgumentError(f"{name} lacks the column '{lacking[0]}'")
    rows = []
    for rec in frame.to_dict("records"):
        rows.append({k: (None if _missing(v) else _plain(v)) for k, v in rec.items()})
    return rows


def _missing(v):
    return v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v


def _measures_by_id(measures):
    """{id: {kind: fields}} of a measures DataFrame (None: no measures)."""
    if measures is None:
        return {}
    out = {}
    for row in _frame_rows(measures, "measures", required=("kind", "mw")):
        cid, kind = row.pop("id"), row.pop("kind")
        fields = {k: v for k, v in row.items() if v is not None}
        if kind in out.setdefault(cid, {}):
            raise ArgumentError(f"measures: customer '{cid}' has two {kind} rows")
        out[cid][kind] = fields
    return out
