"""The tariff advice of a config (what `lfc tariff --config` computes, in
cmd_tariff.c's order and arithmetic): for each account of the tariff
section, the ranking of every tariff it may choose, the bills of its current
and best option, a declared-demand plan for each two-part tariff with a
demand rate, the savings of moving peak load to the valley; and with a
proposed table, the revenue change.

The C results are read into records (dicts keyed as lfc's columns) and freed
before returning, so a TariffAdvice holds no C memory; the sums the CLI
makes (a plan's expected charges and savings) are made here in the same
order, in IEEE doubles as C makes them, so the files come out identical.
"""
import ctypes
import math

import numpy as np

from . import _c_tariff as T
from ._c_core import LF_ERR_CONFIG, LF_ERR_DATA
from ._lib import LIB
from ._tariff_results import (bill_month_record, basic_name, driver_of, impact_record,
                              option_record, text)
from ._tariff_set import declared_record
from .dates import to_date, to_lf_date
from .errors import InputError, LibforecastError, call, error_for

FORECAST_VALUES = 200   # cmd_tariff.c: a forecast's quantiles as 200 equally likely values


def _iso(day):
    d = to_date(day)
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _opt_text(raw):
    return None if raw is None else text(raw)


def _positive_or_nan(v):
    return v if v > 0 else math.nan


class _Run:
    """One config's advice in progress: the loaded input and its section."""

    def __init__(self, section, inp):
        self.section, self.inp = section, inp
        self.tariffs, self.calendar = inp.tariffs, inp.calendar

    def find(self, tariff_id, day):
        return LIB.lf_tariff_set_find(self.tariffs, tariff_id, day)

    def is_tou(self, tariff_id, day):
        t = self.find(tariff_id, day)
        return bool(t) and t.contents.energy == T.LF_ENERGY_TOU


# ---- one account ---------------------------------------------------------------------------


def _head(c, acc, nmonths):
    """The account's part of tariff.json before its ranking."""
    a = acc.account
    forecast = acc.declared_from == T.LF_DECLARED_FROM_FORECAST
    return {"customer": text(acc.customer), "name": _opt_text(c.name),
            "class": text(a.customer_class), "voltage_kv": a.voltage_kv,
            "capacity_kva": a.capacity_kva, "current": _opt_text(acc.current),
            "basic": "demand" if a.basic == T.LF_BASIC_BY_DEMAND else "capacity",
            "declared_kw": _positive_or_nan(a.declared_kw),
            "power_factor": _positive_or_nan(a.power_factor),
            "shiftable_kw": _positive_or_nan(acc.shiftable_kw), "growth": acc.growth,
            "declared_from": "forecast" if forecast else "history",
            "forecast": _opt_text(acc.forecast_file) if forecast else None,
            "scenario": text(c.scenario) if forecast else None,
            "first": _iso(c.first), "last": _iso(c.last), "months": nmonths,
            "plan_year": c.plan_year}


def _bills(run, c, acc, r):
    """The current option's bill, then the best's when it is another."""
    wanted = []
    if r.current < r.n:
        wanted.append((r.current, "current"))
    if r.current != 0:
        wanted.append((0, "best"))
    bills = []
    for k, role in wanted:
        o = r.options[k]
        out = ctypes.POINTER(T.Bill)()
        call(LIB.lf_tariff_option_bill, run.tariffs, ctypes.byref(acc.account),
             ctypes.byref(o), ctypes.byref(c.billed), run.calendar, ctypes.byref(out))
        try:
            b = out.contents
            bills.append({"role": role, "tariff_id": text(o.tariff_id), "basic": basic_name(o),
                          "total": b.total,
                          "months": [bill_month_record(b.months[m]) for m in range(b.nmonths)]})
        finally:
            LIB.lf_bill_free(out)
    return bills


def _plan_ids(run, c, r):
    """The two-part tariffs with a demand rate among the options, best first."""
    ids = []
    for i in range(r.n):
        o = r.options[i]
        t = run.find(o.tariff_id, c.first)
        if o.tariff_id in ids or not o.two_part or not t or not t.contents.demand_rate > 0:
            continue
        ids.append(o.tariff_id)
    return ids


def _month_values(c, acc, month, values):
    """The month's maximum-demand values into values; how many (0: none)."""
    if acc.declared_from == T.LF_DECLARED_FROM_HISTORY:
        n = ctypes.c_size_t()
        call(LIB.lf_max_demand_history, ctypes.byref(c.series), c.plan_year, month, acc.growth,
             values.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), ctypes.byref(n))
        return n.value
    k = c.month_nquantiles[month - 1]
    if k == 0:
        return 0
    call(LIB.lf_quantiles_to_values, c.quantile_p, c.month_kw[month - 1], k, FORECAST_VALUES,
         values.ctypes.data_as(ctypes.POINTER(ctypes.c_double)))
    return FORECAST_VALUES


def _plan(run, c, acc, tariff_id, values):
    """The declared-demand plan of one tariff over the plan year."""
    now = acc.account.declared_kw
    plan = {"tariff_id": text(tariff_id), "year": c.plan_year, "months_planned": 0,
            "saving": 0.0, "current_declared_charge": 0.0 if now > 0 else math.nan,
            "months": [None] * 12}
    for m in range(1, 13):
        day = to_lf_date(f"{c.plan_year:04d}-{m:02d}-01")
        t = run.find(tariff_id, day)
        if not t:
            raise InputError(LF_ERR_DATA, f"tariff {text(tariff_id)} has no version in force "
                             f"on {_iso(day)}, a month of the plan year (see its effective "
                             f"dates in {text(run.inp.tariffs.contents.source)})")
        n = _month_values(c, acc, m, values)
        if n == 0 or not t.contents.demand_rate > 0:
            continue    # a month without values: reported empty
        out = T.DeclaredMonth()
        ptr = values.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        call(LIB.lf_declared_month_plan, t, acc.account.capacity_kva, c.plan_year, m, ptr, n,
             ctypes.byref(out))
        rec = declared_record(out)
        plan["months"][m - 1] = rec
        plan["months_planned"] += 1
        total = 0.0
        for v in values[:n]:
            total += LIB.lf_demand_charge(t, now, float(v))
        plan["current_declared_charge"] += total / n if now > 0 else math.nan
        if t.contents.capacity_rate > 0:
            plan["saving"] += rec["capacity_charge"] - rec["expected_charge_of_choice"]
        else:
            plan["saving"] = math.nan
    return plan


def _plans(run, c, acc, r):
    per_day = 1440 // c.series.minutes
    years = (to_date(c.series.first + c.series.n // per_day).year -
             to_date(c.series.first).year + 1)
    values = np.empty(max(years, FORECAST_VALUES))
    plans = [_plan(run, c, acc, tid, values) for tid in _plan_ids(run, c, r)]
    if not plans or any(p["months_planned"] for p in plans):
        return plans
    last = c.series.first + c.series.n // per_day - 1
    raise InputError(LF_ERR_DATA, f"no month of {c.plan_year} can be planned: the load (whole "
                     f"days {_iso(c.series.first)} .. {_iso(last)}) covers no whole month of "
                     "an earlier year; give declared_from: {forecast: FILE}")


def _shift(run, c, acc, r):
    """Under the current tariff when it is TOU, else the best TOU option."""
    tariff_id, current = None, False
    if r.current < r.n and run.is_tou(r.options[r.current].tariff_id, c.first):
        tariff_id, current = r.options[r.current].tariff_id, True
    else:
        for i in range(r.n):
            if run.is_tou(r.options[i].tariff_id, c.first):
                tariff_id = r.options[i].tariff_id
                break
    if tariff_id is None:
        return None
    rows = []
    for k in range(run.section.nshift_shares):
        out = T.ShiftSaving()
        call(LIB.lf_tariff_set_shift_saving, run.tariffs, tariff_id, ctypes.byref(acc.account),
             ctypes.byref(c.billed), run.calendar, run.section.shift_shares[k],
             acc.shiftable_kw, ctypes.byref(out))
        rows.append({f: getattr(out, f) for f, _ in T.ShiftSaving._fields_})
    return {"tariff_id": text(tariff_id), "current": current, "rows": rows}


def _advise(run, c):
    acc = c.account.contents
    out = ctypes.POINTER(T.TariffRanking)()
    call(LIB.lf_tariff_rank, run.tariffs, ctypes.byref(acc.account), acc.current,
         ctypes.byref(c.billed), run.calendar, ctypes.byref(out))
    try:
        r = out.contents
        customer = text(acc.customer)
        ranking = [{"customer": customer, **option_record(r.options[i], i + 1, i == r.current)}
                   for i in range(r.n)]
        return {"head": _head(c, acc, r.nmonths), "ranking": ranking,
                "bills": _bills(run, c, acc, r), "plans": _plans(run, c, acc, r),
                "shift": _shift(run, c, acc, r)}
    finally:
        LIB.lf_tariff_ranking_free(out)


def _advise_prefixed(run, c):
    """_advise, its error prefixed "customer ID: " as lfc prints it."""
    try:
        return _advise(run, c)
    except LibforecastError as e:
        prefixed = error_for(e.code, f"customer {text(c.account.contents.customer)}: {e.message}")
        raise prefixed from None


# ---- the tariff change -----------------------------------------------------------------------


def _change(run):
    inp = run.inp
    if not inp.proposed:
        return None
    customers = (T.ImpactCustomer * inp.naccounts)()
    for i in range(inp.naccounts):
        c = inp.accounts[i]
        acc = c.account.contents
        customers[i] = T.ImpactCustomer(acc.customer, ctypes.pointer(acc.account),
                                        ctypes.pointer(c.billed), acc.current,
                                        acc.proposed_tariff)
    out = ctypes.POINTER(T.TariffImpact)()
    call(LIB.lf_tariff_change_impact, inp.tariffs, inp.proposed, customers, inp.naccounts,
         inp.calendar, ctypes.byref(out))
    try:
        x = out.contents
        rows = [impact_record(x.customers[k], "customer") for k in range(x.ncustomers)]
        classes = [impact_record(x.classes[k], "class") for k in range(x.nclasses - 1)]
        total = impact_record(x.classes[x.nclasses - 1], "total")
    finally:
        LIB.lf_tariff_impact_free(out)
    return {"proposed": _opt_text(run.section.proposed), "driver": driver_of(classes),
            "customers": rows, "classes": classes, "total": total}


# ---- the run -------------------------------------------------------------------------------


def section_of(cfg):
    section = LIB.lf_config_tariff_section(cfg._ptr())
    if not section:
        raise InputError(LF_ERR_CONFIG, f"{cfg.path}: no 'tariff' section; see lfc help tariff")
    return section.contents


def advise_config(cfg):
    """(document head, accounts, change) of the config's tariff section."""
    section = section_of(cfg)
    out = ctypes.POINTER(T.ConfigTariffInput)()
    call(LIB.lf_config_tariff_load, cfg._ptr(), ctypes.byref(out))
    try:
        run = _Run(section, out.contents)
        accounts = [_advise_prefixed(run, out.contents.accounts[i])
                    for i in range(out.contents.naccounts)]
        change = _change(run)
    finally:
        LIB.lf_config_tariff_free(out)
    head = {"project": cfg.name, "tariffs": text(section.tariffs),
            "shift_shares": [section.shift_shares[k] for k in range(section.nshift_shares)]}
    return head, accounts, change
