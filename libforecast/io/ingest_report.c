/* ingest_report.c - the record of what ingest found and did to the data. */
#include "libforecast/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/grow.h"
#include "ingest_internal.h"

void lf_ingest_report_init(lf_ingest_report *report)
{
    memset(report, 0, sizeof *report);
}

void lf_ingest_report_free(lf_ingest_report *report)
{
    if (!report)
        return;
    free(report->issues);
    lf_ingest_report_init(report);
}

int lf_report_add(lf_ingest_report *report, lf_issue_kind kind, lf_time start, long count,
                  long line, const char *series, lf_error *err)
{
    if (!report)
        return LF_OK;
    lf_issue *issues = lf_grow(report->issues, report->nissues, &report->capacity,
                               sizeof *issues);
    if (!issues)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory recording ingest issues");
    report->issues = issues;
    lf_issue *is = &report->issues[report->nissues++];
    memset(is, 0, sizeof *is);
    is->kind = kind;
    is->start = start;
    is->count = count;
    is->line = line;
    snprintf(is->series, sizeof is->series, "%s", series ? series : "");
    return LF_OK;
}

const char *lf_issue_kind_name(lf_issue_kind kind)
{
    switch (kind) {
    case LF_ISSUE_GAP_FILLED: return "gap_filled";
    case LF_ISSUE_GAP_LEFT: return "gap_left";
    case LF_ISSUE_DUPLICATE: return "duplicate";
    case LF_ISSUE_CLOCK_FORWARD: return "clock_forward";
    case LF_ISSUE_CLOCK_BACK: return "clock_back";
    case LF_ISSUE_INCOMPLETE_DAY: return "incomplete_day";
    case LF_ISSUE_MISSING_VALUE: return "missing_value";
    case LF_ISSUE_OUTSIDE_PERIOD: return "outside_period";
    }
    return "unknown";
}

static const char *what_happened(lf_issue_kind kind)
{
    switch (kind) {
    case LF_ISSUE_GAP_FILLED: return "missing, filled by linear interpolation";
    case LF_ISSUE_GAP_LEFT: return "missing, too long to interpolate: days left empty";
    case LF_ISSUE_DUPLICATE: return "duplicate timestamp, resolved by the duplicates policy";
    case LF_ISSUE_CLOCK_FORWARD: return "clock hour absent: daylight-saving start, 23-hour day";
    case LF_ISSUE_CLOCK_BACK: return "clock hour repeated: daylight-saving end, 25-hour day";
    case LF_ISSUE_INCOMPLETE_DAY: return "day only partly covered by the data: left empty";
    case LF_ISSUE_MISSING_VALUE: return "empty or NA value";
    case LF_ISSUE_OUTSIDE_PERIOD: return "outside the configured period: dropped";
    }
    return "";
}

void lf_issue_describe(const lf_issue *issue, int interval_minutes, char *buf, size_t size)
{
    char when[LF_TIME_STRLEN];
    lf_time_format(issue->start, when);
    when[16] = '\0'; /* minutes are enough */
    const char *unit = "interval";
    if (interval_minutes <= 0 || issue->kind == LF_ISSUE_MISSING_VALUE ||
        issue->kind == LF_ISSUE_OUTSIDE_PERIOD)
        unit = "row";
    char where[32] = "";
    if (issue->line > 0)
        snprintf(where, sizeof where, " (line %ld)", issue->line);
    snprintf(buf, size, "%s  %s: %ld %s%s %s%s", when,
             issue->series[0] ? issue->series : "all columns", issue->count, unit,
             issue->count == 1 ? "" : "s", what_happened(issue->kind), where);
}
