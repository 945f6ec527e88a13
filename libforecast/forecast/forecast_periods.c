/* forecast_periods.c - from daily paths to days, months and years: energy
 * (sum), peak (largest day), load factor, their quantiles over the paths, and
 * the normal forecast with its decomposition (forecast.h, steps 5-6); and the
 * accessors of the forecast object. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_internal.h"

/* One period: days i0..i1 of the forecast. */
typedef struct span {
    size_t i0, i1;
} span;

static void fill_value(lf_forecast_value *v, double *x, size_t n, const lf_forecast_spec *spec)
{
    double sum = 0;
    for (size_t k = 0; k < n; k++)
        sum += x[k];
    v->mean = sum / (double)n;
    for (size_t q = 0; q < spec->nquantiles; q++)
        v->q[q] = lf_quantile(x, n, spec->quantiles[q]);
}

static void nan_value(lf_forecast_value *v)
{
    v->normal = v->mean = NAN;
    for (size_t q = 0; q < LF_QUANTILE_MAX; q++)
        v->q[q] = NAN;
}

static double sum_of(const double *x, span s)
{
    double sum = 0;
    for (size_t i = s.i0; i <= s.i1; i++)
        sum += x[i];
    return sum;
}

static size_t argmax_of(const double *x, span s)
{
    size_t best = s.i0;
    for (size_t i = s.i0 + 1; i <= s.i1; i++)
        if (x[i] > x[best])
            best = i;
    return best;
}

/* Each path's energy, peak and load factor over the span, then their
 * quantiles (scratch: 3 x npaths). */
static void path_values(const lf_forecast *f, const lf_forecast_scenario *s, span sp,
                        lf_forecast_period *p, double *scratch)
{
    double *e = scratch, *pk = scratch + f->npaths, *lf = scratch + 2 * f->npaths;
    double hours = 24.0 * (double)p->days;
    for (size_t k = 0; k < f->npaths; k++) {
        e[k] = pk[k] = NAN;
        if (f->has[LF_MEASURE_ENERGY])
            e[k] = sum_of(s->paths[LF_MEASURE_ENERGY] + k * f->ndays, sp);
        if (f->has[LF_MEASURE_PEAK]) {
            const double *path = s->paths[LF_MEASURE_PEAK] + k * f->ndays;
            pk[k] = path[argmax_of(path, sp)];
        }
        lf[k] = e[k] / (pk[k] * hours);
    }
    double *x[LF_MEASURE_COUNT] = {e, pk, lf};
    int has_lf = f->has[LF_MEASURE_ENERGY] && f->has[LF_MEASURE_PEAK];
    int has[LF_MEASURE_COUNT] = {f->has[LF_MEASURE_ENERGY], f->has[LF_MEASURE_PEAK], has_lf};
    for (int m = 0; m < LF_MEASURE_COUNT; m++)
        if (has[m])
            fill_value(&p->value[m], x[m], f->npaths, &f->spec);
}

/* The normal peak: the mean over the normal weather paths of each one's peak
 * in the span, explained by the mean of their peak days' drivers. */
static void normal_peak(const lf_forecast *f, const lf_forecast_scenario *s, span sp,
                        lf_forecast_period *p)
{
    double peak = 0, added = 0, w = 1.0 / (double)f->nnormal;
    for (size_t k = 0; k < f->nnormal; k++) {
        const double *path = s->wnormal + k * f->ndays;
        size_t at = argmax_of(path, sp);
        const double *c = s->wcontrib + (k * f->ndays + at) * LF_DRIVER_COUNT;
        peak += w * path[at];
        added += w * f->added[LF_MEASURE_PEAK][at];
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            p->peak_drivers[g] += w * c[g];
    }
    p->value[LF_MEASURE_PEAK].normal = peak;
    p->peak_connections = added;
    p->normal_peak_date = f->spec.first + (lf_date)argmax_of(s->normal[LF_MEASURE_PEAK], sp);
}

/* The normal forecast over the span and the drivers that explain it. */
static void normal_values(const lf_forecast *f, const lf_forecast_scenario *s, span sp,
                          lf_forecast_period *p)
{
    if (f->has[LF_MEASURE_ENERGY]) {
        const double *c = s->contrib[LF_MEASURE_ENERGY];
        p->value[LF_MEASURE_ENERGY].normal = sum_of(s->normal[LF_MEASURE_ENERGY], sp);
        p->energy_connections = sum_of(f->added[LF_MEASURE_ENERGY], sp);
        for (size_t i = sp.i0; i <= sp.i1; i++)
            for (int g = 0; g < LF_DRIVER_COUNT; g++)
                p->energy_drivers[g] += c[i * LF_DRIVER_COUNT + (size_t)g];
    }
    if (f->has[LF_MEASURE_PEAK])
        normal_peak(f, s, sp, p);
    p->value[LF_MEASURE_LOAD_FACTOR].normal =
        p->value[LF_MEASURE_ENERGY].normal /
        (p->value[LF_MEASURE_PEAK].normal * 24.0 * (double)p->days);
}

static lf_forecast_period make_period(const lf_forecast *f, const lf_forecast_scenario *s,
                                      lf_date first, lf_date last, lf_period_kind kind,
                                      double *scratch)
{
    lf_forecast_period p;
    memset(&p, 0, sizeof p);
    for (int m = 0; m < LF_MEASURE_COUNT; m++)
        nan_value(&p.value[m]);
    lf_date_to_ymd(first, &p.year, &p.month, &p.day);
    if (kind != LF_PERIOD_DAY)
        p.day = 0;
    if (kind == LF_PERIOD_YEAR)
        p.month = 0;
    p.first = first;
    p.last = last;
    p.days = (int)(last - first) + 1;
    p.calendar_days = (int)(lf_period_end(first, kind) - lf_period_start(first, kind)) + 1;
    span sp = {(size_t)(first - f->spec.first), (size_t)(last - f->spec.first)};
    path_values(f, s, sp, &p, scratch);
    normal_values(f, s, sp, &p);
    return p;
}

static size_t count_periods(lf_date first, lf_date last, lf_period_kind kind)
{
    size_t n = 0;
    for (lf_date d = first; d <= last; d = lf_period_end(d, kind) + 1)
        n++;
    return n;
}

static int summarize_kind(lf_forecast *f, lf_forecast_scenario *s, lf_period_kind kind,
                          double *scratch, lf_error *err)
{
    const lf_date first = f->spec.first, last = f->spec.last;
    size_t n = count_periods(first, last, kind);
    s->periods[kind] = calloc(n, sizeof *s->periods[kind]);
    if (!s->periods[kind])
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for forecast periods");
    size_t i = 0;
    for (lf_date d = first; d <= last; d = lf_period_end(d, kind) + 1) {
        lf_date end = lf_period_end(d, kind) < last ? lf_period_end(d, kind) : last;
        s->periods[kind][i++] = make_period(f, s, d, end, kind, scratch);
    }
    s->nperiods[kind] = n;
    return LF_OK;
}

int lf_forecast_summarize(lf_forecast *f, lf_error *err)
{
    double *scratch = malloc(3 * f->npaths * sizeof *scratch);
    if (!scratch)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory summarizing a forecast");
    int rc = LF_OK;
    const lf_period_kind kinds[LF_PERIOD_KINDS] = {LF_PERIOD_MONTH, LF_PERIOD_YEAR,
                                                   LF_PERIOD_DAY};
    for (size_t s = 0; s < f->nscenarios && rc == LF_OK; s++)
        for (int k = 0; k < LF_PERIOD_KINDS && rc == LF_OK; k++)
            rc = summarize_kind(f, &f->scenarios[s], kinds[k], scratch, err);
    free(scratch);
    return rc;
}

/* ---- accessors ---------------------------------------------------------------------- */

const lf_forecast_spec *lf_forecast_spec_of(const lf_forecast *f)
{
    return &f->spec;
}

size_t lf_forecast_nscenarios(const lf_forecast *f)
{
    return f->nscenarios;
}

const char *lf_forecast_scenario_name(const lf_forecast *f, size_t scenario)
{
    return scenario < f->nscenarios ? f->scenarios[scenario].name : NULL;
}

const lf_weather_scenarios *lf_forecast_weather(const lf_forecast *f)
{
    return f->weather;
}

size_t lf_forecast_npaths(const lf_forecast *f)
{
    return f->npaths;
}

lf_residuals lf_forecast_residuals(const lf_forecast *f, size_t *nsegments, size_t *ndays)
{
    *nsegments = f->residual_segments;
    *ndays = f->residual_days;
    return f->residuals;
}

const lf_forecast_period *lf_forecast_periods(const lf_forecast *f, size_t scenario,
                                              lf_period_kind kind, size_t *n)
{
    *n = 0;
    if (scenario >= f->nscenarios || (int)kind < 0 || (int)kind >= LF_PERIOD_KINDS)
        return NULL;
    *n = f->scenarios[scenario].nperiods[kind];
    return f->scenarios[scenario].periods[kind];
}

const double *lf_forecast_paths(const lf_forecast *f, size_t scenario, lf_measure m,
                                size_t *npaths, size_t *ndays)
{
    *npaths = *ndays = 0;
    if (scenario >= f->nscenarios || (m != LF_MEASURE_ENERGY && m != LF_MEASURE_PEAK) ||
        !f->has[m])
        return NULL;
    *npaths = f->npaths;
    *ndays = f->ndays;
    return f->scenarios[scenario].paths[m];
}
