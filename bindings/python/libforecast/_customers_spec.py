"""evaluate_customers' keyword arguments into an lf_customer_eval_spec, and a
spec back into those keywords (the settings of an evaluation).

Every keyword has a getter (spec -> Python value) and a setter (Python value
-> spec), applied in KEYWORDS' order over a base spec: lf_customer_eval_spec_init's
defaults, or a config's crm section.  A keyword left None keeps the base's
value, so the defaults are always C's, read when the call is made.  The
keywords are the crm section's keys (config.h), flattened: alerts.threshold
is alert_threshold, credit.grades is grades, segments.matrix is
segment_matrix.  As there, the segment matrix follows the value levels and
credit groups by name, a new grade needs a settlement rule and a group, and
measure z's threshold defaults to 3.
"""
import numpy as np
import pandas as pd

from . import _c_credit as TC
from . import _c_customers as T
from . import _customers_spec_segments as G
from . import _customers_tables as X
from . import _inputs as I
from ._lib import LIB
from .dates import to_date, to_lf_date
from .errors import ArgumentError

# measure z's default threshold: config_crm_alerts.c's DEFAULT_Z, which
# customer_segment.h documents ("measure z when |z| >= threshold (default 3)")
# but no C function returns (lf_alert_spec_default gives percent's 0.30).
Z_THRESHOLD = 3.0


def default_spec():
    """A new spec holding every default (lf_customer_eval_spec_init)."""
    spec = T.EvalSpec()
    LIB.lf_customer_eval_spec_init(spec)
    return spec


def copy_spec(spec):
    """A copy of a spec (it holds no pointer: the copy is whole)."""
    return T.EvalSpec.from_buffer_copy(spec)


# ---- the date, the window, cost, ABC, key accounts -----------------------------------------


def _get_evaluated(s):
    return to_date(s.evaluated) if s.has_evaluated else None


def _set_evaluated(s, value):
    day = to_lf_date(value)
    if not isinstance(day, int):
        raise ArgumentError("evaluated must be one date")
    s.has_evaluated, s.evaluated = 1, day


def _set_window(s, value):
    s.window_months = X.count(value, "window_months")


def _get_cost(s):
    return {b.min_kv: b.cost_per_kwh for b in s.cost.bands[:s.cost.nbands]}


def _set_cost(s, table):
    pairs = X.items(table, "cost_per_kwh", T.LF_COST_BANDS_MAX)
    for band, (kv, cost) in zip(s.cost.bands, pairs):
        band.min_kv = I.number(kv, "a voltage (kV) of cost_per_kwh")
        band.cost_per_kwh = I.number(cost, f"cost_per_kwh[{kv}]")
    s.cost.nbands = len(pairs)


KEY_RULE_KEYS = ("name", "min_kv", "max_kv", "dedicated_line", "min_annual_kwh",
                 "min_capacity_kva")


def _get_key_rules(s):
    return [{"name": X.text(r.name), "min_kv": r.min_kv, "max_kv": r.max_kv,
             "dedicated_line": bool(r.dedicated_line), "min_annual_kwh": r.min_annual_kwh,
             "min_capacity_kva": r.min_capacity_kva} for r in s.key.rules[:s.key.nrules]]


def _set_key_rules(s, rules):
    rules = X.sequence(rules, "key_rules", T.LF_KEY_RULES_MAX, least=0)
    for k, rule in enumerate(rules):
        what = f"key_rules[{k}]"
        X.only_keys(rule, KEY_RULE_KEYS, what)
        if "name" not in rule:
            raise ArgumentError(f"{what} needs a name (shown as the reason, e.g. '>=35kV')")
        r = s.key.rules[k]
        X.set_text(r, "name", rule["name"], f"{what}'s name")
        for key in ("min_kv", "max_kv", "min_annual_kwh", "min_capacity_kva"):
            setattr(r, key, I.number(rule.get(key, 0.0), f"{what}'s {key}"))
        line = rule.get("dedicated_line", False)
        if not isinstance(line, (bool, np.bool_)):
            raise ArgumentError(f"{what}'s dedicated_line must be True or False")
        r.dedicated_line = int(line)
    s.key.nrules = len(rules)


def _share_setter(path, name):
    def setter(s, value):
        obj, field = _walk(s, path)
        setattr(obj, field, I.share(value, name))
    return setter


def _number_setter(path, name):
    def setter(s, value):
        obj, field = _walk(s, path)
        setattr(obj, field, I.number(value, name))
    return setter


def _count_setter(path, name):
    def setter(s, value):
        obj, field = _walk(s, path)
        setattr(obj, field, X.count(value, name))
    return setter


def _getter(path):
    def getter(s):
        obj, field = _walk(s, path)
        return getattr(obj, field)
    return getter


def _walk(s, path):
    for p in path[:-1]:
        s = getattr(s, p)
    return s, path[-1]


# ---- RFM, value --------------------------------------------------------------------------

RFM_KEYS = (("recency_days", "recency"), ("frequency", "frequency"), ("monetary", "monetary"))


def rfm_edges_of(rfm):
    """{dimension: edges list, or None when scored by rank}."""
    out = {}
    for key, field in RFM_KEYS:
        b = getattr(rfm, field)
        out[key] = list(b.edges[:b.nedges]) if b.nedges else None
    return out


def rfm_edges_into(rfm, table, what="rfm_edges"):
    """{dimension: edges or None}; a dimension left out is scored by rank."""
    X.only_keys(table, [k for k, _ in RFM_KEYS], what)
    for key, field in RFM_KEYS:
        b, edges = getattr(rfm, field), table.get(key)
        if edges is None:
            b.nedges = 0
            continue
        edges = I.as_doubles(edges, f"{what}['{key}']")
        if not 1 <= len(edges) <= T.LF_RFM_EDGES_MAX:
            raise ArgumentError(f"{what}['{key}'] needs 1 to {T.LF_RFM_EDGES_MAX} edges, got "
                                f"{len(edges)}")
        b.edges[:len(edges)] = edges.tolist()
        b.nedges = len(edges)


def _set_rfm(s, table):
    rfm_edges_into(s.rfm, table)


VALUE_WEIGHTS = ("nature", "current", "potential")


def _get_value_weights(s):
    v = s.value
    return {"nature": v.w_nature, "current": v.w_current, "potential": v.w_potential}


def _set_value_weights(s, table):
    X.only_keys(table, VALUE_WEIGHTS, "value_weights")
    if len(table) != 3:
        raise ArgumentError("value_weights needs all three of nature, current, potential")
    for key in VALUE_WEIGHTS:
        setattr(s.value, "w_" + key, I.number(table[key], f"value_weights['{key}']"))


def _set_nature(s, table):
    s.value.nnature = X.thresholds_into(s.value.nature, table, "nature", T.LF_NATURE_MAX,
                                        "class_name", "score")


def _set_levels(s, table):
    s.value.nlevels = X.thresholds_into(s.value.levels, table, "value_levels",
                                        T.LF_VALUE_LEVELS_MAX, "name", "min_value")


# ---- credit ------------------------------------------------------------------------------


def _indicator_names(s):
    return [X.text(i.name) for i in s.indicators]


def _set_indicators(s, table):
    """Overrides by name, as the config's credit.indicators."""
    names = _indicator_names(s)
    for name, row in X.indicator_rows(table, "indicators").items():
        if name not in names:
            raise ArgumentError(f"indicators has '{name}'; the indicators are "
                                f"{', '.join(names)}")
        X.indicator_into(s.indicators[names.index(name)], row, f"indicator '{name}'",
                         kind_fixed=True)


def _get_ahp(s):
    if not s.use_ahp:
        return None
    names = _indicator_names(s)
    n = TC.LF_CREDIT_NDEFAULT
    return pd.DataFrame(np.array(s.ahp_matrix[:]).reshape(n, n), index=names, columns=names)


def _set_ahp(s, matrix):
    names, n = _indicator_names(s), TC.LF_CREDIT_NDEFAULT
    if isinstance(matrix, pd.DataFrame) and set(matrix.index) == set(names) \
            and set(matrix.columns) == set(names):
        matrix = matrix.loc[names, names]      # labelled: put in credit.h's order
    m = np.asarray(matrix.to_numpy() if isinstance(matrix, pd.DataFrame) else matrix)
    if m.shape != (n, n) or m.dtype.kind not in "fiu":
        raise ArgumentError(f"ahp must be a {n} x {n} matrix of numbers over the indicators "
                            f"in this order: {', '.join(names)}; got shape {m.shape}")
    s.ahp_matrix[:] = m.astype(np.float64).ravel().tolist()
    s.use_ahp = 1


def _set_grades(s, table):
    s.ngrades = X.thresholds_into(s.grades, table, "grades", T.LF_CREDIT_GROUP_GRADES_MAX,
                                  "name", "min_score")


def _get_settlement(s):
    return X.settlement_frame(s.settlement, s.nsettlement)


def _set_settlement(s, table):
    s.nsettlement = X.settlement_into(s.settlement, table, "settlement")


def _set_outlook(s, table):
    s.noutlook = X.thresholds_into(s.outlook, table, "outlook", T.LF_OUTLOOK_MAX,
                                   "industry", "score", least=0)


# ---- alerts ------------------------------------------------------------------------------


def _named_setter(field, parse, name_of, count):
    """A setter of an enum by its C name (count names, for the message)."""
    def setter(s, value):
        code = parse(X.text(I.c_text(value, "alert_" + field)))
        if code < 0:
            names = [name_of(k).decode() for k in range(count)]
            raise ArgumentError(f"alert_{field} '{value}' is not one of {', '.join(names)}")
        setattr(s.alerts, field, code)
    return setter


def _named_getter(field, name_of):
    return lambda s: name_of(getattr(s.alerts, field)).decode()


def _parse_baseline(name):
    return LIB.lf_alert_baseline_parse(name.encode())


def _parse_measure(name):
    return LIB.lf_alert_measure_parse(name.encode())


# ---- the table of keywords ---------------------------------------------------------------


def _table_getter(path, n_field, name_field, value_field):
    def getter(s):
        obj, field = _walk(s, path)
        return X.thresholds_of(getattr(obj, field), getattr(obj, n_field), name_field,
                               value_field)
    return getter


KEYWORDS = {   # name: (getter, setter), in the order they are applied
    "evaluated": (_get_evaluated, _set_evaluated),
    "window_months": (_getter(("window_months",)), _set_window),
    "cost_per_kwh": (_get_cost, _set_cost),
    "service_per_month": (_getter(("cost", "service_per_month")),
                          _number_setter(("cost", "service_per_month"), "service_per_month")),
    "a_share": (_getter(("a_share",)), _share_setter(("a_share",), "a_share")),
    "b_share": (_getter(("b_share",)), _share_setter(("b_share",), "b_share")),
    "pareto_share": (_getter(("key", "pareto_share")),
                     _share_setter(("key", "pareto_share"), "pareto_share")),
    "key_rules": (_get_key_rules, _set_key_rules),
    "rfm_edges": (lambda s: rfm_edges_of(s.rfm), _set_rfm),
    "value_weights": (_get_value_weights, _set_value_weights),
    "nature": (_table_getter(("value", "nature"), "nnature", "class_name", "score"),
               _set_nature),
    "value_levels": (_table_getter(("value", "levels"), "nlevels", "name", "min_value"),
                     _set_levels),
    "indicators": (lambda s: X.indicators_frame(s.indicators, TC.LF_CREDIT_NDEFAULT),
                   _set_indicators),
    "ahp": (_get_ahp, _set_ahp),
    "grades": (_table_getter(("grades",), "ngrades", "name", "min_score"), _set_grades),
    "settlement": (_get_settlement, _set_settlement),
    "outlook": (_table_getter(("outlook",), "noutlook", "industry", "score"), _set_outlook),
    "outlook_default": (_getter(("outlook_default",)),
                        _number_setter(("outlook_default",), "outlook_default")),
    "credit_groups": (G.get_groups, G.set_groups),
    "segment_matrix": (G.get_matrix, G.set_matrix),
    "tiers": (G.get_tiers, G.set_tiers),
    "tier_rules": (G.get_tier_rules, G.set_tier_rules),
    "alert_baseline": (_named_getter("baseline", LIB.lf_alert_baseline_name),
                       _named_setter("baseline", _parse_baseline, LIB.lf_alert_baseline_name,
                                     T.LF_ALERT_EXPECTED + 1)),
    "alert_previous_months": (_getter(("alerts", "previous_months")),
                              _count_setter(("alerts", "previous_months"),
                                            "alert_previous_months")),
    "alert_measure": (_named_getter("measure", LIB.lf_alert_measure_name),
                      _named_setter("measure", _parse_measure, LIB.lf_alert_measure_name,
                                    T.LF_ALERT_ZSCORE + 1)),
    "alert_threshold": (_getter(("alerts", "threshold")),
                        _share_setter(("alerts", "threshold"), "alert_threshold")),
    "alert_recent_months": (_getter(("alerts", "recent_months")),
                            _count_setter(("alerts", "recent_months"), "alert_recent_months")),
    "alert_min_history": (_getter(("alerts", "min_history")),
                          _count_setter(("alerts", "min_history"), "alert_min_history")),
    "alert_min_kwh": (_getter(("alerts", "min_kwh")),
                      _number_setter(("alerts", "min_kwh"), "alert_min_kwh")),
}


def settings(spec):
    """The spec as evaluate_customers' keywords: {name: value}."""
    return {name: get(spec) for name, (get, _) in KEYWORDS.items()}


def _check_no_weights(base, indicators):
    """ahp gives every weight: indicators may not change one (an unchanged
    weight, as in an evaluation's settings passed back, is no conflict)."""
    weights = dict(zip(_indicator_names(base), (i.weight for i in base.indicators)))
    for name, row in X.indicator_rows(indicators, "indicators").items():
        if "weight" in row and row["weight"] != weights.get(name):
            raise ArgumentError(f"indicators sets the weight of '{name}' and ahp gives every "
                                "weight; remove one of them")


def build_spec(base, keywords):
    """A new spec: base (a spec, unchanged) with keywords (name: value, None
    = keep) applied, kept consistent as the config reader keeps it."""
    unknown = [k for k in keywords if k not in KEYWORDS]
    if unknown:
        raise TypeError(f"evaluate_customers() got an unexpected keyword argument "
                        f"'{unknown[0]}'")
    given = {k: v for k, v in keywords.items() if v is not None}
    if "ahp" in given and "indicators" in given:
        _check_no_weights(base, given["indicators"])
    s = copy_spec(base)
    for name, (_, put) in KEYWORDS.items():
        if name in given:
            put(s, given[name])
    if "alert_measure" in given and "alert_threshold" not in given:
        s.alerts.threshold = (Z_THRESHOLD if s.alerts.measure == T.LF_ALERT_ZSCORE
                              else default_spec().alerts.threshold)
    for k, level in enumerate(s.value.levels[:s.value.nlevels]):
        s.segment.levels[k].value = level.name
    s.segment.nlevels = s.value.nlevels
    if {"value_levels", "credit_groups"} & set(given) and "segment_matrix" not in given:
        G.follow_names(s, base, default_spec())
    if {"grades", "settlement", "credit_groups"} & set(given):
        G.check_grades(s)
    return s
