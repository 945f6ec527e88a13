/* forecast_io.c - forecast products as CSV: the periods with their normal,
 * mean and quantiles, and the per-driver explanation (forecast.h). */
#include <math.h>
#include <stdio.h>

#include "../io/csv_out.h"
#include "forecast_internal.h"
#include "libforecast/atomic.h"

typedef struct out_ctx {
    const lf_forecast *f;
    lf_period_kind kind;
} out_ctx;

/* "p10" for 0.1, "p2.5" for 0.025. */
void lf_forecast_quantile_label(double q, char *buf, size_t size)
{
    snprintf(buf, size, "p%g", q * 100);
}

static void put_period(FILE *fp, const lf_forecast_period *p, lf_period_kind kind)
{
    char label[LF_PERIOD_LABEL_MAX], first[LF_DATE_STRLEN], last[LF_DATE_STRLEN];
    lf_date_format(p->first, first);
    lf_date_format(p->last, last);
    fprintf(fp, "%s,%s,%s,%d,%d", lf_period_label(p->first, kind, label, sizeof label), first,
            last, p->days, p->calendar_days);
}

static void periods_header(FILE *fp, const lf_forecast_spec *spec)
{
    fputs("scenario,period,first,last,days,calendar_days", fp);
    for (int m = 0; m < LF_MEASURE_COUNT; m++) {
        const char *name = lf_measure_name((lf_measure)m);
        fprintf(fp, ",%s_normal,%s_mean", name, name);
        for (size_t q = 0; q < spec->nquantiles; q++) {
            char label[16];
            lf_forecast_quantile_label(spec->quantiles[q], label, sizeof label);
            fprintf(fp, ",%s_%s", name, label);
        }
    }
    fputs(",connections_mwh,connections_mw,normal_peak_date\n", fp);
}

static int write_periods(FILE *fp, const void *vctx)
{
    const out_ctx *ctx = vctx;
    const lf_forecast_spec *spec = lf_forecast_spec_of(ctx->f);
    periods_header(fp, spec);
    for (size_t s = 0; s < lf_forecast_nscenarios(ctx->f); s++) {
        size_t n;
        const lf_forecast_period *p = lf_forecast_periods(ctx->f, s, ctx->kind, &n);
        for (size_t i = 0; i < n; i++, p++) {
            fprintf(fp, "%s,", lf_forecast_scenario_name(ctx->f, s));
            put_period(fp, p, ctx->kind);
            for (int m = 0; m < LF_MEASURE_COUNT; m++) {
                lf_csv_put_number(fp, ",", p->value[m].normal);
                lf_csv_put_number(fp, ",", p->value[m].mean);
                for (size_t q = 0; q < spec->nquantiles; q++)
                    lf_csv_put_number(fp, ",", p->value[m].q[q]);
            }
            lf_csv_put_number(fp, ",", p->energy_connections);
            lf_csv_put_number(fp, ",", p->peak_connections);
            char day[LF_DATE_STRLEN] = "";
            if (!isnan(p->value[LF_MEASURE_PEAK].normal))
                lf_date_format(p->normal_peak_date, day);
            fprintf(fp, ",%s\n", day);
        }
    }
    return ferror(fp) != 0;
}

int lf_forecast_write_csv(const lf_forecast *f, lf_period_kind kind, const char *path,
                          lf_error *err)
{
    out_ctx ctx = {f, kind};
    return lf_atomic_write(path, write_periods, &ctx, err);
}

int lf_forecast_write_stream(FILE *fp, const lf_forecast *f, lf_period_kind kind)
{
    out_ctx ctx = {f, kind};
    write_periods(fp, &ctx);
    return ferror(fp) ? LF_ERR_IO : LF_OK;
}

static void put_drivers(FILE *fp, const double *drivers, double connections, double total)
{
    for (int g = 0; g < LF_DRIVER_COUNT; g++)
        lf_csv_put_number(fp, ",", drivers[g]);
    lf_csv_put_number(fp, ",", connections);
    lf_csv_put_number(fp, ",", total);
    fputc('\n', fp);
}

static int write_drivers(FILE *fp, const void *vctx)
{
    const out_ctx *ctx = vctx;
    fputs("scenario,period,measure", fp);
    for (int g = 0; g < LF_DRIVER_COUNT; g++)
        fprintf(fp, ",%s", lf_driver_name((lf_driver)g));
    fputs(",connections,total\n", fp);
    for (size_t s = 0; s < lf_forecast_nscenarios(ctx->f); s++) {
        size_t n;
        const lf_forecast_period *p = lf_forecast_periods(ctx->f, s, ctx->kind, &n);
        const char *name = lf_forecast_scenario_name(ctx->f, s);
        for (size_t i = 0; i < n; i++, p++) {
            char period[LF_PERIOD_LABEL_MAX];
            lf_period_label(p->first, ctx->kind, period, sizeof period);
            if (!isnan(p->value[LF_MEASURE_ENERGY].normal)) {
                fprintf(fp, "%s,%s,energy_mwh", name, period);
                put_drivers(fp, p->energy_drivers, p->energy_connections,
                            p->value[LF_MEASURE_ENERGY].normal);
            }
            if (!isnan(p->value[LF_MEASURE_PEAK].normal)) {
                fprintf(fp, "%s,%s,peak_mw", name, period);
                put_drivers(fp, p->peak_drivers, p->peak_connections,
                            p->value[LF_MEASURE_PEAK].normal);
            }
        }
    }
    return ferror(fp) != 0;
}

int lf_forecast_write_drivers_csv(const lf_forecast *f, lf_period_kind kind, const char *path,
                                  lf_error *err)
{
    if (kind == LF_PERIOD_DAY)
        return lf_error_set(err, LF_ERR_ARG, "drivers are written for months or years");
    out_ctx ctx = {f, kind};
    return lf_atomic_write(path, write_drivers, &ctx, err);
}
