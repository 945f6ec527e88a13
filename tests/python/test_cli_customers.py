"""lfc customers end to end on the bundled sample's CRM export (datasets/sample/
crm/): the five files and their columns; each customer's 2024 kWh, revenue,
cost and profit, the ranking, the Pareto curve, the ABC classes and the key
accounts recomputed here with pandas from the CRM files by the definitions of
customer_value.h; the credit inputs of two customers with late and unpaid
bills (C010, C012) from payments.csv by credit.h's rules; the usage alerts of
December 2024 year on year (customer_segment.h); the tiers file against the
evaluation; the JSON against the CSV files; the output formats; a bad crm key
or a bad voltage (exit 2 at file:line:column) and a failing write (exit 4)
that leave an earlier run's files as they were; and `lfc peakshift` with the
evaluation's tiers (the 'tiers' key), including a tiers file with an unknown
tier."""
import csv
import json
import re

import numpy as np
import pandas as pd
import pytest

from test_fit_cli import run
from test_peakshift_cli import peakshift, project as peakshift_project

FILES = ["customers_eval.csv", "customers_pareto.csv", "customers_alerts.csv",
         "customers_tiers.csv", "customers.json"]
COLUMNS = {
    "customers_eval.csv":
        "id,name,class,industry,voltage_kv,capacity_kva,protected,months,kwh,revenue,cost,"
        "profit,rank,profit_share,abc,key_account,key_reason,recency_days,frequency,monetary,"
        "r,f,m,rfm,nature,current,potential,correction,value,value_level,on_time_share,"
        "mean_days_late,arrears_months,breaches,energy_cv,industry_outlook,no_payment_history,"
        "credit_score,credit_grade,cycle_days,deposit_cycles,monthly_kwh,price_per_kwh,deposit,"
        "segment,service,tier",
    "customers_pareto.csv": "rank,id,name,profit,profit_share,customer_share,abc",
    "customers_alerts.csv": "rank,id,name,month,actual_kwh,expected_kwh,change_kwh,change_pct,"
                            "z,direction",
    "customers_tiers.csv": "id,tier",
}
TIERS = ["restricted", "general", "commercial", "priority"]  # the default segment spec's

# The sample's rules (project.yaml's crm section: the library defaults).
EVALUATED = pd.Timestamp("2024-12-31")
WINDOW = ("2024-01", "2024-12")
BANDS = [(0, 0.60), (10, 0.52), (35, 0.47), (110, 0.44)]   # from kV up: CNY per kWh
SERVICE = 200                                              # CNY per month with energy
A_SHARE, B_SHARE, PARETO_SHARE = 0.80, 0.95, 0.80
TOL = 1e-9            # a share this close below a line reaches it
RTOL = 1e-9           # the files' 10 significant digits
YES = {"yes", "true", "1"}


def customers(lfc, cfg, out, *extra):
    return run(lfc, "customers", "--config", cfg, "--out", str(out), *extra)


def customer_files(out):
    return sorted(p.name for p in out.iterdir() if p.name.startswith("customers")) \
        if out.exists() else []


def snapshot(out):
    """Every file of out and its bytes (a directory: None)."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in out.iterdir()}


def read_eval(out):
    return pd.read_csv(out / "customers_eval.csv", dtype={"id": str}).set_index("id")


def sample_config(sample_dir, tmp_path, replace=()):
    """The sample project written to tmp_path with its paths made absolute;
    each (old, new) of replace applied to the text once."""
    text = (sample_dir / "project.yaml").read_text()
    text = text.replace("path: ", f"path: {sample_dir}/")
    for key in ("customers", "monthly", "payments"):
        text = text.replace(f"  {key}: crm/", f"  {key}: {sample_dir}/crm/")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    cfg = tmp_path / "project.yaml"
    cfg.write_text(text)
    return str(cfg)


@pytest.fixture(scope="module")
def sample_run(lfc, sample_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("customers") / "out"
    r = customers(lfc, str(sample_dir / "project.yaml"), out)
    return r, out


# ---- the independent computation ---------------------------------------------------------


@pytest.fixture(scope="module")
def crm(sample_dir):
    d = sample_dir / "crm"
    cust = pd.read_csv(d / "customers.csv", dtype={"id": str, "dedicated_line": str,
                                                   "protected": str}).set_index("id")
    monthly = pd.read_csv(d / "monthly.csv", dtype={"customer_id": str, "month": str})
    payments = pd.read_csv(d / "payments.csv", dtype={"customer_id": str},
                           parse_dates=["due_date", "paid_date"])
    return cust, monthly, payments


def flag(column):
    return column.fillna("no").str.lower().isin(YES)


def unit_cost(kv):
    """The last band whose min_kv <= kv."""
    return [cost for min_kv, cost in BANDS if kv >= min_kv][-1]


@pytest.fixture(scope="module")
def expected(crm):
    """kwh, revenue, cost, profit, rank, share, ABC and key account of every
    customer over 2024, by customer_value.h's definitions."""
    cust, monthly, _ = crm
    window = monthly[(monthly.month >= WINDOW[0]) & (monthly.month <= WINDOW[1])]
    by = window.groupby("customer_id")
    e = pd.DataFrame(index=cust.index)
    e["kwh"] = by.energy_kwh.sum().reindex(e.index).fillna(0.0)
    e["revenue"] = by.bill_cny.sum().reindex(e.index).fillna(0.0)
    e["months"] = by.energy_kwh.count().reindex(e.index).fillna(0).astype(int)
    e["cost"] = e.kwh * cust.voltage_kv.map(unit_cost) + SERVICE * e.months
    e["profit"] = e.revenue - e.cost
    # ranking: largest profit first, equal profits by id
    order = sorted(e.index, key=lambda i: (-e.profit[i], i))
    e["rank"] = pd.Series(range(1, len(order) + 1), index=order)
    ranked = e.loc[order]
    positive = ranked.profit[ranked.profit > 0].sum()
    share = ranked.profit.cumsum() / positive
    before = share.shift(1, fill_value=0.0)
    e["profit_share"] = share
    e["share_before"] = before
    pos = e.profit > 0
    e["abc"] = np.where(pos & (e.share_before < A_SHARE - TOL), "A",
                        np.where(pos & (e.share_before < B_SHARE - TOL), "B", "C"))
    # key accounts: the two default rules and the Pareto set
    annual = e.kwh * 12 / e.months.where(e.months > 0)
    kv = cust.voltage_kv
    rule35 = kv >= 35
    rule10 = (kv >= 10) & (kv <= 20) & flag(cust.dedicated_line) & (annual >= 1e7 * (1 - TOL))
    pareto = pos & (e.share_before < PARETO_SHARE - TOL)
    e["key"] = (rule35 | rule10 | pareto).astype(int)
    reasons = []
    for i in e.index:
        parts = [name for name, hit in ((">=35kV", rule35[i]),
                                        ("10-20kV dedicated line >=10GWh", rule10[i]),
                                        ("pareto", pareto[i])) if hit]
        reasons.append("; ".join(parts))
    e["key_reason"] = reasons
    e["annual"] = annual
    return e


def credit_inputs(crm, cid, E=EVALUATED):
    """on_time_share, mean_days_late, arrears_months of customer cid as of E
    (credit.h, customer_eval.h): the bills due in the 365 days ending on E and
    before E; paid = paid on or before E; late = paid after the due date, or
    unpaid (late by E - due); outstanding = the unpaid bills + the arrears from
    before the records; the mean monthly bill = the assessed amount / the
    calendar months with an assessed bill due.  None without an assessed bill."""
    cust, _, payments = crm
    p = payments[payments.customer_id == cid]
    p = p[(p.due_date > E - pd.Timedelta(days=365)) & (p.due_date < E)]
    if len(p) == 0:
        return None
    paid = p.paid_date.notna() & (p.paid_date <= E)
    settled = p.paid_date.where(paid, E)
    late_days = (settled - p.due_date).dt.days
    late = late_days > 0
    outstanding = p.amount_cny[~paid].sum()
    arrears = cust.arrears_cny.fillna(0)[cid]
    months = p.due_date.dt.to_period("M").nunique()
    mean_bill = p.amount_cny.sum() / months
    return {
        "on_time_share": (~late).sum() / len(p),
        "mean_days_late": late_days[late].mean() if late.any() else 0.0,
        "arrears_months": (outstanding + arrears) / mean_bill if outstanding + arrears > 0
        else 0.0,
        "late": int(late.sum()), "unpaid": int((~paid).sum()), "arrears": arrears,
    }


@pytest.fixture(scope="module")
def yoy(crm):
    """December 2024 against December 2023 for every customer with both, and
    the z of the change against the customer's earlier year-on-year changes."""
    _, monthly, _ = crm
    energy = monthly.pivot(index="customer_id", columns="month", values="energy_kwh")
    rows = []
    for cid, e in energy.iterrows():
        actual, last = e.get("2024-12"), e.get("2023-12")
        if pd.isna(actual) or pd.isna(last):
            continue
        history = [e[f"2024-{m:02d}"] - e[f"2023-{m:02d}"] for m in range(1, 12)
                   if pd.notna(e.get(f"2024-{m:02d}")) and pd.notna(e.get(f"2023-{m:02d}"))]
        change = actual - last
        sd = np.std(history, ddof=1) if len(history) >= 6 else np.nan
        z = (change - np.mean(history)) / sd if sd > 0 else np.nan
        rows.append((cid, actual, last, change, change / last if last else np.nan, z))
    return pd.DataFrame(rows, columns=["id", "actual", "expected", "change", "change_pct",
                                       "z"]).set_index("id")


# ---- the sample ----------------------------------------------------------------------------


def test_sample_writes_every_file(sample_run):
    r, out = sample_run
    assert r.returncode == 0, r.stderr
    assert customer_files(out) == sorted(FILES), "the five files, no .part left"
    assert not list(out.glob("*.part"))
    for name, header in COLUMNS.items():
        assert (out / name).read_text().split("\n", 1)[0] == header, name
    ev = read_eval(out)
    assert len(ev) == 200 and ev.index.is_unique
    assert list(ev.index) == [f"C{k:03d}" for k in range(1, 201)], "in the file's order"
    assert len(pd.read_csv(out / "customers_pareto.csv")) == 200
    assert len(pd.read_csv(out / "customers_tiers.csv")) == 200
    doc = json.loads((out / "customers.json").read_text())
    assert set(doc) >= {"evaluated", "window_first", "window_last", "credit_weights",
                        "rfm_edges", "customers", "pareto", "alerts"}
    assert (doc["evaluated"], doc["window_first"], doc["window_last"]) == \
        ("2024-12-31", "2024-01", "2024-12")
    assert len(doc["customers"]) == 200


def test_sample_profit_of_every_customer(sample_run, expected):
    _, out = sample_run
    ev = read_eval(out)
    e = expected.loc[ev.index]
    assert (ev.months == e.months).all()
    assert ev.loc["C196"].months == 9, "connected in April 2024"
    for column in ["kwh", "revenue", "cost"]:
        assert ev[column].values == pytest.approx(e[column].values, rel=RTOL), column
    # profit is a difference: 10 digits of itself, and of the revenue it comes from
    assert ev.profit.values == pytest.approx(e.profit.values, rel=RTOL,
                                             abs=float(RTOL * e.revenue.max()))
    assert (np.sign(ev.profit) == np.sign(e.profit)).all()


def test_sample_ranking_pareto_and_abc(sample_run, expected):
    _, out = sample_run
    ev = read_eval(out)
    e = expected.loc[ev.index]
    assert (ev["rank"] == e["rank"]).all(), \
        ev[ev["rank"] != e["rank"]][["rank", "profit"]].join(e[["rank"]], rsuffix="_expected")
    assert ev.profit_share.values == pytest.approx(e.profit_share.values, rel=1e-8)
    diff = ev.abc != e.abc
    assert not diff.any(), ev[diff][["rank", "profit_share", "abc"]].join(
        e[["share_before", "abc"]], rsuffix="_expected")
    counts = e.abc.value_counts()
    assert counts["A"] + counts["B"] + counts["C"] == 200
    assert (e[e.profit <= 0].abc == "C").all()
    # the Pareto curve in rank order
    pareto = pd.read_csv(out / "customers_pareto.csv", dtype={"id": str})
    ranked = e.sort_values("rank")
    assert list(pareto["rank"]) == list(range(1, 201))
    assert list(pareto.id) == list(ranked.index)
    assert pareto.profit.values == pytest.approx(ranked.profit.values, rel=RTOL,
                                                 abs=float(RTOL * e.revenue.max()))
    assert pareto.profit_share.values == pytest.approx(ranked.profit_share.values, rel=1e-8)
    assert pareto.customer_share.values == pytest.approx(np.arange(1, 201) / 200, rel=1e-12)
    assert list(pareto.abc) == list(ranked.abc)
    # A: the fewest top customers reaching 80 % of the positive profit
    a = ranked[ranked.abc == "A"]
    assert a.profit_share.iloc[-1] >= A_SHARE - TOL > a.share_before.iloc[-1]


def test_sample_key_accounts(sample_run, expected, crm):
    _, out = sample_run
    ev = read_eval(out)
    e = expected.loc[ev.index]
    diff = ev.key_account != e.key
    assert not diff.any(), ev[diff][["voltage_kv", "kwh", "months", "key_account",
                                     "key_reason"]].join(e[["annual", "key"]])
    reasons = ev.key_reason.fillna("")
    assert (reasons == e.key_reason).all(), pd.DataFrame({"lfc": reasons, "expected":
                                                          e.key_reason})[reasons != e.key_reason]
    # each rule fires in the sample
    for reason in [">=35kV", "10-20kV dedicated line >=10GWh", "pareto"]:
        assert e.key_reason.str.contains(reason).any(), reason
    cust = crm[0]
    ten_kv_big = (cust.voltage_kv == 10) & ~flag(cust.dedicated_line) & (e.annual >= 1e7)
    assert not e.key_reason[ten_kv_big].str.contains("10-20kV").any(), \
        "no dedicated line, no rule"


@pytest.fixture(scope="module")
def backdated_run(lfc, sample_dir, tmp_path_factory):
    """The sample evaluated as of 2024-12-15: a bill due that day is not yet
    assessed, C012's payment of 2024-12-16 not yet made."""
    tmp = tmp_path_factory.mktemp("backdated")
    cfg = sample_config(sample_dir, tmp, [("evaluated: 2024-12-31", "evaluated: 2024-12-15")])
    r = customers(lfc, cfg, tmp / "out", "--quiet")
    assert r.returncode == 0, r.stderr
    return tmp / "out"


CREDIT = ["on_time_share", "mean_days_late", "arrears_months"]


@pytest.mark.parametrize("evaluated", ["2024-12-31", "2024-12-15"])
def test_credit_inputs_from_payments(sample_run, backdated_run, crm, evaluated):
    out = sample_run[1] if evaluated == "2024-12-31" else backdated_run
    ev = read_eval(out)
    E = pd.Timestamp(evaluated)
    for cid in ["C010", "C012"]:
        want = credit_inputs(crm, cid, E)
        assert want["late"] > 0 and want["unpaid"] > 0, "the two that pay late and owe"
        for key in CREDIT:
            assert ev.loc[cid, key] == pytest.approx(want[key], rel=RTOL, abs=1e-12), (cid, key)
    # and every other customer
    for cid, row in ev.iterrows():
        want = credit_inputs(crm, cid, E)
        assert want is not None and row.no_payment_history == 0, cid
        got = [row[key] for key in CREDIT]
        assert got == pytest.approx([want[key] for key in CREDIT], rel=RTOL, abs=1e-12), cid


def test_sample_credit_stories(crm):
    """What the records hold: C012 owes the three December bills and arrears
    from before its records; as of 2024-12-15 it also owes the bill of
    2024-11-25, paid the next day, and the bill due that day is not judged."""
    c012 = credit_inputs(crm, "C012")
    assert c012["unpaid"] == 3 and c012["arrears"] == 1250000
    assert credit_inputs(crm, "C012", pd.Timestamp("2024-12-15"))["unpaid"] == 2
    assert credit_inputs(crm, "C010")["late"] > 12


def test_sample_alerts(sample_run, yoy, crm):
    _, out = sample_run
    alerts = pd.read_csv(out / "customers_alerts.csv", dtype={"id": str})
    hit = yoy[(yoy.expected >= 50000) & (yoy.change_pct.abs() >= 0.30 - TOL)]
    hit = hit.reindex(hit.change_pct.abs().sort_values(ascending=False).index)
    assert list(hit.index) == ["C014", "C037"], "the sample's two stories"
    assert list(alerts.id) == list(hit.index)
    assert list(alerts["rank"]) == [1, 2]
    assert (alerts.month == "2024-12").all()
    assert alerts.actual_kwh.values == pytest.approx(hit.actual.values, rel=RTOL)
    assert alerts.expected_kwh.values == pytest.approx(hit.expected.values, rel=RTOL)
    assert alerts.change_kwh.values == pytest.approx(hit.change.values, rel=RTOL)
    assert alerts.change_pct.values == pytest.approx(hit.change_pct.values, rel=RTOL)
    assert alerts.z.values == pytest.approx(hit.z.values, rel=1e-8)
    assert list(alerts.direction) == ["down", "up"]
    names = crm[0].name
    assert list(alerts.name) == [names["C014"], names["C037"]]
    # the biggest swing not alerted stays under 30 %
    rest = yoy.drop(hit.index)
    assert rest[rest.expected >= 50000].change_pct.abs().max() < 0.30


def test_sample_tiers_file_is_the_evaluation(sample_run):
    _, out = sample_run
    ev = pd.read_csv(out / "customers_eval.csv", dtype={"id": str}, keep_default_na=False)
    tiers = pd.read_csv(out / "customers_tiers.csv", dtype=str, keep_default_na=False)
    assert list(tiers.id) == list(ev.id)
    assert list(tiers.tier) == list(ev.tier)
    protected = ev.protected.astype(int) == 1
    assert protected.sum() == 14, "the sample's safety loads"
    assert (tiers.tier[protected] == "").all(), "a protected customer gets no tier"
    assert tiers.tier[~protected].isin(TIERS).all()
    assert set(tiers.tier[~protected]) == set(TIERS), "every tier used"


def csv_rows(path):
    with open(path, newline="") as fp:
        return list(csv.DictReader(fp))


def same(json_value, csv_text):
    """A JSON value and the CSV cell written from the same field."""
    if json_value is None:
        return csv_text == ""
    if isinstance(json_value, bool):
        return csv_text == str(int(json_value))
    if isinstance(json_value, (int, float)):
        return csv_text != "" and float(csv_text) == json_value
    return csv_text == json_value


def test_sample_json_agrees_with_csv(sample_run):
    _, out = sample_run
    doc = json.loads((out / "customers.json").read_text())
    for key, name in [("customers", "customers_eval.csv"), ("pareto", "customers_pareto.csv"),
                      ("alerts", "customers_alerts.csv")]:
        rows = csv_rows(out / name)
        assert len(doc[key]) == len(rows), key
        for obj, row in zip(doc[key], rows):
            assert set(obj) <= set(row), (key, set(obj) - set(row))
            if key == "customers":
                assert list(obj) == list(row), "the same columns in the same order"
            for column, value in obj.items():
                assert same(value, row[column]), (key, row["id"], column, value, row[column])
    tiers = csv_rows(out / "customers_tiers.csv")
    assert [t["tier"] for t in tiers] == [c["tier"] or "" for c in doc["customers"]]
    assert doc["credit_weights"] == {"on_time_share": 0.25, "mean_days_late": 0.15,
                                     "arrears_months": 0.25, "breaches": 0.15,
                                     "energy_cv": 0.1, "industry_outlook": 0.1}


def test_sample_table(sample_run, expected, yoy):
    r, _ = sample_run
    lines = r.stdout.splitlines()
    assert lines[0] == "Customer evaluation: 200 customers, 2024-01 .. 2024-12 " \
                       "(evaluated 2024-12-31)"
    counts = expected.abc.value_counts()
    for k in "ABC":
        assert re.search(rf"^{k} +{counts[k]} ", r.stdout, re.M), k
    keys = int(expected.key.sum())
    by = {k: int(expected.key_reason.str.contains(k).sum())
          for k in [">=35kV", "10-20kV dedicated line >=10GWh", "pareto"]}
    assert f"Key accounts: {keys} of 200 (>=35kV: {by['>=35kV']}; 10-20kV dedicated line " \
           f">=10GWh: {by['10-20kV dedicated line >=10GWh']}; top 80% of profit: " \
           f"{by['pareto']})" in r.stdout
    assert "Usage alerts: 2 " in r.stdout
    assert re.search(r"^C014 +2024-12 +7331\.4 +13184\.4 +-44\.4 ", r.stdout, re.M)


# ---- formats and help ------------------------------------------------------------------------


def test_formats(lfc, sample_dir, tmp_path):
    cfg = str(sample_dir / "project.yaml")
    r = customers(lfc, cfg, tmp_path / "csv", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (tmp_path / "csv" / "customers_eval.csv").read_text()
    r = customers(lfc, cfg, tmp_path / "json", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads((tmp_path / "json" / "customers.json").read_text())
    r = customers(lfc, cfg, tmp_path / "quiet", "--quiet")
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert customer_files(tmp_path / "quiet") == sorted(FILES)


def test_help(lfc):
    r = run(lfc, "help", "customers")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: lfc customers --config FILE")
    for text in ["customers: crm/customers.csv", "monthly:", "payments:", "expected:",
                 "evaluated:", "window_months:", "cost:", "abc:", "key_accounts:", "rfm:",
                 "value:", "credit:", "segments:", "alerts:", "all files or none"] + FILES:
        assert text in r.stdout, text
    r = run(lfc, "customers")
    assert r.returncode == 1
    r = run(lfc, "--help")
    assert "customers" in r.stdout


# ---- bad input: exit 2, nothing written, an earlier run's files as they were ------------------


@pytest.fixture
def earlier_run(lfc, sample_dir, tmp_path):
    """An out dir holding a successful run's five files (and another file)."""
    out = tmp_path / "out"
    r = customers(lfc, str(sample_dir / "project.yaml"), out, "--quiet")
    assert r.returncode == 0, r.stderr
    (out / "keep.txt").write_text("x")
    return out, snapshot(out)


def test_bad_crm_key_exits_2_with_did_you_mean(lfc, sample_dir, tmp_path, earlier_run):
    out, before = earlier_run
    cfg = sample_config(sample_dir, tmp_path, [("  window_months: 12", "  window_month: 12")])
    line = next(i for i, t in enumerate(open(cfg).read().split("\n"), 1)
                if t.startswith("  window_month:"))
    r = customers(lfc, cfg, out)
    assert r.returncode == 2, r.stderr
    assert f"project.yaml:{line}:3: unknown key 'window_month' in 'crm' (did you mean " \
           "'window_months'?)" in r.stderr, r.stderr
    assert snapshot(out) == before, "the earlier run's files untouched"
    fresh = tmp_path / "fresh"
    assert customers(lfc, cfg, fresh).returncode == 2
    assert customer_files(fresh) == []


@pytest.mark.parametrize("voltage, words", [
    ("x10", "expected a number in column 'voltage_kv', got 'x10'"),
    ("0", "customer 'C005': 'voltage_kv' must be > 0, got '0'"),
])
def test_bad_voltage_exits_2_at_its_cell(lfc, sample_dir, tmp_path, earlier_run, voltage,
                                         words):
    out, before = earlier_run
    lines = (sample_dir / "crm" / "customers.csv").read_text().split("\n")
    row = next(i for i, t in enumerate(lines) if t.startswith("C005,"))
    cells = lines[row].split(",")
    column = len(",".join(cells[:3])) + 2     # 1-based byte column of the 4th cell
    assert lines[0].split(",")[3] == "voltage_kv"
    cells[3] = voltage
    lines[row] = ",".join(cells)
    bad = tmp_path / "crm"
    bad.mkdir()
    (bad / "customers.csv").write_text("\n".join(lines))
    cfg = sample_config(sample_dir, tmp_path, [(f"customers: {sample_dir}/crm/customers.csv",
                                                f"customers: {bad}/customers.csv")])
    r = customers(lfc, cfg, out)
    assert r.returncode == 2, r.stderr
    assert f"{bad}/customers.csv:{row + 1}:{column}: {words}" in r.stderr, r.stderr
    assert snapshot(out) == before, "the earlier run's files untouched"
    fresh = tmp_path / "fresh"
    assert customers(lfc, cfg, fresh).returncode == 2
    assert customer_files(fresh) == []


def test_a_failed_write_leaves_the_earlier_files(lfc, sample_dir, tmp_path, earlier_run):
    """The last file cannot be written: none of the new set is put in place,
    the earlier run's five stay as they were."""
    out, before = earlier_run
    (out / "customers.json.part").mkdir()
    r = customers(lfc, str(sample_dir / "project.yaml"), out)
    assert r.returncode == 4, r.stderr
    assert "customers.json.part" in r.stderr
    after = snapshot(out)
    del after["customers.json.part"]
    assert after == before
    assert not [p for p in out.iterdir() if p.name.endswith(".part") and p.is_file()]


# ---- peak-shift with the evaluation's tiers ----------------------------------------------------


@pytest.fixture(scope="module")
def forecast_daily(lfc, sample_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("forecast")
    r = run(lfc, "forecast", "--config", str(sample_dir / "project.yaml"), "--out", str(out),
            "--quiet")
    assert r.returncode == 0, r.stderr
    return out / "forecast_daily.csv"


def read_tiers(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("id").tier


def ps_customers(out):
    return pd.read_csv(out / "peakshift_customers.csv", dtype={"id": str, "tier": str},
                       keep_default_na=False).set_index("id")


def test_peakshift_with_the_evaluation_tiers(lfc, sample_dir, sample_run, forecast_daily,
                                            tmp_path):
    _, cu_out = sample_run
    tiers_csv = cu_out / "customers_tiers.csv"
    tiers = read_tiers(tiers_csv)
    plain = tmp_path / "plain"
    (plain / "cfg").mkdir(parents=True)
    cfg = peakshift_project(sample_dir, plain / "cfg", forecast_daily)
    r = peakshift(lfc, cfg, plain, "--quiet")
    assert r.returncode == 0, r.stderr
    assert "tiers from" not in r.stderr
    own = ps_customers(plain)
    tiered = tmp_path / "tiered"
    (tiered / "cfg").mkdir(parents=True)
    cfg = peakshift_project(sample_dir, tiered / "cfg", forecast_daily, tiers=str(tiers_csv))
    r = peakshift(lfc, cfg, tiered, "--quiet")
    assert r.returncode == 0, r.stderr
    got = ps_customers(tiered)
    assert list(got.index) != [] and set(got.index) == set(own.index)
    listed = [i for i in own.index if i in tiers.index]
    assert len(listed) == len(own) == 40, "every portfolio customer is in the CRM"
    protected = got.protected == 1
    callable_ = [i for i in listed if not protected[i]]
    changed = sum(own.tier[i].lower() != tiers[i].lower() for i in callable_)
    assert changed > 0, "the evaluation moves some customers"
    assert f"lfc peakshift: tiers from {tiers_csv}: {len(listed)} customers ({changed} " \
           f"changed), {len(own) - len(listed)} of the portfolio not in the file, " \
           f"{len(tiers) - len(listed)} in the file not in the portfolio" in r.stderr, r.stderr
    for i in callable_:
        assert got.tier[i] == tiers[i], i
    for i in got.index[protected]:
        assert tiers[i] == "" and got.tier[i] == own.tier[i] and got.calls[i] == 0, i
    assert (got.tier != own.tier).sum() == changed
    calls = pd.read_csv(tiered / "peakshift_calls.csv", dtype={"customer_id": str})
    assert len(calls) and (calls.tier == calls.customer_id.map(tiers)).all(), \
        "the calls carry the new tiers"


def test_peakshift_tiers_with_an_unknown_tier(lfc, sample_dir, sample_run, forecast_daily,
                                             tmp_path):
    _, cu_out = sample_run
    lines = (cu_out / "customers_tiers.csv").read_text().split("\n")
    row = next(i for i, t in enumerate(lines) if t.startswith('"C004",'))
    assert lines[row] == '"C004","restricted"'
    lines[row] = '"C004","restricted_first"'
    bad = tmp_path / "tiers.csv"
    bad.write_text("\n".join(lines))
    cfg = peakshift_project(sample_dir, tmp_path, forecast_daily, tiers=str(bad))
    out = tmp_path / "out"
    r = peakshift(lfc, cfg, out)
    assert r.returncode == 2, r.stderr
    assert f"{bad}:{row + 1}:8: customer 'C004': tier 'restricted_first' is not one of the " \
           "portfolio's tiers (restricted, general, commercial, priority)" in r.stderr, r.stderr
    assert not out.exists() or list(out.iterdir()) == []
