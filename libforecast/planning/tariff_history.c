/* tariff_history.c - the values a coming month's maximum demand may take,
 * read from the same month of earlier years (tariff_advice.h). */
#include <math.h>

#include "libforecast/tariff_advice.h"

/* The largest interval of year-month, when the load covers the whole month. */
static int month_max(const lf_interval_load *load, int year, int month, double *out)
{
    size_t per_day = (size_t)(1440 / load->minutes);
    lf_date first = lf_date_from_ymd(year, month, 1);
    lf_date end = lf_date_add_months(first, 1);
    lf_date load_end = load->first + (lf_date)(load->n / per_day);
    if (first < load->first || end > load_end)
        return 0;
    double m = -INFINITY;
    size_t i0 = (size_t)(first - load->first) * per_day;
    size_t i1 = (size_t)(end - load->first) * per_day;
    for (size_t i = i0; i < i1; i++)
        if (isfinite(load->kw[i]) && load->kw[i] > m)
            m = load->kw[i];
    *out = m;
    return isfinite(m);
}

int lf_max_demand_history(const lf_interval_load *load, int year, int month, double growth,
                          double *values, size_t *n, lf_error *err)
{
    if (!load || !load->kw || !values || !n || load->minutes <= 0 || 1440 % load->minutes)
        return lf_error_set(err, LF_ERR_ARG, "history needs interval load and room for "
                            "the values");
    if (month < 1 || month > 12)
        return lf_error_set(err, LF_ERR_ARG, "month %d is not 1..12", month);
    if (!(growth > -1 && isfinite(growth)))
        return lf_error_set(err, LF_ERR_ARG, "growth %g must be above -100%%", growth);
    *n = 0;
    size_t per_day = (size_t)(1440 / load->minutes);
    lf_date last = load->first + (lf_date)(load->n / per_day) - 1;
    for (int y = lf_date_year(load->first); y <= lf_date_year(last) && y < year; y++) {
        double m;
        if (month_max(load, y, month, &m))
            values[(*n)++] = m * pow(1 + growth, year - y);
    }
    return LF_OK;
}
