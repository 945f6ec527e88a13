/* config_crm_segments.c - 'segments' in the config's 'crm' section
 * (config.h): credit groups, the segment matrix by value level and credit
 * group, the curtailment tiers and the tier rules.  The matrix's rows are
 * the value levels and its columns the groups, matched by name; without a
 * matrix, the default cells are looked up by name, so changing the names of
 * the levels or groups needs a matrix.  Every credit grade needs a group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_crm_internal.h"

/* ---- names the other parts define ----------------------------------------------------- */

typedef struct names {
    size_t n;
    const char *v[LF_SEGMENT_TIERS_MAX]; /* the largest of the lists below */
} names;

static void level_names(const lf_segment_spec *s, names *out)
{
    for (out->n = 0; out->n < s->nlevels; out->n++)
        out->v[out->n] = s->levels[out->n];
}

static void group_names(const lf_segment_spec *s, names *out)
{
    for (out->n = 0; out->n < s->ngroups; out->n++)
        out->v[out->n] = s->groups[out->n].name;
}

static void tier_names(const lf_segment_spec *s, names *out)
{
    for (out->n = 0; out->n < s->ntiers; out->n++)
        out->v[out->n] = s->tiers[out->n];
}

/* The names a tier rule may use: the spec's levels, groups and tiers. */
static void rule_names(const lf_segment_spec *s, names *levels, names *groups, names *tiers)
{
    level_names(s, levels);
    group_names(s, groups);
    tier_names(s, tiers);
}

static long find(const names *list, const char *name, int nocase)
{
    for (size_t i = 0; i < list->n; i++)
        if (!(nocase ? strcasecmp(list->v[i], name) : strcmp(list->v[i], name)))
            return (long)i;
    return -1;
}

/* A list of names (a single name allowed) of 1..max items; *count gets
 * their number (item() gives each node). */
static int read_name_list(const crm_reader *R, const lf_ynode *node, size_t max, size_t *count)
{
    const char **list = NULL;
    int rc = lf_ynode_string_list(node, &list, count, R->err);
    free(list);
    if (rc == LF_OK && (*count < 1 || *count > max)) {
        char desc[300];
        lf_ynode_describe(node, desc, sizeof desc);
        rc = lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s needs 1 to %zu names, got %zu",
                            desc, max, *count);
    }
    return rc;
}

static const lf_ynode *item(const lf_ynode *node, size_t i)
{
    return node->kind == LF_YSEQUENCE ? node->items[i] : node;
}

/* ---- groups ------------------------------------------------------------------------------ */

/* A grade of the group: one of the credit grades, in no group before. */
static int read_group_grade(const crm_reader *R, const lf_ynode *node, size_t g, size_t k)
{
    lf_segment_spec *s = &R->spec->segment;
    names grades = {.n = R->spec->ngrades};
    for (size_t i = 0; i < grades.n; i++)
        grades.v[i] = R->spec->grades[i].name;
    char *grade = s->groups[g].grades[k];
    int rc = lf_ynode_text(node, grade, LF_CREDIT_GRADE_MAX, R->err);
    if (rc == LF_OK && find(&grades, grade, 0) < 0)
        return crm_unknown(R, node, "a credit grade", "the grades are", grades.v, grades.n);
    for (size_t h = 0; rc == LF_OK && h <= g; h++)
        for (size_t j = 0; j < (h == g ? k : s->groups[h].ngrades); j++)
            if (!strcmp(s->groups[h].grades[j], grade))
                return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "grade '%s' is in group "
                                      "'%s' already; each grade belongs to one group", grade,
                                      s->groups[h].name);
    return rc;
}

static int read_groups(const crm_reader *R, const lf_ynode *map)
{
    lf_segment_spec *s = &R->spec->segment;
    int rc = crm_table(R, map, LF_CREDIT_GROUPS_MAX);
    for (size_t g = 0; rc == LF_OK && g < map->count; g++) {
        const lf_ypair *p = &map->pairs[g];
        lf_credit_group *grp = &s->groups[g];
        rc = lf_ynode_text(p->key, grp->name, sizeof grp->name, R->err);
        if (rc == LF_OK)
            rc = read_name_list(R, p->value, LF_CREDIT_GROUP_GRADES_MAX, &grp->ngrades);
        for (size_t k = 0; rc == LF_OK && k < grp->ngrades; k++)
            rc = read_group_grade(R, item(p->value, k), g, k);
    }
    s->ngroups = rc == LF_OK ? map->count : 0;
    return rc;
}

/* Every credit grade is in a group (groups: the node given, or NULL). */
static int check_grouped(const crm_reader *R, const lf_ynode *groups)
{
    const lf_segment_spec *s = &R->spec->segment;
    for (size_t i = 0; i < R->spec->ngrades; i++) {
        const char *grade = R->spec->grades[i].name;
        int found = 0;
        for (size_t g = 0; g < s->ngroups && !found; g++)
            for (size_t k = 0; k < s->groups[g].ngrades && !found; k++)
                found = !strcmp(s->groups[g].grades[k], grade);
        if (found)
            continue;
        if (groups)
            return lf_ynode_error(groups, R->err, LF_ERR_CONFIG, "credit grade '%s' is in none "
                                  "of the groups of 'crm.segments.groups'; every grade needs "
                                  "one", grade);
        return lf_ynode_error(lf_ymap_key(crm_node(R, "credit", "grades"), grade), R->err,
                              LF_ERR_CONFIG, "credit grade '%s' is in none of the default "
                              "credit groups; give 'groups' in 'crm.segments' with every "
                              "grade", grade);
    }
    return LF_OK;
}

/* ---- the matrix -------------------------------------------------------------------------- */

static int read_cell(const crm_reader *R, const lf_ynode *node, lf_segment_cell *cell)
{
    int rc = lf_ynode_expect(node, LF_YSEQUENCE, R->err);
    if (rc == LF_OK && node->count != 2) {
        char desc[300];
        lf_ynode_describe(node, desc, sizeof desc);
        return lf_ynode_error(node, R->err, LF_ERR_CONFIG, "%s must be [segment, service], "
                              "two names, got %zu", desc, node->count);
    }
    if (rc == LF_OK)
        rc = lf_ynode_text(node->items[0], cell->segment, sizeof cell->segment, R->err);
    if (rc == LF_OK)
        rc = lf_ynode_text(node->items[1], cell->service, sizeof cell->service, R->err);
    return rc;
}

/* A row: a cell for every group, by group name. */
static int read_row(const crm_reader *R, const lf_ynode *map, size_t l)
{
    lf_segment_spec *s = &R->spec->segment;
    names groups;
    group_names(s, &groups);
    int rc = lf_ynode_expect(map, LF_YMAPPING, R->err);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        long g = find(&groups, map->pairs[i].key->text, 0);
        if (g < 0)
            return crm_unknown(R, map->pairs[i].key, "a credit group", "the groups are",
                               groups.v, groups.n);
        rc = read_cell(R, map->pairs[i].value, &s->cells[l][g]);
    }
    for (size_t g = 0; rc == LF_OK && g < groups.n; g++)
        if (!lf_ymap_get(map, groups.v[g])) {
            char desc[300];
            lf_ynode_describe(map, desc, sizeof desc);
            return lf_ynode_error(map, R->err, LF_ERR_CONFIG, "%s has no cell for credit group "
                                  "'%s'; every group needs one", desc, groups.v[g]);
        }
    return rc;
}

static int read_matrix(const crm_reader *R, const lf_ynode *map)
{
    names levels;
    level_names(&R->spec->segment, &levels);
    int rc = crm_table(R, map, LF_VALUE_LEVELS_MAX);
    for (size_t i = 0; rc == LF_OK && i < map->count; i++) {
        long l = find(&levels, map->pairs[i].key->text, 0);
        if (l < 0)
            return crm_unknown(R, map->pairs[i].key, "a value level", "the value levels are",
                               levels.v, levels.n);
        rc = read_row(R, map->pairs[i].value, (size_t)l);
    }
    for (size_t l = 0; rc == LF_OK && l < levels.n; l++)
        if (!lf_ymap_get(map, levels.v[l]))
            return lf_ynode_error(map, R->err, LF_ERR_CONFIG, "'matrix' in 'crm.segments' has "
                                  "no row for value level '%s'; every level needs one",
                                  levels.v[l]);
    return rc;
}

/* A name without a default cell: where it was given, and what to do. */
static int no_default(const crm_reader *R, const lf_ynode *table, const char *what,
                      const char *name)
{
    return lf_ynode_error(lf_ymap_key(table, name), R->err, LF_ERR_CONFIG, "%s '%s' has no "
                          "default segments; give 'matrix' in 'crm.segments' with a row for "
                          "every value level and a cell for every credit group", what, name);
}

/* Without a matrix: the default cells, by level and group name. */
static int default_matrix(const crm_reader *R, const lf_ynode *groups_node)
{
    lf_segment_spec *s = &R->spec->segment, def;
    lf_segment_spec_default(&def);
    names dl, dg, sl, sg;
    level_names(&def, &dl);
    group_names(&def, &dg);
    level_names(s, &sl);
    group_names(s, &sg);
    for (size_t l = 0; l < sl.n; l++) {
        long dli = find(&dl, sl.v[l], 0);
        if (dli < 0)
            return no_default(R, crm_node(R, "value", "levels"), "value level", sl.v[l]);
        for (size_t g = 0; g < sg.n; g++) {
            long dgi = find(&dg, sg.v[g], 0);
            if (dgi < 0)
                return no_default(R, groups_node, "credit group", sg.v[g]);
            s->cells[l][g] = def.cells[dli][dgi];
        }
    }
    return LF_OK;
}

/* ---- tiers and rules --------------------------------------------------------------------- */

static int read_tiers(const crm_reader *R, const lf_ynode *node)
{
    lf_segment_spec *s = &R->spec->segment;
    names tiers = {0};
    int rc = read_name_list(R, node, LF_SEGMENT_TIERS_MAX, &s->ntiers);
    for (size_t t = 0; rc == LF_OK && t < s->ntiers; t++) {
        const lf_ynode *it = item(node, t);
        rc = lf_ynode_text(it, s->tiers[t], sizeof s->tiers[t], R->err);
        long u = rc == LF_OK ? find(&tiers, s->tiers[t], 1) : -1;
        if (u >= 0)
            return lf_ynode_error(it, R->err, LF_ERR_CONFIG, "tier '%s' is tier '%s' again; "
                                  "tier names must differ in more than case (the peak-shift "
                                  "portfolio looks them up that way)", s->tiers[t], tiers.v[u]);
        tiers.v[tiers.n++] = s->tiers[t];
    }
    return rc;
}

/* The name under key, into size bytes, one of list (NULL: any name). */
static int rule_name(const crm_reader *R, const lf_ynode *map, const char *key, char *out,
                     size_t size, const names *list, int nocase, const char *what,
                     const char *plural)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    int rc = v ? lf_ynode_text(v, out, size, R->err) : LF_OK;
    if (rc == LF_OK && v && list && find(list, out, nocase) < 0)
        return crm_unknown(R, v, what, plural, list->v, list->n);
    return rc;
}

static int read_rule(const crm_reader *R, const lf_ynode *map, lf_tier_rule *r)
{
    static const char *const keys[] = {"tier", "value", "credit", "class", "industry"};
    const lf_segment_spec *s = &R->spec->segment;
    names levels, groups, tiers;
    rule_names(s, &levels, &groups, &tiers);
    memset(r, 0, sizeof *r);
    const lf_ynode *v = NULL;
    int rc = lf_ymap_expect_required(map, keys, CRM_COUNT(keys), 1, R->err);
    if (rc == LF_OK)
        rc = rule_name(R, map, "tier", r->tier, sizeof r->tier, &tiers, 1, "a tier",
                       "the tiers are");
    if (rc == LF_OK)
        rc = rule_name(R, map, "value", r->value_level, sizeof r->value_level, &levels, 0,
                       "a value level", "the value levels are");
    if (rc == LF_OK)
        rc = rule_name(R, map, "credit", r->credit_group, sizeof r->credit_group, &groups, 0,
                       "a credit group", "the groups are");
    if (rc == LF_OK)
        rc = rule_name(R, map, "class", r->class_name, sizeof r->class_name, NULL, 0, "", "");
    if (rc == LF_OK && (v = lf_ymap_get(map, "industry")))
        rc = read_name_list(R, v, LF_TIER_RULE_INDUSTRIES_MAX, &r->nindustries);
    for (size_t k = 0; rc == LF_OK && k < r->nindustries; k++)
        rc = lf_ynode_text(item(v, k), r->industries[k], sizeof r->industries[k], R->err);
    return rc;
}

static int read_rules(const crm_reader *R, const lf_ynode *seq)
{
    lf_segment_spec *s = &R->spec->segment;
    int rc = lf_ynode_expect(seq, LF_YSEQUENCE, R->err);
    if (rc == LF_OK && (seq->count < 1 || seq->count > LF_TIER_RULES_MAX))
        rc = lf_ynode_error(seq, R->err, LF_ERR_CONFIG, "'tier_rules' in 'crm.segments' needs "
                            "1 to %d rules, got %zu", LF_TIER_RULES_MAX, seq->count);
    for (size_t i = 0; rc == LF_OK && i < seq->count; i++)
        rc = read_rule(R, seq->items[i], &s->rules[i]);
    s->nrules = rc == LF_OK ? seq->count : 0;
    return rc;
}

/* ---- the mapping ------------------------------------------------------------------------- */

/* Where a default rule's name is missing: the renamed list, else NULL. */
static const lf_ynode *gone(const crm_reader *R, const lf_ynode *map, const lf_tier_rule *r,
                            const char **what, const char **name)
{
    const lf_segment_spec *s = &R->spec->segment;
    names levels, groups, tiers;
    rule_names(s, &levels, &groups, &tiers);
    *what = "tier";
    *name = r->tier;
    if (find(&tiers, r->tier, 1) < 0)
        return lf_ymap_get(map, "tiers");
    *what = "value level";
    *name = r->value_level;
    if (r->value_level[0] && find(&levels, r->value_level, 0) < 0)
        return crm_node(R, "value", "levels");
    *what = "credit group";
    *name = r->credit_group;
    if (r->credit_group[0] && find(&groups, r->credit_group, 0) < 0)
        return lf_ymap_get(map, "groups");
    return NULL;
}

/* Without 'tier_rules', the default rules name tiers, levels and groups
 * that the section may have renamed: the error is where the names were. */
static int check_default_rules(const crm_reader *R, const lf_ynode *map)
{
    const lf_segment_spec *s = &R->spec->segment;
    for (size_t i = 0; i < s->nrules; i++) {
        const char *what, *name;
        const lf_ynode *at = gone(R, map, &s->rules[i], &what, &name);
        if (at)
            return lf_ynode_error(at, R->err, LF_ERR_CONFIG, "default tier rule %zu names %s "
                                  "'%s', which is gone; give 'tier_rules' in 'crm.segments'",
                                  i + 1, what, name);
    }
    return LF_OK;
}

/* The library's check of the whole, for what the readers do not see. */
static int check_spec(const crm_reader *R, const lf_ynode *map)
{
    int rc = map && lf_ymap_get(map, "tier_rules") ? LF_OK : check_default_rules(R, map);
    if (rc != LF_OK || lf_segment_spec_check(&R->spec->segment, R->err) == LF_OK)
        return rc;
    return lf_ynode_relocate(map ? map : R->section, R->err, "");
}

int crm_read_segments(const crm_reader *R, const lf_ynode *map)
{
    static const char *const keys[] = {"groups", "matrix", "tiers", "tier_rules"};
    lf_segment_spec *s = &R->spec->segment;
    const lf_value_spec *vs = &R->spec->value;
    const lf_ynode *v, *groups = map ? lf_ymap_get(map, "groups") : NULL;
    int rc = map ? lf_ymap_expect_keys(map, keys, CRM_COUNT(keys), R->err) : LF_OK;
    for (s->nlevels = 0; s->nlevels < vs->nlevels; s->nlevels++)
        memcpy(s->levels[s->nlevels], vs->levels[s->nlevels].name, sizeof s->levels[0]);
    if (rc == LF_OK && groups)
        rc = read_groups(R, groups);
    if (rc == LF_OK)
        rc = check_grouped(R, groups);
    if (rc == LF_OK && (v = map ? lf_ymap_get(map, "matrix") : NULL))
        rc = read_matrix(R, v);
    else if (rc == LF_OK)
        rc = default_matrix(R, groups);
    if (rc == LF_OK && map && (v = lf_ymap_get(map, "tiers")))
        rc = read_tiers(R, v);
    if (rc == LF_OK && map && (v = lf_ymap_get(map, "tier_rules")))
        rc = read_rules(R, v);
    return rc == LF_OK ? check_spec(R, map) : rc;
}
