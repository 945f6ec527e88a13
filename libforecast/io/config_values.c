/* config_values.c - value forms more than one config section reads: a month
 * YYYY-MM, a figure per month {2025-07: 9300, ...} (peakshift's limit_mw, the
 * plan's supply) and a share written 0.12 or 12%. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/suggest.h"
#include "config_internal.h"

int lf_config_parse_month(const char *text, int *year, int *month)
{
    static const char digit[] = "dddd-dd";
    if (strlen(text) != 7)
        return 0;
    for (int i = 0; i < 7; i++)
        if (digit[i] == 'd' ? !isdigit((unsigned char)text[i]) : text[i] != '-')
            return 0;
    *year = atoi(text);
    *month = atoi(text + 5);
    return *year >= 1 && *month >= 1 && *month <= 12;
}

int lf_config_parse_share(const char *text, double *out)
{
    size_t n = strlen(text);
    char *end;
    double v = strtod(text, &end);
    if (end == text)
        return 0;
    if (text[n - 1] == '%' && end == text + n - 1)
        v /= 100;
    else if (end != text + n)
        return 0;
    if (!isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int lf_config_read_months(const lf_ynode *map, lf_arena *arena, const lf_config_month_form *form,
                          const lf_config_month_limit **out, lf_error *err)
{
    char path[200];
    lf_ynode_path(map, path, sizeof path);
    lf_config_month_limit *m = lf_arena_alloc(arena, map->count * sizeof *m);
    if (!m)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading '%s'", path);
    for (size_t i = 0; i < map->count; i++) {
        const lf_ypair *pair = &map->pairs[i];
        if (!lf_config_parse_month(pair->key->text, &m[i].year, &m[i].month)) {
            char hint[120];
            lf_suggest_hint(hint, sizeof hint, pair->key->text, form->other_keys, form->nother);
            return lf_ynode_error(pair->key, err, LF_ERR_CONFIG, "'%s' in '%s' is not a month "
                                  "YYYY-MM%s; %s", pair->key->text, path, hint, form->forms);
        }
        m[i].line = pair->key->line;
        m[i].col = pair->key->column;
        int rc = form->figure(pair->value, form->ctx, &m[i].mw, err);
        if (rc != LF_OK)
            return rc;
    }
    *out = m;
    return LF_OK;
}
