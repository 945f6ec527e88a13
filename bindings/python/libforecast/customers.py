"""Customer evaluation (customers.h, customer_eval.h, customer_value.h,
customer_segment.h, credit.h): the CRM's records as a CustomerSet, the whole
evaluation `lfc customers` makes, and its building blocks for a notebook.

    CustomerSet                      the records: customers, monthly energy and
                                     bills, payments, totals, expected energy
    evaluate_customers               the evaluation over a set -> CustomerEvaluation
    evaluate_customers_config        the same from a config's crm section
    evaluation_defaults              every setting with C's default
    ahp_weights, ahp_complete,       AHP weights and consistency of a pairwise
    ahp_random_index                 matrix
    credit_indicators, credit_grades, credit.h's default tables (DataFrames)
    settlement_rules
    credit_rate, credit_raw,         a rating from raw values; raw values from
    settlement_advice                payments; a grade's billing cycle and deposit
    abc_classify, rfm_scores,        ABC on the Pareto curve; RFM scores; RFM of
    customer_rfm, percentile_ranks   a set's records; percentile ranks
    usage_alerts                     alerts on monthly energy swings

The implementation is in the private modules _customers_* and _credit.

>>> import libforecast as lf
>>> with lf.evaluate_customers_config("datasets/sample/project.yaml") as ev:
...     top = ev.customers.sort_values("rank").head(3)
>>> top[["abc", "key_account", "credit_grade", "tier"]].index.tolist()
['C004', 'C008', 'C034']
"""
from ._credit import (AhpResult, CreditRating, ahp_complete, ahp_random_index, ahp_weights,
                      credit_grades, credit_indicators, credit_rate, credit_raw,
                      settlement_advice, settlement_rules)
from ._customers_alerts import usage_alerts
from ._customers_eval import (CustomerEvaluation, evaluate_customers,
                              evaluate_customers_config, evaluation_defaults)
from ._customers_set import CustomerSet
from ._customers_value import abc_classify, customer_rfm, percentile_ranks, rfm_scores

__all__ = ["CustomerSet", "CustomerEvaluation", "evaluate_customers",
           "evaluate_customers_config", "evaluation_defaults",
           "AhpResult", "ahp_weights", "ahp_complete", "ahp_random_index",
           "credit_indicators", "credit_grades", "settlement_rules", "CreditRating",
           "credit_rate", "credit_raw", "settlement_advice",
           "abc_classify", "rfm_scores", "customer_rfm", "percentile_ranks", "usage_alerts"]
