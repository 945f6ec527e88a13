/* config_crm_tables.c - helpers of the 'crm' section's readers for its named
 * tables: a mapping's size, thresholds that decrease from the best entry
 * (credit grades, value levels), and the message for a name that is not one
 * of a list (a grade, a level, a group, a tier). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/suggest.h"
#include "config_crm_internal.h"

const lf_ynode *crm_node(const crm_reader *R, const char *outer, const char *inner)
{
    const lf_ynode *v = lf_ymap_get(R->section, outer);
    return v && inner ? lf_ymap_get(v, inner) : v;
}

int crm_table(const crm_reader *R, const lf_ynode *map, size_t max)
{
    int rc = lf_ynode_expect(map, LF_YMAPPING, R->err);
    if (rc != LF_OK || (map->count >= 1 && map->count <= max))
        return rc;
    char desc[300];
    lf_ynode_describe(map, desc, sizeof desc);
    return lf_ynode_error(map, R->err, LF_ERR_CONFIG, "%s needs 1 to %zu entries, got %zu", desc,
                          max, map->count);
}

/* The entry's threshold is below the one before it, and the last reaches 0. */
static int check_threshold(const crm_reader *R, const lf_ynode *map, size_t i,
                           const char *what, const double *mins)
{
    const lf_ypair *p = &map->pairs[i];
    char desc[300];
    lf_ynode_describe(p->value, desc, sizeof desc);
    if (i > 0 && !(mins[i] < mins[i - 1]))
        return lf_ynode_error(p->value, R->err, LF_ERR_CONFIG, "%s (%g) must be below '%s' "
                              "(%g): each %s starts below the one before it, best first",
                              desc, mins[i], map->pairs[i - 1].key->text, mins[i - 1], what);
    if (i + 1 == map->count && mins[i] > 0)
        return lf_ynode_error(p->value, R->err, LF_ERR_CONFIG, "%s (%g) is the lowest %s and "
                              "must start at 0 or below, so that every score has one", desc,
                              mins[i], what);
    return LF_OK;
}

int crm_thresholds(const crm_reader *R, const lf_ynode *map, size_t max, size_t name_size,
                   const char *what, double *mins)
{
    char name[LF_CUSTOMER_INDUSTRY_MAX]; /* the longest name field of the section */
    int rc = crm_table(R, map, max);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        rc = lf_ynode_text(map->pairs[i].key, name, name_size, R->err);
        if (rc == LF_OK)
            rc = lf_ynode_double(map->pairs[i].value, -INFINITY, INFINITY, &mins[i], R->err);
        if (rc == LF_OK)
            rc = check_threshold(R, map, i, what, mins);
    }
    return rc;
}

int crm_unknown(const crm_reader *R, const lf_ynode *node, const char *what,
                const char *what_plural, const char *const *names, size_t n)
{
    char desc[300], hint[120], list[300] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                 names[i]);
    lf_suggest_hint(hint, sizeof hint, node->text, names, n);
    lf_ynode_describe(node, desc, sizeof desc);
    if (node->is_key)
        return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s is not %s%s; %s: %s", desc, what,
                              hint, what_plural, list);
    return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s is '%s', not %s%s; %s: %s", desc,
                          node->text, what, hint, what_plural, list);
}
