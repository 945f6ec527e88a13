/* project.c - run every ingest step a config names and join the results. */
#include "libforecast/project.h"

#include <stdlib.h>
#include <string.h>

#define CALENDAR_LAST_YEAR 2099
#define FORECAST_YEARS 10

void lf_project_free(lf_project *p)
{
    if (!p)
        return;
    lf_frame_free(p->daily);
    lf_frame_free(p->weather);
    lf_calendar_free(p->calendar);
    lf_ingest_report_free(&p->load_report);
    lf_ingest_report_free(&p->weather_report);
    for (size_t i = 0; i < p->ncustomers; i++) {
        if (p->customers)
            lf_frame_free(p->customers[i]);
        if (p->customer_reports)
            lf_ingest_report_free(&p->customer_reports[i]);
    }
    free(p->customers);
    free(p->customer_reports);
    free(p);
}

/* Copy the weather columns the daily frame does not have yet. */
static int join_weather(lf_frame *daily, const lf_frame *weather, lf_error *err)
{
    for (size_t c = 0; c < weather->ncols; c++) {
        if (lf_frame_column(daily, weather->cols[c].name))
            continue;
        if (!lf_frame_copy_column(daily, weather, c, NULL, err))
            return err ? err->code : LF_ERR_NOMEM;
    }
    return LF_OK;
}

static int load_customers(const lf_config *cfg, lf_project *p, lf_error *err)
{
    p->customers = calloc(cfg->ncustomers ? cfg->ncustomers : 1, sizeof *p->customers);
    p->customer_reports = calloc(cfg->ncustomers ? cfg->ncustomers : 1,
                                 sizeof *p->customer_reports);
    if (!p->customers || !p->customer_reports)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory loading customers");
    p->ncustomers = cfg->ncustomers;
    for (size_t i = 0; i < cfg->ncustomers; i++) {
        int rc = lf_ingest_intervals(&cfg->customers[i].spec, &p->customers[i],
                                     &p->customer_reports[i], err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

static int build_calendar(const lf_config *cfg, lf_project *p, lf_error *err)
{
    const lf_frame *span = p->daily ? p->daily : p->ncustomers ? p->customers[0] : p->weather;
    int first = span ? lf_date_year(span->start) : 2000;
    int last = span ? lf_date_year(lf_frame_end(span)) + FORECAST_YEARS : 2035;
    if (last > CALENDAR_LAST_YEAR)
        last = CALENDAR_LAST_YEAR;
    if (first > last)
        first = last;
    return lf_config_build_calendar(cfg, first, last, &p->calendar, err);
}

static int load_region(const lf_config *cfg, lf_project *p, lf_error *err)
{
    int rc = LF_OK;
    if (cfg->has_load)
        rc = lf_ingest_intervals(&cfg->load.spec, &p->daily, &p->load_report, err);
    if (rc == LF_OK && cfg->has_weather)
        rc = lf_ingest_daily_weather(&cfg->weather, &p->weather, &p->weather_report, err);
    if (rc == LF_OK && p->daily && p->weather)
        rc = join_weather(p->daily, p->weather, err);
    return rc;
}

static int annotate(const lf_config *cfg, lf_project *p, lf_error *err)
{
    int rc = lf_calendar_annotate(p->calendar, p->daily, err);
    for (size_t i = 0; i < cfg->neconomy && rc == LF_OK; i++)
        rc = lf_ingest_economy(&cfg->economy[i], p->daily, err);
    return rc;
}

int lf_project_load(const lf_config *cfg, lf_project **out, lf_error *err)
{
    *out = NULL;
    lf_project *p = calloc(1, sizeof *p);
    if (!p)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory loading the project");
    int rc = load_region(cfg, p, err);
    if (rc == LF_OK)
        rc = load_customers(cfg, p, err);
    if (rc == LF_OK)
        rc = build_calendar(cfg, p, err);
    if (rc == LF_OK && p->daily)
        rc = annotate(cfg, p, err);
    if (rc != LF_OK) {
        lf_project_free(p);
        return rc;
    }
    *out = p;
    return LF_OK;
}
