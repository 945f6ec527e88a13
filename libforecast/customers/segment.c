/* segment.c - one customer's segment, service level and curtailment tier
 * (customer_segment.h): its value level and credit group pick the cell of
 * the matrix, the first tier rule it matches gives the tier.  The spec's
 * defaults and check are segment_spec.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "libforecast/customer_segment.h"

/* Customers come from a file or from code: print at most the id's array. */
#define ID(c) (int)sizeof (c)->id - 1, (c)->id

static long find_level(const lf_segment_spec *s, const char *name)
{
    for (size_t l = 0; l < s->nlevels; l++)
        if (strcmp(s->levels[l], name) == 0)
            return (long)l;
    return -1;
}

static long find_group(const lf_segment_spec *s, const char *grade)
{
    for (size_t g = 0; g < s->ngroups; g++)
        for (size_t k = 0; k < s->groups[g].ngrades; k++)
            if (strcmp(s->groups[g].grades[k], grade) == 0)
                return (long)g;
    return -1;
}

/* "good: AAA AA A; fair: BBB BB; poor: B C", for a grade that fits none. */
static void describe_groups(const lf_segment_spec *s, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t g = 0; g < s->ngroups && used < size; g++) {
        used += (size_t)snprintf(buf + used, size - used, "%s%s:", g ? "; " : "",
                                 s->groups[g].name);
        for (size_t k = 0; k < s->groups[g].ngrades && used < size; k++)
            used += (size_t)snprintf(buf + used, size - used, " %s", s->groups[g].grades[k]);
    }
}

static void describe_levels(const lf_segment_spec *s, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t l = 0; l < s->nlevels && used < size; l++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", l ? ", " : "", s->levels[l]);
}

static int industry_listed(const lf_tier_rule *r, const char *industry)
{
    for (size_t k = 0; k < r->nindustries; k++)
        if (strcasecmp(r->industries[k], industry) == 0)
            return 1;
    return 0;
}

/* Every condition the rule sets holds.  Class and industry are free text
 * typed into a CRM, so their case does not matter. */
static int rule_matches(const lf_segment_spec *s, const lf_tier_rule *r,
                        const lf_customer *c, size_t level, size_t group)
{
    if (r->value_level[0] && strcmp(r->value_level, s->levels[level]) != 0)
        return 0;
    if (r->credit_group[0] && strcmp(r->credit_group, s->groups[group].name) != 0)
        return 0;
    if (r->class_name[0] && strcasecmp(r->class_name, c->class_name) != 0)
        return 0;
    return r->nindustries == 0 || industry_listed(r, c->industry);
}

static int tier_index(const lf_segment_spec *s, const char *tier)
{
    for (size_t t = 0; t < s->ntiers; t++)
        if (strcasecmp(s->tiers[t], tier) == 0)
            return (int)t;
    return -1; /* not reached: the check knows every rule's tier */
}

static int assign_tier(const lf_segment_spec *s, const lf_customer *c, lf_segment *out,
                       lf_error *err)
{
    if (c->is_protected) {
        out->tier = -1; /* a safety load is never curtailed, whatever the rules say */
        out->rule = s->nrules;
        return LF_OK;
    }
    for (size_t r = 0; r < s->nrules; r++)
        if (rule_matches(s, &s->rules[r], c, out->level, out->group)) {
            out->tier = tier_index(s, s->rules[r].tier);
            out->rule = r;
            return LF_OK;
        }
    return lf_error_set(err, LF_ERR_DATA, "customer '%.*s' (value level %s, credit group %s, "
                        "class '%s', industry '%s') matches no tier rule; end the rules with "
                        "one that sets no condition", ID(c), s->levels[out->level],
                        s->groups[out->group].name, c->class_name, c->industry);
}

static int customer_ok(const lf_customer *c, lf_error *err)
{
    if (!memchr(c->id, '\0', sizeof c->id) || !memchr(c->class_name, '\0',
                                                       sizeof c->class_name) ||
        !memchr(c->industry, '\0', sizeof c->industry))
        return lf_error_set(err, LF_ERR_ARG, "customer '%.*s': its id, class or industry "
                            "does not end inside its field", ID(c));
    return LF_OK;
}

int lf_customer_segment(const lf_segment_spec *spec, const lf_customer *c,
                        const char *level_name, const char *grade, lf_segment *out,
                        lf_error *err)
{
    if (!spec || !c || !level_name || !grade || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_customer_segment needs a spec, a customer, "
                            "its value level, its credit grade and a segment to fill");
    int rc = lf_segment_spec_check(spec, err);
    if (rc == LF_OK)
        rc = customer_ok(c, err);
    if (rc != LF_OK)
        return rc;
    char list[LF_ERROR_MESSAGE_MAX / 2];
    long level = find_level(spec, level_name), group = find_group(spec, grade);
    if (level < 0) {
        describe_levels(spec, list, sizeof list);
        return lf_error_set(err, LF_ERR_DATA, "customer '%.*s': value level '%s' is not one "
                            "of the segment matrix's levels (%s)", ID(c), level_name, list);
    }
    if (group < 0) {
        describe_groups(spec, list, sizeof list);
        return lf_error_set(err, LF_ERR_DATA, "customer '%.*s': credit grade '%s' is in no "
                            "credit group (%s); add it to one", ID(c), grade, list);
    }
    lf_segment seg = {.level = (size_t)level, .group = (size_t)group};
    seg.segment = spec->cells[level][group].segment;
    seg.service = spec->cells[level][group].service;
    if ((rc = assign_tier(spec, c, &seg, err)) == LF_OK)
        *out = seg;
    return rc;
}
