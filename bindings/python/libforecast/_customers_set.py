"""CustomerSet: the CRM's records (customers.h) read by lf_customers_load and
held as a handle, with pandas views of them: the customers, their monthly
energy and bills by month, their payments, totals over months, and the
expected energy of expected.csv aligned with the set.

Every view is a copy made when asked for (valid after close); the set
itself is freed by close(), a ``with`` block or garbage collection.
"""
import ctypes
import os

import numpy as np
import pandas as pd

from . import _c_credit as TC
from . import _c_customers as T
from . import _inputs as I
from ._customers_cmem import struct_array
from ._customers_tables import text
from ._handle import Handle
from ._lib import LIB, libc_free
from .dates import to_date, to_datetime64, to_lf_date, to_month
from .errors import ArgumentError, call


def month_range(first_day, nmonths):
    """The monthly PeriodIndex of nmonths months from the month of first_day."""
    if nmonths == 0:
        return pd.PeriodIndex([], freq="M", name="month")
    return pd.period_range(pd.Period(to_date(first_day), freq="M"), periods=nmonths, freq="M",
                           name="month")


def _path_or_null(path, what):
    return None if path is None else I.c_path(path, what)


CUSTOMER_COLUMNS = [  # (column, lf_customer field): the names of customers.csv
    ("name", "name"), ("class", "class_name"), ("industry", "industry"),
    ("voltage_kv", "voltage_kv"), ("capacity_kva", "capacity_kva"),
    ("dedicated_line", "dedicated_line"), ("protected", "is_protected"),
    ("breaches", "breaches"), ("industry_outlook", "industry_outlook"),
    ("arrears_cny", "arrears"), ("potential_kwh", "potential_kwh"),
    ("correction", "correction"), ("load_file", "load_file"), ("line", "line"),
]


class CustomerSet(Handle):
    """The customer records of a CRM export (lf_customers_load): customers.csv,
    and optionally monthly.csv (energy and bills) and payments.csv.

    Errors: InputError with the C message "file:line:column: ..." for a bad
    row, LibIOError for a file that cannot be read.  The C memory is freed by
    close(), a ``with`` block or garbage collection; use after close() raises
    ClosedError.  Every DataFrame it returns is a copy.

    >>> import libforecast as lf
    >>> crm = "datasets/sample/crm/"
    >>> with lf.CustomerSet(crm + "customers.csv", crm + "monthly.csv",
    ...                     crm + "payments.csv") as cs:
    ...     print(len(cs), cs.months[0], cs.months[-1], cs.find("C003"))
    ...     print(cs.customers.loc["C003", ["class", "voltage_kv", "protected"]].tolist())
    ...     print(cs.monthly("C001").loc["2024-12", "energy_kwh"])
    200 2023-01 2024-12 2
    ['public', 10.0, True]
    43427362.55
    """

    def __init__(self, customers, monthly=None, payments=None):
        out = ctypes.POINTER(T.CustomerSet)()
        call(LIB.lf_customers_load, I.c_path(customers, "customers"),
             _path_or_null(monthly, "monthly"), _path_or_null(payments, "payments"),
             ctypes.byref(out))
        super().__init__(out, LIB.lf_customer_set_free)

    def _s(self):
        return self._ptr().contents

    def __len__(self):
        return self._s().n

    def __contains__(self, customer_id):
        return isinstance(customer_id, str) and self.find(customer_id) is not None

    def __repr__(self):
        if self.closed:
            return "<CustomerSet (closed)>"
        m = self.months
        span = f"{m[0]} .. {m[-1]}" if len(m) else "no months"
        return f"<CustomerSet {len(self)} customers, {span}, from {self.source}>"

    @property
    def source(self):
        """The customers file as read."""
        return os.fsdecode(self._s().source)

    @property
    def ids(self):
        """The customers' ids in file order, a pandas Index."""
        s = self._s()
        return pd.Index([text(s.customers[i].id) for i in range(s.n)], name="id")

    @property
    def months(self):
        """The set's months (first to last month of monthly.csv), a PeriodIndex;
        empty without monthly records."""
        s = self._s()
        return month_range(s.first_month, s.nmonths)

    @property
    def customers(self):
        """One row per customer, indexed by id, with customers.csv's columns
        (dedicated_line and protected as bools, industry_outlook NaN when not
        given, load_file resolved or "", line: its row in the file)."""
        s = self._s()
        rows = [s.customers[i] for i in range(s.n)]
        data = {}
        for col, field in CUSTOMER_COLUMNS:
            values = [getattr(r, field) for r in rows]
            data[col] = [text(v) if isinstance(v, bytes) else v for v in values]
        for col in ("dedicated_line", "protected"):
            data[col] = np.array(data[col], dtype=bool)
        return pd.DataFrame(data, index=self.ids)

    def find(self, customer_id):
        """The position of the customer with this id (matched exactly), or None."""
        i = LIB.lf_customer_find(self._ptr(), I.c_text(customer_id, "customer_id"))
        return None if i < 0 else int(i)

    def index_of(self, customer_id):
        """The position of the customer with this id; ArgumentError when none has it."""
        i = self.find(customer_id)
        if i is None:
            raise ArgumentError(f"no customer '{customer_id}' in {self.source} "
                                f"({len(self)} customers)")
        return i

    def _matrix(self, field):
        """n x nmonths of energy or bills as a DataFrame months x ids (a copy)."""
        s = self._s()
        ptr = getattr(s, field)
        values = (np.ctypeslib.as_array(ptr, shape=(s.n, s.nmonths)).T.copy()
                  if s.nmonths and s.n and ptr else np.empty((s.nmonths, s.n)))
        return pd.DataFrame(values, index=self.months, columns=self.ids)

    @property
    def energy(self):
        """Monthly energy, kWh: a DataFrame months x customer ids (NaN missing)."""
        return self._matrix("energy_kwh")

    @property
    def bills(self):
        """Monthly bills (currency): a DataFrame months x customer ids (NaN missing)."""
        return self._matrix("bill")

    def monthly(self, customer_id):
        """One customer's energy_kwh and bill_cny by month (lf_customer_energy,
        lf_customer_bills): a DataFrame indexed by the set's months."""
        i, months = self.index_of(customer_id), self.months
        p = self._ptr()
        columns = {}
        for col, fn in (("energy_kwh", LIB.lf_customer_energy),
                        ("bill_cny", LIB.lf_customer_bills)):
            row = fn(p, i)
            columns[col] = (np.ctypeslib.as_array(row, shape=(len(months),)).copy()
                            if row and len(months) else np.full(len(months), np.nan))
        return pd.DataFrame(columns, index=months)

    def payments(self, customer_id=None):
        """Bills and their payments (lf_customer_payments), by due date: one
        customer's, or every customer's (None) in the set's order.  Columns
        customer_id, due_date, paid_date (NaT when unpaid), amount_cny."""
        ids = self.ids
        which = range(len(ids)) if customer_id is None else [self.index_of(customer_id)]
        parts, owners = [], []
        for i in which:
            n = ctypes.c_size_t()
            ptr = LIB.lf_customer_payments(self._ptr(), i, ctypes.byref(n))
            parts.append(struct_array(ptr, n.value, TC.Payment))
            owners += [ids[i]] * n.value
        rows = np.concatenate(parts) if parts else struct_array(None, 0, TC.Payment)
        unpaid = rows["paid"] == TC.LF_PAYMENT_UNPAID
        paid = to_datetime64(np.where(unpaid, 0, rows["paid"]).astype(np.int64))
        return pd.DataFrame({
            "customer_id": pd.Series(owners, dtype=object),
            "due_date": to_datetime64(rows["due"].astype(np.int64)).astype("datetime64[ns]"),
            "paid_date": np.where(unpaid, np.datetime64("NaT"), paid).astype("datetime64[ns]"),
            "amount_cny": rows["amount"].copy()})

    def month_index(self, month):
        """The position of a month (any date in it, 'YYYY-MM', a Period) among
        the set's months; ArgumentError outside them."""
        year, mon = to_month(month, "month")
        k = LIB.lf_customer_month_index(self._ptr(), to_lf_date(f"{year:04d}-{mon:02d}-01"))
        if k < 0:
            m = self.months
            span = f"{m[0]} .. {m[-1]}" if len(m) else "none: no monthly records"
            raise ArgumentError(f"month {year:04d}-{mon:02d} is outside the set's months "
                                f"({span})")
        return int(k)

    def totals(self, first=None, months=None):
        """Each customer's kWh, bills and months with an energy value over
        ``months`` months from ``first`` (lf_customer_totals; default: all the
        set's months; a window reaching past the last month is cut there):
        a DataFrame indexed by id with columns kwh, bill_cny, months."""
        k0 = 0 if first is None else self.month_index(first)
        count = self._s().nmonths - k0 if months is None else months
        if isinstance(count, (bool, np.bool_)) or not isinstance(count, (int, np.integer)) \
                or count < 0:
            raise ArgumentError(f"months must be an int >= 0, got {months!r}")
        p, rows = self._ptr(), []
        for i in range(len(self)):
            kwh, billed, n = ctypes.c_double(), ctypes.c_double(), ctypes.c_size_t()
            LIB.lf_customer_totals(p, i, k0, int(count), ctypes.byref(kwh),
                                   ctypes.byref(billed), ctypes.byref(n))
            rows.append((kwh.value, billed.value, n.value))
        return pd.DataFrame(rows, index=self.ids, columns=["kwh", "bill_cny", "months"])

    def expected_from_csv(self, path):
        """expected.csv (customer_id, month, expected_kwh) read against the set
        (lf_customer_expected_load): a DataFrame months x ids like ``energy``,
        NaN where none is given; for evaluate_customers(expected=...) and
        usage_alerts."""
        out = ctypes.POINTER(ctypes.c_double)()
        call(LIB.lf_customer_expected_load, self._ptr(), I.c_path(path, "expected"),
             ctypes.byref(out))
        try:
            s = self._s()
            values = (np.ctypeslib.as_array(out, shape=(s.n, s.nmonths)).T.copy()
                      if s.n and s.nmonths else np.empty((s.nmonths, s.n)))
        finally:
            libc_free(out)
        return pd.DataFrame(values, index=self.months, columns=self.ids)

    def aligned(self, table, name):
        """table (months x ids, e.g. expected energy) as the n x nmonths array
        the C functions take (see align)."""
        return align(table, self.months, self.ids, name)


def align(table, months, ids, name):
    """table (a DataFrame months x ids) as a C-contiguous len(ids) x
    len(months) float64 array: its columns must be among ids and its months
    among months (ArgumentError naming the first that is not); the ids or
    months it lacks are NaN (none given)."""
    if not isinstance(table, pd.DataFrame):
        raise ArgumentError(f"{name} must be a DataFrame of months x customer ids (as "
                            f"expected_from_csv gives), not {type(table).__name__}")
    idx = I.month_index(table, name)
    if idx is None:
        raise ArgumentError(f"{name} must be indexed by months (a monthly PeriodIndex or a "
                            "DatetimeIndex)")
    outside = idx[~idx.isin(months)]
    if len(outside):
        span = f"{months[0]} .. {months[-1]}" if len(months) else "none"
        raise ArgumentError(f"{name} has month {outside[0]}, outside the months ({span})")
    known = set(ids)
    unknown = [c for c in table.columns if c not in known]
    if unknown:
        raise ArgumentError(f"{name} has customer '{unknown[0]}', not among the customers")
    if table.columns.has_duplicates:
        raise ArgumentError(f"{name} names customer "
                            f"'{table.columns[table.columns.duplicated()][0]}' twice")
    numbers = {c: I.as_doubles(table[c], f"{name}['{c}']") for c in table.columns}
    frame = pd.DataFrame(numbers, index=idx).reindex(index=months, columns=ids)
    return np.ascontiguousarray(frame.to_numpy(dtype=np.float64).T)
