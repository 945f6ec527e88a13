/* libforecast/design.h - a regression design matrix with named columns.
 *
 * A design holds the columns a linear model is fitted on, one row per day
 * (consecutive days from `first`), stored column-major so LAPACK can use it
 * directly.  Every column has a readable name ("T^2", "dow_sat",
 * "Spring Festival -3") and the driver it belongs to, which is how forecasts
 * are decomposed into weather, calendar, trend, economy and events.  Each row
 * carries LF_FLAG_* bits saying why its prediction deserves a second look.
 *
 * lf_features_design (features.h) builds designs from a daily frame; callers
 * with their own matrix fill one with lf_design_new and lf_design_set_column.
 */
#ifndef LIBFORECAST_DESIGN_H
#define LIBFORECAST_DESIGN_H

#include <stddef.h>

#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a column explains; the order is the order of decomposition output. */
typedef enum lf_driver {
    LF_DRIVER_BASE = 0,  /* intercept (and, in decompositions, the average day) */
    LF_DRIVER_TREND,     /* time trend */
    LF_DRIVER_CALENDAR,  /* weekday, month, holidays, windows around holidays */
    LF_DRIVER_WEATHER,   /* temperature terms, their interactions, humidity */
    LF_DRIVER_ECONOMY,   /* economic indicators */
    LF_DRIVER_EVENT,     /* step and ramp events (customers connecting, leaving) */
    LF_DRIVER_RECENT,    /* in forecasts: the part of recent deviations from the model
                            that persists (AR errors); no design column has it */
    LF_DRIVER_COUNT
} lf_driver;

/* "base", "trend", "calendar", "weather", "economy", "event", "recent"; "?" otherwise. */
const char *lf_driver_name(lf_driver driver);

/* Row flags. */
#define LF_FLAG_TEMPERATURE_RANGE 0x1u /* a temperature input outside the training range */
#define LF_FLAG_HUMIDITY_RANGE    0x2u /* humidity outside the training range */
#define LF_FLAG_ECONOMY_RANGE     0x4u /* an economic driver outside the training range */
#define LF_FLAG_MISSING_INPUT     0x8u /* an input is missing: the row has no prediction */

/* Short text for a set of flags: "temperature|economy"; "" for none.  Returns buf. */
char *lf_flags_text(unsigned flags, char *buf, size_t size);

#define LF_DESIGN_NAME_MAX 64

typedef struct lf_design {
    size_t nrows, ncols;
    lf_date first;        /* date of row 0 */
    double *x;            /* column j is x[j*nrows .. j*nrows + nrows - 1]; NaN = missing */
    char (*names)[LF_DESIGN_NAME_MAX]; /* ncols unique names */
    lf_driver *drivers;   /* ncols */
    unsigned *flags;      /* nrows, LF_FLAG_* */
} lf_design;

/* A design of nrows x ncols zeros with empty names and no flags; NULL on failure. */
lf_design *lf_design_new(size_t nrows, size_t ncols, lf_date first, lf_error *err);
void lf_design_free(lf_design *design); /* NULL allowed */

/* Name column j, set its driver and copy nrows values into it (values NULL
 * keeps the current ones).  LF_ERR_ARG for an empty, over-long or repeated name. */
int lf_design_set_column(lf_design *design, size_t j, const char *name, lf_driver driver,
                         const double *values, lf_error *err);

static inline double *lf_design_column(const lf_design *design, size_t j)
{
    return design->x + j * design->nrows;
}

/* Index of a named column, or -1. */
long lf_design_find(const lf_design *design, const char *name);

/* Write "date,<col>,...,flags" CSV atomically (for inspection and reference tools). */
int lf_design_write_csv(const lf_design *design, const char *path, lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
