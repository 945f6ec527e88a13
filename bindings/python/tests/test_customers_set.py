"""CustomerSet: the CRM records read by lf_customers_load, checked against the
CSV files themselves (read with pandas), and its errors."""
import gc

import numpy as np
import pandas as pd
import pytest

import libforecast as lf


@pytest.fixture(scope="module")
def crm(sample):
    return sample / "crm"


@pytest.fixture
def cs(crm):
    with lf.CustomerSet(crm / "customers.csv", crm / "monthly.csv", crm / "payments.csv") as s:
        yield s


def test_customers_are_the_file(cs, crm):
    raw = pd.read_csv(crm / "customers.csv", keep_default_na=False)
    frame = cs.customers
    assert len(cs) == len(raw) == 200 and list(frame.index) == raw["id"].tolist()
    assert list(cs.ids) == raw["id"].tolist()
    assert frame["name"].tolist() == raw["name"].tolist()
    assert frame["class"].tolist() == raw["class"].tolist()
    np.testing.assert_array_equal(frame["voltage_kv"], raw["voltage_kv"].astype(float))
    assert frame["protected"].tolist() == (raw["protected"] == "yes").tolist()
    assert frame["dedicated_line"].tolist() == (raw["dedicated_line"] == "yes").tolist()
    # empty cells: the defaults of customers.h (0, NaN for the outlook, 1 for correction)
    number = lambda col, empty: pd.to_numeric(raw[col].replace("", empty)).to_numpy(float)
    for col, empty in [("breaches", 0), ("industry_outlook", np.nan), ("arrears_cny", 0),
                       ("potential_kwh", 0), ("correction", 1)]:
        np.testing.assert_array_equal(frame[col], number(col, empty), err_msg=col)
    assert frame["industry_outlook"].notna().sum() == 8      # given for eight customers
    assert frame.loc["C001", "load_file"].endswith("customers/C001.csv")
    assert frame.loc["C004", "load_file"] == ""
    assert frame["line"].tolist() == list(range(2, 202))     # the header is line 1
    assert cs.source.endswith("customers.csv")


def test_energy_and_bills_are_the_file(cs, crm):
    raw = pd.read_csv(crm / "monthly.csv")
    raw["month"] = pd.PeriodIndex(raw["month"], freq="M")
    assert cs.months.equals(pd.period_range("2023-01", "2024-12", freq="M", name="month"))
    for col, frame in (("energy_kwh", cs.energy), ("bill_cny", cs.bills)):
        wide = raw.pivot(index="month", columns="customer_id", values=col)
        wide = wide.reindex(index=cs.months, columns=cs.ids)
        np.testing.assert_array_equal(frame.to_numpy(), wide.to_numpy())
        assert frame.index.equals(cs.months) and list(frame.columns) == list(cs.ids)
    one = cs.monthly("C002")
    np.testing.assert_array_equal(one["energy_kwh"], cs.energy["C002"])
    np.testing.assert_array_equal(one["bill_cny"], cs.bills["C002"])
    assert list(one.columns) == ["energy_kwh", "bill_cny"]


def test_payments_are_the_file_by_due_date(cs, crm):
    raw = pd.read_csv(crm / "payments.csv", parse_dates=["due_date", "paid_date"])
    all_ = cs.payments()
    assert len(all_) == len(raw)
    mine = raw[raw["customer_id"] == "C001"].sort_values("due_date", kind="stable")
    one = cs.payments("C001")
    assert list(one.columns) == ["customer_id", "due_date", "paid_date", "amount_cny"]
    assert one["due_date"].tolist() == mine["due_date"].tolist()
    assert one["paid_date"].tolist() == mine["paid_date"].tolist()
    np.testing.assert_array_equal(one["amount_cny"], mine["amount_cny"])
    unpaid = raw["paid_date"].isna().sum()
    assert all_["paid_date"].isna().sum() == unpaid
    # grouped in the set's order
    order = {c: k for k, c in enumerate(cs.ids)}
    assert all_["customer_id"].map(order).is_monotonic_increasing


def test_totals_sum_the_months(cs):
    energy, bills = cs.energy, cs.bills
    all_ = cs.totals()
    np.testing.assert_allclose(all_["kwh"], energy.sum(), rtol=1e-12)
    np.testing.assert_allclose(all_["bill_cny"], bills.sum(), rtol=1e-12)
    assert all_["months"].tolist() == energy.notna().sum().tolist()
    year = cs.totals("2024-01", 12)
    np.testing.assert_allclose(year["kwh"], energy.loc["2024-01":"2024-12"].sum(), rtol=1e-12)
    cut = cs.totals("2024-07", 100)          # past the last month: cut there
    np.testing.assert_allclose(cut["kwh"], energy.loc["2024-07":].sum(), rtol=1e-12)
    assert cs.totals("2024-07", 0)["kwh"].eq(0).all()


def test_find_and_contains(cs):
    assert cs.find("C001") == 0 and cs.find("C200") == 199
    assert cs.find("c001") is None                 # ids match exactly
    assert "C010" in cs and "nobody" not in cs and 7 not in cs
    assert cs.month_index("2024-12") == 23 and cs.month_index(pd.Period("2023-01", "M")) == 0
    with pytest.raises(lf.ArgumentError, match="month 2025-01 is outside the set's months "
                                              r"\(2023-01 .. 2024-12\)"):
        cs.month_index("2025-01-15")
    with pytest.raises(lf.ArgumentError, match="no customer 'C999'"):
        cs.monthly("C999")
    with pytest.raises(lf.ArgumentError, match="customer_id must be a string"):
        cs.find(1)
    with pytest.raises(lf.ArgumentError, match="months must be an int >= 0"):
        cs.totals("2024-01", -1)


def test_expected_from_csv(cs, tmp_path):
    (tmp_path / "e.csv").write_text("customer_id,month,expected_kwh\nC002,2024-03,123.5\n"
                                    "C001,2023-01,\n")
    exp = cs.expected_from_csv(tmp_path / "e.csv")
    assert exp.shape == (24, 200)
    assert exp.loc["2024-03", "C002"] == 123.5 and exp.notna().sum().sum() == 1
    np.testing.assert_array_equal(cs.aligned(exp, "x"), exp.to_numpy().T)
    (tmp_path / "bad.csv").write_text("customer_id,month,expected_kwh\nC002,2030-03,1\n")
    with pytest.raises(lf.InputError, match="bad.csv:2:"):
        cs.expected_from_csv(tmp_path / "bad.csv")


def test_without_monthly_and_payments(crm):
    with lf.CustomerSet(crm / "customers.csv") as cs:
        assert len(cs) == 200 and len(cs.months) == 0
        assert cs.energy.shape == (0, 200) and len(cs.payments()) == 0
        assert cs.monthly("C001").empty
        assert "no months" in repr(cs)


def test_load_errors(crm, tmp_path):
    with pytest.raises(lf.LibIOError):
        lf.CustomerSet(tmp_path / "none.csv")
    (tmp_path / "c.csv").write_text("id,name,class,voltage_kv,capacity_kva,colour\n"
                                    "A,a,commercial,10,100,red\n")
    with pytest.raises(lf.InputError, match="c.csv:1:") as e:
        lf.CustomerSet(tmp_path / "c.csv")
    assert "colour" in str(e.value)
    (tmp_path / "m.csv").write_text("customer_id,month,energy_kwh,bill_cny\nZ9,2024-01,1,1\n")
    with pytest.raises(lf.InputError, match="m.csv:2:.*Z9"):
        lf.CustomerSet(crm / "customers.csv", tmp_path / "m.csv")
    with pytest.raises(lf.ArgumentError, match="customers must be a str or os.PathLike"):
        lf.CustomerSet(3)
    with pytest.raises(lf.ArgumentError, match="NUL"):
        lf.CustomerSet("a\0b.csv")


def test_close_with_gc(crm):
    cs = lf.CustomerSet(crm / "customers.csv")
    ids = cs.ids
    cs.close()
    cs.close()
    assert cs.closed and repr(cs) == "<CustomerSet (closed)>" and len(ids) == 200
    for use in (lambda: len(cs), lambda: cs.customers, lambda: cs.find("C001"),
                lambda: cs.energy, lambda: cs.payments(), lambda: cs.totals()):
        with pytest.raises(lf.ClosedError, match="CustomerSet is closed"):
            use()
    fin = lf.CustomerSet(crm / "customers.csv")._finalizer
    gc.collect()
    assert not fin.alive
