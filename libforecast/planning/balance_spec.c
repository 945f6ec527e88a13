/* balance_spec.c - defaults and checks of an energy balance plan's inputs
 * (balance.h): every figure a planner types or a file gives is checked here,
 * before any is used, with a message naming the month or day and the figure. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "balance_internal.h"

void lf_balance_spec_init(lf_balance_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->reserve = NAN; /* 0 is a legal reserve, so unset must be told apart */
}

int lf_balance_check_horizon(const lf_balance_spec *spec, lf_error *err)
{
    if (spec->nmonths == 0)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan needs at least one month "
                            "(nmonths is 0)");
    if (spec->nmonths > LF_BALANCE_MAX_MONTHS)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan covers at most %d months (20 "
                            "years), got %zu", LF_BALANCE_MAX_MONTHS, spec->nmonths);
    if (spec->month < 1 || spec->month > 12)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan's first month is %d; give "
                            "1 .. 12", spec->month);
    /* the last month must stay inside the supported years (date.h) */
    if (spec->year < 1 || spec->year > 9999 - LF_BALANCE_MAX_MONTHS / 12)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan's first year is %d; give "
                            "1 .. %d", spec->year, 9999 - LF_BALANCE_MAX_MONTHS / 12);
    return LF_OK;
}

static int check_reserve(double r, lf_error *err)
{
    if (r >= 0 && r <= 1)
        return LF_OK;
    if (isnan(r))
        return lf_error_set(err, LF_ERR_ARG, "the reserve margin is not set: give it as a "
                            "share of the peak, 0.12 for 12 %%");
    if (r > 1 && r <= 100) /* a percentage typed as one */
        return lf_error_set(err, LF_ERR_ARG, "the reserve margin %g is outside 0..1: give a "
                            "share, 0.12 for 12 %% (%g %% is %g)", r, r, r / 100);
    return lf_error_set(err, LF_ERR_ARG, "the reserve margin %g is outside 0..1: give a "
                        "share, 0.12 for 12 %%", r);
}

/* Letters, digits, '.', '_', '-': the label goes into column names. */
int lf_balance_check_label(const char *label, lf_error *err)
{
    if (!label)
        return lf_error_set(err, LF_ERR_ARG, "give the high quantile's label, such as p90");
    size_t n = strlen(label);
    int plain = n > 0 && n < LF_BALANCE_LABEL_MAX;
    for (size_t i = 0; plain && i < n; i++)
        plain = isalnum((unsigned char)label[i]) || strchr("._-", label[i]);
    if (!plain)
        return lf_error_set(err, LF_ERR_ARG, "the high quantile's label '%.40s' must have 1 "
                            "to %d letters, digits, '.', '_' or '-' (such as p90)", label,
                            LF_BALANCE_LABEL_MAX - 1);
    /* the CSV would have two columns of one name */
    if (strcasecmp(label, "p50") == 0)
        return lf_error_set(err, LF_ERR_ARG, "the high quantile's label is p50, the median's: "
                            "give the high quantile's, such as p90");
    return LF_OK;
}

static int check_labels(const lf_balance_spec *spec, lf_error *err)
{
    if (spec->scenario && strlen(spec->scenario) >= LF_SCENARIO_NAME_MAX)
        return lf_error_set(err, LF_ERR_ARG, "the scenario name '%.40s' is longer than %d "
                            "bytes", spec->scenario, LF_SCENARIO_NAME_MAX - 1);
    return spec->high_label ? lf_balance_check_label(spec->high_label, err) : LF_OK;
}

/* ---- the monthly figures ------------------------------------------------------------ */

typedef struct figure {
    const double *v;
    const char *name;     /* for messages */
    const char *unit;
    int required;
} figure;

static int check_figure(const lf_balance_spec *spec, const figure *f, lf_error *err)
{
    char month[LF_MONTH_STRLEN];
    if (!f->v) {
        if (!f->required)
            return LF_OK;
        return lf_error_set(err, LF_ERR_ARG, "the balance plan needs the %s per month "
                            "(it is NULL)", f->name);
    }
    for (size_t k = 0; k < spec->nmonths; k++) {
        double v = f->v[k];
        if (isfinite(v) && v >= 0)
            continue;
        int y, m;
        lf_balance_month_at(spec->year, spec->month, k, &y, &m);
        lf_balance_month_label(y, m, month);
        if (isnan(v))
            return lf_error_set(err, LF_ERR_ARG, "%s: the %s is missing (NaN)%s", month,
                                f->name, f->required ? "" : "; give 0 for none");
        return lf_error_set(err, LF_ERR_ARG, "%s: the %s is %g %s; it must be finite and "
                            "0 or more", month, f->name, v, f->unit);
    }
    return LF_OK;
}

/* High below P50 means the columns were swapped or the wrong file was read. */
static int check_order(const lf_balance_spec *spec, const double *p50, const double *high,
                       const char *what, const char *unit, lf_error *err)
{
    const char *label = spec->high_label ? spec->high_label : "high";
    char month[LF_MONTH_STRLEN];
    for (size_t k = 0; k < spec->nmonths; k++) {
        if (high[k] >= p50[k])
            continue;
        int y, m;
        lf_balance_month_at(spec->year, spec->month, k, &y, &m);
        return lf_error_set(err, LF_ERR_ARG, "%s: the %s demand %s %g %s is below its P50 "
                            "%g %s; the high quantile must be at least the P50 (were they "
                            "swapped?)", lf_balance_month_label(y, m, month), label, what,
                            high[k], unit, p50[k], unit);
    }
    return LF_OK;
}

static int check_months(const lf_balance_spec *spec, lf_error *err)
{
    const figure figures[] = {
        {spec->energy_p50, "demand energy P50", "MWh", 1},
        {spec->energy_high, "demand energy at the high quantile", "MWh", 1},
        {spec->peak_p50, "demand peak P50", "MW", 1},
        {spec->peak_high, "demand peak at the high quantile", "MW", 1},
        {spec->own_mwh, "own generation", "MWh", 0},
        {spec->purchase_mwh, "purchased energy", "MWh", 0},
        {spec->own_mw, "own capacity", "MW", 0},
        {spec->import_mw, "import capacity", "MW", 0},
        {spec->outage_mw, "planned outage capacity", "MW", 0},
    };
    int rc = LF_OK;
    for (size_t i = 0; rc == LF_OK && i < sizeof figures / sizeof figures[0]; i++)
        rc = check_figure(spec, &figures[i], err);
    if (rc == LF_OK)
        rc = check_order(spec, spec->energy_p50, spec->energy_high, "energy", "MWh", err);
    if (rc == LF_OK)
        rc = check_order(spec, spec->peak_p50, spec->peak_high, "peak", "MW", err);
    return rc;
}

/* ---- the daily peaks ------------------------------------------------------------------ */

/* "2025-03-31" or "2025-03-30 .. 2025-03-31" into buf. */
static const char *day_range(lf_date a, lf_date b, char *buf, size_t size)
{
    char x[LF_DATE_STRLEN], y[LF_DATE_STRLEN];
    lf_date_format(a, x);
    lf_date_format(b, y);
    if (a == b)
        snprintf(buf, size, "%s", x);
    else
        snprintf(buf, size, "%s .. %s", x, y);
    return buf;
}

/* The days must be the horizon's: a shifted series would put each peak in
 * another month's count, so the mismatch is named day by day. */
static int check_daily_span(const lf_balance_spec *spec, lf_error *err)
{
    lf_date first = lf_balance_first_day(spec->year, spec->month);
    lf_date end = lf_balance_end_day(spec->year, spec->month, spec->nmonths);
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN], days[32];
    lf_date_format(first, a);
    lf_date_format(end - 1, b);
    if (spec->daily_first != first) {
        char got[LF_DATE_STRLEN];
        lf_date_format(spec->daily_first, got);
        return lf_error_set(err, LF_ERR_ARG, "the daily peaks start on %s; they must start on "
                            "%s, the first day of the balance months (%s .. %s)", got, a, a,
                            b);
    }
    lf_date got_end = first + (lf_date)spec->ndays;
    if (got_end < end)
        return lf_error_set(err, LF_ERR_ARG, "the daily peaks do not cover the balance months "
                            "(%s .. %s): %s %s missing", a, b,
                            day_range(got_end, end - 1, days, sizeof days),
                            end - got_end > 1 ? "are" : "is");
    if (got_end > end)
        return lf_error_set(err, LF_ERR_ARG, "the daily peaks run past the balance months (%s "
                            ".. %s): %s %s outside", a, b,
                            day_range(end, got_end - 1, days, sizeof days),
                            got_end - end > 1 ? "are" : "is");
    return LF_OK;
}

static int check_daily(const lf_balance_spec *spec, lf_error *err)
{
    if (!spec->daily_peak_mw)
        return LF_OK;
    /* ndays beyond a horizon's days is refused before any date sum can overflow */
    if (spec->ndays > (size_t)LF_BALANCE_MAX_MONTHS * 31 + 1)
        return lf_error_set(err, LF_ERR_ARG, "%zu daily peaks are more than %d months hold",
                            spec->ndays, LF_BALANCE_MAX_MONTHS);
    int rc = check_daily_span(spec, err);
    for (size_t t = 0; rc == LF_OK && t < spec->ndays; t++) {
        double v = spec->daily_peak_mw[t];
        if (isfinite(v) && v >= 0)
            continue;
        char day[LF_DATE_STRLEN];
        lf_date_format(spec->daily_first + (lf_date)t, day);
        return lf_error_set(err, LF_ERR_ARG, "%s: the daily peak is %g MW; it must be finite "
                            "and 0 or more", day, v);
    }
    return rc;
}

int lf_balance_spec_check(const lf_balance_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "the balance plan needs a spec (it is NULL)");
    int rc = lf_balance_check_horizon(spec, err);
    if (rc == LF_OK)
        rc = check_reserve(spec->reserve, err);
    if (rc == LF_OK)
        rc = check_labels(spec, err);
    if (rc == LF_OK)
        rc = check_months(spec, err);
    if (rc == LF_OK)
        rc = check_daily(spec, err);
    return rc;
}
