"""The C interface of credit.h: AHP weights, credit indicators, scores and
grades, raw indicators from payment records, settlement advice (see _c_core
for what a _c_ module declares).

lf_credit_default_indicators/_grades/_settlement are not declared: their
parameters are written as arrays (out[LF_CREDIT_NDEFAULT]), and the same
defaults come with lf_customer_eval_spec_init (_c_customers), which the
binding reads them from.
"""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_double, c_int, c_size_t

from ._c_core import Error, lf_date

# credit.h
LF_AHP_MAX = 15
LF_CREDIT_NAME_MAX = 32
LF_CREDIT_GRADE_MAX = 16
LF_CREDIT_MAX_INDICATORS = 15
LF_CREDIT_LINEAR = 0
LF_CREDIT_GIVEN = 1
LF_CREDIT_ON_TIME_SHARE = 0
LF_CREDIT_MEAN_DAYS_LATE = 1
LF_CREDIT_ARREARS_MONTHS = 2
LF_CREDIT_BREACHES = 3
LF_CREDIT_ENERGY_CV = 4
LF_CREDIT_INDUSTRY_OUTLOOK = 5
LF_CREDIT_NDEFAULT = 6
LF_CREDIT_NDEFAULT_GRADES = 7
LF_CREDIT_NDEFAULT_SETTLEMENT = 7
LF_CREDIT_DAYS_PER_MONTH = 30
LF_PAYMENT_UNPAID = -2**31      # INT32_MIN: the paid date of a bill not paid

lf_credit_kind = c_int          # a C enum


class AhpResult(ctypes.Structure):
    """lf_ahp_result: the weights and consistency of a pairwise matrix."""
    _fields_ = [("n", c_size_t),
                ("weights", c_double * LF_AHP_MAX),
                ("lambda_max", c_double), ("ci", c_double), ("ri", c_double), ("cr", c_double),
                ("consistent", c_int),
                ("worst_row", c_size_t), ("worst_col", c_size_t),
                ("worst_implied", c_double)]


class CreditIndicator(ctypes.Structure):
    """lf_credit_indicator: a name, a weight and a scoring rule."""
    _fields_ = [("name", c_char * LF_CREDIT_NAME_MAX),
                ("weight", c_double),
                ("kind", lf_credit_kind),
                ("best", c_double), ("worst", c_double)]


class CreditGrade(ctypes.Structure):
    """lf_credit_grade: a grade and the total it starts at."""
    _fields_ = [("name", c_char * LF_CREDIT_GRADE_MAX),
                ("min_score", c_double)]


class CreditRating(ctypes.Structure):
    """lf_credit_rating: the scores, total and grade of one customer."""
    _fields_ = [("n", c_size_t),
                ("scores", c_double * LF_CREDIT_MAX_INDICATORS),
                ("contributions", c_double * LF_CREDIT_MAX_INDICATORS),
                ("total", c_double),
                ("grade", c_size_t),
                ("grade_name", c_char * LF_CREDIT_GRADE_MAX)]


class Payment(ctypes.Structure):
    """lf_payment: a bill, its due date and when it was paid."""
    _fields_ = [("due", lf_date), ("paid", lf_date), ("amount", c_double)]


class CreditRaw(ctypes.Structure):
    """lf_credit_raw: the raw indicators from a customer's records."""
    _fields_ = [("values", c_double * LF_CREDIT_NDEFAULT),
                ("bills_assessed", c_size_t), ("bills_late", c_size_t),
                ("bills_unpaid", c_size_t),
                ("outstanding", c_double),
                ("mean_monthly_bill", c_double),
                ("energy_months", c_size_t)]


class SettlementRule(ctypes.Structure):
    """lf_credit_settlement_rule: a grade's billing cycle and deposit."""
    _fields_ = [("grade", c_char * LF_CREDIT_GRADE_MAX),
                ("cycle_days", c_int),
                ("deposit_cycles", c_double)]


class SettlementAdvice(ctypes.Structure):
    """lf_credit_settlement_advice: the cycle and the deposit of one customer."""
    _fields_ = [("grade", c_char * LF_CREDIT_GRADE_MAX),
                ("cycle_days", c_int),
                ("deposit_cycles", c_double),
                ("cycle_kwh", c_double),
                ("deposit", c_double)]


MIRRORS = [
    ("lf_ahp_result", AhpResult, "full"),
    ("lf_credit_indicator", CreditIndicator, "full"),
    ("lf_credit_grade", CreditGrade, "full"),
    ("lf_credit_rating", CreditRating, "full"),
    ("lf_payment", Payment, "full"),
    ("lf_credit_raw", CreditRaw, "full"),
    ("lf_credit_settlement_rule", SettlementRule, "full"),
    ("lf_credit_settlement_advice", SettlementAdvice, "full"),
]
OPAQUE = []
SCALARS = {"lf_credit_kind": lf_credit_kind}

_err = POINTER(Error)
_dbl = POINTER(c_double)

FUNCTIONS = {
    "lf_ahp_weights": (c_int, [_dbl, c_size_t, POINTER(AhpResult), _err]),
    "lf_ahp_weights_consistent": (c_int, [_dbl, c_size_t, POINTER(AhpResult), _err]),
    "lf_ahp_complete": (c_int, [_dbl, c_size_t, _err]),
    "lf_ahp_random_index": (c_double, [c_size_t]),
    "lf_credit_rate": (c_int, [POINTER(CreditIndicator), c_size_t, _dbl,
                               POINTER(CreditGrade), c_size_t, POINTER(CreditRating), _err]),
    "lf_credit_raw_from_records": (c_int, [POINTER(Payment), c_size_t, _dbl, c_size_t, lf_date,
                                           POINTER(CreditRaw), _err]),
    "lf_credit_settlement": (c_int, [POINTER(SettlementRule), c_size_t, c_char_p, c_double,
                                     c_double, POINTER(SettlementAdvice), _err]),
}
