"""The C interface of the customer evaluation: customers.h (the CRM records),
customer_value.h (profit, ABC, key accounts, RFM, value), customer_segment.h
(segments, tiers, usage alerts), customer_eval.h (the whole evaluation and
its writers) and config.h's crm section (see _c_core for what a _c_ module
declares).  Every struct is mirrored in full: the binding allocates the spec
and, for usage_alerts on a DataFrame, a customer set of its own.
"""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_long, c_size_t, c_uint

from ._c_core import ConfigHead, Error, lf_date
from ._c_credit import (LF_CREDIT_GRADE_MAX, LF_CREDIT_NDEFAULT, AhpResult, CreditGrade,
                        CreditIndicator, CreditRating, CreditRaw, Payment, SettlementAdvice,
                        SettlementRule)

# customers.h
LF_CUSTOMER_ID_MAX = 32
LF_CUSTOMER_NAME_MAX = 128
LF_CUSTOMER_CLASS_MAX = 32
LF_CUSTOMER_INDUSTRY_MAX = 64
LF_CUSTOMER_PATH_MAX = 512
LF_CUSTOMER_MONTHS_MAX = 1200
# customer_value.h
LF_COST_BANDS_MAX = 8
LF_ABC_A, LF_ABC_B, LF_ABC_C = 0, 1, 2
LF_KEY_RULES_MAX = 8
LF_KEY_RULE_NAME_MAX = 48
LF_RFM_EDGES_MAX = 8
LF_NATURE_MAX = 16
LF_VALUE_LEVELS_MAX = 8
LF_VALUE_LEVEL_NAME_MAX = 16
# customer_segment.h
LF_SEGMENT_NAME_MAX = 32
LF_CREDIT_GROUPS_MAX = 6
LF_SEGMENT_TIERS_MAX = 16
LF_TIER_RULES_MAX = 16
LF_TIER_RULE_INDUSTRIES_MAX = 12
LF_CREDIT_GROUP_GRADES_MAX = 16
LF_ALERT_LAST_YEAR, LF_ALERT_PREVIOUS, LF_ALERT_EXPECTED = 0, 1, 2
LF_ALERT_PERCENT, LF_ALERT_ZSCORE = 0, 1
# customer_eval.h
LF_OUTLOOK_MAX = 32

lf_abc_class = c_int            # C enums
lf_alert_baseline = c_int
lf_alert_measure = c_int

KEY_REASON_MAX = 128            # lf_key_account.reason: a literal size in the header


# ---- customers.h ------------------------------------------------------------------------


class Customer(ctypes.Structure):
    """lf_customer: one row of customers.csv."""
    _fields_ = [("id", c_char * LF_CUSTOMER_ID_MAX),
                ("name", c_char * LF_CUSTOMER_NAME_MAX),
                ("class_name", c_char * LF_CUSTOMER_CLASS_MAX),
                ("industry", c_char * LF_CUSTOMER_INDUSTRY_MAX),
                ("voltage_kv", c_double), ("capacity_kva", c_double),
                ("dedicated_line", c_int), ("is_protected", c_int),
                ("breaches", c_double), ("industry_outlook", c_double),
                ("arrears", c_double), ("potential_kwh", c_double), ("correction", c_double),
                ("load_file", c_char * LF_CUSTOMER_PATH_MAX),
                ("line", c_long)]


class CustomerSet(ctypes.Structure):
    """lf_customer_set: the customers, their monthly energy and bills, payments."""
    _fields_ = [("source", c_char * LF_CUSTOMER_PATH_MAX),
                ("n", c_size_t),
                ("customers", POINTER(Customer)),
                ("first_month", lf_date),
                ("nmonths", c_size_t),
                ("energy_kwh", POINTER(c_double)),
                ("bill", POINTER(c_double)),
                ("npayments", c_size_t),
                ("payments", POINTER(Payment)),
                ("payment_start", POINTER(c_size_t))]


# ---- customer_value.h --------------------------------------------------------------------


class CostBand(ctypes.Structure):
    _fields_ = [("min_kv", c_double), ("cost_per_kwh", c_double)]


class CostRule(ctypes.Structure):
    _fields_ = [("nbands", c_size_t),
                ("bands", CostBand * LF_COST_BANDS_MAX),
                ("service_per_month", c_double)]


class Profit(ctypes.Structure):
    _fields_ = [("kwh", c_double), ("revenue", c_double), ("cost", c_double),
                ("profit", c_double), ("months", c_size_t)]


class ParetoPoint(ctypes.Structure):
    _fields_ = [("customer", c_size_t), ("rank", c_size_t), ("profit", c_double),
                ("share_before", c_double), ("share", c_double), ("customer_share", c_double)]


class KeyRule(ctypes.Structure):
    _fields_ = [("name", c_char * LF_KEY_RULE_NAME_MAX),
                ("min_kv", c_double), ("max_kv", c_double),
                ("dedicated_line", c_int),
                ("min_annual_kwh", c_double), ("min_capacity_kva", c_double)]


class KeySpec(ctypes.Structure):
    _fields_ = [("nrules", c_size_t),
                ("rules", KeyRule * LF_KEY_RULES_MAX),
                ("pareto_share", c_double)]


class KeyAccount(ctypes.Structure):
    _fields_ = [("is_key", c_int), ("rules_met", c_uint), ("by_pareto", c_int),
                ("reason", c_char * KEY_REASON_MAX)]


class RfmBins(ctypes.Structure):
    _fields_ = [("nedges", c_size_t), ("edges", c_double * LF_RFM_EDGES_MAX)]


class RfmSpec(ctypes.Structure):
    _fields_ = [("recency", RfmBins), ("frequency", RfmBins), ("monetary", RfmBins)]


class Rfm(ctypes.Structure):
    _fields_ = [("recency_days", c_double), ("frequency", c_double), ("monetary", c_double),
                ("r", c_int), ("f", c_int), ("m", c_int), ("total", c_int),
                ("code", c_char * 4)]


class NatureScore(ctypes.Structure):
    _fields_ = [("class_name", c_char * LF_CUSTOMER_CLASS_MAX), ("score", c_double)]


class ValueLevel(ctypes.Structure):
    _fields_ = [("name", c_char * LF_VALUE_LEVEL_NAME_MAX), ("min_value", c_double)]


class ValueSpec(ctypes.Structure):
    _fields_ = [("w_nature", c_double), ("w_current", c_double), ("w_potential", c_double),
                ("nnature", c_size_t),
                ("nature", NatureScore * LF_NATURE_MAX),
                ("nlevels", c_size_t),
                ("levels", ValueLevel * LF_VALUE_LEVELS_MAX)]


class CustomerValue(ctypes.Structure):
    _fields_ = [("nature", c_double), ("current", c_double), ("potential", c_double),
                ("correction", c_double), ("value", c_double), ("level", c_size_t)]


# ---- customer_segment.h ------------------------------------------------------------------

_name = c_char * LF_SEGMENT_NAME_MAX


class CreditGroup(ctypes.Structure):
    _fields_ = [("name", _name),
                ("ngrades", c_size_t),
                ("grades", (c_char * LF_CREDIT_GRADE_MAX) * LF_CREDIT_GROUP_GRADES_MAX)]


class SegmentCell(ctypes.Structure):
    _fields_ = [("segment", _name), ("service", _name)]


class TierRule(ctypes.Structure):
    _fields_ = [("value_level", c_char * LF_VALUE_LEVEL_NAME_MAX),
                ("credit_group", _name),
                ("class_name", c_char * LF_CUSTOMER_CLASS_MAX),
                ("nindustries", c_size_t),
                ("industries", (c_char * LF_CUSTOMER_INDUSTRY_MAX) * LF_TIER_RULE_INDUSTRIES_MAX),
                ("tier", _name)]


class SegmentSpec(ctypes.Structure):
    _fields_ = [("ngroups", c_size_t),
                ("groups", CreditGroup * LF_CREDIT_GROUPS_MAX),
                ("nlevels", c_size_t),
                ("levels", (c_char * LF_VALUE_LEVEL_NAME_MAX) * LF_VALUE_LEVELS_MAX),
                ("cells", (SegmentCell * LF_CREDIT_GROUPS_MAX) * LF_VALUE_LEVELS_MAX),
                ("ntiers", c_size_t),
                ("tiers", _name * LF_SEGMENT_TIERS_MAX),
                ("nrules", c_size_t),
                ("rules", TierRule * LF_TIER_RULES_MAX)]


class Segment(ctypes.Structure):
    """lf_segment: segment and service point into the spec it was made with."""
    _fields_ = [("level", c_size_t), ("group", c_size_t),
                ("segment", c_char_p), ("service", c_char_p),
                ("tier", c_int),
                ("rule", c_size_t)]


class AlertSpec(ctypes.Structure):
    _fields_ = [("baseline", lf_alert_baseline),
                ("previous_months", c_size_t),
                ("measure", lf_alert_measure),
                ("threshold", c_double),
                ("recent_months", c_size_t),
                ("min_history", c_size_t),
                ("min_kwh", c_double),
                ("through_months", c_size_t)]


class UsageAlert(ctypes.Structure):
    _fields_ = [("customer", c_size_t),
                ("month", lf_date),
                ("actual", c_double), ("expected", c_double),
                ("change", c_double), ("change_pct", c_double),
                ("z", c_double)]


# ---- customer_eval.h, config.h -----------------------------------------------------------


class OutlookScore(ctypes.Structure):
    _fields_ = [("industry", c_char * LF_CUSTOMER_INDUSTRY_MAX), ("score", c_double)]


class EvalSpec(ctypes.Structure):
    """lf_customer_eval_spec: every setting of the evaluation (no pointers: a
    copy is a whole spec)."""
    _fields_ = [("has_evaluated", c_int),
                ("evaluated", lf_date),
                ("window_months", c_size_t),
                ("cost", CostRule),
                ("a_share", c_double), ("b_share", c_double),
                ("key", KeySpec),
                ("rfm", RfmSpec),
                ("value", ValueSpec),
                ("indicators", CreditIndicator * LF_CREDIT_NDEFAULT),
                ("use_ahp", c_int),
                ("ahp_matrix", c_double * (LF_CREDIT_NDEFAULT * LF_CREDIT_NDEFAULT)),
                ("ngrades", c_size_t),
                ("grades", CreditGrade * LF_CREDIT_GROUP_GRADES_MAX),
                ("nsettlement", c_size_t),
                ("settlement", SettlementRule * LF_CREDIT_GROUP_GRADES_MAX),
                ("noutlook", c_size_t),
                ("outlook", OutlookScore * LF_OUTLOOK_MAX),
                ("outlook_default", c_double),
                ("segment", SegmentSpec),
                ("alerts", AlertSpec)]


class CustomerResult(ctypes.Structure):
    _fields_ = [("profit", Profit),
                ("abc", lf_abc_class),
                ("rank", c_size_t),
                ("profit_share", c_double),
                ("key", KeyAccount),
                ("rfm", Rfm),
                ("value", CustomerValue),
                ("raw", CreditRaw),
                ("credit_inputs", c_double * LF_CREDIT_NDEFAULT),
                ("no_payment_history", c_int), ("no_energy_history", c_int),
                ("credit", CreditRating),
                ("monthly_kwh", c_double),
                ("price_per_kwh", c_double),
                ("settlement", SettlementAdvice),
                ("segment", Segment)]


class CustomerEval(ctypes.Structure):
    _fields_ = [("evaluated", lf_date),
                ("window_first", c_size_t), ("window_count", c_size_t),
                ("n", c_size_t),
                ("results", POINTER(CustomerResult)),
                ("pareto", POINTER(ParetoPoint)),
                ("rfm_edges", RfmSpec),
                ("used_ahp", c_int),
                ("ahp", AhpResult),
                ("weights", c_double * LF_CREDIT_NDEFAULT),
                ("nalerts", c_size_t),
                ("alerts", POINTER(UsageAlert))]


class ConfigCrm(ctypes.Structure):
    """lf_config_crm: the config's crm section (owned by the lf_config)."""
    _fields_ = [("customers", c_char_p), ("monthly", c_char_p),
                ("payments", c_char_p), ("expected", c_char_p),
                ("spec", EvalSpec)]


MIRRORS = [
    ("lf_customer", Customer, "full"),
    ("lf_customer_set", CustomerSet, "full"),
    ("lf_cost_band", CostBand, "full"),
    ("lf_cost_rule", CostRule, "full"),
    ("lf_profit", Profit, "full"),
    ("lf_pareto_point", ParetoPoint, "full"),
    ("lf_key_rule", KeyRule, "full"),
    ("lf_key_spec", KeySpec, "full"),
    ("lf_key_account", KeyAccount, "full"),
    ("lf_rfm_bins", RfmBins, "full"),
    ("lf_rfm_spec", RfmSpec, "full"),
    ("lf_rfm", Rfm, "full"),
    ("lf_nature_score", NatureScore, "full"),
    ("lf_value_level", ValueLevel, "full"),
    ("lf_value_spec", ValueSpec, "full"),
    ("lf_customer_value", CustomerValue, "full"),
    ("lf_credit_group", CreditGroup, "full"),
    ("lf_segment_cell", SegmentCell, "full"),
    ("lf_tier_rule", TierRule, "full"),
    ("lf_segment_spec", SegmentSpec, "full"),
    ("lf_segment", Segment, "full"),
    ("lf_alert_spec", AlertSpec, "full"),
    ("lf_usage_alert", UsageAlert, "full"),
    ("lf_outlook_score", OutlookScore, "full"),
    ("lf_customer_eval_spec", EvalSpec, "full"),
    ("lf_customer_result", CustomerResult, "full"),
    ("lf_customer_eval", CustomerEval, "full"),
    ("lf_config_crm", ConfigCrm, "full"),
]
OPAQUE = []
SCALARS = {"lf_abc_class": lf_abc_class, "lf_alert_baseline": lf_alert_baseline,
           "lf_alert_measure": lf_alert_measure}

_err = POINTER(Error)
_dbl = POINTER(c_double)
_set = POINTER(CustomerSet)
_ev = POINTER(CustomerEval)
_spec = POINTER(EvalSpec)
_writer = (c_int, [c_char_p, _set, _ev, _spec, _err])

FUNCTIONS = {
    # customers.h
    "lf_customers_load": (c_int, [c_char_p, c_char_p, c_char_p, POINTER(_set), _err]),
    "lf_customer_set_free": (None, [_set]),
    "lf_customer_find": (c_long, [_set, c_char_p]),
    "lf_customer_energy": (_dbl, [_set, c_size_t]),
    "lf_customer_bills": (_dbl, [_set, c_size_t]),
    "lf_customer_payments": (POINTER(Payment), [_set, c_size_t, POINTER(c_size_t)]),
    "lf_customer_month_index": (c_long, [_set, lf_date]),
    "lf_customer_totals": (None, [_set, c_size_t, c_size_t, c_size_t, _dbl, _dbl,
                                  POINTER(c_size_t)]),
    "lf_customer_expected_load": (c_int, [_set, c_char_p, POINTER(_dbl), _err]),
    # customer_value.h
    "lf_abc_name": (c_char_p, [lf_abc_class]),
    "lf_abc_classify": (c_int, [_dbl, POINTER(c_char_p), c_size_t, c_double, c_double,
                                POINTER(lf_abc_class), POINTER(ParetoPoint), _err]),
    "lf_customer_rfm": (c_int, [_set, c_size_t, c_size_t, lf_date, POINTER(RfmSpec),
                                POINTER(Rfm), POINTER(RfmSpec), _err]),
    "lf_rfm_score": (c_int, [POINTER(RfmBins), c_double, c_int]),
    "lf_rfm_rank_scores": (c_int, [_dbl, c_size_t, c_int, POINTER(c_int), _err]),
    "lf_percentile_ranks": (c_int, [_dbl, c_size_t, _dbl, _err]),
    # customer_segment.h
    "lf_alert_baseline_name": (c_char_p, [lf_alert_baseline]),
    "lf_alert_baseline_parse": (c_int, [c_char_p]),
    "lf_alert_measure_name": (c_char_p, [lf_alert_measure]),
    "lf_alert_measure_parse": (c_int, [c_char_p]),
    "lf_usage_alerts": (c_int, [_set, _dbl, POINTER(AlertSpec), POINTER(POINTER(UsageAlert)),
                                POINTER(c_size_t), _err]),
    # customer_eval.h
    "lf_customer_eval_spec_init": (None, [_spec]),
    "lf_customer_evaluate": (c_int, [_set, _dbl, _spec, POINTER(_ev), _err]),
    "lf_customer_eval_free": (None, [_ev]),
    "lf_customer_eval_write_customers": _writer,
    "lf_customer_eval_write_pareto": _writer,
    "lf_customer_eval_write_alerts": _writer,
    "lf_customer_eval_write_tiers": _writer,
    "lf_customer_eval_write_json": _writer,
    # config.h
    "lf_config_crm_section": (POINTER(ConfigCrm), [POINTER(ConfigHead)]),
}
