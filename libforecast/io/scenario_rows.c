/* scenario_rows.c - the rows of one scenario in the CSV files a config
 * section names (a forecast lfc forecast wrote holds every scenario's rows
 * in one file), and the lists of names the messages about them give. */
#include <stdio.h>
#include <string.h>

#include "config_internal.h"

void lf_config_header_list(const lf_csv *csv, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t k = 0; k < lf_csv_header_count(csv); k++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", k ? ", " : "", lf_csv_header_name(csv, k));
    }
}

int lf_scenario_rows_begin(const lf_csv *csv, lf_scenario_rows *s, const char *key,
                           lf_error *err)
{
    s->col = lf_csv_find(csv, "scenario");
    if (s->col >= 0 || !s->want)
        return LF_OK;
    return lf_error_at(err, LF_ERR_NOTFOUND, lf_csv_path(csv), 1, 0, "no 'scenario' column "
                       "to take scenario '%s' from; leave 'scenario' out of '%s' for a file "
                       "of one series", s->want, key);
}

/* Only the first LF_SCENARIO_SEEN_MAX names: enough for a message. */
static void note_scenario(lf_scenario_rows *s, const char *name)
{
    for (size_t i = 0; i < s->nseen; i++)
        if (!strcmp(s->seen[i], name))
            return;
    if (s->nseen < LF_SCENARIO_SEEN_MAX)
        snprintf(s->seen[s->nseen++], LF_SCENARIO_NAME_MAX, "%s", name);
}

/* Whether the current row belongs to the scenario read (the one asked for,
 * else the first in the file). */
static int take_row(lf_csv *csv, lf_scenario_rows *s, int *take, lf_error *err)
{
    size_t col = (size_t)s->col;
    const char *name = lf_csv_field(csv, col);
    note_scenario(s, name);
    if (!s->scenario[0]) {
        const char *want = s->want ? s->want : name;
        if (strlen(want) >= sizeof s->scenario || !*want)
            return lf_csv_error(csv, col, err, LF_ERR_DATA, "a scenario name has 1 to %zu "
                                "characters, got '%.40s'", sizeof s->scenario - 1, want);
        strcpy(s->scenario, want);
    }
    *take = !strcmp(name, s->scenario);
    return LF_OK;
}

int lf_scenario_rows_next(lf_csv *csv, lf_scenario_rows *s, int *has_row, lf_error *err)
{
    int rc, take = 0;
    do {
        if ((rc = lf_csv_next(csv, has_row, err)) != LF_OK || !*has_row)
            return rc;
        rc = lf_csv_check_width(csv, err);
        take = 1;
        if (rc == LF_OK && s->col >= 0)
            rc = take_row(csv, s, &take, err);
    } while (rc == LF_OK && !take);
    return rc;
}

int lf_scenario_rows_found(const lf_scenario_rows *s, const char *path, size_t ntaken,
                           lf_error *err)
{
    if (ntaken > 0 || s->nseen == 0)
        return LF_OK;
    char list[LF_SCENARIO_SEEN_MAX * (LF_SCENARIO_NAME_MAX + 2)] = "";
    for (size_t i = 0; i < s->nseen; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 s->seen[i]);
    return lf_error_set(err, LF_ERR_DATA, "%s: no rows of scenario '%s'; the file has: %s",
                        path, s->scenario, list);
}

const char *lf_scenario_rows_of(const lf_scenario_rows *s, char *buf, size_t size)
{
    if (!s->scenario[0])
        return "";
    snprintf(buf, size, " of scenario '%s'", s->scenario);
    return buf;
}
