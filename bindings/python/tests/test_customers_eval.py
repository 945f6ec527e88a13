"""The customer evaluation from Python against `lfc customers`: the five files
byte-identical for the sample and for two config variants that set every
part of the crm section (once through the config, once through the
keywords), the DataFrames equal to the files, the settings round trip, the
errors, and who owns what."""
import filecmp
import gc
import subprocess

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from libforecast import _customers_eval

FILES = ["customers_eval.csv", "customers_pareto.csv", "customers_alerts.csv",
         "customers_tiers.csv", "customers.json"]

VARIANT_A = """name: CRM variant A
crm:
  customers: crm/customers.csv
  monthly: crm/monthly.csv
  payments: crm/payments.csv
  expected: crm_expected.csv
  evaluated: 2024-11-20
  window_months: 9
  cost:
    per_kwh: {0: 0.61, 10: 0.5, 110: 0.43}
    service_per_month: 150
  abc: {a: 0.7, b: 0.9}
  key_accounts:
    pareto_share: 0.6
    rules:
      - {name: 10kV+ dedicated, min_kv: 10, dedicated_line: yes}
      - {name: big transformer, min_capacity_kva: 50000}
  rfm:
    recency_days: [20, 35, 50, 80]
    frequency: [6, 9, 11, 12]
  value:
    weights: {nature: 0.3, current: 0.5, potential: 0.2}
    nature: {large_industry: 100, general_industry: 75, commercial: 70, public: 65,
             agriculture: 50, residential: 40}
    levels: {top: 65, mid: 40, base: 0}
  credit:
    ahp:
      - [2, 1, 3, 4, 5]
      - [1/2, 2, 3, 3]
      - [3, 4, 4]
      - [2, 2]
      - [1]
    grades: {A1: 85, A2: 70, B1: 55, C1: 0}
    outlook: {steel: 45, cement: 40}
    outlook_default: 62
    settlement:
      A1: {cycle_days: 30}
      A2: {cycle_days: 30, deposit_cycles: 0.5}
      B1: {cycle_days: 15, deposit_cycles: 1}
      C1: {cycle_days: 10, deposit_cycles: 2.5}
  segments:
    groups: {good: [A1, A2], weak: [B1, C1]}
    matrix:
      top: {good: [star, premium], weak: [watch-top, standard]}
      mid: {good: [grow, enhanced], weak: [risk, standard]}
      base: {good: [small, basic], weak: [watch, basic]}
    tiers: [cut-first, normal, last]
    tier_rules:
      - {credit: weak, tier: cut-first}
      - {industry: [steel, cement], tier: cut-first}
      - {value: top, credit: good, tier: last}
      - {class: commercial, tier: normal}
      - {tier: normal}
  alerts:
    baseline: expected
    measure: z
    threshold: 2
    recent_months: 2
    min_history: 4
    min_kwh: 10000
"""

INCONSISTENT = np.array([[1, 9, 9, 9, 9, 9], [1 / 9, 1, 9, 9, 9, 9], [1 / 9, 1 / 9, 1, 9, 9, 9],
                         [1 / 9, 1 / 9, 1 / 9, 1, 1 / 9, 9], [1 / 9, 1 / 9, 1 / 9, 9, 1, 9],
                         [1 / 9] * 5 + [1]])

UPPER = np.zeros((6, 6))
UPPER[np.triu_indices(6, 1)] = [2, 1, 3, 4, 5, 1 / 2, 2, 3, 3, 3, 4, 4, 2, 2, 1]

KEYWORDS_A = dict(
    evaluated="2024-11-20", window_months=9, cost_per_kwh={0: 0.61, 10: 0.5, 110: 0.43},
    service_per_month=150, a_share=0.7, b_share="90%", pareto_share=0.6,
    key_rules=[{"name": "10kV+ dedicated", "min_kv": 10, "dedicated_line": True},
               {"name": "big transformer", "min_capacity_kva": 50000}],
    rfm_edges={"recency_days": [20, 35, 50, 80], "frequency": [6, 9, 11, 12]},
    value_weights={"nature": 0.3, "current": 0.5, "potential": 0.2},
    nature={"large_industry": 100, "general_industry": 75, "commercial": 70, "public": 65,
            "agriculture": 50, "residential": 40},
    value_levels={"top": 65, "mid": 40, "base": 0},
    ahp=UPPER, grades={"A1": 85, "A2": 70, "B1": 55, "C1": 0},
    outlook={"steel": 45, "cement": 40}, outlook_default=62,
    settlement={"A1": {"cycle_days": 30}, "A2": (30, 0.5),
                "B1": {"cycle_days": 15, "deposit_cycles": 1}, "C1": (10, 2.5)},
    credit_groups={"good": ["A1", "A2"], "weak": ["B1", "C1"]},
    segment_matrix={"top": {"good": ("star", "premium"), "weak": ("watch-top", "standard")},
                    "mid": {"good": ("grow", "enhanced"), "weak": ("risk", "standard")},
                    "base": {"good": ("small", "basic"), "weak": ("watch", "basic")}},
    tiers=["cut-first", "normal", "last"],
    tier_rules=[{"credit": "weak", "tier": "cut-first"},
                {"industry": ["steel", "cement"], "tier": "cut-first"},
                {"value": "top", "credit": "good", "tier": "last"},
                {"class": "commercial", "tier": "normal"}, {"tier": "normal"}],
    alert_baseline="expected", alert_measure="z", alert_threshold=2, alert_recent_months=2,
    alert_min_history=4, alert_min_kwh=10000)

VARIANT_B = """name: CRM variant B
crm:
  customers: crm/customers.csv
  monthly: crm/monthly.csv
  payments: crm/payments.csv
  rfm:
    monetary: [1e5, 1e6, 1e7, 5e7]
  value:
    levels: {high: 70, medium: 40, low: 0}
  credit:
    indicators:
      arrears_months: {weight: 0.3, best: 0, worst: 2}
      breaches: {weight: 0.1, worst: 5}
    outlook_default: 55
  alerts:
    baseline: previous
    previous_months: 2
    threshold: 25%
    recent_months: 3
"""

VARIANT_C = """name: CRM variant C, the default levels and groups in a matrix of its own
crm:
  customers: crm/customers.csv
  monthly: crm/monthly.csv
  credit: {outlook_default: 50}
  segments:
    matrix:
      high: {good: [champion, premium], fair: [hold, premium], poor: [fix, standard]}
      medium: {good: [grow, enhanced], fair: [core, standard], poor: [risk, standard]}
      low: {good: [small, basic], fair: [small, basic], poor: [watch, basic]}
"""

KEYWORDS_B = dict(
    rfm_edges={"monetary": [1e5, 1e6, 1e7, 5e7]},
    value_levels={"high": 70, "medium": 40, "low": 0},
    indicators={"arrears_months": {"weight": 0.3, "best": 0, "worst": 2},
                "breaches": {"weight": 0.1, "worst": 5}},
    outlook_default=55, alert_baseline="previous", alert_previous_months=2,
    alert_threshold="25%", alert_recent_months=3)


@pytest.fixture(scope="module")
def variants(sample):
    """The two variant configs beside the sample, and an expected.csv: the
    records' energy with +-8 % noise and a few gaps."""
    monthly = pd.read_csv(sample / "crm" / "monthly.csv")
    rng = np.random.default_rng(7)
    exp = monthly[["customer_id", "month"]].copy()
    exp["expected_kwh"] = (monthly["energy_kwh"] * rng.normal(1.0, 0.08, len(monthly))).round(1)
    exp.loc[rng.random(len(exp)) < 0.03, "expected_kwh"] = np.nan
    exp.to_csv(sample / "crm_expected.csv", index=False)
    (sample / "customers_variant_a.yaml").write_text(VARIANT_A)
    (sample / "customers_variant_b.yaml").write_text(VARIANT_B)
    (sample / "customers_variant_c.yaml").write_text(VARIANT_C)
    return {v: sample / f"customers_variant_{v}.yaml" for v in "abc"}


def run_lfc(lfc, config, out):
    r = subprocess.run([lfc, "customers", "--config", str(config), "--out", str(out),
                        "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def assert_same_files(a, b):
    for name in FILES:
        assert filecmp.cmp(a / name, b / name, shallow=False), name


@pytest.fixture(scope="module")
def lfc_sample(lfc, sample, tmp_path_factory):
    return run_lfc(lfc, sample / "project.yaml", tmp_path_factory.mktemp("lfc_sample"))


@pytest.fixture
def cs(sample):
    crm = sample / "crm"
    with lf.CustomerSet(crm / "customers.csv", crm / "monthly.csv", crm / "payments.csv") as s:
        yield s


# ---- byte-identical to lfc customers -------------------------------------------------------


def test_config_evaluation_writes_lfcs_files(lfc_sample, sample, tmp_path):
    with lf.evaluate_customers_config(sample / "project.yaml") as ev:
        paths = ev.write(tmp_path / "py")
    assert sorted(p.split("/")[-1] for p in paths.values()) == sorted(FILES)
    assert_same_files(lfc_sample, tmp_path / "py")


@pytest.mark.parametrize("variant", ["a", "b"])
def test_variant_through_the_config_is_lfcs(lfc, variants, variant, tmp_path):
    run_lfc(lfc, variants[variant], tmp_path / "lfc")
    with lf.Config(variants[variant]) as cfg:
        ev = lf.evaluate_customers_config(cfg)
    assert not ev.closed          # the config's section was copied: it may go
    ev.write(tmp_path / "py")
    assert_same_files(tmp_path / "lfc", tmp_path / "py")


@pytest.mark.parametrize("variant,keywords,expected",
                         [("a", KEYWORDS_A, "crm_expected.csv"), ("b", KEYWORDS_B, None)])
def test_variant_through_the_keywords_is_lfcs(lfc, variants, sample, cs, variant, keywords,
                                              expected, tmp_path):
    """Each crm key as a keyword gives what the config gives (the AHP matrix
    completed from its upper triangle as the config completes it)."""
    run_lfc(lfc, variants[variant], tmp_path / "lfc")
    keywords = dict(keywords)
    if "ahp" in keywords:
        keywords["ahp"] = lf.ahp_complete(keywords["ahp"])
    exp = None if expected is None else sample / expected
    with lf.evaluate_customers(cs, exp, **keywords) as ev:
        ev.write(tmp_path / "py")
    assert_same_files(tmp_path / "lfc", tmp_path / "py")


def test_expected_as_a_dataframe_is_the_file(variants, sample, cs, tmp_path):
    table = cs.expected_from_csv(sample / "crm_expected.csv")
    keywords = dict(KEYWORDS_A, ahp=lf.ahp_complete(UPPER))
    with lf.evaluate_customers(cs, sample / "crm_expected.csv", **keywords) as a, \
            lf.evaluate_customers(cs, table.iloc[:, ::-1], **keywords) as b:   # any order
        a.write(tmp_path / "a")
        b.write(tmp_path / "b")
    assert_same_files(tmp_path / "a", tmp_path / "b")


def test_settings_round_trip(variants, cs, tmp_path):
    """An evaluation's settings passed back make the same evaluation, and the
    defaults passed explicitly are the defaults."""
    with lf.evaluate_customers_config(variants["a"]) as ev:
        settings = ev.settings
        ev.write(tmp_path / "config")
    with lf.evaluate_customers(cs, variants["a"].parent / "crm_expected.csv", **settings) as ev:
        ev.write(tmp_path / "settings")
    assert_same_files(tmp_path / "config", tmp_path / "settings")
    with lf.evaluate_customers(cs, outlook_default=60) as a, \
            lf.evaluate_customers(cs, **dict(lf.evaluation_defaults(), outlook_default=60)) as b:
        a.write(tmp_path / "a")
        b.write(tmp_path / "b")
    assert_same_files(tmp_path / "a", tmp_path / "b")


def test_config_keyword_is_the_base_and_keywords_go_over_it(sample, cs, tmp_path, lfc_sample):
    with lf.Config(sample / "project.yaml") as cfg:
        with lf.evaluate_customers(cs, config=cfg) as ev:
            ev.write(tmp_path / "same")
        with lf.evaluate_customers(cs, config=cfg, a_share=0.5) as ev:
            assert ev.settings["a_share"] == 0.5
            assert ev.settings["outlook_default"] == 65        # the config's
            assert (ev.customers["abc"] == "A").sum() < 36     # the sample's count at 0.8
    assert_same_files(lfc_sample, tmp_path / "same")


def test_keywords_are_the_settings():
    """evaluate_customers' keywords are exactly the spec's table (no keyword
    forgotten in the signature or in the table)."""
    import inspect
    params = inspect.signature(lf.evaluate_customers).parameters
    keywords = [p for p in params if params[p].kind is inspect.Parameter.KEYWORD_ONLY]
    assert keywords == ["config"] + list(lf.evaluation_defaults())


# ---- the DataFrames against the files --------------------------------------------------------


@pytest.fixture(scope="module")
def sample_eval(sample):
    ev = lf.evaluate_customers_config(sample / "project.yaml")
    yield ev
    ev.close()


def read_csv(path):
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def assert_frame_matches_csv(frame, csv):
    """Numbers to the file's 10 significant digits, text and flags exactly."""
    assert list(frame.columns) == list(csv.columns)
    for col in frame.columns:
        ours, theirs = frame[col], csv[col]
        if ours.dtype == bool:
            ours = ours.astype(int)
        if pd.api.types.is_numeric_dtype(ours) and pd.api.types.is_numeric_dtype(theirs):
            np.testing.assert_allclose(ours.to_numpy(float), theirs.to_numpy(float),
                                       rtol=1e-9, atol=0, equal_nan=True, err_msg=col)
        else:
            assert ours.fillna("").astype(str).tolist() == \
                theirs.fillna("").astype(str).tolist(), col


def test_customers_frame_is_the_csv(sample_eval, lfc_sample):
    frame = sample_eval.customers
    assert frame.index.name == "id" and len(frame) == 200
    assert frame["no_energy_history"].dtype == bool     # beyond the file
    frame = frame.drop(columns="no_energy_history").reset_index()
    frame["recency_days"] = frame["recency_days"].replace(np.inf, np.nan)  # empty in the file
    frame["rfm"] = frame["rfm"].astype(int)                                 # a number to pandas
    assert_frame_matches_csv(frame, read_csv(lfc_sample / "customers_eval.csv"))


def test_pareto_alerts_tiers_are_the_csvs(sample_eval, lfc_sample):
    pareto = sample_eval.pareto
    assert (pareto["share_before"].iloc[1:].to_numpy() == pareto["profit_share"].iloc[:-1]
            .to_numpy()).all()
    assert_frame_matches_csv(pareto.drop(columns="share_before").reset_index(),
                             read_csv(lfc_sample / "customers_pareto.csv"))
    alerts = sample_eval.alerts.reset_index()
    assert alerts["month"].dtype == "period[M]"
    alerts["month"] = alerts["month"].astype(str)
    assert_frame_matches_csv(alerts, read_csv(lfc_sample / "customers_alerts.csv"))
    tiers = read_csv(lfc_sample / "customers_tiers.csv")
    assert sample_eval.tiers.fillna("").tolist() == tiers["tier"].fillna("").tolist()
    assert sample_eval.tiers.isna().sum() == sample_eval.customers["protected"].sum() > 0


def test_other_views(sample_eval, sample):
    ev = sample_eval
    assert ev.evaluated.isoformat() == "2024-12-31" and len(ev) == 200
    assert [str(ev.window[0]), str(ev.window[-1]), len(ev.window)] == ["2024-01", "2024-12", 12]
    assert ev.credit_weights.to_dict() == lf.credit_indicators()["weight"].to_dict()
    assert ev.ahp is None
    assert ev.rfm_edges == {"recency_days": None, "frequency": None, "monetary": None}
    credit = ev.credit
    customers = ev.customers
    np.testing.assert_allclose(credit["credit_score"], customers["credit_score"])
    np.testing.assert_allclose(credit["industry_outlook"], customers["industry_outlook"])
    # each score is the linear rule on the input the rating used
    days = credit["mean_days_late"]
    np.testing.assert_allclose(credit["mean_days_late_score"],
                               np.clip(100 * (days - 30) / (0 - 30), 0, 100))
    assert ev.customer_set.closed is False
    assert "200 customers" in repr(ev)


def test_ahp_weights_of_an_evaluation(variants):
    with lf.evaluate_customers_config(variants["a"]) as ev:
        ahp, weights = ev.ahp, ev.credit_weights
    own = lf.ahp_weights(lf.ahp_complete(UPPER))
    np.testing.assert_allclose(ahp.weights.to_numpy(), own.weights.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(weights.to_numpy(), own.weights.to_numpy(), rtol=1e-12)
    assert list(ahp.weights.index) == list(lf.credit_indicators().index)
    assert ahp.consistent and ahp.cr < 0.1


def test_to_csv_and_to_json_are_the_writers(sample_eval, lfc_sample, tmp_path):
    for table, name in [("customers", "customers_eval.csv"), ("pareto", "customers_pareto.csv"),
                        ("alerts", "customers_alerts.csv"), ("tiers", "customers_tiers.csv")]:
        sample_eval.to_csv(tmp_path / name, table)
        assert filecmp.cmp(tmp_path / name, lfc_sample / name, shallow=False), table
    sample_eval.to_json(tmp_path / "x.json")
    assert filecmp.cmp(tmp_path / "x.json", lfc_sample / "customers.json", shallow=False)


# ---- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("keywords,message", [
    ({"window_months": -1}, "window_months must be an int >= 0"),
    ({"window_months": 1.5}, "window_months must be an int >= 0"),
    ({"a_share": "many"}, "a_share 'many' is not a share"),
    ({"cost_per_kwh": [0.6]}, "cost_per_kwh must be a mapping"),
    ({"cost_per_kwh": {}}, "cost_per_kwh needs 1 to 8 entries, got 0"),
    ({"key_rules": [{"min_kv": 35}]}, "key_rules[0] needs a name"),
    ({"key_rules": [{"name": "x", "min_volts": 35}]}, "key_rules[0] has the key 'min_volts'"),
    ({"key_rules": [{"name": "x" * 60, "min_kv": 35}]}, "is 60 bytes; at most 47"),
    ({"rfm_edges": {"recency": [1]}}, "rfm_edges has the key 'recency'"),
    ({"rfm_edges": {"frequency": list(range(1, 11))}}, "needs 1 to 8 edges, got 10"),
    ({"value_weights": {"nature": 1.0}}, "needs all three"),
    ({"indicators": {"payments": {"weight": 0.1}}}, "indicators has 'payments'"),
    ({"indicators": {"industry_outlook": {"best": 90}}}, "best and worst do not apply"),
    ({"indicators": {"breaches": {"kind": "given"}}}, "its kind cannot change"),
    ({"ahp": np.ones((5, 5))}, "ahp must be a 6 x 6 matrix"),
    ({"ahp": np.ones((6, 6)), "indicators": {"breaches": {"weight": 0.2}}},
     "remove one of them"),
    ({"grades": {"A": 50, "F": 0}}, "credit grade 'F' has no settlement rule"),
    ({"grades": {"A": 50, "F": 0}, "settlement": {"A": (30, 0), "F": (10, 1)}},
     "credit grade 'F' is in none of the credit groups"),
    ({"settlement": {"AAA": {"cycle_days": 30.5}}}, "cycle_days must be an int"),
    ({"settlement": {"AAA": {"deposit_cycles": 1}}}, "needs cycle_days"),
    ({"credit_groups": {"good": ["AAA", "AA", "A"], "bad": ["BBB", "BB", "B", "C"]}},
     "credit group 'bad' have no segment"),
    ({"value_levels": {"gold": 50, "lead": 0}}, "value level 'gold' and credit group"),
    ({"segment_matrix": {"high": {}}}, "segment_matrix has no row for value level 'medium'"),
    ({"segment_matrix": {"top": {}}}, "segment_matrix has the row 'top', not a value level"),
    ({"tiers": "general"}, "tiers must be a list"),
    ({"tier_rules": [{"credit": "poor"}]}, "tier_rules[0] needs a tier"),
    ({"tier_rules": [{"tier": "general", "size": "big"}]}, "has the key 'size'"),
    ({"alert_baseline": "lastyear"}, "alert_baseline 'lastyear' is not one of last_year, "
                                     "previous, expected"),
    ({"alert_measure": 3}, "alert_measure must be a string"),
    ({"evaluated": ["2024-01-01", "2024-02-01"]}, "evaluated must be one date"),
    ({"evaluated": "2024-13-01"}, "2024-13-01"),
])
def test_bad_keywords_raise_argument_error_before_c(cs, keywords, message):
    with pytest.raises(lf.ArgumentError) as e:
        lf.evaluate_customers(cs, outlook_default=60, **keywords)
    assert message in str(e.value)


@pytest.mark.parametrize("keywords,error,message", [
    ({}, lf.InputError, "customer C001 (industry 'steel') has no industry outlook"),
    ({"outlook_default": 60, "evaluated": "2025-03-01"}, lf.ArgumentError,
     "the evaluation date 2025-03-01 is outside the monthly records (2023-01-01 .. "
     "2024-12-31)"),
    ({"outlook_default": 60, "window_months": 0}, lf.ArgumentError, "at least 1 month"),
    ({"outlook_default": 60, "a_share": 0.9, "b_share": 0.8}, lf.ArgumentError, "0 < A <= B"),
    ({"outlook_default": 60, "ahp": np.ones((6, 6)) * 2}, lf.ArgumentError,
     "credit weights: AHP matrix cell (1, 1) is 2; the diagonal must be 1"),
    ({"outlook_default": 60, "ahp": INCONSISTENT}, lf.ArgumentError,
     "credit weights: the AHP matrix is not consistent enough: CR = 0.5030"),
    ({"outlook_default": 60, "value_weights": {"nature": 0.5, "current": 0.5,
                                               "potential": 0.5}}, lf.ArgumentError,
     "sum to 1.5, not 1"),
    ({"outlook_default": 60, "indicators": {"breaches": {"weight": 0.5}}}, lf.ArgumentError,
     "the credit indicator weights sum to 1.35, not 1"),
    ({"outlook_default": 60, "cost_per_kwh": {5: 0.5}}, lf.ArgumentError,
     "the first cost band starts at 5 kV"),
    ({"outlook_default": 60, "key_rules": [{"name": "nothing"}]}, lf.ArgumentError,
     "key-account rule 'nothing' sets no condition"),
    ({"outlook_default": 60, "rfm_edges": {"frequency": [3, 2]}}, lf.ArgumentError,
     "frequency edge 2 is 2 after 3"),
    ({"outlook_default": 60, "tiers": ["a", "A"]}, lf.ArgumentError, "segment spec: tiers"),
    ({"outlook_default": 60, "tier_rules": [{"tier": "gneral"}]}, lf.ArgumentError,
     "(did you mean 'general'?)"),
    ({"outlook_default": 60, "alert_threshold": 0}, lf.ArgumentError,
     "alert threshold 0 must be a number above 0"),
    ({"outlook_default": 60, "outlook": {"steel": 140}}, lf.InputError,
     "customer C001: credit indicator 'industry_outlook' is a score given as 140"),
    ({"outlook_default": 60, "alert_baseline": "expected"}, lf.ArgumentError,
     "baseline expected needs the expected energy"),
    ({"outlook_default": 60, "nature": {"commercial": 70}}, lf.InputError,
     "customer 'C001' has class 'large_industry', which the nature table does not score"),
])
def test_values_are_checked_by_c(cs, keywords, error, message):
    with pytest.raises(error) as e:
        lf.evaluate_customers(cs, **keywords)
    assert message in str(e.value)


def test_unknown_keyword_is_a_type_error(cs, sample):
    with pytest.raises(TypeError):
        lf.evaluate_customers(cs, window=12)
    with pytest.raises(TypeError, match="'windows'"):
        lf.evaluate_customers_config(sample / "project.yaml", windows=3)


def test_wrong_arguments(cs, sample, tmp_path):
    with pytest.raises(lf.ArgumentError, match="customers must be a CustomerSet"):
        lf.evaluate_customers("crm/customers.csv")
    with pytest.raises(lf.ArgumentError, match="config must be a libforecast.Config"):
        lf.evaluate_customers(cs, config=str(sample / "project.yaml"))
    with pytest.raises(lf.ArgumentError, match="expected has customer 'X1', not among"):
        lf.evaluate_customers(cs, pd.DataFrame({"X1": [1.0]}, index=pd.PeriodIndex(
            ["2024-01"], freq="M")), outlook_default=60)
    with pytest.raises(lf.ArgumentError, match="expected has month 2025-01, outside"):
        lf.evaluate_customers(cs, pd.DataFrame({"C001": [1.0]}, index=pd.PeriodIndex(
            ["2025-01"], freq="M")), outlook_default=60)
    with pytest.raises(lf.ArgumentError, match=r"expected\['C001'\] must hold numbers"):
        lf.evaluate_customers(cs, pd.DataFrame({"C001": ["many"]}, index=pd.PeriodIndex(
            ["2024-01"], freq="M")), outlook_default=60)
    with pytest.raises(lf.LibIOError):
        lf.evaluate_customers(cs, tmp_path / "missing.csv", outlook_default=60)
    with pytest.raises(TypeError, match="made by evaluate_customers"):
        lf.CustomerEvaluation(None, cs, None)


def test_a_config_without_crm_is_an_input_error(tmp_path):
    (tmp_path / "p.yaml").write_text("name: no crm\n")
    with pytest.raises(lf.InputError, match="no 'crm' section") as e:
        lf.evaluate_customers_config(tmp_path / "p.yaml")
    assert e.value.code == 5      # LF_ERR_CONFIG, as lfc customers
    with pytest.raises(lf.InputError, match="q.yaml:5:"):
        (tmp_path / "q.yaml").write_text("name: bad\ncrm:\n  customers: x.csv\n  monthly: "
                                         "y.csv\n  window_months: 0\n")
        lf.evaluate_customers_config(tmp_path / "q.yaml")


def test_an_unwritable_file_is_a_lib_io_error(sample_eval, tmp_path):
    with pytest.raises(lf.LibIOError):
        sample_eval.to_csv(tmp_path / "no" / "such" / "dir" / "x.csv")
    with pytest.raises(lf.ArgumentError, match="table 'json' is not one of"):
        sample_eval.to_csv(tmp_path / "x.csv", "json")


# ---- ownership ------------------------------------------------------------------------------


def test_close_and_with(cs):
    ev = lf.evaluate_customers(cs, outlook_default=60)
    with ev:
        assert len(ev.customers) == 200
    assert ev.closed and not cs.closed           # the caller's set stays open
    for use in (lambda: ev.customers, lambda: ev.pareto, lambda: ev.alerts, lambda: ev.settings,
                lambda: ev.to_json("x.json"), lambda: len(ev), lambda: ev.evaluated):
        with pytest.raises(lf.ClosedError, match="CustomerEvaluation is closed"):
            use()
    ev.close()                                     # a second close does nothing
    assert repr(ev) == "<CustomerEvaluation (closed)>"


def test_a_closed_set_makes_its_evaluation_raise(sample):
    crm = sample / "crm"
    cs = lf.CustomerSet(crm / "customers.csv", crm / "monthly.csv", crm / "payments.csv")
    ev = lf.evaluate_customers(cs, outlook_default=60)
    frame = ev.customers
    cs.close()
    with pytest.raises(lf.ClosedError, match="CustomerSet is closed"):
        ev.customers
    with pytest.raises(lf.ClosedError, match="CustomerSet is closed"):
        ev.to_csv("never.csv")
    assert len(frame) == 200                       # a copy, still there
    ev.close()


def test_config_evaluation_owns_its_set(sample):
    ev = lf.evaluate_customers_config(sample / "project.yaml")
    s = ev.customer_set
    ev.close()
    assert s.closed


def test_garbage_collection_frees(sample):
    ev = lf.evaluate_customers_config(sample / "project.yaml")
    fin_ev, fin_set = ev._finalizer, ev.customer_set._finalizer
    del ev
    gc.collect()
    assert not fin_ev.alive and not fin_set.alive


def test_failed_config_evaluation_closes_the_set_it_read(sample, monkeypatch):
    made = []

    class Spy(_customers_eval.CustomerSet):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)
    monkeypatch.setattr(_customers_eval, "CustomerSet", Spy)
    with pytest.raises(lf.ArgumentError):
        lf.evaluate_customers_config(sample / "project.yaml", evaluated="2030-01-01")
    assert made and made[0].closed


# ---- how keywords combine with their base, as the config reader combines them ---------------


def test_measure_z_defaults_to_a_threshold_of_3(cs):
    """customer_segment.h's default for z (the config's), not percent's 0.30."""
    with lf.evaluate_customers(cs, outlook_default=60, alert_measure="z") as ev:
        assert ev.settings["alert_threshold"] == 3
    with lf.evaluate_customers(cs, outlook_default=60, alert_measure="z",
                               alert_threshold=2.5) as ev:
        assert ev.settings["alert_threshold"] == 2.5
    with lf.evaluate_customers(cs, outlook_default=60, alert_measure="percent") as ev:
        assert ev.settings["alert_threshold"] == 0.3


def test_renamed_levels_take_their_cells_from_the_base_by_name(variants, cs):
    """New value levels without segment_matrix: each cell by level and group
    name from the base (the config's matrix), else from the defaults."""
    with lf.Config(variants["a"]) as cfg:
        ev = lf.evaluate_customers(cs, variants["a"].parent / "crm_expected.csv", config=cfg,
                                   value_levels={"top": 80, "base": 0})
    matrix = ev.settings["segment_matrix"]
    assert matrix == {"top": {"good": ("star", "premium"), "weak": ("watch-top", "standard")},
                      "base": {"good": ("small", "basic"), "weak": ("watch", "basic")}}
    assert set(ev.customers["segment"]) <= {"star", "watch-top", "small", "watch"}
    ev.close()
    with lf.evaluate_customers(cs, outlook_default=60, value_levels={"high": 50, "low": 0}) as ev:
        assert ev.settings["segment_matrix"]["low"]["poor"] == ("watch", "basic")   # default
        assert ev.settings["tier_rules"][2]["value"] == "high"
    with lf.Config(variants["c"]) as cfg:       # a name in both: the base's cell wins
        with lf.evaluate_customers(cs, config=cfg, value_levels={"high": 50, "low": 0}) as ev:
            matrix = ev.settings["segment_matrix"]
    assert matrix["high"]["good"] == ("champion", "premium")
    assert matrix["low"]["fair"] == ("small", "basic")


def test_rfm_edges_replace_the_bases_whole(variants, cs):
    """A dimension rfm_edges leaves out is scored by rank, whatever the base had."""
    with lf.Config(variants["a"]) as cfg:
        ev = lf.evaluate_customers(cs, variants["a"].parent / "crm_expected.csv", config=cfg,
                                   rfm_edges={"monetary": [1e6]})
    assert ev.rfm_edges == {"recency_days": None, "frequency": None, "monetary": [1e6]}
    assert set(ev.customers["m"]) == {1, 2}
    ev.close()


def test_a_labelled_ahp_matrix_is_put_in_the_indicators_order(cs, tmp_path):
    full = lf.ahp_complete(UPPER)
    names = list(lf.credit_indicators().index)
    shuffled = pd.DataFrame(full, index=names, columns=names).iloc[::-1, ::-1]
    with lf.evaluate_customers(cs, outlook_default=60, ahp=full) as a, \
            lf.evaluate_customers(cs, outlook_default=60, ahp=shuffled) as b:
        np.testing.assert_array_equal(a.credit_weights, b.credit_weights)
        assert a.settings["ahp"].equals(b.settings["ahp"])
