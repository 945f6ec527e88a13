/* weather_normal.c - writing weather into a frame's forecast days: one
 * scenario's history (lf_weather_fill) or the day-of-year normal
 * (lf_weather_fill_normal, LF_NORMAL_DAY_MEAN).  The scenarios themselves are
 * built in weather_scenarios.c.  Both fills live here because they share their
 * argument checks. */
#include "libforecast/scenario.h"

#include <math.h>
#include <stddef.h>

/* The checks lf_weather_fill and lf_weather_fill_normal share; every column is
 * resolved before anything is written, so a bad call leaves dst untouched. */
static int fill_check(const lf_frame *weather, const char *const *columns, size_t ncolumns,
                      const lf_frame *dst, lf_date first, lf_date last, lf_error *err)
{
    if (!weather || !dst || (ncolumns && !columns))
        return lf_error_set(err, LF_ERR_ARG, "weather fill needs two frames and columns");
    if (first > last || lf_frame_row(dst, first) < 0 || lf_frame_row(dst, last) < 0) {
        char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
        lf_date_format(first, a);
        lf_date_format(last, b);
        return lf_error_set(err, LF_ERR_ARG, "weather fill days %s..%s are not inside the frame",
                            a, b);
    }
    for (size_t c = 0; c < ncolumns; c++)
        if (!columns[c] || !lf_frame_column(weather, columns[c]) ||
            !lf_frame_column(dst, columns[c]))
            return lf_error_set(err, LF_ERR_NOTFOUND, "weather column '%s' is not in both frames",
                                columns[c] ? columns[c] : "(null)");
    return LF_OK;
}

/* ---- one scenario ------------------------------------------------------------------ */

/* Days outside the scenario's forecast span (warm-up before the first day) can
 * reach past the history: those stay missing rather than failing the fill. */
static void fill_column(const lf_weather_scenarios *ws, size_t j, const double *src,
                        const lf_frame *weather, double *out, const lf_frame *dst,
                        lf_date first, lf_date last)
{
    for (lf_date d = first; d <= last; d++) {
        int sy = lf_weather_scenario_year(ws, j, lf_date_year(d));
        long r = lf_frame_row(weather, lf_weather_source_date(d, sy, ws->shift[j]));
        out[lf_frame_row(dst, d)] = r < 0 ? NAN : src[r];
    }
}

int lf_weather_fill(const lf_weather_scenarios *ws, size_t j, const lf_frame *weather,
                    const char *const *columns, size_t ncolumns, lf_frame *dst,
                    lf_date first, lf_date last, lf_error *err)
{
    if (!ws || j >= ws->n)
        return lf_error_set(err, LF_ERR_ARG, "weather scenario %zu does not exist (there are %zu)",
                            j, ws ? ws->n : 0);
    int rc = fill_check(weather, columns, ncolumns, dst, first, last, err);
    if (rc)
        return rc;
    for (size_t c = 0; c < ncolumns; c++)
        fill_column(ws, j, lf_frame_column(weather, columns[c]), weather,
                    lf_frame_column(dst, columns[c]), dst, first, last);
    return LF_OK;
}

/* ---- normal weather ------------------------------------------------------------------ */

/* Mean of src over the given source years and source dates within +-window of
 * day's own; NaN and days outside the history are skipped, because an edge
 * year or a gap should thin the average, not void it. */
static double normal_value(const double *src, const lf_frame *weather, const int *years,
                           size_t nyears, int window, lf_date day)
{
    double sum = 0;
    long n = 0;
    for (size_t y = 0; y < nyears; y++) {
        lf_date base = lf_weather_source_date(day, years[y], 0);
        for (int o = -window; o <= window; o++) {
            long r = lf_frame_row(weather, base + o);
            if (r >= 0 && !isnan(src[r])) {
                sum += src[r];
                n++;
            }
        }
    }
    return n ? sum / (double)n : NAN;
}

int lf_weather_fill_normal(const lf_weather_scenarios *ws, const lf_weather_spec *spec,
                           const lf_frame *weather, const char *const *columns,
                           size_t ncolumns, lf_frame *dst, lf_date first, lf_date last,
                           lf_error *err)
{
    if (!ws || ws->nsource == 0)
        return lf_error_set(err, LF_ERR_ARG, "normal weather needs weather scenarios");
    int rc = lf_weather_spec_check(spec, err);
    if (!rc)
        rc = fill_check(weather, columns, ncolumns, dst, first, last, err);
    if (rc)
        return rc;
    /* The last normal_years source years: the normal follows recent climate. */
    size_t nyears = (size_t)spec->normal_years < ws->nsource ? (size_t)spec->normal_years
                                                              : ws->nsource;
    const int *years = ws->source_years + (ws->nsource - nyears);
    for (size_t c = 0; c < ncolumns; c++) {
        const double *src = lf_frame_column(weather, columns[c]);
        double *out = lf_frame_column(dst, columns[c]);
        for (lf_date d = first; d <= last; d++)
            out[lf_frame_row(dst, d)] =
                normal_value(src, weather, years, nyears, spec->normal_window, d);
    }
    return LF_OK;
}
