/* value_internal.h (internal) - what the customer value files share: the
 * window of months they evaluate, checked sums of a customer's monthly
 * records over it, and the 1e-9 tolerance of their thresholds. */
#ifndef LF_CUSTOMERS_VALUE_INTERNAL_H
#define LF_CUSTOMERS_VALUE_INTERNAL_H

#include <stddef.h>

#include "libforecast/customers.h"

/* Shares, levels and annual energies are computed figures: one that is a
 * threshold in exact arithmetic may land a rounding below it in double. */
#define VALUE_TOLERANCE 1e-9

/* The set's arrays are there for its n customers and nmonths months, and the
 * window [first, first + count) lies inside the months (count 0 allowed). */
int value_window_check(const lf_customer_set *set, size_t first, size_t count,
                       lf_error *err);

/* Sum of customer i's row of rows (the set's energy_kwh or bill; what and
 * unit, e.g. "energy" and " kWh", name it in messages) over the window, NaN
 * months skipped; *months (may be NULL) gets the months with a value.  A
 * value below 0 or infinite is an error naming the customer and the month. */
int value_window_sum(const lf_customer_set *set, const double *rows, const char *what,
                     const char *unit, size_t i, size_t first, size_t count, double *sum,
                     size_t *months, lf_error *err);

#endif
