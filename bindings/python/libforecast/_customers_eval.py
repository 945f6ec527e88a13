"""The whole customer evaluation (customer_eval.h): evaluate_customers() over a
CustomerSet, evaluate_customers_config() as `lfc customers --config` makes
it, and CustomerEvaluation, the lf_customer_eval it returns.

The evaluation keeps what the C writers need besides the result: the set it
was made of and its own copy of the spec (lf_segment's names point into the
spec, and every writer takes it).  Closing the set before the evaluation
makes the evaluation's use raise ClosedError, naming the set.
"""
import ctypes
import os

from . import _c_core as TK
from . import _c_customers as T
from . import _customers_frames as F
from . import _customers_spec as S
from . import _inputs as I
from ._credit import ahp_of
from ._customers_alerts import alerts_frame
from ._customers_set import CustomerSet, text
from ._handle import Handle
from ._lib import LIB
from .config import Config
from .dates import to_date
from .errors import ArgumentError, InputError, call

FILES = {   # table: the file lfc customers writes it to
    "customers": "customers_eval.csv",
    "pareto": "customers_pareto.csv",
    "alerts": "customers_alerts.csv",
    "tiers": "customers_tiers.csv",
    "json": "customers.json",
}
WRITERS = {
    "customers": LIB.lf_customer_eval_write_customers,
    "pareto": LIB.lf_customer_eval_write_pareto,
    "alerts": LIB.lf_customer_eval_write_alerts,
    "tiers": LIB.lf_customer_eval_write_tiers,
    "json": LIB.lf_customer_eval_write_json,
}


def evaluation_defaults():
    """Every keyword of evaluate_customers with its default, C's
    (lf_customer_eval_spec_init): {name: value}.

    >>> import libforecast as lf
    >>> d = lf.evaluation_defaults()
    >>> d["window_months"], d["a_share"], d["alert_baseline"], d["value_levels"]
    (12, 0.8, 'last_year', {'high': 60.0, 'medium': 35.0, 'low': 0.0})
    """
    return S.settings(S.default_spec())


def crm_section(config):
    """The config's lf_config_crm (valid while config is open)."""
    if not isinstance(config, Config):
        raise ArgumentError(f"config must be a libforecast.Config, not {type(config).__name__}")
    crm = LIB.lf_config_crm_section(config._ptr())
    if not crm:
        raise InputError(TK.LF_ERR_CONFIG, f"{config.path}: no 'crm' section; see lfc help "
                                           "customers")
    return crm.contents


def _expected(cs, expected):
    """expected (None, a DataFrame months x ids, or expected.csv's path) as
    the n x nmonths array lf_customer_evaluate takes."""
    if expected is None:
        return None
    table = expected if hasattr(expected, "columns") else cs.expected_from_csv(expected)
    return cs.aligned(table, "expected")


def _evaluate(cs, expected, base, keywords, owns_set=False):
    if not isinstance(cs, CustomerSet):
        raise ArgumentError(f"customers must be a CustomerSet, not {type(cs).__name__}")
    spec = S.build_spec(base, keywords)
    exp = _expected(cs, expected)
    out = ctypes.POINTER(T.CustomerEval)()
    call(LIB.lf_customer_evaluate, cs._ptr(), None if exp is None else I.pointer(exp.ravel()),
         ctypes.byref(spec), ctypes.byref(out))
    return CustomerEvaluation(out, cs, spec, owns_set)


def evaluate_customers(customers, expected=None, *, config=None, evaluated=None,
                       window_months=None, cost_per_kwh=None, service_per_month=None,
                       a_share=None, b_share=None, pareto_share=None, key_rules=None,
                       rfm_edges=None, value_weights=None, nature=None, value_levels=None,
                       indicators=None, ahp=None, grades=None, settlement=None, outlook=None,
                       outlook_default=None, credit_groups=None, segment_matrix=None,
                       tiers=None, tier_rules=None, alert_baseline=None,
                       alert_previous_months=None, alert_measure=None, alert_threshold=None,
                       alert_recent_months=None, alert_min_history=None, alert_min_kwh=None):
    """Evaluate every customer of a CustomerSet (lf_customer_evaluate): profit,
    ABC and the Pareto curve, key accounts, RFM, the value score V, the credit
    rating and settlement advice, the segment and curtailment tier, and usage
    alerts.  A CustomerEvaluation.

    expected: the customers' expected monthly kWh (a DataFrame months x ids,
    or the path of expected.csv), for the deposit and baseline "expected".
    Every other keyword is a key of the config's crm section (config.h; see
    evaluation_defaults() for all with their values), None keeping the base:
    C's defaults, or the crm section of ``config`` (a Config).  A keyword
    replaces its part whole, but ``indicators``, which overrides by name
    ({"breaches": {"worst": 5}}), as the config does.

      evaluated (a date), window_months
      cost_per_kwh {min_kv: cost}, service_per_month, a_share, b_share
      pareto_share, key_rules [{name, min_kv, max_kv, dedicated_line,
          min_annual_kwh, min_capacity_kva}]
      rfm_edges {recency_days|frequency|monetary: [edges], left out: by rank}
      value_weights {nature, current, potential}, nature {class: score},
          value_levels {name: min_value}
      indicators, ahp (6 x 6, credit.h's order), grades {name: min_score},
          settlement {grade: {cycle_days, deposit_cycles}}, outlook
          {industry: score}, outlook_default
      credit_groups {group: [grades]}, segment_matrix {level: {group:
          (segment, service)}}, tiers [..], tier_rules [{tier, value, credit,
          class, industry}]
      alert_baseline, alert_previous_months, alert_measure, alert_threshold,
          alert_recent_months, alert_min_history, alert_min_kwh

    Shares take 0.8 or "80%".  Form errors (a wrong type, an unknown name, a
    table too long) raise ArgumentError naming the keyword before any C call;
    the rest is checked by C, whose message (naming the customer and the
    part of the spec) is raised unchanged.

    >>> import libforecast as lf
    >>> crm = "datasets/sample/crm/"
    >>> cs = lf.CustomerSet(crm + "customers.csv", crm + "monthly.csv", crm + "payments.csv")
    >>> with lf.evaluate_customers(cs, outlook_default=65, alert_min_kwh=50000) as ev:
    ...     print(ev.customers.loc["C001", ["abc", "credit_grade", "segment", "tier"]].tolist())
    ...     print(ev.customers["abc"].value_counts().to_dict())
    ['A', 'AAA', 'strategic', 'restricted']
    {'C': 107, 'B': 57, 'A': 36}
    >>> cs.close()
    """
    keywords = {k: v for k, v in locals().items() if k in S.KEYWORDS}
    base = S.copy_spec(crm_section(config).spec) if config is not None else S.default_spec()
    return _evaluate(customers, expected, base, keywords)


def evaluate_customers_config(config, **keywords):
    """The evaluation `lfc customers --config FILE` makes: the crm section's
    files read, evaluated with its settings (and keywords over them, as
    evaluate_customers takes).  config: a Config or the path of the YAML.
    The CustomerEvaluation owns the CustomerSet it read (closed with it).

    >>> import libforecast as lf
    >>> with lf.evaluate_customers_config("datasets/sample/project.yaml") as ev:
    ...     print(len(ev), ev.evaluated, ev.window[0], ev.window[-1], len(ev.alerts))
    200 2024-12-31 2024-01 2024-12 2
    """
    if isinstance(config, Config):
        return _from_config(config, keywords)
    with Config(config) as cfg:
        return _from_config(cfg, keywords)


def _from_config(cfg, keywords):
    crm = crm_section(cfg)
    cs = CustomerSet(crm.customers, crm.monthly, crm.payments)
    try:
        return _evaluate(cs, crm.expected, S.copy_spec(crm.spec), keywords, owns_set=True)
    except BaseException:
        cs.close()
        raise


class CustomerEvaluation(Handle):
    """A customer evaluation (an lf_customer_eval owned by this object), made
    by evaluate_customers() or evaluate_customers_config().

    customers, pareto, alerts, tiers and credit are DataFrames (copies);
    to_csv / to_json / write use the C writers, the files `lfc customers`
    writes.  Freed by close(), a ``with`` block or garbage collection; use
    after close() (or after its CustomerSet is closed) raises ClosedError.

    >>> import libforecast as lf
    >>> ev = lf.evaluate_customers_config("datasets/sample/project.yaml")
    >>> ev.pareto.loc[1, ["id", "abc"]].tolist(), ev.tiers["C003"]
    (['C004', 'A'], None)
    >>> ev.credit_weights["on_time_share"], ev.ahp is None
    (0.25, True)
    >>> ev.close(); ev.customer_set.closed
    True
    """

    def __init__(self, ptr, customers, spec, owns_set=False):
        if not isinstance(ptr, ctypes.POINTER(T.CustomerEval)) or not ptr:
            raise TypeError("a CustomerEvaluation is made by evaluate_customers(), not "
                            "directly")
        super().__init__(ptr, LIB.lf_customer_eval_free)
        self._set, self._spec, self._owns_set = customers, spec, owns_set

    def close(self):
        """Free the C result now (and the CustomerSet when it owns it)."""
        super().close()
        if self._owns_set:
            self._set.close()

    def _parts(self):
        """(the set's lf_customer_set, the lf_customer_eval), both open."""
        ev = self._ptr().contents
        return self._set._s(), ev

    def __len__(self):
        return self._ptr().contents.n

    def __repr__(self):
        if self.closed:
            return "<CustomerEvaluation (closed)>"
        w = self.window
        return (f"<CustomerEvaluation {len(self)} customers as of {self.evaluated}, window "
                f"{w[0]} .. {w[-1]}, {len(self.alerts)} alerts>")

    @property
    def customer_set(self):
        """The CustomerSet evaluated."""
        return self._set

    @property
    def settings(self):
        """The settings it was made with, as evaluate_customers' keywords: pass
        them back (``**ev.settings``) for the same evaluation."""
        self._ptr()
        return S.settings(self._spec)

    @property
    def evaluated(self):
        """The evaluation date, a datetime.date."""
        return to_date(self._ptr().contents.evaluated)

    @property
    def window(self):
        """The months evaluated (profit, RFM's M, value, energy CV), a PeriodIndex."""
        return F.window_months(*self._parts())

    @property
    def customers(self):
        """One row per customer, in the set's order, indexed by id: the columns
        of customers_eval.csv (profit, rank, abc, key_account, RFM, value,
        credit inputs, score, grade, settlement, segment, service, tier), then
        no_energy_history.  tier is None for a protected customer."""
        cset, ev = self._parts()
        return F.customers_frame(cset, ev, self._spec, self._set.ids)

    @property
    def pareto(self):
        """The Pareto curve, indexed by rank (customers_pareto.csv's columns,
        then share_before)."""
        cset, ev = self._parts()
        return F.pareto_frame(cset, ev, self._set.ids)

    @property
    def alerts(self):
        """The usage alerts, ranked (customers_alerts.csv's columns)."""
        cset, ev = self._parts()
        names = [text(cset.customers[i].name) for i in range(cset.n)]
        return alerts_frame(ev.alerts, ev.nalerts, list(self._set.ids), names)

    @property
    def tiers(self):
        """id -> curtailment tier (None: protected), customers_tiers.csv's content."""
        _, ev = self._parts()
        return F.tiers_series(ev, self._spec, self._set.ids)

    @property
    def credit(self):
        """Each customer's credit details: raw values, inputs and scores by
        indicator, score, grade, fill-in flags, bill counts."""
        _, ev = self._parts()
        return F.credit_frame(ev, self._spec, self._set.ids)

    @property
    def credit_weights(self):
        """The credit weights used, a Series by indicator."""
        _, ev = self._parts()
        return F.weights_series(ev, self._spec)

    @property
    def ahp(self):
        """The AhpResult of the weights' matrix, or None when weights were given."""
        _, ev = self._parts()
        if not ev.used_ahp:
            return None
        return ahp_of(ev.ahp, list(F.weights_series(ev, self._spec).index))

    @property
    def rfm_edges(self):
        """The RFM edges used by dimension (None: scored by rank quintile)."""
        _, ev = self._parts()
        return S.rfm_edges_of(ev.rfm_edges)

    def _write(self, table, path):
        self._parts()
        call(WRITERS[table], I.c_path(path), self._set._ptr(), self._ptr(),
             ctypes.byref(self._spec))

    def to_csv(self, path, table="customers"):
        """Write one table as `lfc customers` does (the C writer, atomically):
        table "customers" (customers_eval.csv), "pareto", "alerts" or "tiers"."""
        if table not in FILES or table == "json":
            raise ArgumentError(f"table '{table}' is not one of customers, pareto, alerts, "
                                "tiers")
        self._write(table, path)

    def to_json(self, path):
        """Write customers.json (everything, with the weights and RFM edges used)."""
        self._write("json", path)

    def write(self, directory):
        """Write the five files of `lfc customers --out DIR` into directory
        (made if missing), each atomically; {table: path}."""
        directory = os.fspath(directory)
        os.makedirs(directory, exist_ok=True)
        paths = {t: os.path.join(directory, name) for t, name in FILES.items()}
        for table, path in paths.items():
            self._write(table, path)
        return paths
