/* test_customer_segment.c - segments and curtailment tiers
 * (libforecast/customers/segment.c, segment_spec.c): every cell of the
 * default matrix, every default grade's group, the default tier rules one by
 * one and in their order, protected customers, and the exact message of each
 * kind of mistake.  The expected cells and tiers are read off the tables in
 * customer_segment.h. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "libforecast.h"

static lf_customer customer(const char *id, const char *class_name, const char *industry,
                            int is_protected)
{
    lf_customer c = {.voltage_kv = 10, .correction = 1, .is_protected = is_protected};
    snprintf(c.id, sizeof c.id, "%s", id);
    snprintf(c.class_name, sizeof c.class_name, "%s", class_name);
    snprintf(c.industry, sizeof c.industry, "%s", industry);
    return c;
}

static lf_segment place(const lf_segment_spec *s, const lf_customer *c, const char *level,
                        const char *grade)
{
    lf_segment seg;
    memset(&seg, 0xa5, sizeof seg);
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_customer_segment(s, c, level, grade, &seg, &err), LF_OK, "%s",
                 err.message);
    return seg;
}

/* The tier name of a placed customer ("" for protected). */
static const char *tier_of(const lf_segment_spec *s, const lf_customer *c, const char *level,
                           const char *grade, size_t *rule)
{
    lf_segment seg = place(s, c, level, grade);
    if (rule)
        *rule = seg.rule;
    return seg.tier < 0 ? "" : s->tiers[seg.tier];
}

static void expect_fail(const lf_segment_spec *s, const lf_customer *c, const char *level,
                        const char *grade, int code, const char *message)
{
    lf_segment seg = {.tier = 99};
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_customer_segment(s, c, level, grade, &seg, &err), code, "%s",
                 err.message);
    cr_assert_eq(err.code, code);
    cr_assert_str_eq(err.message, message);
    cr_assert_eq(seg.tier, 99, "out must be left alone on error");
}

static void expect_bad_spec(const lf_segment_spec *s, const char *message)
{
    lf_error err;
    lf_error_clear(&err);
    cr_assert_eq(lf_segment_spec_check(s, &err), LF_ERR_ARG, "%s", err.message);
    cr_assert_str_eq(err.message, message);
}

/* ---- the defaults ------------------------------------------------------------------- */

Test(segment_default, passes_its_own_check)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_error err;
    cr_assert_eq(lf_segment_spec_check(&s, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s.ngroups, 3);
    cr_assert_eq(s.nlevels, 3);
    cr_assert_eq(s.ntiers, 4);
    cr_assert_eq(s.nrules, 5);
    cr_assert_str_eq(s.levels[0], "high");
    cr_assert_str_eq(s.levels[2], "low");
    const char *tiers[] = {"restricted", "general", "commercial", "priority"};
    for (size_t t = 0; t < 4; t++)
        cr_assert_str_eq(s.tiers[t], tiers[t]);
    cr_assert_eq(s.rules[1].nindustries, 7);
    cr_assert_str_eq(s.rules[1].industries[4], "non-ferrous metals");
    cr_assert_str_eq(s.rules[4].tier, "general");
}

/* Default groups: good AAA AA A; fair BBB BB; poor B C (group index 0, 1, 2). */
Test(segment_default, every_grade_in_its_group)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer c = customer("C1", "residential", "", 0);
    const char *grades[] = {"AAA", "AA", "A", "BBB", "BB", "B", "C"};
    const size_t group[] = {0, 0, 0, 1, 1, 2, 2};
    for (size_t k = 0; k < 7; k++)
        cr_assert_eq(place(&s, &c, "medium", grades[k]).group, group[k], "grade %s",
                     grades[k]);
}

/* The matrix of customer_segment.h, row by row (high, medium, low) and
 * column by column (good, fair, poor). */
Test(segment_default, every_cell)
{
    static const char *const want[3][3][2] = {
        {{"strategic", "premium"}, {"key-watch", "premium"}, {"key-risk", "standard"}},
        {{"growth", "enhanced"}, {"core", "standard"}, {"risk", "standard"}},
        {{"basic", "basic"}, {"basic", "basic"}, {"watch", "basic"}}};
    const char *levels[] = {"high", "medium", "low"}, *grades[] = {"AA", "BB", "C"};
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer c = customer("C1", "residential", "", 0);
    for (size_t l = 0; l < 3; l++)
        for (size_t g = 0; g < 3; g++) {
            lf_segment seg = place(&s, &c, levels[l], grades[g]);
            cr_assert_eq(seg.level, l);
            cr_assert_eq(seg.group, g);
            cr_assert_str_eq(seg.segment, want[l][g][0], "%s x %s", levels[l], grades[g]);
            cr_assert_str_eq(seg.service, want[l][g][1], "%s x %s", levels[l], grades[g]);
            cr_assert(seg.segment == s.cells[l][g].segment, "points into the spec");
        }
}

/* ---- default tier rules --------------------------------------------------------------- */

/* Rule 0, credit poor -> restricted, comes before rule 2 (high and good ->
 * priority) and rule 3 (commercial): a high-value commercial customer with
 * grade B is still restricted; grade A is the last good grade -> priority. */
Test(segment_tier, poor_credit_first)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer c = customer("M1", "commercial", "retail", 0);
    size_t rule;
    cr_assert_str_eq(tier_of(&s, &c, "high", "B", &rule), "restricted");
    cr_assert_eq(rule, 0);
    cr_assert_str_eq(tier_of(&s, &c, "low", "C", &rule), "restricted");
    cr_assert_eq(rule, 0);
    cr_assert_str_eq(tier_of(&s, &c, "high", "A", &rule), "priority");
    cr_assert_eq(rule, 2);
}

/* Rule 1, an energy-intensive industry -> restricted, wins over rule 2 even
 * for a high-value, good-credit plant; the industry matches whatever its
 * case; an industry not in the list falls through to rule 2. */
Test(segment_tier, industry_rule_before_value)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    size_t rule;
    const char *heavy[] = {"steel", "Steel", "CEMENT", "non-ferrous metals", "textile dyeing"};
    for (size_t k = 0; k < 5; k++) {
        lf_customer c = customer("S1", "large_industry", heavy[k], 0);
        cr_assert_str_eq(tier_of(&s, &c, "high", "AAA", &rule), "restricted", "%s", heavy[k]);
        cr_assert_eq(rule, 1, "%s", heavy[k]);
    }
    lf_customer e = customer("E1", "large_industry", "electronics", 0);
    cr_assert_str_eq(tier_of(&s, &e, "high", "AAA", &rule), "priority");
    cr_assert_eq(rule, 2);
    lf_customer steelworks = customer("E2", "large_industry", "steel works", 0);
    cr_assert_str_eq(tier_of(&s, &steelworks, "high", "AAA", &rule), "priority",
                     "an industry matches whole, not as a prefix");
}

/* Rule 2 needs both conditions: high and fair, or medium and good, is not
 * priority; then rule 3 (class commercial, any case) or rule 4 (the rest). */
Test(segment_tier, value_and_class_rules)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    size_t rule;
    lf_customer shop = customer("M1", "Commercial", "retail", 0);
    lf_customer plant = customer("P1", "general_industry", "electronics", 0);
    cr_assert_str_eq(tier_of(&s, &shop, "high", "BBB", &rule), "commercial");
    cr_assert_eq(rule, 3);
    cr_assert_str_eq(tier_of(&s, &shop, "medium", "AAA", &rule), "commercial");
    cr_assert_eq(rule, 3);
    cr_assert_str_eq(tier_of(&s, &plant, "high", "BB", &rule), "general");
    cr_assert_eq(rule, 4);
    cr_assert_str_eq(tier_of(&s, &plant, "medium", "AA", &rule), "general");
    cr_assert_eq(rule, 4);
    cr_assert_str_eq(tier_of(&s, &plant, "high", "AA", &rule), "priority");
    cr_assert_eq(rule, 2);
}

/* A protected customer gets tier -1 and rule = nrules even where rule 0
 * (poor credit) or rule 1 (steel) would match; its segment is still its cell
 * (low x poor = watch / basic). */
Test(segment_tier, protected_never_tiered)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer h = customer("H1", "public", "steel", 1);
    lf_segment seg = place(&s, &h, "low", "C");
    cr_assert_eq(seg.tier, -1);
    cr_assert_eq(seg.rule, s.nrules);
    cr_assert_str_eq(seg.segment, "watch");
    cr_assert_str_eq(seg.service, "basic");
}

/* ---- custom rules ------------------------------------------------------------------- */

/* Two rules that both match a steel plant with poor credit: the first listed
 * wins, whichever it is. */
Test(segment_tier, first_match_wins)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    s.nrules = 3;
    memset(s.rules, 0, sizeof s.rules);
    strcpy(s.rules[0].industries[0], "steel");
    s.rules[0].nindustries = 1;
    strcpy(s.rules[0].tier, "general");
    strcpy(s.rules[1].credit_group, "poor");
    strcpy(s.rules[1].tier, "RESTRICTED"); /* tiers match in any case */
    strcpy(s.rules[2].tier, "priority");
    lf_customer c = customer("S1", "large_industry", "steel", 0);
    size_t rule;
    cr_assert_str_eq(tier_of(&s, &c, "low", "C", &rule), "general");
    cr_assert_eq(rule, 0);
    lf_segment_spec swapped = s;
    swapped.rules[0] = s.rules[1];
    swapped.rules[1] = s.rules[0];
    cr_assert_str_eq(tier_of(&swapped, &c, "low", "C", &rule), "restricted");
    cr_assert_eq(rule, 0);
    lf_customer other = customer("O1", "residential", "", 0);
    cr_assert_str_eq(tier_of(&s, &other, "low", "AAA", &rule), "priority");
    cr_assert_eq(rule, 2);
}

/* Without a catch-all rule, a customer no rule matches is an error naming it
 * and what it was matched on; a protected one needs no rule. */
Test(segment_tier, no_rule_matches)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    s.nrules = 4; /* drop "(any) -> general" */
    lf_customer c = customer("R9", "residential", "household", 0);
    expect_fail(&s, &c, "medium", "BB", LF_ERR_DATA,
                "customer 'R9' (value level medium, credit group fair, class 'residential', "
                "industry 'household') matches no tier rule; end the rules with one that "
                "sets no condition");
    lf_customer h = customer("H1", "residential", "household", 1);
    cr_assert_eq(place(&s, &h, "medium", "BB").tier, -1);
}

/* ---- a customer the spec cannot place ------------------------------------------------- */

Test(segment_errors, grade_in_no_group)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer c = customer("C042", "commercial", "", 0);
    expect_fail(&s, &c, "high", "D", LF_ERR_DATA,
                "customer 'C042': credit grade 'D' is in no credit group (good: AAA AA A; "
                "fair: BBB BB; poor: B C); add it to one");
    expect_fail(&s, &c, "high", "aaa", LF_ERR_DATA,
                "customer 'C042': credit grade 'aaa' is in no credit group (good: AAA AA A; "
                "fair: BBB BB; poor: B C); add it to one");
}

Test(segment_errors, unknown_level)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer c = customer("C7", "commercial", "", 0);
    expect_fail(&s, &c, "top", "AAA", LF_ERR_DATA,
                "customer 'C7': value level 'top' is not one of the segment matrix's levels "
                "(high, medium, low)");
}

Test(segment_errors, null_arguments)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    lf_customer c = customer("C7", "commercial", "", 0);
    lf_segment seg;
    cr_assert_eq(lf_customer_segment(&s, &c, "high", NULL, &seg, NULL), LF_ERR_ARG);
    cr_assert_eq(lf_customer_segment(NULL, &c, "high", "A", &seg, NULL), LF_ERR_ARG);
    cr_assert_eq(lf_segment_spec_check(NULL, NULL), LF_ERR_ARG);
}

/* A bad spec is caught before any customer is placed. */
Test(segment_errors, spec_checked_first)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    strcpy(s.rules[2].tier, "vip");
    lf_customer c = customer("C7", "commercial", "", 0);
    expect_fail(&s, &c, "high", "AAA", LF_ERR_ARG,
                "segment spec: tier rule 3: tier 'vip' is not one of restricted, general, "
                "commercial, priority");
}

/* ---- spec check --------------------------------------------------------------------- */

Test(segment_spec, grade_in_two_groups)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    strcpy(s.groups[2].grades[1], "BB"); /* poor: B BB, and fair has BB */
    expect_bad_spec(&s, "segment spec: grade 'BB' is listed twice (again in credit group "
                        "'poor'); each grade belongs to one group");
    lf_segment_spec_default(&s);
    strcpy(s.groups[0].grades[2], "AAA"); /* twice in the same group */
    expect_bad_spec(&s, "segment spec: grade 'AAA' is listed twice (again in credit group "
                        "'good'); each grade belongs to one group");
}

Test(segment_spec, names)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    strcpy(s.groups[1].name, "good");
    expect_bad_spec(&s, "segment spec: credit group 'good' is named twice");
    lf_segment_spec_default(&s);
    s.levels[1][0] = '\0';
    expect_bad_spec(&s, "segment spec: value level 2 has no name (or one longer than 15 "
                        "bytes)");
    lf_segment_spec_default(&s);
    strcpy(s.tiers[3], "General");
    expect_bad_spec(&s, "segment spec: tiers 'general' and 'General' have the same name; "
                        "tier names must differ in more than case");
    lf_segment_spec_default(&s);
    memset(s.tiers[0], 'x', sizeof s.tiers[0]); /* not terminated */
    expect_bad_spec(&s, "segment spec: tier 1 has no name (or one longer than 31 bytes)");
}

Test(segment_spec, every_cell_named)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    s.cells[2][1].service[0] = '\0';
    expect_bad_spec(&s, "segment spec: the cell of value level 'low' and credit group 'fair' "
                        "needs a segment and a service level (each 1..31 bytes)");
}

Test(segment_spec, rules_name_known_things)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    strcpy(s.rules[0].tier, "restrictd");
    expect_bad_spec(&s, "segment spec: tier rule 1: tier 'restrictd' is not one of "
                        "restricted, general, commercial, priority (did you mean "
                        "'restricted'?)");
    lf_segment_spec_default(&s);
    strcpy(s.rules[2].value_level, "High"); /* levels match exactly */
    expect_bad_spec(&s, "segment spec: tier rule 3: value level 'High' is not one of high, "
                        "medium, low (did you mean 'high'?)");
    lf_segment_spec_default(&s);
    strcpy(s.rules[0].credit_group, "bad");
    expect_bad_spec(&s, "segment spec: tier rule 1: credit group 'bad' is not one of good, "
                        "fair, poor");
    lf_segment_spec_default(&s);
    s.rules[1].industries[3][0] = '\0';
    expect_bad_spec(&s, "segment spec: tier rule 2: industry 4 is empty (or longer than 63 "
                        "bytes)");
}

Test(segment_spec, counts)
{
    lf_segment_spec s;
    lf_segment_spec_default(&s);
    s.ngroups = 0;
    expect_bad_spec(&s, "segment spec: 0 credit groups; give 1..6");
    lf_segment_spec_default(&s);
    s.nlevels = LF_VALUE_LEVELS_MAX + 1;
    expect_bad_spec(&s, "segment spec: 9 value levels; give 1..8");
    lf_segment_spec_default(&s);
    s.nrules = 0;
    expect_bad_spec(&s, "segment spec: 0 tier rules; give 1..16");
    lf_segment_spec_default(&s);
    s.groups[1].ngrades = 0;
    expect_bad_spec(&s, "segment spec: credit group 'fair' has 0 grades; give 1..16");
    lf_segment_spec_default(&s);
    s.rules[1].nindustries = LF_TIER_RULE_INDUSTRIES_MAX + 1;
    expect_bad_spec(&s, "segment spec: tier rule 2 lists 13 industries; at most 12");
}
