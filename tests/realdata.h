/* realdata.h - shared by the tests that read the public datasets in
 * ${LF_DATA_DIR:-../shared/data}: paths that skip the test when the folder is
 * absent, and one Australian state's half-hourly file ingested to days. */
#ifndef LF_TESTS_REALDATA_H
#define LF_TESTS_REALDATA_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "libforecast.h"

static const char *data_dir(void)
{
    const char *d = getenv("LF_DATA_DIR");
    return d && *d ? d : "../shared/data";
}

/* Full path of a data file, or skip the test when the folder is absent. */
static const char *data_file(char *buf, size_t size, const char *rel)
{
    struct stat st;
    if (stat(data_dir(), &st) != 0) {
        cr_skip_test("real data not found at %s (set LF_DATA_DIR)", data_dir());
    }
    snprintf(buf, size, "%s/%s", data_dir(), rel);
    return buf;
}

static lf_frame *ingest_aus(const char *state, lf_ingest_report *rep)
{
    char rel[128], path[512];
    snprintf(rel, sizeof rel, "aus_elec/%s_halfhourly.csv", state);
    lf_series_spec series[2] = {{"demand_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL},
                                {"temperature_c", LF_SERIES_TEMPERATURE, LF_UNIT_CELSIUS, NULL}};
    lf_interval_spec spec = {0};
    spec.path = data_file(path, sizeof path, rel);
    spec.time_column = "time";
    spec.stamp = LF_STAMP_START;
    spec.series = series;
    spec.nseries = 2;
    spec.max_gap_intervals = -1;
    spec.first = 1;
    lf_frame *f = NULL;
    lf_error err;
    int rc = lf_ingest_intervals(&spec, &f, rep, &err);
    cr_assert_eq(rc, LF_OK, "%s", err.message);
    return f;
}

#endif
