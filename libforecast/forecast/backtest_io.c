/* backtest_io.c - the CSV files of a backtest: forecasts, accuracy, timing. */
#include <stdio.h>

#include "backtest_internal.h"
#include "libforecast/atomic.h"
#include "../io/csv_out.h"

static int write_forecasts(FILE *fp, const void *ctx)
{
    const lf_backtest *bt = ctx;
    char origin[LF_DATE_STRLEN], day[LF_DATE_STRLEN];
    fputs("model,origin,date,actual,forecast,lower,upper\n", fp);
    for (size_t m = 0; m < bt->nmodels; m++)
        for (size_t k = 0; k < bt->norigins; k++) {
            lf_date_format(bt->starts[k], origin);
            size_t at = (m * bt->norigins + k) * bt->horizon;
            for (size_t i = 0; i < bt->horizon; i++) {
                lf_date_format(bt->starts[k] + (lf_date)i, day);
                fprintf(fp, "%s,%s,%s", bt->names[m], origin, day);
                lf_csv_put_number(fp, ",", bt->actual[k * bt->horizon + i]);
                lf_csv_put_number(fp, ",", bt->mean[at + i]);
                lf_csv_put_number(fp, ",", bt->lower[at + i]);
                lf_csv_put_number(fp, ",", bt->upper[at + i]);
                fputc('\n', fp);
            }
        }
    return ferror(fp) ? -1 : 0;
}

static void put_accuracy(FILE *fp, const lf_accuracy *a)
{
    fprintf(fp, ",%zu", a->n);
    const double v[] = {a->mae,      a->rmse,    a->mape,     a->smape,   a->mase,
                        a->bias,     a->bias_pct, a->pinball, a->coverage, a->winkler};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        lf_csv_put_number(fp, ",", v[i]);
    fputc('\n', fp);
}

static int write_accuracy(FILE *fp, const void *ctx)
{
    const lf_backtest *bt = ctx;
    char origin[LF_DATE_STRLEN];
    fputs("model,origin,scale,n,mae,rmse,mape,smape,mase,bias,bias_pct,pinball,coverage,"
          "winkler\n", fp);
    for (size_t m = 0; m < bt->nmodels; m++)
        for (size_t k = 0; k <= bt->norigins; k++) {
            size_t o = k == bt->norigins ? LF_BACKTEST_POOLED : k;
            if (o != LF_BACKTEST_POOLED)
                lf_date_format(bt->starts[k], origin);
            for (int s = 0; s < LF_SCALE_COUNT; s++) {
                fprintf(fp, "%s,%s,%s", bt->names[m], o == LF_BACKTEST_POOLED ? "all" : origin,
                        lf_backtest_scale_name((lf_backtest_scale)s));
                put_accuracy(fp, lf_backtest_accuracy(bt, m, o, (lf_backtest_scale)s));
            }
        }
    return ferror(fp) ? -1 : 0;
}

static int write_timing(FILE *fp, const void *ctx)
{
    const lf_backtest *bt = ctx;
    char origin[LF_DATE_STRLEN];
    fputs("model,origin,seconds,status,note\n", fp);
    for (size_t m = 0; m < bt->nmodels; m++)
        for (size_t k = 0; k < bt->norigins; k++) {
            size_t run = m * bt->norigins + k;
            lf_date_format(bt->starts[k], origin);
            fprintf(fp, "%s,%s,%.6f,%s,", bt->names[m], origin, bt->seconds[run],
                    bt->status[run] == LF_OK ? "ok" : "failed");
            lf_csv_put_text(fp, bt->notes[run]);
            fputc('\n', fp);
        }
    return ferror(fp) ? -1 : 0;
}

int lf_backtest_write_forecasts(const lf_backtest *bt, const char *path, lf_error *err)
{
    return lf_atomic_write(path, write_forecasts, bt, err);
}

int lf_backtest_write_accuracy(const lf_backtest *bt, const char *path, lf_error *err)
{
    return lf_atomic_write(path, write_accuracy, bt, err);
}

int lf_backtest_write_timing(const lf_backtest *bt, const char *path, lf_error *err)
{
    return lf_atomic_write(path, write_timing, bt, err);
}
