/* forecast_out.h - what one `lfc forecast` run holds, and its output: the
 * files (forecast_out.c), the JSON document and the tables on stdout. */
#ifndef LFC_FORECAST_OUT_H
#define LFC_FORECAST_OUT_H

#include <stdio.h>

#include "cli.h"

typedef struct fc_run {
    const lf_config *cfg;
    const lf_project *project;
    int has_seed;                    /* set by the caller: seed replaces the config's */
    unsigned long seed;              /* forecast.error.seed (--seed) */
    lfc_progress *progress;          /* set by the caller, or NULL: its stages */
    lf_forecast_spec spec;           /* the config's, with the days set */
    lf_date train_first, train_last; /* the models' fitting days */
    lf_date norm_first, norm_last;   /* history normalized */
    lf_model *energy, *peak;         /* NULL when left out */
    lf_forecast *forecast;
    int normalized;                  /* 0 when the models read no weather */
    lf_normalized_period *norm[2];   /* normalized months, years */
    size_t nnorm[2];
} fc_run;

/* Fill r (cfg and project set, optionally has_seed/seed and progress, the
 * rest zero) with the config's forecast: its days, the fitted models, the
 * forecast and the normalized history.  Steps progress three times: fit
 * models, forecast, normalize. */
int lfc_forecast_compute(fc_run *r, lf_error *err);
/* Free what lfc_forecast_compute made, also after a failure. */
void lfc_forecast_release(fc_run *r);

/* Every file into dir (each written atomically, all computed beforehand). */
int lfc_forecast_write(const fc_run *r, const char *dir, lf_error *err);
/* forecast.json's document. */
void lfc_forecast_json(FILE *fp, const fc_run *r);
/* The readable tables. */
void lfc_forecast_table(const fc_run *r);

#endif
