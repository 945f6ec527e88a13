/* ingest_units.c - unit checks and conversion to the library's units (MW,
 * degC, %, mm) on input, so nothing downstream ever sees kW or degF. */
#include <stddef.h>

#include "ingest_internal.h"

int lf_check_unit(const lf_series_spec *s, lf_error *err)
{
    lf_unit u = s->unit;
    int ok = u == LF_UNIT_DEFAULT;
    if (s->kind == LF_SERIES_LOAD)
        ok |= u == LF_UNIT_KW || u == LF_UNIT_MW || u == LF_UNIT_GW || u == LF_UNIT_KWH ||
              u == LF_UNIT_MWH;
    else if (s->kind == LF_SERIES_TEMPERATURE)
        ok |= u == LF_UNIT_CELSIUS || u == LF_UNIT_FAHRENHEIT;
    if (!ok)
        return lf_error_set(err, LF_ERR_ARG, "unit %d does not fit the kind of series '%s'",
                            (int)u, s->column ? s->column : "value");
    return LF_OK;
}

double lf_convert_value(const lf_series_spec *s, double raw, int step_seconds)
{
    double hours = step_seconds / 3600.0;
    switch (s->unit) {
    case LF_UNIT_KW: return raw / 1000.0;
    case LF_UNIT_GW: return raw * 1000.0;
    case LF_UNIT_KWH: return raw / 1000.0 / hours; /* energy per interval -> mean MW */
    case LF_UNIT_MWH: return raw / hours;
    case LF_UNIT_FAHRENHEIT: return (raw - 32.0) * 5.0 / 9.0;
    default: return raw;
    }
}

const char *lf_series_label(const lf_interval_spec *spec, size_t i)
{
    const lf_series_spec *s = &spec->series[i];
    if (spec->layout == LF_LAYOUT_WIDE || !s->column)
        return s->prefix && *s->prefix ? s->prefix : "value";
    return s->column;
}
