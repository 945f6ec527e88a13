/* monthly_summary.c - read an hourly load file and print monthly energy, peak
 * and load factor: the smallest useful program against libforecast.
 *
 *   cc monthly_summary.c $(pkg-config --cflags --libs libforecast)
 *   ./a.out ../../datasets/sample/region_load.csv
 */
#include <libforecast.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s LOAD.csv  (columns time,load_mw; hourly)\n", argv[0]);
        return 1;
    }
    lf_series_spec load = {"load_mw", LF_SERIES_LOAD, LF_UNIT_MW, NULL};
    lf_interval_spec spec = {0};
    spec.path = argv[1];
    spec.time_column = "time";
    spec.series = &load;
    spec.nseries = 1;
    spec.max_gap_intervals = -1; /* library default */
    spec.first = 1;              /* first > last: keep every day */
    spec.last = 0;

    lf_error err;
    lf_frame *daily = NULL;
    lf_ingest_report report;
    lf_ingest_report_init(&report);
    if (lf_ingest_intervals(&spec, &daily, &report, &err) != LF_OK) {
        fprintf(stderr, "error: %s\n", err.message);
        return 2;
    }
    lf_period_summary *months = NULL;
    size_t n = 0;
    if (lf_summarize(daily, LF_PERIOD_MONTH, "", &months, &n, &err) != LF_OK) {
        fprintf(stderr, "error: %s\n", err.message);
        lf_frame_free(daily);
        lf_ingest_report_free(&report);
        return 2;
    }
    printf("libforecast %s: %zu days, %ld intervals interpolated\n", lf_version(),
           daily->ndays, report.interpolated);
    printf("month      energy_MWh    peak_MW  load_factor\n");
    for (size_t i = 0; i < n; i++)
        printf("%04d-%02d %13.0f %10.1f %12.3f\n", months[i].year, months[i].month,
               months[i].energy_mwh, months[i].peak_mw, months[i].load_factor);
    free(months);
    lf_frame_free(daily);
    lf_ingest_report_free(&report);
    return 0;
}
