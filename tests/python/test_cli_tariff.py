"""lfc tariff end to end on the bundled sample: the six files and their
columns; each ranking cheapest first with saving = current total - total;
the itemised bills adding up to the ranking's totals; a 12-month declared-
demand plan per two-part tariff, checked by hand for one month from the
customer's own history and for one month from a forecast file's quantiles
(tests/fixtures/tariff/forecast_monthly.csv) against a scan of every kW; the
shift savings; the tariff change of the sample's proposed table (its old
totals the ranking's current ones, classes and total the sums of their rows,
price effects adding up to the average price's change) and of a proposal
that raises every energy rate by 10 % (each customer's change 10 % of its
energy charge, power-factor adjusted, from its itemised bills); the output
formats; and a bad config or a failing write that leaves no tariff file
behind (exit 2, file:line:column; exit 4), nor a tariff_change.csv of an
earlier run when the proposal is dropped."""
import json
import math
import pathlib
import re

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from test_fit_cli import run

FILES = ["tariff_ranking.csv", "tariff_bills.csv", "tariff_declared.csv", "tariff_shift.csv",
         "tariff.json", "tariff_change.csv"]
NO_CHANGE = FILES[:-1]
PERIODS = ["critical", "peak", "flat", "valley", "deep_valley"]
COLUMNS = {
    "tariff_ranking.csv": "customer,rank,tariff_id,name,basic,declared_hindsight,kwh,"
                          "energy_charge,basic_charge,demand_penalty,pf_adjustment,surcharges,"
                          "total,price_per_kwh,peak_share,saving,current",
    "tariff_bills.csv": "customer,tariff_id,basic,year,month,days,kwh,"
                        + ",".join(f"kwh_{p}" for p in PERIODS)
                        + ",energy_charge,max_demand_kw,billing_kw,basic_charge,excess_kw,"
                          "demand_penalty,power_factor,pf_percent,pf_adjustment,surcharges,"
                          "total,price_per_kwh",
    "tariff_declared.csv": "customer,tariff_id,year,month,nvalues,max_kw_p10,max_kw_p50,"
                           "max_kw_p90,declared_kw,expected_charge,penalty_probability,"
                           "capacity_charge,choice,saving",
    "tariff_shift.csv": "customer,tariff_id,share,max_kw,kwh_moved,bill_before,bill_after,"
                        "saving,saving_per_mwh,max_demand_before_kw,max_demand_after_kw",
    "tariff_change.csv": "level,id,class,customers,kwh,peak_kwh,peak_share,old_total,new_total,"
                         "change,change_pct,old_price,new_price,kwh_share,price_effect",
}
# The 2024-2025 versions of the example tariffs' large-industry basic charge.
DEMAND_RATE, CAPACITY_RATE, PENALTY_SHARE, PENALTY_FACTOR, FLOOR_SHARE = 40, 30, 1.05, 2, 0.4
CENT = 0.005 + 1e-9


def project(sample_dir, tmp_path, replace=()):
    """The sample project written to tmp_path with its paths made absolute;
    each (old, new) of replace applied to the text once."""
    text = (sample_dir / "project.yaml").read_text()
    text = text.replace("path: ", f"path: {sample_dir}/")
    text = text.replace("tariffs: ../../", f"tariffs: {ROOT}/")
    text = text.replace("proposed: ../../", f"proposed: {ROOT}/")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    cfg = tmp_path / "project.yaml"
    cfg.write_text(text)
    return str(cfg)


def tariff(lfc, cfg, out, *extra):
    return run(lfc, "tariff", "--config", cfg, "--out", str(out), *extra)


def tariff_files(out):
    return sorted(p.name for p in out.iterdir() if p.name.startswith("tariff")) \
        if out.exists() else []


@pytest.fixture(scope="module")
def sample_run(lfc, sample_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tariff")
    out = tmp / "out"
    r = tariff(lfc, project(sample_dir, tmp), out)
    return r, out


def read(out, name):
    return pd.read_csv(out / name, keep_default_na=True)


# ---- the sample -----------------------------------------------------------------------


def test_sample_writes_every_file(sample_run):
    r, out = sample_run
    assert r.returncode == 0, r.stderr
    assert tariff_files(out) == sorted(FILES), "the six files, no .part left"
    for name, header in COLUMNS.items():
        assert (out / name).read_text().split("\n", 1)[0] == header, name
    doc = json.loads((out / "tariff.json").read_text())
    assert [a["customer"] for a in doc["accounts"]] == ["C001", "C002", "C003"]
    assert set(doc["accounts"][0]) >= {"ranking", "bills", "declared", "shift", "first", "last",
                                       "plan_year"}


def test_sample_ranking_is_cheapest_first_with_savings(sample_run):
    _, out = sample_run
    ranking = read(out, "tariff_ranking.csv")
    assert set(ranking.customer) == {"C001", "C002", "C003"}
    for customer, rows in ranking.groupby("customer"):
        assert list(rows["rank"]) == list(range(1, len(rows) + 1)), customer
        assert rows.total.is_monotonic_increasing, customer
        current = rows[rows.current == 1]
        assert len(current) == 1, "every sample account names its current tariff"
        assert rows.saving.values == pytest.approx(current.total.iloc[0] - rows.total.values,
                                                   abs=CENT)
        items = rows[["energy_charge", "basic_charge", "demand_penalty", "pf_adjustment",
                      "surcharges"]].sum(axis=1)
        assert items.values == pytest.approx(rows.total.values, abs=CENT)
        assert (rows.price_per_kwh.between(0.5, 0.95)).all(), "a plausible CNY/kWh"
    c001 = ranking[ranking.customer == "C001"]
    assert list(c001.tariff_id.unique()) == ["large_industry_tou_35_110kv"], "110 kV"
    assert c001.iloc[0].basic == "demand" and c001.iloc[0].declared_hindsight == 1
    assert list(ranking[ranking.customer == "C003"].basic) == ["none"], "single-part only"


def test_sample_bills_add_up_to_the_ranking(sample_run):
    _, out = sample_run
    ranking = read(out, "tariff_ranking.csv")
    bills = read(out, "tariff_bills.csv")
    for customer, rows in ranking.groupby("customer"):
        current = rows[rows.current == 1].iloc[0]
        best = rows.iloc[0]
        for option in {current.name: current, best.name: best}.values():
            months = bills[(bills.customer == customer) & (bills.tariff_id == option.tariff_id)
                           & (bills.basic == option.basic)]
            assert len(months) == 12, (customer, option.tariff_id, option.basic)
            assert list(months.month) == list(range(1, 13)) and (months.year == 2024).all()
            assert months.total.sum() == pytest.approx(option.total, abs=1e-6)
            assert months.kwh.sum() == pytest.approx(option.kwh, abs=1e-3)
        assert len(bills[bills.customer == customer]) == 12 * (1 + (current.name != best.name))
    by_period = bills[[f"kwh_{p}" for p in PERIODS]].sum(axis=1)
    assert by_period.values == pytest.approx(bills.kwh.values, abs=1e-3)
    items = bills[["energy_charge", "basic_charge", "demand_penalty", "pf_adjustment",
                   "surcharges"]].sum(axis=1)
    assert items.values == pytest.approx(bills.total.values, abs=CENT)
    jan = bills[(bills.customer == "C001") & (bills.basic == "capacity")].iloc[0]
    assert jan.days == 31 and jan.kwh_critical == 0, "no critical peak in January"
    assert jan.basic_charge == 100000 * CAPACITY_RATE and jan.power_factor == 0.92


def history_max(sample_dir, customer, month, growth, year=2025):
    """The month's largest 15-minute kW of each year of the customer's file,
    grown to the plan year: what lf_max_demand_history should give."""
    load = pd.read_csv(sample_dir / "customers" / f"{customer}.csv", index_col=0,
                       parse_dates=True)
    top = load.max(axis=1)
    top = top[top.index.month == month]
    return sorted(top.groupby(top.index.year).max().items())


def best_declared(values, kva):
    """The declared kW with the least expected charge, by trying every kW."""
    values = np.asarray(values, dtype=float)
    d = np.arange(math.ceil(FLOOR_SHARE * kva - 1e-9), math.floor(kva) + 1, dtype=float)
    allowed = PENALTY_SHARE * d[:, None]
    charge = np.where(values[None, :] <= allowed, DEMAND_RATE * d[:, None],
                      DEMAND_RATE * (allowed + PENALTY_FACTOR * (values[None, :] - allowed)))
    cost = charge.mean(axis=1)
    return d, cost


def check_month(row, values, kva):
    d, cost = best_declared(values, kva)
    assert row.nvalues == len(values)
    for q in (10, 50, 90):
        assert row[f"max_kw_p{q}"] == pytest.approx(np.quantile(values, q / 100), abs=0.051)
    assert row.expected_charge == pytest.approx(cost.min(), abs=CENT)
    at = cost[d == row.declared_kw][0]
    assert at == pytest.approx(cost.min(), abs=1e-6), "the declared kW is a least-cost one"
    assert row.capacity_charge == pytest.approx(kva * CAPACITY_RATE, abs=CENT)
    assert row.saving == pytest.approx(row.capacity_charge - row.expected_charge, abs=2 * CENT)
    assert row.choice == ("demand" if row.expected_charge < row.capacity_charge else "capacity")


def test_sample_declared_plan_from_history(sample_run, sample_dir):
    _, out = sample_run
    plan = read(out, "tariff_declared.csv")
    ranking = read(out, "tariff_ranking.csv")
    two_part = ranking[ranking.basic != "none"].groupby("customer").tariff_id.unique()
    for customer, ids in two_part.items():
        for tid in ids:
            rows = plan[(plan.customer == customer) & (plan.tariff_id == tid)]
            assert list(rows.month) == list(range(1, 13)) and (rows.year == 2025).all()
            assert (rows.nvalues == 2).all(), "2023 and 2024"
    assert set(plan.customer) == {"C001", "C002"}, "C003 has no two-part tariff open"
    # C001, January 2025, by hand: the largest interval of January 2023 grown 2 % twice,
    # of January 2024 grown once
    years = history_max(sample_dir, "C001", 1, 0.02)
    values = [kw * 1.02 ** (2025 - y) for y, kw in years]
    assert [y for y, _ in years] == [2023, 2024]
    row = plan[(plan.customer == "C001") & (plan.month == 1)].iloc[0]
    check_month(row, values, 100000)
    assert row.declared_kw == math.ceil(max(values) / PENALTY_SHARE - 1e-9), \
        "two values, rate 40: cover the larger"


def test_sample_shift_savings(sample_run):
    _, out = sample_run
    shift = read(out, "tariff_shift.csv")
    ranking = read(out, "tariff_ranking.csv")
    assert list(shift.customer) == ["C001"] * 3 + ["C002"] * 3 + ["C003"] * 3
    assert list(shift.share) == [0.1, 0.2, 0.3] * 3
    assert list(shift.max_kw) == [5000] * 3 + [2000] * 3 + [300] * 3
    current = ranking[ranking.current == 1].set_index("customer")
    for customer, rows in shift.groupby("customer"):
        assert (rows.tariff_id == current.tariff_id[customer]).all(), "all current TOU"
        assert rows.bill_before.values == pytest.approx(current.total[customer], abs=CENT)
    assert shift.saving.values == pytest.approx((shift.bill_before - shift.bill_after).values,
                                                abs=CENT)
    assert (shift.saving > 0).all()
    for customer, rows in shift.groupby("customer"):
        assert rows.kwh_moved.is_monotonic_increasing, "a larger share moves no less"
        assert (rows.max_kw * 0.25 * 1000 <= rows.kwh_moved).all(), "at least one interval"
    per_mwh = shift.saving / (shift.kwh_moved / 1000)
    assert shift.saving_per_mwh.values == pytest.approx(per_mwh.values, abs=CENT)
    # a moved kWh saves about the peak-valley spread (0.81-1.16 CNY in the examples)
    assert shift.saving_per_mwh.between(700, 1200).all()


def test_sample_table(sample_run):
    r, _ = sample_run
    assert r.stdout.startswith("tariff advice for Sample City: 3 accounts, tariffs from ")
    assert re.search(r"^C001 Steel works: large_industry, 110 kV, 100000 kVA, power factor "
                     r"0\.92$", r.stdout, re.M)
    assert "billed 2024-01-01 .. 2024-12-31 (12 months" in r.stdout
    assert re.search(r"^   1  large_industry_tou_35_110kv +demand\* ", r.stdout, re.M)
    assert "declared demand 2025 under large_industry_tou_35_110kv" in r.stdout
    assert "declared demand: no two-part tariff with a demand rate is open to it" in r.stdout
    assert r.stdout.count("moving peak-period load to the same day's valley") == 3


# ---- the tariff change -----------------------------------------------------------------------

SUMMED = ["customers", "kwh", "peak_kwh", "old_total", "new_total"]


def check_row_figures(rows, portfolio_kwh):
    """What every row's derived columns are, from its own kWh and totals."""
    assert rows.change.values == pytest.approx((rows.new_total - rows.old_total).values, abs=CENT)
    assert rows.change_pct.values == pytest.approx((100 * rows.change / rows.old_total).values,
                                                   rel=1e-8)
    assert rows.peak_share.values == pytest.approx((rows.peak_kwh / rows.kwh).values, rel=1e-8)
    assert rows.old_price.values == pytest.approx((rows.old_total / rows.kwh).values, rel=1e-8)
    assert rows.new_price.values == pytest.approx((rows.new_total / rows.kwh).values, rel=1e-8)
    assert rows.kwh_share.values == pytest.approx((rows.kwh / portfolio_kwh).values, rel=1e-8)
    effect = rows.kwh_share * (rows.new_price - rows.old_price)
    assert rows.price_effect.values == pytest.approx(effect.values, rel=1e-8, abs=1e-12)


def current_options(out):
    ranking = read(out, "tariff_ranking.csv")
    return ranking[ranking.current == 1].set_index("customer")


def test_sample_change_bills_the_current_tariff_as_ranked(sample_run):
    _, out = sample_run
    change = read(out, "tariff_change.csv")
    customers = change[change.level == "customer"].set_index("id")
    current = current_options(out)
    assert list(customers.index) == ["C001", "C002", "C003"], "in the accounts' order"
    assert (customers.customers == 1).all()
    assert (customers.old_total == current.total[customers.index]).all(), \
        "the old bill is the ranking's current option, to the cent"
    assert (customers.kwh == current.kwh[customers.index]).all(), "on the same billed days"
    assert customers.peak_share.values == pytest.approx(
        current.peak_share[customers.index].values, abs=1e-9)
    assert (customers["class"] == ["large_industry", "large_industry", "general_commercial"]).all()


def test_sample_change_adds_up(sample_run):
    _, out = sample_run
    change = read(out, "tariff_change.csv")
    assert list(change.level) == ["customer"] * 3 + ["class"] * 2 + ["total"]
    customers = change[change.level == "customer"]
    classes = change[change.level == "class"]
    total = change[change.level == "total"].iloc[0]
    assert list(classes.id) == ["general_commercial", "large_industry"], "by name"
    assert (classes.id == classes["class"]).all()
    assert total.id == "total" and pd.isna(total["class"])
    for _, c in classes.iterrows():
        members = customers[customers["class"] == c.id]
        for column in SUMMED:
            assert c[column] == pytest.approx(members[column].sum(), abs=CENT), (c.id, column)
    for column in SUMMED:
        assert total[column] == pytest.approx(classes[column].sum(), abs=CENT), column
    check_row_figures(change, total.kwh)
    assert total.kwh_share == 1
    moved = total.new_price - total.old_price
    assert abs(classes.price_effect.sum() - moved) <= 1e-9, "the classes' effects add up"
    assert abs(customers.price_effect.sum() - moved) <= 1e-9, "so do the customers'"


def test_sample_change_is_plausible(sample_run):
    """The example proposal (peak +10 %, valley -10 %, flat and basic charges as
    they are): a few % more revenue, more where more of the kWh is in the peak."""
    _, out = sample_run
    change = read(out, "tariff_change.csv").set_index("id")
    assert 1 < change.change_pct["total"] < 6
    c001, c002 = change.loc["C001"], change.loc["C002"]
    assert c002.peak_share > c001.peak_share and c002.change_pct > c001.change_pct
    classes = change[change.level == "class"]
    top = classes.loc[classes.peak_share.idxmax()]
    assert top.change_pct == classes.change_pct.max(), "the peakier class gains more"


def test_sample_change_in_json_and_table(sample_run):
    r, out = sample_run
    doc = json.loads((out / "tariff.json").read_text())["change"]
    change = pd.read_csv(out / "tariff_change.csv", keep_default_na=False)
    rows = doc["customers"] + doc["classes"] + [doc["total"]]
    assert [list(x) for x in rows] == [COLUMNS["tariff_change.csv"].split(",")] * len(rows)
    assert [x["id"] for x in rows] == list(change.id)
    assert [x["new_total"] for x in rows] == list(change.new_total)
    assert [x["price_effect"] for x in rows] == list(change.price_effect)
    assert doc["total"]["class"] is None
    assert doc["proposed"].endswith("examples/tariffs/proposed.yaml")
    assert doc["driver"] == "large_industry", "most of the kWh"
    total = change[change.level == "total"].iloc[0]
    assert re.search(r"^total +3 +100\.0 +[0-9.]+ +%.0f +%.0f +%.0f +%.2f  %.4f -> %.4f +%.5f$"
                     % (total.old_total, total.new_total, total.change, total.change_pct,
                        total.old_price, total.new_price, total.price_effect),
                     r.stdout, re.M), r.stdout
    assert re.search(r"^general_commercial +1 ", r.stdout, re.M)
    assert "; large_industry drives most of it:\n" in r.stdout


def scaled_rates(text, factor):
    """Every 'rates: {...}' of a tariff file (the TOU energy rates) times factor."""
    def scale(m):
        return re.sub(r"(\w+): ([0-9.]+)",
                      lambda r: f"{r.group(1)}: {float(r.group(2)) * factor:.10g}", m.group(0))
    return re.sub(r"rates: \{[^}]*\}", scale, text)


def test_every_energy_rate_up_10_percent(lfc, sample_dir, tmp_path):
    """Each customer's change is 10 % of its energy charge, raised or lowered
    by its month's power-factor percent, from its itemised current bills (a
    few cents of rounding a month); basic charges and surcharges stay.
    C002's tariff gets a new id in the proposal, named by proposed_tariff."""
    text = scaled_rates((ROOT / "examples" / "tariffs" / "tariffs.yaml").read_text(), 1.1)
    assert text.count("critical: 1.43616") == 1, "the 1-10 kV 2024-2025 version scaled"
    text = text.replace("id: large_industry_tou_1_10kv", "id: large_industry_tou_1_10kv_new")
    (tmp_path / "up10.yaml").write_text(text)
    cfg = project(sample_dir, tmp_path, [
        (f"proposed: {ROOT}/examples/tariffs/proposed.yaml", f"proposed: {tmp_path}/up10.yaml"),
        ("current: large_industry_tou_1_10kv\n",
         "current: large_industry_tou_1_10kv\n      proposed_tariff: "
         "large_industry_tou_1_10kv_new\n")])
    out = tmp_path / "out"
    r = tariff(lfc, cfg, out)
    assert r.returncode == 0, r.stderr
    change = read(out, "tariff_change.csv").set_index("id")
    current = current_options(out)
    bills = read(out, "tariff_bills.csv")
    for customer, option in current.iterrows():
        months = bills[(bills.customer == customer) & (bills.tariff_id == option.tariff_id)
                       & (bills.basic == option.basic)]
        assert len(months) == 12
        pf = months.pf_percent.fillna(0) / 100
        expected = (0.1 * months.energy_charge * (1 + pf)).sum()
        row = change.loc[customer]
        assert row.change == pytest.approx(expected, abs=0.1 * 12), customer
        assert 1 < row.new_total / row.old_total < 1.1, customer
    assert 1 < change.new_total["total"] / change.old_total["total"] < 1.1


def test_help_names_the_keys_and_the_file(lfc):
    r = run(lfc, "help", "tariff")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: lfc tariff --config FILE")
    for text in ["  proposed: proposed.yaml ", "      proposed_tariff: ID ",
                 "  tariff_change.csv     with 'proposed' only: ",
                 "removes a tariff_change.csv of an earlier run",
                 "Exit status: 0 ok; 2 bad config, tariffs or data; 1 usage; 4 failure.\n"]:
        assert text in r.stdout, text
    assert r.stdout.count("usage: ") == 1


def test_a_run_without_proposed_leaves_no_change_file(lfc, sample_dir, tmp_path):
    """An earlier run's tariff_change.csv goes with the new set."""
    out = tmp_path / "out"
    with_change = project(sample_dir, tmp_path)
    assert tariff(lfc, with_change, out).returncode == 0
    assert (out / "tariff_change.csv").exists()
    cfg = project(sample_dir, tmp_path, [("  proposed: ", "  #proposed: ")])
    r = tariff(lfc, cfg, out)
    assert r.returncode == 0, r.stderr
    assert tariff_files(out) == sorted(NO_CHANGE)
    assert json.loads((out / "tariff.json").read_text())["change"] is None
    assert "tariff change" not in r.stdout


def test_a_stale_change_file_that_cannot_go_writes_nothing(lfc, sample_dir, tmp_path):
    out = tmp_path / "out"
    (out / "tariff_change.csv").mkdir(parents=True)
    (out / "tariff_change.csv" / "x").write_text("x")
    cfg = project(sample_dir, tmp_path, [("  proposed: ", "  #proposed: ")])
    r = tariff(lfc, cfg, out)
    assert r.returncode == 4, r.stderr
    assert "cannot remove " in r.stderr and "tariff_change.csv of an earlier run" in r.stderr
    assert tariff_files(out) == ["tariff_change.csv"], "the new set's parts removed"


def test_a_bad_proposed_tariff_exits_2_without_files(lfc, sample_dir, tmp_path):
    cfg = project(sample_dir, tmp_path, [(
        "current: large_industry_tou_35_110kv\n",
        "current: large_industry_tou_35_110kv\n"
        "      proposed_tariff: large_industry_tou_35_11kv\n")])
    lines = pathlib.Path(cfg).read_text().splitlines()
    line = next(i for i, t in enumerate(lines, 1) if "proposed_tariff:" in t)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    r = tariff(lfc, cfg, out)
    assert r.returncode == 2
    assert f"project.yaml:{line}:24: customer C001's proposed tariff " \
           "'large_industry_tou_35_11kv' is not in " in r.stderr, r.stderr
    assert "proposed.yaml (did you mean 'large_industry_tou_35_110kv'?); its tariffs are: " \
           "large_industry_tou_1_10kv, large_industry_tou_35_110kv, general_ic_tou_1_10kv" \
           in r.stderr, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


# ---- formats ------------------------------------------------------------------------------


def test_formats(lfc, sample_dir, tmp_path):
    cfg = project(sample_dir, tmp_path)
    r = tariff(lfc, cfg, tmp_path / "csv", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (tmp_path / "csv" / "tariff_ranking.csv").read_text()
    r = tariff(lfc, cfg, tmp_path / "json", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc == json.loads((tmp_path / "json" / "tariff.json").read_text())
    ranking = pd.read_csv(tmp_path / "json" / "tariff_ranking.csv")
    first = doc["accounts"][0]["ranking"][0]
    assert first["total"] == ranking.total.iloc[0] and first["current"] is False
    r = tariff(lfc, cfg, tmp_path / "quiet", "--quiet")
    assert r.returncode == 0 and r.stdout == "", r.stderr
    assert tariff_files(tmp_path / "quiet") == sorted(FILES)


# ---- nothing written on failure ------------------------------------------------------------


def test_unknown_customer_exits_2_without_files(lfc, sample_dir, tmp_path):
    cfg = project(sample_dir, tmp_path, [("- customer: C003", "- customer: C030")])
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    r = tariff(lfc, cfg, out)
    assert r.returncode == 2
    assert re.search(r"project\.yaml:\d+:\d+: 'customer' in 'tariff\.accounts\[2\]' is 'C030', "
                     r"not a customer of the config \(did you mean 'C003'\?\); the customers "
                     r"are C001, C002, C003", r.stderr), r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_a_late_account_error_writes_nothing(lfc, sample_dir, tmp_path):
    """C003's class has no tariff: C001 and C002 were advised, nothing is written."""
    cfg = project(sample_dir, tmp_path, [("class: general_commercial", "class: residential")])
    r = tariff(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2
    assert "customer C003: no tariff in " in r.stderr and "class 'residential'" in r.stderr
    assert tariff_files(tmp_path / "out") == []


def test_a_failed_write_leaves_no_file(lfc, sample_dir, tmp_path):
    """The fourth file cannot be put in place: the three before it go too."""
    out = tmp_path / "out"
    (out / "tariff_shift.csv.part").mkdir(parents=True)
    (out / "tariff_shift.csv.part" / "x").write_text("x")
    r = tariff(lfc, project(sample_dir, tmp_path), out)
    assert r.returncode == 4, r.stderr
    assert "tariff_shift.csv.part" in r.stderr
    assert tariff_files(out) == ["tariff_shift.csv.part"], "only the obstacle"


# ---- the plan from a forecast file -----------------------------------------------------------


def quantiles_to_values(p, v, n):
    """lf_quantiles_to_values by its definition: linear between the quantiles,
    the outer segments continued, at (i + 0.5) / n, never below 0."""
    out = []
    for i in range(n):
        q = (i + 0.5) / n
        j = 1
        while j + 1 < len(p) and q > p[j]:
            j += 1
        out.append(max(0.0, v[j - 1] + (v[j] - v[j - 1]) / (p[j] - p[j - 1]) * (q - p[j - 1])))
    return out


def test_declared_plan_from_a_forecast(lfc, sample_dir, tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "tariff" / "forecast_monthly.csv"
    cfg = project(sample_dir, tmp_path, [(
        "      growth: 3%\n",
        f"      growth: 3%\n      declared_from: {{forecast: {fixture}, scenario: base}}\n")])
    out = tmp_path / "out"
    r = tariff(lfc, cfg, out)
    assert r.returncode == 0, r.stderr
    plan = read(out, "tariff_declared.csv")
    c002 = plan[plan.customer == "C002"].set_index("month")
    assert list(c002.index) == list(range(1, 13))
    assert (c002.nvalues.loc[1:11] == 200).all()
    dec = c002.loc[12]
    assert dec.nvalues == 0 and pd.isna(dec.declared_kw) and pd.isna(dec.choice), \
        "the base scenario has no December: reported without values"
    # January 2025 by hand: P10/P50/P90 = 14.0/15.0/16.5 MW -> 200 values in kW
    values = quantiles_to_values([0.1, 0.5, 0.9], [14000, 15000, 16500], 200)
    assert values[0] == pytest.approx(14000 - 2500 * 0.0975)   # slope 1,000 kW / 0.4
    assert values[-1] == pytest.approx(15000 + 3750 * 0.4975)  # slope 1,500 kW / 0.4
    check_month(c002.loc[1], values, 25000)
    # the median of the values: halfway between those at p 0.4975 and 0.5025, where
    # the slopes differ
    assert c002.loc[1].max_kw_p50 == pytest.approx(15000 + (3750 - 2500) * 0.0025 / 2,
                                                    abs=0.051)
    assert 0 < c002.loc[1].penalty_probability < 0.5, "declared inside the spread"
    # C001 keeps its history
    assert (plan[plan.customer == "C001"].nvalues == 2).all()
    assert "from the peak quantiles of " in r.stdout and "(scenario base)" in r.stdout
    assert "2025-12       0  no values of the month's maximum demand" in r.stdout



def test_a_plan_without_any_history_is_an_error(lfc, sample_dir, tmp_path):
    """C002's load of 2024 alone, planning 2024: no earlier year to read."""
    load = pd.read_csv(sample_dir / "customers" / "C002.csv")
    load[load.date >= "2024-01-01"].to_csv(tmp_path / "C002.csv", index=False)
    cfg = project(sample_dir, tmp_path, [
        ("  accounts:\n", "  plan_year: 2024\n  accounts:\n"),
        (f"{sample_dir}/customers/C002.csv", f"{tmp_path}/C002.csv")])
    r = tariff(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2
    assert "customer C002: no month of 2024 can be planned: the load (whole days 2024-01-01 .. " \
           "2024-12-31) covers no whole month of an earlier year" in r.stderr, r.stderr
    assert tariff_files(tmp_path / "out") == []


def test_a_plan_year_the_tariffs_do_not_cover_is_an_error(lfc, sample_dir, tmp_path):
    cfg = project(sample_dir, tmp_path, [("  accounts:\n", "  plan_year: 2023\n  accounts:\n")])
    r = tariff(lfc, cfg, tmp_path / "out")
    assert r.returncode == 2
    assert "customer C001: tariff large_industry_tou_35_110kv has no version in force on " \
           "2023-01-01, a month of the plan year" in r.stderr, r.stderr
    assert tariff_files(tmp_path / "out") == []
