"""An lf_customer_eval as DataFrames: the customers (the columns of
customers_eval.csv), the Pareto curve, the credit details and the tiers.
Copies: the frames outlive the C result.

Values the C writers leave out are kept: recency_days is inf for a customer
that never paid (the CSV has an empty field, the JSON null), and a credit
input that is inf stays inf.
"""
import pandas as pd

from . import _customers_tables as X
from ._customers_set import month_range, text
from ._lib import LIB

CREDIT_KEYS = ("on_time_share", "mean_days_late", "arrears_months", "breaches", "energy_cv",
               "industry_outlook")   # credit.h's enum order, as the writers name them
RAW_COUNTS = ("bills_assessed", "bills_late", "bills_unpaid", "outstanding",
              "mean_monthly_bill", "energy_months")


def _who(c):
    return {"name": text(c.name), "class": text(c.class_name), "industry": text(c.industry),
            "voltage_kv": c.voltage_kv, "capacity_kva": c.capacity_kva,
            "protected": bool(c.is_protected)}


def _value(r, spec):
    p, k, f, v = r.profit, r.key, r.rfm, r.value
    return {"months": p.months, "kwh": p.kwh, "revenue": p.revenue, "cost": p.cost,
            "profit": p.profit, "rank": r.rank, "profit_share": r.profit_share,
            "abc": LIB.lf_abc_name(r.abc).decode(), "key_account": bool(k.is_key),
            "key_reason": text(k.reason), "recency_days": f.recency_days,
            "frequency": f.frequency, "monetary": f.monetary, "r": f.r, "f": f.f, "m": f.m,
            "rfm": f.code.decode(), "nature": v.nature, "current": v.current,
            "potential": v.potential, "correction": v.correction, "value": v.value,
            "value_level": text(spec.value.levels[v.level].name)}


def tier_of(r, spec):
    """The tier's name, None for a protected customer (never curtailed)."""
    t = r.segment.tier
    return None if t < 0 else text(spec.segment.tiers[t].value)


def _credit(r, spec):
    s = r.settlement
    cell = spec.segment.cells[r.segment.level][r.segment.group]
    row = dict(zip(CREDIT_KEYS, r.credit_inputs))
    row.update({"no_payment_history": bool(r.no_payment_history),
                "credit_score": r.credit.total, "credit_grade": text(r.credit.grade_name),
                "cycle_days": s.cycle_days, "deposit_cycles": s.deposit_cycles,
                "monthly_kwh": r.monthly_kwh, "price_per_kwh": r.price_per_kwh,
                "deposit": s.deposit, "segment": text(cell.segment),
                "service": text(cell.service), "tier": tier_of(r, spec),
                "no_energy_history": bool(r.no_energy_history)})
    return row


def customers_frame(cset, ev, spec, ids):
    """One row per customer in the set's order, indexed by id: the columns of
    customers_eval.csv after id, then no_energy_history."""
    rows = []
    for i in range(ev.n):
        r = ev.results[i]
        rows.append({**_who(cset.customers[i]), **_value(r, spec), **_credit(r, spec)})
    return pd.DataFrame(rows, index=ids)


def pareto_frame(cset, ev, ids):
    """The Pareto curve by rank: id, name, profit, profit_share (S(k)),
    customer_share (k / n), abc, share_before (S(k-1))."""
    points = [ev.pareto[k] for k in range(ev.n)]
    return pd.DataFrame({
        "id": [ids[p.customer] for p in points],
        "name": [text(cset.customers[p.customer].name) for p in points],
        "profit": [p.profit for p in points],
        "profit_share": [p.share for p in points],
        "customer_share": [p.customer_share for p in points],
        "abc": [LIB.lf_abc_name(ev.results[p.customer].abc).decode() for p in points],
        "share_before": [p.share_before for p in points],
    }, index=pd.Index([p.rank for p in points], name="rank"))


def credit_frame(ev, spec, ids):
    """Per customer: each indicator's raw value from the records (<name>_raw,
    before the fill-ins), the input the rating used (<name>) and its score
    (<name>_score); credit_score, credit_grade, the two fill-in flags and the
    counts behind the payment indicators."""
    rows = []
    for i in range(ev.n):
        r = ev.results[i]
        row = {}
        for k, name in enumerate(CREDIT_KEYS):
            row[f"{name}_raw"] = r.raw.values[k]
            row[name] = r.credit_inputs[k]
            row[f"{name}_score"] = r.credit.scores[k]
        row.update({"credit_score": r.credit.total, "credit_grade": text(r.credit.grade_name),
                    "no_payment_history": bool(r.no_payment_history),
                    "no_energy_history": bool(r.no_energy_history)})
        row.update({k: getattr(r.raw, k) for k in RAW_COUNTS})
        rows.append(row)
    return pd.DataFrame(rows, index=ids)


def tiers_series(ev, spec, ids):
    """id -> tier (None: protected), as customers_tiers.csv."""
    return pd.Series([tier_of(ev.results[i], spec) for i in range(ev.n)], index=ids,
                     name="tier", dtype=object)


def weights_series(ev, spec):
    """The credit weights used (given, or from the AHP matrix), by indicator."""
    names = [X.text(ind.name) for ind in spec.indicators]
    return pd.Series(list(ev.weights), index=pd.Index(names, name="indicator"), name="weight")


def window_months(cset, ev):
    """The evaluation window's months, a PeriodIndex."""
    months = month_range(cset.first_month, cset.nmonths)
    return months[ev.window_first:ev.window_first + ev.window_count]
