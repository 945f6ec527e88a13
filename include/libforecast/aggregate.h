/* libforecast/aggregate.h - monthly and yearly energy, peak and load factor
 * from a daily frame.
 *
 * For each calendar month or year overlapping the frame:
 *   energy_mwh   sum of daily energy; NaN unless every day of the period has it
 *                (a period only partly covered, or with a missing day, would
 *                understate the energy; days_missing says how many are absent)
 *   peak_mw      largest daily peak of the days present (the period's peak,
 *                also when days are missing: check days_missing)
 *   min_mw       smallest daily minimum of the days present
 *   load_factor  energy / (peak x hours in the period); NaN when energy is
 *   peak_date    day of the peak
 *   tmean_c      mean of the daily mean temperature, when the frame has one
 */
#ifndef LIBFORECAST_AGGREGATE_H
#define LIBFORECAST_AGGREGATE_H

#include <stddef.h>
#include <stdio.h>
#include "libforecast/date.h"
#include "libforecast/error.h"
#include "libforecast/frame.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lf_period_kind {
    LF_PERIOD_MONTH = 0,
    LF_PERIOD_YEAR = 1,
    LF_PERIOD_DAY = 2   /* a single day (forecast products; lf_summarize too) */
} lf_period_kind;

/* First and last day of the calendar month or year containing date (the date
 * itself for LF_PERIOD_DAY). */
lf_date lf_period_start(lf_date date, lf_period_kind kind);
lf_date lf_period_end(lf_date date, lf_period_kind kind);

#define LF_PERIOD_LABEL_MAX 16
/* How every output names the period containing date: "2025", "2025-03" or
 * "2025-03-05" (year, month, day).  Returns buf. */
char *lf_period_label(lf_date date, lf_period_kind kind, char *buf, size_t size);

typedef struct lf_period_summary {
    int year, month;       /* month = 0 for years; the day's month for days */
    lf_date first, last;   /* calendar bounds of the period */
    int days;              /* days in the period */
    int days_missing;      /* days without daily energy (incl. outside the frame) */
    double energy_mwh, peak_mw, min_mw, load_factor, tmean_c;
    lf_date peak_date;     /* valid when peak_mw is not NaN */
} lf_period_summary;

/* Summaries of the load columns named prefix + energy_mwh / peak_mw / min_mw
 * (prefix "" for the region, "C001_" for a customer).  *out is a new array
 * of *n entries, freed with free(). */
int lf_summarize(const lf_frame *daily, lf_period_kind kind, const char *prefix,
                 lf_period_summary **out, size_t *n, lf_error *err);

/* Write summaries as CSV (atomically): period,days,days_missing,energy_mwh,
 * peak_mw,peak_date,min_mw,load_factor,tmean_c. */
int lf_summary_write_csv(const lf_period_summary *s, size_t n, lf_period_kind kind,
                         const char *path, lf_error *err);

/* The same CSV to an open stream (e.g. stdout). */
int lf_summary_write_stream(FILE *fp, const lf_period_summary *s, size_t n,
                            lf_period_kind kind);

#ifdef __cplusplus
}
#endif
#endif
