/* balance_internal.h (internal) - month arithmetic the balance plan's files
 * share (balance.h): a horizon is a first month and a count. */
#ifndef LF_PLANNING_BALANCE_INTERNAL_H
#define LF_PLANNING_BALANCE_INTERNAL_H

#include <stddef.h>

#include "libforecast/balance.h"

#define LF_MONTH_STRLEN 8 /* "YYYY-MM" + NUL */

/* The month k months after year-month. */
void lf_balance_month_at(int year, int month, size_t k, int *y, int *m);
/* "YYYY-MM" into buf (LF_MONTH_STRLEN bytes); returns buf. */
char *lf_balance_month_label(int year, int month, char *buf);
/* First day of year-month and the day after the horizon's last month. */
lf_date lf_balance_first_day(int year, int month);
lf_date lf_balance_end_day(int year, int month, size_t nmonths);
/* Months from year-month to y-m (negative when y-m comes first). */
long lf_balance_months_between(int year, int month, int y, int m);

/* The rules of lf_balance_spec_check for the high quantile's label (required
 * here) and for the first month and nmonths (balance_spec.c). */
int lf_balance_check_label(const char *label, lf_error *err);
int lf_balance_check_horizon(const lf_balance_spec *spec, lf_error *err);

#endif
