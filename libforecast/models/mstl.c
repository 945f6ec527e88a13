/* mstl.c - MSTL, several seasonal periods by repeated STL, as R's
 * forecast::mstl does it (procedure and defaults in stl.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stl_internal.h"

void lf_mstl_spec_init(lf_mstl_spec *spec, int nperiods, const int *periods)
{
    memset(spec, 0, sizeof *spec);
    spec->nperiods = nperiods;
    for (int i = 0; i < nperiods && i < LF_MSTL_MAX_PERIODS; i++) {
        spec->periods[i] = periods ? periods[i] : 0;
        spec->seasonal[i] = 7 + 4 * (i + 1); /* R: s.window = 7 + 4 * seq(6) */
    }
    spec->iterations = 2;
    lf_stl_spec_init(&spec->stl, 2);
    spec->stl.defaults = LF_STL_R;
}

/* The STL spec of period i: the shared settings with its period and window. */
static lf_stl_spec period_spec(const lf_mstl_spec *spec, int i)
{
    lf_stl_spec s = spec->stl;
    s.period = spec->periods[i];
    s.seasonal = spec->seasonal[i];
    return s;
}

static void period_name(const lf_mstl_spec *spec, int i, char *who, size_t size)
{
    snprintf(who, size, "MSTL period %d", spec->periods[i]);
}

static int check_spec(const lf_mstl_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "MSTL: no specification");
    if (spec->nperiods < 1 || spec->nperiods > LF_MSTL_MAX_PERIODS)
        return lf_error_set(err, LF_ERR_ARG, "MSTL: number of periods must be 1..%d, got %d",
                            LF_MSTL_MAX_PERIODS, spec->nperiods);
    if (spec->iterations < 1)
        return lf_error_set(err, LF_ERR_ARG, "MSTL: iterations must be >= 1, got %d",
                            spec->iterations);
    for (int i = 0; i < spec->nperiods; i++) {
        if (i > 0 && spec->periods[i] <= spec->periods[i - 1])
            return lf_error_set(err, LF_ERR_ARG, "MSTL: periods must be strictly ascending, "
                                "got periods[%d] = %d after %d", i, spec->periods[i],
                                spec->periods[i - 1]);
        char who[48];
        period_name(spec, i, who, sizeof who);
        lf_stl_spec s = period_spec(spec, i);
        int rc = lf_stl_check(&s, who, err);
        if (rc)
            return rc;
    }
    return LF_OK;
}

/* Periods kept (R drops those with 2 p >= n), resolved for n values. */
static int resolve_kept(const lf_mstl_spec *spec, size_t n, lf_stl_run *runs, int *kept,
                        lf_error *err)
{
    *kept = 0;
    while (*kept < spec->nperiods && 2 * (size_t)spec->periods[*kept] < n) {
        char who[48];
        period_name(spec, *kept, who, sizeof who);
        lf_stl_spec s = period_spec(spec, *kept);
        int rc = lf_stl_resolve_run(&s, n, who, &runs[*kept], err);
        if (rc)
            return rc;
        ++*kept;
    }
    if (*kept == 0)
        return lf_error_set(err, LF_ERR_DATA, "MSTL: no period has more than two full periods "
                            "of data: the shortest, %d, needs at least %zu values, got %zu",
                            spec->periods[0], 2 * (size_t)spec->periods[0] + 1, n);
    return LF_OK;
}

/* The backfitting loop: each season is re-estimated from y minus the others. */
static void backfit(const lf_mstl_spec *spec, const lf_stl_run *runs, int kept, size_t n,
                    double *deseas, lf_stl_work *w, double *seasonal, double *trend)
{
    for (int it = 0; it < spec->iterations; it++)
        for (int i = 0; i < kept; i++) {
            double *s = seasonal + (size_t)i * n;
            for (size_t t = 0; t < n; t++)
                deseas[t] += s[t];
            /* the trend of the very last fit is the one returned */
            lf_stl_decompose(&runs[i], deseas, w, s, trend);
            for (size_t t = 0; t < n; t++)
                deseas[t] -= s[t];
        }
}

int lf_mstl(const lf_mstl_spec *spec, const double *y, size_t n, double *seasonal, double *trend,
            double *remainder, int *nused, lf_error *err)
{
    lf_stl_run runs[LF_MSTL_MAX_PERIODS];
    int kept, rc = check_spec(spec, err);
    if (rc || (rc = resolve_kept(spec, n, runs, &kept, err)) ||
        (rc = lf_stl_check_series(y, n, "MSTL", err)))
        return rc;
    if (!seasonal || !trend)
        return lf_error_set(err, LF_ERR_ARG, "MSTL: no output array for the %s",
                            seasonal ? "trend" : "seasonal components");
    lf_stl_work w;
    double *deseas = malloc(n * sizeof *deseas);
    if (!deseas)
        return lf_error_set(err, LF_ERR_NOMEM, "MSTL: out of memory for %zu values", n);
    if ((rc = lf_stl_work_alloc(&w, n, runs[kept - 1].period, err))) {
        free(deseas);
        return rc;
    }
    memcpy(deseas, y, n * sizeof *deseas);
    memset(seasonal, 0, (size_t)spec->nperiods * n * sizeof *seasonal);
    backfit(spec, runs, kept, n, deseas, &w, seasonal, trend);
    if (remainder) { /* y - S_1 - ... - S_k - trend, in that order */
        lf_stl_adjust(y, n, seasonal, (size_t)kept, remainder, NULL);
        for (size_t t = 0; t < n; t++)
            remainder[t] -= trend[t];
    }
    if (nused)
        *nused = kept;
    lf_stl_work_free(&w);
    free(deseas);
    return LF_OK;
}
