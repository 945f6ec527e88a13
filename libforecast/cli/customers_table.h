/* customers_table.h - what one `lfc customers` run holds, and the readable
 * tables it prints (customers_table.c). */
#ifndef LFC_CUSTOMERS_TABLE_H
#define LFC_CUSTOMERS_TABLE_H

#include "cli.h"

typedef struct cu_run {
    const lf_config *cfg;
    lf_customer_set *set;
    double *expected;             /* n x nmonths, or NULL */
    lf_customer_eval *ev;
} cu_run;

/* The totals, ABC, key accounts, the top customers, credit grades, the
 * segment matrix, the tiers and the largest usage alerts. */
void lfc_customers_table(const cu_run *r);

#endif
