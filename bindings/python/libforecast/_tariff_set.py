"""TariffSet (a handle on an lf_tariff_set read from a tariffs YAML) and
Tariff (one version inside it, valid while the set is open), with the bills,
declared-demand and TOU-shift calls that take them."""
import ctypes

import numpy as np
import pandas as pd

from . import _c_tariff as T
from . import _inputs as I
from ._handle import Handle
from ._lib import LIB
from ._tariff_inputs import account_of, calendar_ptr, interval_load
from ._tariff_results import PERIODS, Bill, text
from .dates import to_date, to_lf_date
from .errors import ArgumentError, call

ENERGY = ("single", "blocks", "tou")
_OPEN_FROM, _OPEN_TO = -2**31, 2**31 - 1
SHIFT_FIELDS = [f for f, _ in T.ShiftSaving._fields_]


def _day(day, name="day"):
    d = to_lf_date(day)
    if not isinstance(d, int):
        raise ArgumentError(f"{name} must be one date")
    return d


def _share_and_max(share, max_kw):
    return I.number(share, "share"), 0.0 if max_kw is None else I.number(max_kw, "max_kw")


def shift_frame(rows):
    return pd.DataFrame(rows, columns=SHIFT_FIELDS)


def _shift_rows(shares, one):
    """one(share) for each share: a dict for one share, a DataFrame (one row a
    share, the fields of lf_shift_saving) for a list."""
    if np.ndim(shares) == 0:
        return one(shares)
    return shift_frame([one(s) for s in shares])


def _saving_dict(out):
    return {f: getattr(out, f) for f in SHIFT_FIELDS}


class TariffSet(Handle):
    """Tariffs read from one YAML file (lf_tariff_set_load; the format is
    examples/tariffs/tariffs.yaml): a tariff id may have several versions
    with their effective dates.

    >>> import libforecast as lf
    >>> with lf.TariffSet("examples/tariffs/tariffs.yaml") as ts:
    ...     t = ts.find("large_industry_tou_1_10kv", "2024-07-01")
    ...     print(len(ts) > 0, t.energy, t.demand_rate, t.tou_rates["critical"])
    True tou 40.0 1.3056
    """

    def __init__(self, path):
        out = ctypes.POINTER(T.TariffSet)()
        call(LIB.lf_tariff_set_load, I.c_path(path), ctypes.byref(out))
        super().__init__(out, LIB.lf_tariff_set_free)

    def _s(self):
        return self._ptr().contents

    def __len__(self):
        """The number of tariff versions."""
        return self._s().n

    @property
    def source(self):
        return text(self._s().source)

    @property
    def ids(self):
        """The tariff ids, in file order, each once."""
        s = self._s()
        return list(dict.fromkeys(text(s.tariffs[k].id) for k in range(s.n)))

    @property
    def versions(self):
        """One row a tariff version: id, name, effective_from, effective_to
        (None: open), energy, two_part, capacity_rate, demand_rate."""
        rows = []
        for t in self:
            rows.append({"id": t.id, "name": t.name, "effective_from": t.effective_from,
                         "effective_to": t.effective_to, "energy": t.energy,
                         "two_part": t.two_part, "capacity_rate": t.capacity_rate,
                         "demand_rate": t.demand_rate})
        return pd.DataFrame(rows)

    def __iter__(self):
        return (Tariff(self, k) for k in range(len(self)))

    def find(self, id, day):
        """The version of tariff id in force on day (lf_tariff_set_find), or None."""
        ptr = LIB.lf_tariff_set_find(self._ptr(), I.c_text(id, "id"), _day(day))
        if not ptr:
            return None
        base = ctypes.addressof(self._s().tariffs.contents)
        return Tariff(self, (ctypes.addressof(ptr.contents) - base) // ctypes.sizeof(T.Tariff))

    def bill(self, id, load, account, *, calendar=None):
        """The bill of the load under tariff id, each month under the version
        in force on its first day (lf_tariff_set_bill); a Bill."""
        lo = interval_load(load)
        acct, keep = account_of(account).c_struct(lo.months)
        out = ctypes.POINTER(T.Bill)()
        call(LIB.lf_tariff_set_bill, self._ptr(), I.c_text(id, "id"), ctypes.byref(acct),
             ctypes.byref(lo.c), calendar_ptr(calendar), ctypes.byref(out))
        return Bill(out)

    def shift_saving(self, id, load, account, share, *, max_kw=None, calendar=None):
        """What moving share of each peak interval's load (at most max_kw;
        None: no limit) to the same day's valley saves under tariff id
        (lf_tariff_set_shift_saving): a dict of lf_shift_saving's fields, or
        for a list of shares a DataFrame of one row each."""
        lo = interval_load(load)
        acct, keep = account_of(account).c_struct(lo.months)
        cal = calendar_ptr(calendar)

        def one(s):
            s, mx = _share_and_max(s, max_kw)
            out = T.ShiftSaving()
            call(LIB.lf_tariff_set_shift_saving, self._ptr(), I.c_text(id, "id"),
                 ctypes.byref(acct), ctypes.byref(lo.c), cal, s, mx, ctypes.byref(out))
            return _saving_dict(out)
        return _shift_rows(share, one)

    def __repr__(self):
        if self.closed:
            return "<TariffSet (closed)>"
        return f"<TariffSet {len(self)} versions of {len(self.ids)} tariffs from {self.source}>"


class Tariff:
    """One version of a tariff inside a TariffSet (TariffSet.find or
    iterating the set): a view, valid while the set is open (ClosedError
    after).  Its fields, and the calls billing under this one version.

    >>> import libforecast as lf
    >>> ts = lf.TariffSet("examples/tariffs/tariffs.yaml")
    >>> [(t.id, t.energy, str(t.effective_from)) for t in ts][:2]
    [('large_industry_tou_1_10kv', 'tou', '2024-01-01'), ('large_industry_tou_1_10kv', 'tou', '2026-01-01')]
    >>> t = ts.find("large_industry_tou_1_10kv", "2025-07-01")
    >>> t.declared_demand(25000, [14000.0, 15000.0, 16000.0])["declared_kw"]
    14286.0
    """

    def __init__(self, tariffs, index):
        self._set, self._index = tariffs, index

    def _ptr(self):
        s = self._set._ptr().contents
        return ctypes.pointer(s.tariffs[self._index])

    def _t(self):
        return self._ptr().contents

    @property
    def id(self):
        return text(self._t().id)

    @property
    def name(self):
        return text(self._t().name)

    @property
    def effective_from(self):
        """The first day in force (datetime.date), None when open."""
        d = self._t().effective_from
        return None if d == _OPEN_FROM else to_date(d)

    @property
    def effective_to(self):
        """The last day in force, None when open."""
        d = self._t().effective_to
        return None if d == _OPEN_TO else to_date(d)

    @property
    def energy(self):
        """"single", "blocks" or "tou"."""
        return ENERGY[self._t().energy]

    @property
    def rate(self):
        """The single rate per kWh (single tariffs)."""
        return self._t().rate

    @property
    def blocks(self):
        """[(upto_kwh, rate), ...] of a blocks tariff (the last upto is None)."""
        t = self._t()
        return [(None if k == t.nblocks - 1 else t.block_upto_kwh[k], t.block_rate[k])
                for k in range(t.nblocks)]

    @property
    def tou_rates(self):
        """{period: rate per kWh} of a TOU tariff (NaN for periods unused)."""
        t = self._t()
        return {p: t.tou_rate[k] for k, p in enumerate(PERIODS)}

    @property
    def two_part(self):
        """True when the tariff has a basic charge (by capacity or demand)."""
        t = self._t()
        return t.capacity_rate > 0 or t.demand_rate > 0

    @property
    def classes(self):
        """The customer classes that may choose it ([]: any)."""
        t = self._t()
        return [text(t.classes[k].value) for k in range(t.nclasses)]

    @property
    def surcharges(self):
        """{name: rate per kWh}."""
        t = self._t()
        return {text(t.surcharges[k].name): t.surcharges[k].rate for k in range(t.nsurcharges)}

    def eligible(self, account):
        """True when the account may choose this tariff (voltage, kVA, class)."""
        acct, keep = account_of(account).c_struct()
        return bool(LIB.lf_tariff_eligible(self._ptr(), ctypes.byref(acct)))

    def bill(self, load, account, *, calendar=None):
        """The bill of interval load (kW Series) under this version for every
        month the load covers (lf_bill_intervals); a Bill.  A month outside
        its effective dates or a declared demand under the floor is an
        ArgumentError with the C message."""
        lo = interval_load(load)
        acct, keep = account_of(account).c_struct(lo.months)
        out = ctypes.POINTER(T.Bill)()
        call(LIB.lf_bill_intervals, self._ptr(), ctypes.byref(acct), ctypes.byref(lo.c),
             calendar_ptr(calendar), ctypes.byref(out))
        return Bill(out)

    def bill_daily(self, energy_kwh, peak_kw, profile, account, *, calendar=None):
        """The bill from daily meter readings instead of intervals
        (lf_bill_daily): energy_kwh and peak_kw are Series of the same
        consecutive days, profile the 24 hourly shares (summing to 1) that
        split each day's energy into TOU periods; a Bill.

        >>> import pandas as pd, libforecast as lf
        >>> ts = lf.TariffSet("examples/tariffs/tariffs.yaml")
        >>> t = ts.find("large_industry_tou_1_10kv", "2025-07-01")
        >>> days = pd.date_range("2025-07-01", "2025-07-31")
        >>> b = t.bill_daily(pd.Series(240000.0, days), pd.Series(12000.0, days), [1 / 24] * 24,
        ...                  lf.Account("large_industry", 10, 25000, basic="capacity"))
        >>> b.months.loc["2025-07", ["kwh_critical", "kwh_peak", "kwh_flat", "kwh_valley"]].tolist()
        [620000.0, 2480000.0, 1860000.0, 2480000.0]

        (10,000 kWh an hour: 2 critical, 8 peak, 6 flat and 8 valley hours a
        day in July, 31 days.)
        """
        days = energy_kwh.index if isinstance(energy_kwh, pd.Series) else None
        if days is None or not isinstance(days, pd.DatetimeIndex) or len(days) == 0:
            raise ArgumentError("energy_kwh must be a Series of consecutive days (DatetimeIndex)")
        I.consecutive(days, "energy_kwh", unit="day")
        if not isinstance(peak_kw, pd.Series) or not peak_kw.index.equals(days):
            raise ArgumentError("peak_kw must be a Series of the same days as energy_kwh")
        kwh = I.as_doubles(energy_kwh, "energy_kwh")
        kw = I.as_doubles(peak_kw, "peak_kw")
        shares = I.as_doubles(profile, "profile", 24, "hourly shares")
        months = pd.period_range(days[0].to_period("M"), days[-1].to_period("M"), freq="M")
        acct, keep = account_of(account).c_struct(months)
        out = ctypes.POINTER(T.Bill)()
        call(LIB.lf_bill_daily, self._ptr(), ctypes.byref(acct), int(to_lf_date(days[:1])[0]),
             len(days), I.pointer(kwh), I.pointer(kw), I.pointer(shares),
             calendar_ptr(calendar), ctypes.byref(out))
        return Bill(out)

    def period(self, month, day_kind, minute):
        """The TOU period ("peak", "flat", ...) of a minute of the day
        (0..1439) of a day kind ("workday", "weekend", "holiday") in a month
        (lf_tariff_period); "flat" for a tariff without TOU."""
        kinds = {"workday": 1, "weekend": 2, "holiday": 4}   # LF_TOU_WORKDAY ...
        if day_kind not in kinds:
            raise ArgumentError(f"day_kind '{day_kind}' is not one of {', '.join(kinds)}")
        for value, name, low, high in ((month, "month", 1, 12), (minute, "minute", 0, 1439)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
                    or not low <= value <= high:
                raise ArgumentError(f"{name} must be an int in {low}..{high}, not {value!r}")
        return PERIODS[LIB.lf_tariff_period(self._ptr(), int(month), kinds[day_kind],
                                            int(minute))]

    def demand_charge(self, declared_kw, max_kw):
        """The month's basic charge plus penalty by demand for a declared
        value and a maximum demand (lf_demand_charge; declared taken as given)."""
        return LIB.lf_demand_charge(self._ptr(), I.number(declared_kw, "declared_kw"),
                                    I.number(max_kw, "max_kw"))

    def declared_demand(self, capacity_kva, max_kw, weights=None):
        """The whole kW to declare that minimises the expected basic charge
        plus penalty for a month whose maximum demand is one of max_kw
        (equally likely, or by weights) (lf_declared_demand_best): a dict of
        declared_kw, expected_charge, penalty_probability, floor_kw, cap_kw,
        capacity_charge."""
        values = I.as_doubles(max_kw, "max_kw")
        w = None if weights is None else I.as_doubles(weights, "weights", len(values),
                                                      "one per max_kw value")
        if len(values) == 0:
            raise ArgumentError("max_kw has no values")
        out = T.DeclaredDemand()
        call(LIB.lf_declared_demand_best, self._ptr(), I.number(capacity_kva, "capacity_kva"),
             I.pointer(values), I.pointer(w), len(values), ctypes.byref(out))
        return {f: getattr(out, f) for f, _ in T.DeclaredDemand._fields_}

    def declared_month(self, capacity_kva, year, month, max_kw):
        """A month of the declared-demand plan (lf_declared_month_plan): the
        best declared value against the capacity charge, the cheaper chosen."""
        values = I.as_doubles(max_kw, "max_kw")
        if len(values) == 0:
            raise ArgumentError("max_kw has no values")
        if not 1 <= int_arg(month, "month") <= 12:      # C stores any month as given
            raise ArgumentError(f"month {month} is not 1..12")
        out = T.DeclaredMonth()
        call(LIB.lf_declared_month_plan, self._ptr(), I.number(capacity_kva, "capacity_kva"),
             int_arg(year, "year"), int_arg(month, "month"), I.pointer(values), len(values),
             ctypes.byref(out))
        return declared_record(out)

    def shift_saving(self, load, account, share, *, max_kw=None, calendar=None):
        """As TariffSet.shift_saving, under this version (lf_tou_shift_saving)."""
        lo = interval_load(load)
        acct, keep = account_of(account).c_struct(lo.months)
        cal = calendar_ptr(calendar)

        def one(s):
            s, mx = _share_and_max(s, max_kw)
            out = T.ShiftSaving()
            call(LIB.lf_tou_shift_saving, self._ptr(), ctypes.byref(acct), ctypes.byref(lo.c),
                 cal, s, mx, ctypes.byref(out))
            return _saving_dict(out)
        return _shift_rows(share, one)

    def __repr__(self):
        if self._set.closed:
            return "<Tariff (its set is closed)>"
        f, t = self.effective_from, self.effective_to
        return f"<Tariff {self.id} ({self.energy}) {f or '..'} .. {t or '..'}>"


def _field(name, doc):
    return property(lambda self: getattr(self._t(), name), doc=doc)


for _name, _doc in (("capacity_rate", "Basic charge per kVA a month (0: none)."),
                    ("demand_rate", "Basic charge per declared kW a month (0: none)."),
                    ("demand_floor_share", "Declared demand at least this x kVA."),
                    ("demand_penalty_share", "Demand above this x declared is penalised."),
                    ("demand_penalty_factor", "The penalised kW at this x demand_rate."),
                    ("pf_standard", "The standard power factor (0: no adjustment)."),
                    ("min_kv", "Eligible from this supply voltage (0: no bound)."),
                    ("max_kv", "Eligible up to this supply voltage (0: no bound)."),
                    ("min_kva", "Eligible from this installed kVA (0: no bound)."),
                    ("max_kva", "Eligible up to this installed kVA (0: no bound).")):
    setattr(Tariff, _name, _field(_name, _doc))
del _name, _doc


def int_arg(value, name):
    """An int that fits a C int (ctypes would refuse or wrap a larger one)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) \
            or not -2**31 <= value < 2**31:
        raise ArgumentError(f"{name} must be an int, got {value!r}")
    return int(value)


def declared_record(d):
    """An lf_declared_month keyed as tariff_declared.csv (but year, month)."""
    return {"year": d.year, "month": d.month, "nvalues": d.nvalues,
            "max_kw_p10": d.max_kw_p10, "max_kw_p50": d.max_kw_p50, "max_kw_p90": d.max_kw_p90,
            "declared_kw": d.best.declared_kw, "expected_charge": d.best.expected_charge,
            "penalty_probability": d.best.penalty_probability,
            "capacity_charge": d.best.capacity_charge,
            "choice": "demand" if d.choice == T.LF_BASIC_BY_DEMAND else "capacity",
            "saving": d.saving, "floor_kw": d.best.floor_kw, "cap_kw": d.best.cap_kw,
            "expected_charge_of_choice": d.expected_charge}
