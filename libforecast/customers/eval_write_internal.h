/* eval_write_internal.h (internal) - what the evaluation's writers share. */
#ifndef LF_CUSTOMERS_EVAL_WRITE_INTERNAL_H
#define LF_CUSTOMERS_EVAL_WRITE_INTERNAL_H

#include "libforecast/customer_eval.h"

typedef struct eval_write_ctx {
    const lf_customer_set *set;
    const lf_customer_eval *ev;
    const lf_customer_eval_spec *spec;
} eval_write_ctx;

/* Arguments present and the evaluation made of this set (LF_ERR_ARG). */
int eval_write_check(const char *path, const lf_customer_set *set, const lf_customer_eval *ev,
                     const lf_customer_eval_spec *spec, lf_error *err);
/* The customer's tier name ("" when protected) and its matrix cell. */
const char *eval_tier_name(const lf_customer_eval_spec *spec, const lf_segment *s);
const lf_segment_cell *eval_cell(const lf_customer_eval_spec *spec, const lf_segment *s);

#endif
