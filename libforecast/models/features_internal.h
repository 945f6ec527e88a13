/* features_internal.h (internal) - what the feature builder's files share:
 * the learnt state and a growing list of named columns. */
#ifndef LF_MODELS_FEATURES_INTERNAL_H
#define LF_MODELS_FEATURES_INTERNAL_H

#include <stddef.h>

#include "libforecast/calendar.h"
#include "libforecast/design.h"
#include "libforecast/features.h"
#include "libforecast/frame.h"

/* Temperature sources: the current temperature, each lag, each smoothing. */
#define LF_MAX_SOURCES (1 + 2 * LF_FEATURE_MAX)

typedef struct lf_range {
    double lo, hi;  /* seen in training; lo > hi when never seen */
} lf_range;

struct lf_features {
    lf_feature_spec spec;
    lf_date first, last;                 /* training days */
    size_t nsources;
    lf_range temperature[LF_MAX_SOURCES];
    lf_range temperature_month[12];      /* current temperature by calendar month:
                                            the range of a by_month term */
    lf_range humidity;
    lf_range economy[LF_FEATURE_MAX];
    lf_range trend;                      /* t over training, years */
    int window_days[LF_FEATURE_MAX];     /* longest block of each window's holiday */
};

/* ---- columns under construction ------------------------------------------ */

typedef struct lf_colset {
    size_t nrows, n, cap;
    char (*names)[LF_DESIGN_NAME_MAX];
    lf_driver *drivers;
    double **values;
    unsigned *flags;   /* nrows */
} lf_colset;

int lf_colset_init(lf_colset *set, size_t nrows, lf_error *err);
void lf_colset_free(lf_colset *set);
/* A new zero column named by fmt; NULL on failure (out of memory, bad name). */
double *lf_colset_add(lf_colset *set, lf_driver driver, lf_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Move the columns into a design (the set is emptied). */
lf_design *lf_colset_to_design(lf_colset *set, lf_date first, lf_error *err);

/* ---- the parts -------------------------------------------------------------- */

/* Values of temperature source s (0 current, then lags, then smoothings) for
 * days first .. first + n - 1, from the frame's temperature column. */
void lf_temperature_source(const lf_feature_spec *spec, const double *temp,
                           const lf_frame *frame, size_t s, lf_date first, size_t n,
                           double *out);
/* "" for the current temperature, "_lag2", "_ema0.3". */
void lf_source_suffix(const lf_feature_spec *spec, size_t s, char *buf, size_t size);

int lf_features_add_calendar(const lf_features *f, const lf_calendar *cal, lf_date first,
                             lf_colset *set, lf_error *err);
int lf_features_add_weather(const lf_features *f, const lf_frame *frame,
                            const lf_calendar *cal, lf_date first, lf_colset *set,
                            lf_error *err);
/* trend and trend^2 */
int lf_features_add_trend(const lf_features *f, lf_date first, lf_colset *set, lf_error *err);
/* economic drivers and events */
int lf_features_add_drivers(const lf_features *f, const lf_frame *frame, lf_date first,
                            lf_colset *set, lf_error *err);

/* Day classifications for `nrows` days from `first` plus a margin on both
 * sides (a window's reach and a whole holiday block), so that neighbours,
 * window days and whole blocks can be looked up.  Day i is info[i + margin];
 * an error when the calendar does not cover one of the nrows days. */
typedef struct lf_day_table {
    lf_date first;     /* date of info[0] */
    size_t n, margin;
    lf_day_info *info; /* n days; free() it */
} lf_day_table;

int lf_day_table_init(lf_day_table *t, const lf_features *f, const lf_calendar *cal,
                      lf_date first, size_t nrows, lf_error *err);
/* Is table day k inside a non-working block that has a day named holiday? */
int lf_day_table_in_block_of(const lf_day_table *t, size_t k, const char *holiday);

/* Non-working day (weekend or holiday) for interactions. */
int lf_is_nonworking(lf_day_type type);

/* x^power (1..3) continued along its tangent outside the range. */
double lf_safe_power(double x, int power, lf_range range);

/* first <= last (else LF_ERR_ARG) and both inside the frame (else
 * LF_ERR_RANGE); messages name `what` ("training", "forecast") and the days. */
int lf_days_in_frame(const lf_frame *frame, lf_date first, lf_date last, const char *what,
                     lf_error *err);

/* The frame column, or an LF_ERR_NOTFOUND error with a 'did you mean'. */
const double *lf_features_column(const lf_frame *frame, const char *name, const char *what,
                                 lf_error *err);

#endif
