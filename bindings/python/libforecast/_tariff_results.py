"""The results of tariff calls, each owning its C memory: Bill (lf_bill),
Ranking (lf_tariff_ranking) and TariffImpact (lf_tariff_impact); and the
records (dicts keyed as lfc tariff's CSV columns) they are read into, which
the DataFrames and the advice's files share."""
import ctypes

import numpy as np
import pandas as pd

from . import _c_tariff as T
from ._handle import Handle
from ._lib import LIB
from ._tariff_inputs import calendar_ptr
from .errors import ArgumentError, call

PERIODS = tuple(LIB.lf_tou_period_name(k).decode() for k in range(T.LF_TOU_PERIODS))
TOTALS = ("kwh", "energy_charge", "basic_charge", "demand_penalty", "pf_adjustment",
          "surcharges", "total")
IMPACT_FIGURES = ("kwh", "peak_kwh", "peak_share", "old_total", "new_total", "change",
                  "change_pct", "old_price", "new_price", "kwh_share", "price_effect")


def text(raw):
    """A C string as str; bytes that are not UTF-8 survive a round trip."""
    return raw.decode("utf-8", "surrogateescape")


def basic_name(o):
    """"capacity", "demand", or "none" for a single-part option (lfc's names)."""
    if not o.two_part:
        return "none"
    return "demand" if o.basic == T.LF_BASIC_BY_DEMAND else "capacity"


# ---- records ------------------------------------------------------------------------------


def bill_month_record(m):
    """A bill month keyed as tariff_bills.csv (then energy_<period>)."""
    rec = {"year": m.year, "month": m.month, "days": m.days, "kwh": m.kwh}
    rec.update({f"kwh_{p}": m.kwh_by_period[k] for k, p in enumerate(PERIODS)})
    for f in ("energy_charge", "max_demand_kw", "billing_kw", "basic_charge", "excess_kw",
              "demand_penalty", "power_factor", "pf_percent", "pf_adjustment", "surcharges",
              "total", "price_per_kwh"):
        rec[f] = getattr(m, f)
    rec.update({f"energy_{p}": m.energy_by_period[k] for k, p in enumerate(PERIODS)})
    return rec


def option_record(o, rank, current):
    """A ranked option keyed as tariff_ranking.csv (without customer)."""
    rec = {"rank": rank, "tariff_id": text(o.tariff_id), "name": text(o.name),
           "basic": basic_name(o), "declared_hindsight": bool(o.declared_hindsight)}
    rec.update({f: getattr(o, f) for f in TOTALS})
    rec.update(price_per_kwh=o.price_per_kwh, peak_share=o.peak_share, saving=o.saving,
               current=current)
    return rec


def impact_record(r, level):
    """A row of a tariff change keyed as tariff_change.csv."""
    rec = {"level": level, "id": text(r.id),
           "class": None if level == "total" else text(r.customer_class),
           "customers": r.ncustomers}
    rec.update({f: getattr(r, f) for f in IMPACT_FIGURES})
    return rec


# ---- Bill ------------------------------------------------------------------------------------


class Bill(Handle):
    """A bill (lf_bill): month by month, item by item, each item rounded to
    the cent as a printed bill.  Made by Tariff.bill, TariffSet.bill and
    Ranking.bill; freed by close(), ``with`` or garbage collection.

    >>> import pandas as pd, libforecast as lf
    >>> ts = lf.TariffSet("examples/tariffs/tariffs.yaml")
    >>> load = pd.Series(800.0, pd.date_range("2024-03-04", periods=48, freq="h"))
    >>> t = ts.find("general_ic_tou_1_10kv", "2024-03-04")
    >>> with t.bill(load, lf.Account("general_commercial", 10, 1000)) as bill:
    ...     bill.months.loc["2024-03", ["kwh", "kwh_peak", "energy_charge", "total"]].tolist()
    [38400.0, 12800.0, 26808.32, 27851.6]
    """

    def __init__(self, ptr):
        if not ptr:
            raise TypeError("a Bill is made by Tariff.bill() and the like, not directly")
        super().__init__(ptr, LIB.lf_bill_free)

    def _b(self):
        return self._ptr().contents

    @property
    def tariff_id(self):
        return text(self._b().tariff_id)

    @property
    def total(self):
        """The sum of the months' totals."""
        return self._b().total

    @property
    def totals(self):
        """kwh, energy_charge, basic_charge, demand_penalty, pf_adjustment,
        surcharges, total over the months."""
        b = self._b()
        return {f: getattr(b, f) for f in TOTALS}

    def records(self):
        b = self._b()
        return [bill_month_record(b.months[k]) for k in range(b.nmonths)]

    @property
    def months(self):
        """One row a month, indexed by month: days, kwh, kwh_<period> (critical,
        peak, flat, valley, deep_valley), energy_charge, max_demand_kw,
        billing_kw, basic_charge, excess_kw, demand_penalty, power_factor,
        pf_percent, pf_adjustment, surcharges, total, price_per_kwh (the
        columns of lfc tariff's tariff_bills.csv), then energy_<period>."""
        rows = self.records()
        index = pd.PeriodIndex([pd.Period(year=r["year"], month=r["month"], freq="M")
                                for r in rows], freq="M", name="month")
        df = pd.DataFrame(rows, index=index).drop(columns=["year", "month"])
        return df

    @property
    def blocks(self):
        """The kWh and energy charge of each inclining block (阶梯) by month:
        kwh_block_1, energy_block_1, ... up to the last block used (empty
        but for a blocks tariff)."""
        b = self._b()
        rows = [b.months[k] for k in range(b.nmonths)]
        used = max([j + 1 for m in rows for j in range(T.LF_TARIFF_BLOCKS_MAX)
                    if m.kwh_by_block[j] != 0 or m.energy_by_block[j] != 0], default=0)
        data = {}
        for j in range(used):
            data[f"kwh_block_{j + 1}"] = [m.kwh_by_block[j] for m in rows]
            data[f"energy_block_{j + 1}"] = [m.energy_by_block[j] for m in rows]
        index = pd.PeriodIndex([pd.Period(year=m.year, month=m.month, freq="M") for m in rows],
                               freq="M", name="month")
        return pd.DataFrame(data, index=index)

    def __repr__(self):
        if self.closed:
            return "<Bill (closed)>"
        b = self._b()
        return f"<Bill {self.tariff_id}, {b.nmonths} months, total {b.total:.2f}>"


# ---- Ranking ------------------------------------------------------------------------------


class Ranking(Handle):
    """Every tariff an account may choose, billed on its load, cheapest first
    (lf_tariff_ranking); made by rank_tariffs().  It keeps the tariff set,
    account, load and calendar it was made from, to bill an option again.

    >>> import pandas as pd, libforecast as lf
    >>> ts = lf.TariffSet("examples/tariffs/tariffs.yaml")
    >>> load = pd.Series(800.0, pd.date_range("2024-03-04", periods=48, freq="h"))
    >>> r = lf.rank_tariffs(ts, load, lf.Account("general_commercial", 10, 1000))
    >>> r
    <Ranking 1 options from 2024-03, best general_ic_tou_1_10kv (none) 27851.60>
    >>> r.bill(1).total == r.options.loc[1, "total"]
    True
    """

    def __init__(self, ptr, tariffs, account, load, calendar):
        if not ptr:
            raise TypeError("a Ranking is made by rank_tariffs(), not directly")
        super().__init__(ptr, LIB.lf_tariff_ranking_free)
        self._tariffs, self._account, self._load, self._calendar = (tariffs, account, load,
                                                                     calendar)

    def close(self):
        """Free the ranking, and let go of the set, account and load it kept."""
        super().close()
        self._tariffs = self._account = self._load = self._calendar = None

    def _r(self):
        return self._ptr().contents

    def __len__(self):
        return self._r().n

    def records(self):
        r = self._r()
        return [option_record(r.options[i], i + 1, i == r.current) for i in range(r.n)]

    @property
    def options(self):
        """One row an option, indexed by rank (1 the cheapest): tariff_id,
        name, basic ("capacity", "demand", "none"), declared_hindsight, kwh,
        energy_charge, basic_charge, demand_penalty, pf_adjustment,
        surcharges, total, price_per_kwh, peak_share, saving (against the
        current option; NaN without one), current."""
        return pd.DataFrame(self.records()).set_index("rank")

    @property
    def current(self):
        """The current option's rank, or None without a current tariff."""
        r = self._r()
        return r.current + 1 if r.current < r.n else None

    @property
    def best(self):
        """The cheapest option (a row of .options)."""
        return self.options.iloc[0]

    @property
    def first(self):
        """The first month billed, a Period."""
        r = self._r()
        return pd.Period(year=r.first_year, month=r.first_month, freq="M")

    @property
    def nmonths(self):
        return self._r().nmonths

    def bill(self, rank):
        """The itemised bill of the option at rank, billed as the ranking
        billed it (lf_tariff_option_bill; the declared values in hindsight
        included)."""
        r = self._r()
        if isinstance(rank, (bool, np.bool_)) or not isinstance(rank, (int, np.integer)) \
                or not 1 <= rank <= r.n:
            raise ArgumentError(f"rank must be 1..{r.n}, got {rank!r}")
        acct, keep = self._account
        out = ctypes.POINTER(T.Bill)()
        call(LIB.lf_tariff_option_bill, self._tariffs._ptr(), ctypes.byref(acct),
             ctypes.byref(r.options[rank - 1]), ctypes.byref(self._load.c),
             calendar_ptr(self._calendar), ctypes.byref(out))
        return Bill(out)

    def __repr__(self):
        if self.closed:
            return "<Ranking (closed)>"
        best = self.records()[0] if len(self) else None
        return (f"<Ranking {len(self)} options from {self.first}, best {best['tariff_id']} "
                f"({best['basic']}) {best['total']:.2f}>")


# ---- TariffImpact ------------------------------------------------------------------------


class TariffImpact(Handle):
    """What a tariff change does to revenue (lf_tariff_impact): by customer,
    by class and in total; made by tariff_change_impact().

    >>> import pandas as pd, libforecast as lf
    >>> old = lf.TariffSet("examples/tariffs/tariffs.yaml")
    >>> new = lf.TariffSet("examples/tariffs/proposed.yaml")
    >>> load = pd.Series(800.0, pd.date_range("2024-03-04", periods=48, freq="h"))
    >>> acct = lf.Account("general_commercial", 10, 1000)
    >>> lf.tariff_change_impact(old, new, [dict(id="A", account=acct, load=load,
    ...                                         tariff_id="general_ic_tou_1_10kv")])
    <TariffImpact 1 customers, 27851.60 -> 29001.04 (+4.13 %)>
    """

    def __init__(self, ptr):
        if not ptr:
            raise TypeError("a TariffImpact is made by tariff_change_impact(), not directly")
        super().__init__(ptr, LIB.lf_tariff_impact_free)

    def _i(self):
        return self._ptr().contents

    def records(self):
        """(customers, classes, total) as records keyed as tariff_change.csv."""
        i = self._i()
        customers = [impact_record(i.customers[k], "customer") for k in range(i.ncustomers)]
        classes = [impact_record(i.classes[k], "class") for k in range(i.nclasses - 1)]
        return customers, classes, impact_record(i.classes[i.nclasses - 1], "total")

    @property
    def customers(self):
        """One row a customer, indexed by id: class, customers (1), kwh,
        peak_kwh, peak_share, old_total, new_total, change, change_pct,
        old_price, new_price, kwh_share, price_effect."""
        rows = self.records()[0]
        return pd.DataFrame(rows).drop(columns="level").set_index("id")

    @property
    def classes(self):
        """One row a class, indexed by the class's name; the columns of .customers."""
        rows = self.records()[1]
        return pd.DataFrame(rows).drop(columns=["level", "id"]).set_index("class")

    @property
    def total(self):
        """The whole portfolio's row as a dict."""
        rec = self.records()[2]
        return {k: v for k, v in rec.items() if k not in ("level", "id", "class")}

    @property
    def driver(self):
        """The class whose price effect is the largest in size: the one that
        drives most of the change in the average price (lfc's 'driver')."""
        return driver_of(self.records()[1])

    def __repr__(self):
        if self.closed:
            return "<TariffImpact (closed)>"
        t = self.total
        return (f"<TariffImpact {t['customers']} customers, {t['old_total']:.2f} -> "
                f"{t['new_total']:.2f} ({t['change_pct']:+.2f} %)>")


def driver_of(classes):
    top = None
    for row in classes:
        if top is None or abs(row["price_effect"]) > abs(top["price_effect"]):
            top = row
    return None if top is None else top["id"]
