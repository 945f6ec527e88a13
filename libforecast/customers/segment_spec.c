/* segment_spec.c - the segment matrix and tier rules of customer_segment.h:
 * the defaults it documents, and the check of a spec before any customer is
 * placed by it (segment.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "libforecast/customer_segment.h"
#include "credit_internal.h"
#include "../core/suggest.h"

/* ---- defaults ----------------------------------------------------------------------- */

static void put(char *dst, size_t size, const char *src) { snprintf(dst, size, "%s", src); }

/* grades: NULL-terminated */
static void add_group(lf_segment_spec *s, const char *name, const char *const *grades)
{
    lf_credit_group *g = &s->groups[s->ngroups++];
    put(g->name, sizeof g->name, name);
    for (g->ngrades = 0; grades[g->ngrades]; g->ngrades++)
        put(g->grades[g->ngrades], sizeof g->grades[0], grades[g->ngrades]);
}

static lf_tier_rule *add_rule(lf_segment_spec *s, const char *tier)
{
    lf_tier_rule *r = &s->rules[s->nrules++];
    put(r->tier, sizeof r->tier, tier);
    return r;
}

static void default_cells(lf_segment_spec *s)
{
    /* [level][group] as the matrix in customer_segment.h: segment, service */
    static const char *const cells[3][3][2] = {
        {{"strategic", "premium"}, {"key-watch", "premium"}, {"key-risk", "standard"}},
        {{"growth", "enhanced"}, {"core", "standard"}, {"risk", "standard"}},
        {{"basic", "basic"}, {"basic", "basic"}, {"watch", "basic"}}};
    for (size_t l = 0; l < 3; l++)
        for (size_t g = 0; g < 3; g++) {
            put(s->cells[l][g].segment, sizeof s->cells[l][g].segment, cells[l][g][0]);
            put(s->cells[l][g].service, sizeof s->cells[l][g].service, cells[l][g][1]);
        }
}

static void default_rules(lf_segment_spec *s)
{
    /* The glossary's order: energy-intensive, polluting and poor-credit
     * customers are cut first, the most valuable last. */
    static const char *const heavy[] = {"steel", "ferroalloys", "cement", "chemicals",
                                        "non-ferrous metals", "building ceramics",
                                        "textile dyeing"};
    put(add_rule(s, "restricted")->credit_group, LF_SEGMENT_NAME_MAX, "poor");
    lf_tier_rule *r = add_rule(s, "restricted");
    for (r->nindustries = 0; r->nindustries < sizeof heavy / sizeof *heavy; r->nindustries++)
        put(r->industries[r->nindustries], sizeof r->industries[0], heavy[r->nindustries]);
    r = add_rule(s, "priority");
    put(r->value_level, sizeof r->value_level, "high");
    put(r->credit_group, sizeof r->credit_group, "good");
    put(add_rule(s, "commercial")->class_name, LF_CUSTOMER_CLASS_MAX, "commercial");
    add_rule(s, "general");
}

void lf_segment_spec_default(lf_segment_spec *spec)
{
    static const char *const good[] = {"AAA", "AA", "A", NULL};
    static const char *const fair[] = {"BBB", "BB", NULL};
    static const char *const poor[] = {"B", "C", NULL};
    static const char *const levels[] = {"high", "medium", "low"};
    static const char *const tiers[] = {"restricted", "general", "commercial", "priority"};
    memset(spec, 0, sizeof *spec);
    add_group(spec, "good", good);
    add_group(spec, "fair", fair);
    add_group(spec, "poor", poor);
    for (spec->nlevels = 0; spec->nlevels < 3; spec->nlevels++)
        put(spec->levels[spec->nlevels], sizeof spec->levels[0], levels[spec->nlevels]);
    for (spec->ntiers = 0; spec->ntiers < 4; spec->ntiers++)
        put(spec->tiers[spec->ntiers], sizeof spec->tiers[0], tiers[spec->ntiers]);
    default_cells(spec);
    default_rules(spec);
}

/* ---- check -------------------------------------------------------------------------- */

#define NAME_OK(a) credit_name_ok((a), sizeof(a))

/* "segment spec: ..." as LF_ERR_ARG: the spec is the caller's argument. */
static int bad(lf_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int bad(lf_error *err, const char *fmt, ...)
{
    char what[LF_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return lf_error_set(err, LF_ERR_ARG, "segment spec: %s", what);
}

static int check_count(size_t n, size_t max, const char *what, lf_error *err)
{
    if (n >= 1 && n <= max)
        return LF_OK;
    return bad(err, "%zu %s; give 1..%zu", n, what, max);
}

/* 1 when grade is in a group before `group`, or in `group` before position
 * `before`: a grade in two groups would have two segments. */
static int grade_seen(const lf_segment_spec *s, const char *grade, size_t group,
                      size_t before)
{
    for (size_t g = 0; g <= group; g++)
        for (size_t k = 0; k < (g == group ? before : s->groups[g].ngrades); k++)
            if (strcmp(s->groups[g].grades[k], grade) == 0)
                return 1;
    return 0;
}

static int check_groups(const lf_segment_spec *s, lf_error *err)
{
    int rc = check_count(s->ngroups, LF_CREDIT_GROUPS_MAX, "credit groups", err);
    for (size_t g = 0; rc == LF_OK && g < s->ngroups; g++) {
        const lf_credit_group *grp = &s->groups[g];
        if (!NAME_OK(grp->name))
            return bad(err, "credit group %zu has no name (or one longer than %d bytes)",
                       g + 1, LF_SEGMENT_NAME_MAX - 1);
        for (size_t h = 0; h < g; h++)
            if (strcmp(s->groups[h].name, grp->name) == 0)
                return bad(err, "credit group '%s' is named twice", grp->name);
        if (grp->ngrades < 1 || grp->ngrades > LF_CREDIT_GROUP_GRADES_MAX)
            return bad(err, "credit group '%s' has %zu grades; give 1..%d", grp->name,
                       grp->ngrades, LF_CREDIT_GROUP_GRADES_MAX);
        for (size_t k = 0; k < grp->ngrades; k++) {
            if (!NAME_OK(grp->grades[k]))
                return bad(err, "credit group '%s': grade %zu is empty (or longer than %d "
                           "bytes)", grp->name, k + 1, LF_CREDIT_GRADE_MAX - 1);
            if (grade_seen(s, grp->grades[k], g, k))
                return bad(err, "grade '%s' is listed twice (again in credit group '%s'); "
                           "each grade belongs to one group", grp->grades[k], grp->name);
        }
    }
    return rc;
}

static int check_levels_and_cells(const lf_segment_spec *s, lf_error *err)
{
    int rc = check_count(s->nlevels, LF_VALUE_LEVELS_MAX, "value levels", err);
    for (size_t l = 0; rc == LF_OK && l < s->nlevels; l++) {
        if (!NAME_OK(s->levels[l]))
            return bad(err, "value level %zu has no name (or one longer than %d bytes)",
                       l + 1, LF_VALUE_LEVEL_NAME_MAX - 1);
        for (size_t m = 0; m < l; m++)
            if (strcmp(s->levels[m], s->levels[l]) == 0)
                return bad(err, "value level '%s' is named twice", s->levels[l]);
        for (size_t g = 0; g < s->ngroups; g++) {
            const lf_segment_cell *c = &s->cells[l][g];
            if (!NAME_OK(c->segment) || !NAME_OK(c->service))
                return bad(err, "the cell of value level '%s' and credit group '%s' needs a "
                           "segment and a service level (each 1..%d bytes)", s->levels[l],
                           s->groups[g].name, LF_SEGMENT_NAME_MAX - 1);
        }
    }
    return rc;
}

static int check_tiers(const lf_segment_spec *s, lf_error *err)
{
    int rc = check_count(s->ntiers, LF_SEGMENT_TIERS_MAX, "tiers", err);
    for (size_t t = 0; rc == LF_OK && t < s->ntiers; t++) {
        if (!NAME_OK(s->tiers[t]))
            return bad(err, "tier %zu has no name (or one longer than %d bytes)", t + 1,
                       LF_SEGMENT_NAME_MAX - 1);
        /* case-insensitive: the portfolio looks tiers up that way */
        for (size_t u = 0; u < t; u++)
            if (strcasecmp(s->tiers[u], s->tiers[t]) == 0)
                return bad(err, "tiers '%s' and '%s' have the same name; tier names must "
                           "differ in more than case", s->tiers[u], s->tiers[t]);
    }
    return rc;
}

/* One of names (exactly, or ASCII case-insensitively), else an error that
 * lists them and suggests the closest. */
static int known(const char *name, const char *const *names, size_t n, int nocase,
                 size_t rule, const char *what, lf_error *err)
{
    char list[LF_ERROR_MESSAGE_MAX / 2] = "", hint[96];
    for (size_t i = 0; i < n; i++) {
        if ((nocase ? strcasecmp(name, names[i]) : strcmp(name, names[i])) == 0)
            return LF_OK;
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    }
    lf_suggest_hint(hint, sizeof hint, name, names, n);
    return bad(err, "tier rule %zu: %s '%s' is not one of %s%s", rule + 1, what, name, list,
               hint);
}

static int check_rule_texts(const lf_tier_rule *r, size_t i, lf_error *err)
{
    if (!NAME_OK(r->tier) || !memchr(r->value_level, '\0', sizeof r->value_level) ||
        !memchr(r->credit_group, '\0', sizeof r->credit_group) ||
        !memchr(r->class_name, '\0', sizeof r->class_name))
        return bad(err, "tier rule %zu needs a tier, and its names must fit their fields",
                   i + 1);
    if (r->nindustries > LF_TIER_RULE_INDUSTRIES_MAX)
        return bad(err, "tier rule %zu lists %zu industries; at most %d", i + 1,
                   r->nindustries, LF_TIER_RULE_INDUSTRIES_MAX);
    for (size_t k = 0; k < r->nindustries; k++)
        if (!NAME_OK(r->industries[k]))
            return bad(err, "tier rule %zu: industry %zu is empty (or longer than %d "
                       "bytes)", i + 1, k + 1, LF_CUSTOMER_INDUSTRY_MAX - 1);
    return LF_OK;
}

static int check_rules(const lf_segment_spec *s, lf_error *err)
{
    const char *levels[LF_VALUE_LEVELS_MAX], *groups[LF_CREDIT_GROUPS_MAX],
        *tiers[LF_SEGMENT_TIERS_MAX];
    for (size_t l = 0; l < s->nlevels; l++)
        levels[l] = s->levels[l];
    for (size_t g = 0; g < s->ngroups; g++)
        groups[g] = s->groups[g].name;
    for (size_t t = 0; t < s->ntiers; t++)
        tiers[t] = s->tiers[t];
    int rc = check_count(s->nrules, LF_TIER_RULES_MAX, "tier rules", err);
    for (size_t i = 0; rc == LF_OK && i < s->nrules; i++) {
        const lf_tier_rule *r = &s->rules[i];
        rc = check_rule_texts(r, i, err);
        if (rc == LF_OK)
            rc = known(r->tier, tiers, s->ntiers, 1, i, "tier", err);
        if (rc == LF_OK && r->value_level[0])
            rc = known(r->value_level, levels, s->nlevels, 0, i, "value level", err);
        if (rc == LF_OK && r->credit_group[0])
            rc = known(r->credit_group, groups, s->ngroups, 0, i, "credit group", err);
    }
    return rc;
}

int lf_segment_spec_check(const lf_segment_spec *spec, lf_error *err)
{
    if (!spec)
        return lf_error_set(err, LF_ERR_ARG, "no segment spec given");
    int rc = check_groups(spec, err);
    if (rc == LF_OK)
        rc = check_levels_and_cells(spec, err);
    if (rc == LF_OK)
        rc = check_tiers(spec, err);
    if (rc == LF_OK)
        rc = check_rules(spec, err);
    return rc;
}
