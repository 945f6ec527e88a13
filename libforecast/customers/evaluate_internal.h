/* evaluate_internal.h (internal) - what the files of lf_customer_evaluate share. */
#ifndef LF_CUSTOMERS_EVALUATE_INTERNAL_H
#define LF_CUSTOMERS_EVALUATE_INTERNAL_H

#include "libforecast/customer_eval.h"

/* The evaluation date and the window: months [first, first + count) of the set. */
typedef struct eval_window {
    lf_date evaluated;
    size_t first, count;
} eval_window;

/* Customer i's credit inputs, rating and settlement advice into r (whose
 * profit is already set), with the checked indicators ind (weights final). */
int eval_credit(const lf_customer_set *set, const double *expected, size_t i,
                const lf_customer_eval_spec *spec, const lf_credit_indicator *ind,
                const eval_window *w, lf_customer_result *r, lf_error *err);

#endif
