/* connections.c - new connections and known load changes (业扩): checking a
 * connection, its ramp to full load, and the energy and peak it adds on a day
 * (scenario.h). */
#include "libforecast/scenario.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define HOURS_PER_YEAR 8760.0

void lf_connection_init(lf_connection *c)
{
    if (!c)
        return;
    memset(c, 0, sizeof *c);
    c->load_factor = NAN;
    c->annual_mwh = NAN;
    c->coincidence = 1;
}

/* ---- checking ---------------------------------------------------------------------- */

static int check_name(const lf_connection *c, lf_error *err)
{
    /* A fixed array filled by callers: it must be terminated before it is printed. */
    if (!memchr(c->name, '\0', sizeof c->name))
        return lf_error_set(err, LF_ERR_ARG, "connection '%.*s...': name is longer than %d "
                            "characters", 20, c->name, LF_CONNECTION_NAME_MAX - 1);
    if (c->name[0] == '\0')
        return lf_error_set(err, LF_ERR_ARG, "connection: the name is empty; name each "
                            "connection so that results can say which one they mean");
    return LF_OK;
}

static int date_supported(lf_date d)
{
    return d >= lf_date_from_ymd(1, 1, 1) && d <= lf_date_from_ymd(9999, 12, 31);
}

/* Dates are plain day numbers (0 is 1970-01-01, a valid start), but the ramp
 * works in calendar months, so both must lie in the supported years. */
static int check_dates(const lf_connection *c, lf_error *err)
{
    if (!date_supported(c->start))
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': start (day number %ld) is "
                            "outside the years 1..9999", c->name, (long)c->start);
    if (c->end != 0 && !date_supported(c->end))
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': end (day number %ld) is "
                            "outside the years 1..9999; give 0 for no end", c->name,
                            (long)c->end);
    if (c->end != 0 && c->end < c->start) {
        char s[LF_DATE_STRLEN], e[LF_DATE_STRLEN];
        lf_date_format(c->start, s);
        lf_date_format(c->end, e);
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': end %s is before start %s; "
                            "give end 0 for a connection that stays", c->name, e, s);
    }
    return LF_OK;
}

static int check_shape(const lf_connection *c, lf_error *err)
{
    if (!isfinite(c->capacity_mw) || c->capacity_mw == 0)
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': capacity %g MW must be a "
                            "finite nonzero number (negative for load leaving)", c->name,
                            c->capacity_mw);
    if (c->ramp_months < 0 || c->ramp_months > 120)
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': ramp of %d months is outside "
                            "0..120", c->name, c->ramp_months);
    if (!(c->coincidence >= 0 && c->coincidence <= 1))
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': coincidence %g is outside "
                            "0..1 (its share of capacity at the region's peak)", c->name,
                            c->coincidence);
    return LF_OK;
}

static int check_annual(const lf_connection *c, lf_error *err)
{
    double a = c->annual_mwh, cap = c->capacity_mw;
    if (!isfinite(a) || !(a / cap > 0))
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': annual energy %g MWh must be "
                            "finite, nonzero and of the same sign as the capacity (%g MW)",
                            c->name, a, cap);
    double implied = a / (fabs(cap) * HOURS_PER_YEAR);
    if (implied > 1)
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': %g MWh a year needs a load "
                            "factor of %.3f on %g MW; the capacity cannot deliver it (at most "
                            "%g MWh)", c->name, a, implied, cap, fabs(cap) * HOURS_PER_YEAR);
    return LF_OK;
}

static int check_energy(const lf_connection *c, lf_error *err)
{
    int has_lf = !isnan(c->load_factor), has_annual = !isnan(c->annual_mwh);
    if (has_lf == has_annual)
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': give either a load factor or "
                            "an annual energy, %s", c->name,
                            has_lf ? "not both" : "neither is given");
    if (has_lf && !(c->load_factor > 0 && c->load_factor <= 1))
        return lf_error_set(err, LF_ERR_ARG, "connection '%s': load factor %g is outside "
                            "0 < lf <= 1", c->name, c->load_factor);
    return has_annual ? check_annual(c, err) : LF_OK;
}

int lf_connection_check(const lf_connection *c, lf_error *err)
{
    if (!c)
        return lf_error_set(err, LF_ERR_ARG, "connection: none given");
    int rc = check_name(c, err);
    if (rc == LF_OK)
        rc = check_dates(c, err);
    if (rc == LF_OK)
        rc = check_shape(c, err);
    if (rc == LF_OK)
        rc = check_energy(c, err);
    return rc;
}

/* ---- ramp and daily contribution ------------------------------------------------------ */

/* Days from start to the day before start + m months, the same day of month
 * clamped to the target month's length: full load on the last day of the
 * m-th month.  In 64 bits, so an unchecked start cannot overflow. */
static int64_t ramp_days(lf_date start, int months)
{
    return (int64_t)lf_date_add_months(start, months) - start;
}

static int active(const lf_connection *c, lf_date day)
{
    return day >= c->start && (c->end == 0 || day <= c->end);
}

/* 0 outside start..end: the share of capacity connected on the day. */
double lf_connection_ramp(const lf_connection *c, lf_date day)
{
    if (!c || !active(c, day))
        return 0;
    if (c->ramp_months <= 0)
        return 1;
    int64_t L = ramp_days(c->start, c->ramp_months);
    int64_t n = (int64_t)day - c->start + 1;
    return n >= L ? 1.0 : (double)n / (double)L;
}

void lf_connection_day(const lf_connection *c, lf_date day, double *energy_mwh,
                       double *peak_mw)
{
    double r = lf_connection_ramp(c, day), e = 0, p = 0;
    if (r > 0) {
        /* annual_mwh spreads over the days of the calendar year of the day, so a
         * leap year gives the same annual total, not one day more. */
        e = isnan(c->load_factor)
                ? c->annual_mwh / lf_days_in_year(lf_date_year(day)) * r
                : c->capacity_mw * c->load_factor * 24 * r;
        p = c->capacity_mw * c->coincidence * r;
    }
    if (energy_mwh)
        *energy_mwh = e;
    if (peak_mw)
        *peak_mw = p;
}
