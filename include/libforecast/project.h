/* libforecast/project.h - everything a project config names, read into frames.
 *
 * lf_project_load runs the ingest pipeline for a loaded config:
 *   daily      one row per day of the region's load data: the load columns
 *              (energy_mwh, peak_mw, ...), daily weather for those days,
 *              the calendar columns (day_type, holiday, block_day,
 *              block_length) and every economic indicator;
 *   weather    the whole daily weather history (often decades longer than the
 *              load data; later used for weather scenarios), or NULL;
 *   customers  one daily frame per large customer (columns prefixed "<id>_").
 * When the load file itself has a temperature column, its daily values are
 * kept and the weather file fills only the columns the load file lacks.
 * The calendar covers the years of the data plus ten years ahead (for
 * forecasts), within what the built-in calendars support.
 */
#ifndef LIBFORECAST_PROJECT_H
#define LIBFORECAST_PROJECT_H

#include <stddef.h>
#include "libforecast/calendar.h"
#include "libforecast/config.h"
#include "libforecast/frame.h"
#include "libforecast/ingest.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lf_project {
    lf_frame *daily;                 /* NULL when the config has no load */
    lf_frame *weather;               /* NULL when the config has no weather */
    lf_calendar *calendar;
    lf_ingest_report load_report;
    lf_ingest_report weather_report;
    size_t ncustomers;
    lf_frame **customers;            /* ncustomers frames */
    lf_ingest_report *customer_reports;
} lf_project;

int lf_project_load(const lf_config *cfg, lf_project **out, lf_error *err);
void lf_project_free(lf_project *project);

#ifdef __cplusplus
}
#endif
#endif
