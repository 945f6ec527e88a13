/* regress_io.c - CSV files of a fitted regression and of predictions. */
#include <math.h>
#include <stdio.h>

#include "libforecast/atomic.h"
#include "libforecast/regress.h"
#include "../io/csv_out.h"

static int write_coefficients(FILE *fp, const void *ctx)
{
    const lf_regress *fit = ctx;
    fputs("name,driver,estimate,std_error,t,p_value,dropped,note\n", fp);
    for (size_t j = 0; j < fit->ncoef; j++) {
        const lf_coef *c = &fit->coef[j];
        fprintf(fp, "%s,%s", c->name, lf_driver_name(c->driver));
        lf_csv_put_number(fp, ",", c->estimate);
        lf_csv_put_number(fp, ",", c->std_error);
        lf_csv_put_number(fp, ",", c->t);
        lf_csv_put_number(fp, ",", c->p_value);
        fprintf(fp, ",%d,", c->dropped);
        lf_csv_put_text(fp, c->note);
        fputc('\n', fp);
    }
    return 0;
}

void lf_regress_write_coefficients_stream(FILE *fp, const lf_regress *fit)
{
    write_coefficients(fp, fit);
}

int lf_regress_write_coefficients(const lf_regress *fit, const char *path, lf_error *err)
{
    if (!fit || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_regress_write_coefficients needs a fit and "
                            "a path");
    return lf_atomic_write(path, write_coefficients, fit, err);
}

static int write_stats(FILE *fp, const void *ctx)
{
    const lf_regress *fit = ctx;
    const lf_fit_stats *s = &fit->stats;
    fprintf(fp, "name,value\nmethod,%s\n", lf_fit_method_name(fit->method));
    fprintf(fp, "ridge_lambda,%.10g\n", fit->ridge_lambda);
    fprintf(fp, "nobs,%zu\nnobs_missing_target,%zu\nnobs_missing_input,%zu\n", s->nobs,
            s->nobs_missing_target, s->nobs_missing_input);
    fprintf(fp, "nparams,%zu\nndropped,%zu\n", s->nparams, s->ndropped);
    const char *names[] = {"df_model", "df_resid", "ssr", "tss", "sigma", "r2", "adj_r2",
                           "loglik", "aic", "aicc", "bic", "condition"};
    double values[] = {s->df_model, s->df_resid, s->ssr, s->tss, s->sigma, s->r2,
                       s->adj_r2, s->loglik, s->aic, s->aicc, s->bic, s->condition};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
        fputs(names[k], fp);
        lf_csv_put_number(fp, ",", values[k]);
        fputc('\n', fp);
    }
    return 0;
}

int lf_regress_write_stats(const lf_regress *fit, const char *path, lf_error *err)
{
    if (!fit || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_regress_write_stats needs a fit and a path");
    return lf_atomic_write(path, write_stats, fit, err);
}

typedef struct pred_ctx {
    const lf_prediction *pred;
    const double *actual;
} pred_ctx;

static int write_predictions(FILE *fp, const void *ctx)
{
    const lf_prediction *p = ((const pred_ctx *)ctx)->pred;
    const double *actual = ((const pred_ctx *)ctx)->actual;
    fputs("date,actual,predicted,lower,upper", fp);
    for (int g = 0; g < LF_DRIVER_COUNT; g++)
        fprintf(fp, ",%s", lf_driver_name((lf_driver)g));
    fputs(",flags\n", fp);
    for (size_t i = 0; i < p->nrows; i++) {
        char day[LF_DATE_STRLEN], flags[64];
        lf_date_format(p->first + (lf_date)i, day);
        fputs(day, fp);
        lf_csv_put_number(fp, ",", actual ? actual[i] : NAN);
        lf_csv_put_number(fp, ",", p->mean[i]);
        lf_csv_put_number(fp, ",", p->lower[i]);
        lf_csv_put_number(fp, ",", p->upper[i]);
        for (int g = 0; g < LF_DRIVER_COUNT; g++)
            lf_csv_put_number(fp, ",", lf_prediction_contrib(p, i, (lf_driver)g));
        fprintf(fp, ",%s\n", lf_flags_text(p->flags[i], flags, sizeof flags));
    }
    return 0;
}

int lf_prediction_write_csv(const lf_prediction *pred, const double *actual,
                            const char *path, lf_error *err)
{
    if (!pred || !path)
        return lf_error_set(err, LF_ERR_ARG, "lf_prediction_write_csv needs predictions and "
                            "a path");
    pred_ctx ctx = {pred, actual};
    return lf_atomic_write(path, write_predictions, &ctx, err);
}
