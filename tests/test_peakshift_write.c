/* test_peakshift_write.c - the peak-shift schedule's output files
 * (libforecast/planning/peakshift_write.c): the calls, days and customers CSV
 * and the JSON document, byte for byte on a schedule worked out by hand;
 * the JSON also through a strict syntax check; refused arguments and
 * failed writes leave no file. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libforecast.h"

#define MONDAY lf_date_from_ymd(2025, 7, 7) /* a Monday */

/* ---- per-test temporary directory -------------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/lf_test_peakshift_write.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp failed");
}

/* Entries of dir other than . and ..; the first name goes to first. */
static int count_entries(const char *dir, char *first, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n++ == 0 && first)
            snprintf(first, size, "%s", e->d_name);
    }
    closedir(d);
    return n;
}

/* The writers create plain files only, so one level is enough. */
static void remove_tmpdir(void)
{
    char name[256], path[400];
    while (count_entries(tmpdir, name, sizeof name) > 0) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, name);
        if (unlink(path) != 0)
            break;
    }
    rmdir(tmpdir);
}

TestSuite(peakshift_write, .init = make_tmpdir, .fini = remove_tmpdir);

static const char *tmp_path(const char *name)
{
    static char p[400];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

static char *slurp(const char *path)
{
    static char buf[16384];
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* ---- the hand schedule -------------------------------------------------------------- */

/* Tiers "energy-intensive, poor credit" (cut first) and "last".
 *   GX,001  "Steel, Rolling Mill "North""  peak 20, avoid_peak 10 MW at
 *           100/MWh + 50 per call
 *   B2      华北水泥厂 (Chinese)           peak 30, rest_day 15 MW at 10/MWh
 *   W3      "City Water\Works", protected  peak 5, no measures
 * Monday peak 105 (deficit 5, window 2.5 h, start unknown), Tuesday 112
 * (deficit 12, window 3 h from 18:30), limit 100 MW both days.
 * Monday: GX,001 sheds 5 MW, 12.5 MWh, 1250 + 50 = 1300 (a rest day would
 * cost 15 x 24 x 10 = 3600).  Tuesday: GX,001's 10 MW cannot cover 12, so
 * B2 rests: 15 MW, 360 MWh, 3600.  Total 4900; 20 MW-days, B2's share 0.75;
 * share of peak over the callable 50 MW: 0.4 and 0.6.  (Rest days are not
 * spread over the weekdays: that stage would add one on Monday.) */
static lf_dr_customer customer(const char *id, const char *name, const char *industry,
                               double peak_mw, int tier)
{
    lf_dr_customer c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", id);
    snprintf(c.name, sizeof c.name, "%s", name);
    snprintf(c.industry, sizeof c.industry, "%s", industry);
    c.peak_mw = peak_mw;
    c.tier = tier;
    return c;
}

static void add_measure(lf_dr_customer *c, lf_dr_kind kind, double mw, double per_mwh,
                        double per_event)
{
    lf_dr_measure *m = &c->measures[c->nmeasures++];
    memset(m, 0, sizeof *m);
    m->kind = kind;
    m->mw = mw;
    m->cost_per_mwh = per_mwh;
    m->cost_per_event = per_event;
}

static void add(lf_portfolio *p, const lf_dr_customer *c)
{
    lf_error err;
    cr_assert_eq(lf_portfolio_add(p, c, &err), LF_OK, "%s", err.message);
}

static lf_portfolio *hand_portfolio(void)
{
    lf_error err;
    lf_portfolio *p = lf_portfolio_new(&err);
    cr_assert_not_null(p, "%s", err.message);
    p->ntiers = 2;
    strcpy(p->tiers[0], "energy-intensive, poor credit");
    strcpy(p->tiers[1], "last");
    lf_dr_customer a = customer("GX,001", "Steel, Rolling Mill \"North\"", "steel", 20, 0);
    lf_dr_customer b = customer("B2", "华北水泥厂", "水泥", 30, 0);
    lf_dr_customer w = customer("W3", "City Water\\Works", "water\nsafety\tload", 5, 1);
    add_measure(&a, LF_DR_AVOID_PEAK, 10, 100, 50);
    add_measure(&b, LF_DR_REST_DAY, 15, 10, 0);
    w.is_protected = 1;
    add(p, &a);
    add(p, &b);
    add(p, &w);
    return p;
}

static lf_peakshift *run(const lf_portfolio *p, double peak_monday, double peak_tuesday)
{
    const double peak[2] = {peak_monday, peak_tuesday}, limit[2] = {100, 100};
    const double hours[2] = {2.5, 3}, start[2] = {NAN, 18.5};
    lf_peakshift_spec spec;
    lf_peakshift_spec_init(&spec);
    spec.first = MONDAY;
    spec.last = MONDAY + 1;
    spec.peak_mw = peak;
    spec.limit_mw = limit;
    spec.window_hours = hours;
    spec.window_start = start;
    /* stage 3 would add a rest day on Monday to balance the weekdays */
    spec.spread_rest_days = 0;
    lf_peakshift *s = NULL;
    lf_error err;
    cr_assert_eq(lf_peakshift_run(&spec, p, &s, &err), LF_OK, "%s", err.message);
    cr_assert_eq(s->status, LF_PEAKSHIFT_OPTIMAL);
    return s;
}

/* The schedule above as lf_peakshift_run would give it in exact arithmetic.
 * The files are compared byte for byte against this one rather than the
 * solver's: each stage may use 1e-6 MW-days of room left by the stages before
 * it (peakshift_solve.c), so the solver's 5 MW can come out as 4.999999.
 * solver_gives_the_hand_schedule checks the two agree to that room. */
static lf_peakshift *hand_schedule(void)
{
    lf_peakshift *s = calloc(1, sizeof *s);
    cr_assert_not_null(s);
    s->ndays = 2;
    s->days = calloc(2, sizeof *s->days);
    s->ncalls = 2;
    s->calls = calloc(2, sizeof *s->calls);
    s->ncustomers = 3;
    s->customers = calloc(3, sizeof *s->customers);
    cr_assert(s->days && s->calls && s->customers);
    s->status = LF_PEAKSHIFT_OPTIMAL;
    s->days[0] = (lf_peakshift_day){.date = MONDAY, .peak_mw = 105, .limit_mw = 100,
        .window_hours = 2.5, .window_start = NAN, .deficit_mw = 5, .shed_mw = 5,
        .residual_peak_mw = 100, .unmet_mw = 0, .ncalls = 1};
    s->days[1] = (lf_peakshift_day){.date = MONDAY + 1, .peak_mw = 112, .limit_mw = 100,
        .window_hours = 3, .window_start = 18.5, .deficit_mw = 12, .shed_mw = 15,
        .residual_peak_mw = 97, .unmet_mw = 0, .ncalls = 1};
    s->calls[0] = (lf_peakshift_call){.date = MONDAY, .customer = 0,
        .kind = LF_DR_AVOID_PEAK, .mw = 5, .mwh = 12.5, .cost = 1300};
    s->calls[1] = (lf_peakshift_call){.date = MONDAY + 1, .customer = 1,
        .kind = LF_DR_REST_DAY, .mw = 15, .mwh = 360, .cost = 3600};
    s->customers[0] = (lf_peakshift_customer){.calls = 1, .mw_days = 5, .mwh = 12.5,
        .cost = 1300, .share_of_relief = 0.25, .share_of_peak = 0.4};
    s->customers[0].calls_by_kind[LF_DR_AVOID_PEAK] = 1;
    s->customers[1] = (lf_peakshift_customer){.calls = 1, .mw_days = 15, .mwh = 360,
        .cost = 3600, .share_of_relief = 0.75, .share_of_peak = 0.6};
    s->customers[1].calls_by_kind[LF_DR_REST_DAY] = 1;
    s->total_cost = 4900;
    s->shed_mw_days = 20;
    s->unmet_mw_days = 0;
    s->rest_days_by_weekday[1] = 1; /* Tuesday */
    s->seconds = 0.25;
    return s;
}

/* Equal within the solver's room (NaN equals NaN: an unknown window start). */
static void near(double got, double want, const char *what, size_t i)
{
    if (isnan(want)) {
        cr_assert(isnan(got), "%s %zu: got %.10g, want NaN", what, i, got);
        return;
    }
    cr_assert(fabs(got - want) <= 1e-5 * fmax(1, fabs(want)), "%s %zu: got %.10g, want %.10g",
              what, i, got, want);
}

static void same_days(const lf_peakshift *got, const lf_peakshift *want)
{
    cr_assert_eq(got->ndays, want->ndays);
    for (size_t d = 0; d < want->ndays; d++) {
        const lf_peakshift_day *g = &got->days[d], *w = &want->days[d];
        cr_assert_eq(g->date, w->date);
        cr_assert_eq(g->ncalls, w->ncalls, "day %zu", d);
        const double gv[] = {g->peak_mw, g->limit_mw, g->window_hours, g->window_start,
                             g->deficit_mw, g->shed_mw, g->residual_peak_mw, g->unmet_mw};
        const double wv[] = {w->peak_mw, w->limit_mw, w->window_hours, w->window_start,
                             w->deficit_mw, w->shed_mw, w->residual_peak_mw, w->unmet_mw};
        for (size_t k = 0; k < sizeof gv / sizeof gv[0]; k++)
            near(gv[k], wv[k], "day field", k);
    }
}

static void same_calls(const lf_peakshift *got, const lf_peakshift *want)
{
    cr_assert_eq(got->ncalls, want->ncalls);
    for (size_t k = 0; k < want->ncalls; k++) {
        const lf_peakshift_call *g = &got->calls[k], *w = &want->calls[k];
        cr_assert(g->date == w->date && g->customer == w->customer && g->kind == w->kind,
                  "call %zu: customer %zu kind %d", k, g->customer, (int)g->kind);
        near(g->mw, w->mw, "call mw", k);
        near(g->mwh, w->mwh, "call mwh", k);
        near(g->cost, w->cost, "call cost", k);
    }
}

static void same_customers(const lf_peakshift *got, const lf_peakshift *want)
{
    cr_assert_eq(got->ncustomers, want->ncustomers);
    for (size_t i = 0; i < want->ncustomers; i++) {
        const lf_peakshift_customer *g = &got->customers[i], *w = &want->customers[i];
        cr_assert_eq(g->calls, w->calls, "customer %zu", i);
        cr_assert_arr_eq(g->calls_by_kind, w->calls_by_kind, sizeof w->calls_by_kind);
        near(g->mw_days, w->mw_days, "customer mw_days", i);
        near(g->mwh, w->mwh, "customer mwh", i);
        near(g->cost, w->cost, "customer cost", i);
        near(g->share_of_relief, w->share_of_relief, "customer share_of_relief", i);
        near(g->share_of_peak, w->share_of_peak, "customer share_of_peak", i);
    }
}

/* ---- a strict JSON syntax check (RFC 8259 grammar, no semantics) ---------------------- */

static int json_value(const char **p);

static void json_ws(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
        (*p)++;
}

static int json_string(const char **p)
{
    if (*(*p)++ != '"')
        return 0;
    for (unsigned char c; (c = (unsigned char)**p) != '"'; (*p)++) {
        if (c < 0x20) /* also the end of the text */
            return 0;
        if (c != '\\')
            continue;
        c = (unsigned char)*++*p;
        if (c == 'u') {
            for (int k = 0; k < 4; k++)
                if (!isxdigit((unsigned char)*++*p))
                    return 0;
        } else if (!c || !strchr("\"\\/bfnrt", c)) {
            return 0;
        }
    }
    (*p)++;
    return 1;
}

static int json_digits(const char **p)
{
    const char *start = *p;
    while (isdigit((unsigned char)**p))
        (*p)++;
    return *p > start;
}

static int json_number(const char **p)
{
    if (**p == '-')
        (*p)++;
    if (**p == '0')
        (*p)++;
    else if (!json_digits(p))
        return 0;
    if (**p == '.' && (++*p, !json_digits(p)))
        return 0;
    if (**p == 'e' || **p == 'E') {
        (*p)++;
        if (**p == '+' || **p == '-')
            (*p)++;
        if (!json_digits(p))
            return 0;
    }
    return 1;
}

/* Members of an object (keys) or items of an array, up to close. */
static int json_items(const char **p, char close, int keyed)
{
    (*p)++;
    json_ws(p);
    if (**p == close)
        return ++*p, 1;
    for (;;) {
        if (keyed) {
            if (!json_string(p))
                return 0;
            json_ws(p);
            if (*(*p)++ != ':')
                return 0;
        }
        if (!json_value(p))
            return 0;
        json_ws(p);
        char c = *(*p)++;
        if (c == close)
            return 1;
        if (c != ',')
            return 0;
        json_ws(p);
    }
}

static int json_value(const char **p)
{
    json_ws(p);
    const char *words[] = {"null", "true", "false"};
    for (int k = 0; k < 3; k++)
        if (strncmp(*p, words[k], strlen(words[k])) == 0)
            return *p += strlen(words[k]), 1;
    if (**p == '{')
        return json_items(p, '}', 1);
    if (**p == '[')
        return json_items(p, ']', 0);
    if (**p == '"')
        return json_string(p);
    return json_number(p);
}

/* One value and nothing after it but white space. */
static int json_valid(const char *text)
{
    const char *p = text;
    if (!json_value(&p))
        return 0;
    json_ws(&p);
    return *p == '\0';
}

/* ---- the check above is itself checked, or a broken writer could pass it --------- */

Test(peakshift_write, json_check_rejects_what_json_forbids)
{
    cr_assert(json_valid("{\"a\": [1, -2.5e+3, null, true, \"x\\\"\\u00e9\"], \"b\": {}}"));
    cr_assert(json_valid(" [] \n"));
    const char *bad[] = {
        "{\"a\": [1, 2}",      "{\"a\": 1,}",      "[1, 2,]",         "{\"a\": nan}",
        "{\"a\": inf}",        "{\"a\": 01}",      "{\"a\": 1.}",     "{\"a\" 1}",
        "{\"a\": \"x\ty\"}",   "{\"a\": \"\\x\"}", "{\"a\": \"open}", "{a: 1}",
        "{\"a\": 1} {}",       "",                 "[1 2]",           "{\"a\": -}",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        cr_assert(!json_valid(bad[k]), "accepted: %s", bad[k]);
}

/* ---- the schedule the files below are compared on is the solver's --------------- */

Test(peakshift_write, solver_gives_the_hand_schedule)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *got = run(p, 105, 112), *want = hand_schedule();
    same_days(got, want);
    same_calls(got, want);
    same_customers(got, want);
    near(got->total_cost, want->total_cost, "total cost", 0);
    near(got->shed_mw_days, want->shed_mw_days, "shed MW-days", 0);
    near(got->unmet_mw_days, want->unmet_mw_days, "unmet MW-days", 0);
    cr_assert_arr_eq(got->rest_days_by_weekday, want->rest_days_by_weekday,
                     sizeof want->rest_days_by_weekday);
    lf_peakshift_free(got);
    lf_peakshift_free(want);
    lf_portfolio_free(p);
}

/* The solver's own schedule through every writer: rows where the hand
 * schedule has them, and a JSON document that parses. */
Test(peakshift_write, files_of_a_solved_schedule)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = run(p, 105, 112);
    lf_error err;
    const char *path = tmp_path("calls.csv");
    cr_assert_eq(lf_peakshift_write_calls(path, s, p, &err), LF_OK, "%s", err.message);
    const char *text = slurp(path);
    cr_assert(strstr(text, "\n2025-07-07,Mon,\"GX,001\","), "%s", text);
    cr_assert(strstr(text, "\n2025-07-08,Tue,B2,华北水泥厂,\"energy-intensive, poor credit\","
                           "rest_day,15,0,24,360,3600\n"), "%s", text);
    path = tmp_path("days.csv");
    cr_assert_eq(lf_peakshift_write_days(path, s, &err), LF_OK, "%s", err.message);
    text = slurp(path);
    cr_assert(strstr(text, "\n2025-07-08,Tue,112,100,12,15,97,0,18.5,3,1\n"), "%s", text);
    path = tmp_path("customers.csv");
    cr_assert_eq(lf_peakshift_write_customers(path, s, p, &err), LF_OK, "%s", err.message);
    text = slurp(path);
    cr_assert(strstr(text, "\nW3,City Water\\Works,\"water\nsafety\tload\",last,1,5,0,0,0,0,0,"
                           "0,0,0,0,0\n"), "%s", text);
    path = tmp_path("schedule.json");
    cr_assert_eq(lf_peakshift_write_json(path, s, p, &err), LF_OK, "%s", err.message);
    text = slurp(path);
    cr_assert(json_valid(text), "not valid JSON:\n%s", text);
    cr_assert(strstr(text, "\"customer_name\": \"华北水泥厂\""), "%s", text);
    cr_assert_eq(count_entries(tmpdir, NULL, 0), 4);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

/* ---- the files, byte for byte ------------------------------------------------------- */

Test(peakshift_write, calls_csv)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    const char *path = tmp_path("calls.csv");
    lf_error err;
    cr_assert_eq(lf_peakshift_write_calls(path, s, p, &err), LF_OK, "%s", err.message);
    /* Monday's window start is unknown (empty); Tuesday's call is a rest day,
     * the whole day (0, 24) and not the day's window (18.5, 3) */
    cr_assert_str_eq(slurp(path),
        "date,weekday,customer_id,customer_name,tier,kind,mw,window_start,window_hours,"
        "mwh,cost\n"
        "2025-07-07,Mon,\"GX,001\",\"Steel, Rolling Mill \"\"North\"\"\","
        "\"energy-intensive, poor credit\",avoid_peak,5,,2.5,12.5,1300\n"
        "2025-07-08,Tue,B2,华北水泥厂,\"energy-intensive, poor credit\",rest_day,15,0,24,"
        "360,3600\n");
    cr_assert_eq(count_entries(tmpdir, NULL, 0), 1, "a temporary file was left behind");
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

Test(peakshift_write, days_csv)
{
    lf_peakshift *s = hand_schedule();
    const char *path = tmp_path("days.csv");
    lf_error err;
    cr_assert_eq(lf_peakshift_write_days(path, s, &err), LF_OK, "%s", err.message);
    cr_assert_str_eq(slurp(path),
        "date,weekday,peak_mw,limit_mw,deficit_mw,shed_mw,residual_peak_mw,unmet_mw,"
        "window_start,window_hours,calls\n"
        "2025-07-07,Mon,105,100,5,5,100,0,,2.5,1\n"
        "2025-07-08,Tue,112,100,12,15,97,0,18.5,3,1\n");
    lf_peakshift_free(s);
}

Test(peakshift_write, customers_csv_lists_the_protected_with_zeros)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    const char *path = tmp_path("customers.csv");
    lf_error err;
    cr_assert_eq(lf_peakshift_write_customers(path, s, p, &err), LF_OK, "%s", err.message);
    /* the newline inside W3's industry needs quotes, its tab and backslash do not */
    cr_assert_str_eq(slurp(path),
        "id,name,industry,tier,protected,peak_mw,calls,shift,avoid_peak,rest_day,interrupt,"
        "mw_days,mwh,cost,share_of_relief,share_of_peak\n"
        "\"GX,001\",\"Steel, Rolling Mill \"\"North\"\"\",steel,"
        "\"energy-intensive, poor credit\",0,20,1,0,1,0,0,5,12.5,1300,0.25,0.4\n"
        "B2,华北水泥厂,水泥,\"energy-intensive, poor credit\",0,30,1,0,0,1,0,15,360,3600,"
        "0.75,0.6\n"
        "W3,City Water\\Works,\"water\nsafety\tload\",last,1,5,0,0,0,0,0,0,0,0,0,0\n");
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

Test(peakshift_write, json_document)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    const char *path = tmp_path("schedule.json");
    lf_error err;
    cr_assert_eq(lf_peakshift_write_json(path, s, p, &err), LF_OK, "%s", err.message);
    const char *text = slurp(path);
    cr_assert(json_valid(text), "not valid JSON:\n%s", text);
    cr_assert_str_eq(text,
        "{\n"
        "  \"status\": \"optimal\",\n"
        "  \"seconds\": 0.25,\n"
        "  \"totals\": {\"cost\": 4900, \"shed_mw_days\": 20, \"unmet_mw_days\": 0, "
        "\"calls\": 2},\n"
        "  \"rest_days_by_weekday\": [0, 1, 0, 0, 0, 0, 0],\n"
        "  \"days\": [\n"
        "    {\"date\": \"2025-07-07\", \"weekday\": \"Mon\", \"peak_mw\": 105, "
        "\"limit_mw\": 100, \"deficit_mw\": 5, \"shed_mw\": 5, \"residual_peak_mw\": 100, "
        "\"unmet_mw\": 0, \"window_start\": null, \"window_hours\": 2.5, \"calls\": 1},\n"
        "    {\"date\": \"2025-07-08\", \"weekday\": \"Tue\", \"peak_mw\": 112, "
        "\"limit_mw\": 100, \"deficit_mw\": 12, \"shed_mw\": 15, \"residual_peak_mw\": 97, "
        "\"unmet_mw\": 0, \"window_start\": 18.5, \"window_hours\": 3, \"calls\": 1}\n"
        "  ],\n"
        "  \"calls\": [\n"
        "    {\"date\": \"2025-07-07\", \"weekday\": \"Mon\", \"customer_id\": \"GX,001\", "
        "\"customer_name\": \"Steel, Rolling Mill \\\"North\\\"\", "
        "\"tier\": \"energy-intensive, poor credit\", \"kind\": \"avoid_peak\", \"mw\": 5, "
        "\"window_start\": null, \"window_hours\": 2.5, \"mwh\": 12.5, \"cost\": 1300},\n"
        "    {\"date\": \"2025-07-08\", \"weekday\": \"Tue\", \"customer_id\": \"B2\", "
        "\"customer_name\": \"华北水泥厂\", \"tier\": \"energy-intensive, poor credit\", "
        "\"kind\": \"rest_day\", \"mw\": 15, \"window_start\": 0, \"window_hours\": 24, "
        "\"mwh\": 360, \"cost\": 3600}\n"
        "  ],\n"
        "  \"customers\": [\n"
        "    {\"id\": \"GX,001\", \"name\": \"Steel, Rolling Mill \\\"North\\\"\", "
        "\"industry\": \"steel\", \"tier\": \"energy-intensive, poor credit\", "
        "\"protected\": false, \"peak_mw\": 20, \"calls\": 1, \"shift\": 0, "
        "\"avoid_peak\": 1, \"rest_day\": 0, \"interrupt\": 0, \"mw_days\": 5, "
        "\"mwh\": 12.5, \"cost\": 1300, \"share_of_relief\": 0.25, \"share_of_peak\": 0.4},\n"
        "    {\"id\": \"B2\", \"name\": \"华北水泥厂\", \"industry\": \"水泥\", "
        "\"tier\": \"energy-intensive, poor credit\", \"protected\": false, "
        "\"peak_mw\": 30, \"calls\": 1, \"shift\": 0, \"avoid_peak\": 0, \"rest_day\": 1, "
        "\"interrupt\": 0, \"mw_days\": 15, \"mwh\": 360, \"cost\": 3600, "
        "\"share_of_relief\": 0.75, \"share_of_peak\": 0.6},\n"
        "    {\"id\": \"W3\", \"name\": \"City Water\\\\Works\", "
        "\"industry\": \"water\\nsafety\\u0009load\", \"tier\": \"last\", \"protected\": true, "
        "\"peak_mw\": 5, \"calls\": 0, \"shift\": 0, \"avoid_peak\": 0, \"rest_day\": 0, "
        "\"interrupt\": 0, \"mw_days\": 0, \"mwh\": 0, \"cost\": 0, "
        "\"share_of_relief\": 0, \"share_of_peak\": 0}\n"
        "  ]\n"
        "}\n");
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

/* JSON has no NaN or infinity: a writer printing "nan" or "inf" would make the
 * whole document unreadable. */
Test(peakshift_write, json_null_for_nan_and_infinity)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    s->seconds = NAN;
    s->total_cost = INFINITY;
    s->calls[0].mwh = -INFINITY;
    s->status = LF_PEAKSHIFT_TIME_LIMIT;
    const char *path = tmp_path("schedule.json");
    lf_error err;
    cr_assert_eq(lf_peakshift_write_json(path, s, p, &err), LF_OK, "%s", err.message);
    const char *text = slurp(path);
    cr_assert(json_valid(text), "not valid JSON:\n%s", text);
    cr_assert(strstr(text, "\"status\": \"time_limit\",\n"), "%s", text);
    cr_assert(strstr(text, "\"seconds\": null,\n"), "%s", text);
    cr_assert(strstr(text, "\"totals\": {\"cost\": null, "), "%s", text);
    cr_assert(strstr(text, "\"mwh\": null, \"cost\": 1300}"), "%s", text);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

/* Without a deficit there are no calls: the calls CSV is its header alone and
 * the JSON list is empty, still valid. */
Test(peakshift_write, no_calls)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = run(p, 90, 100);
    cr_assert_eq(s->ncalls, 0);
    lf_error err;
    const char *path = tmp_path("calls.csv");
    cr_assert_eq(lf_peakshift_write_calls(path, s, p, &err), LF_OK, "%s", err.message);
    cr_assert_str_eq(slurp(path), "date,weekday,customer_id,customer_name,tier,kind,mw,"
                                  "window_start,window_hours,mwh,cost\n");
    path = tmp_path("schedule.json");
    cr_assert_eq(lf_peakshift_write_json(path, s, p, &err), LF_OK, "%s", err.message);
    const char *text = slurp(path);
    cr_assert(json_valid(text), "not valid JSON:\n%s", text);
    cr_assert(strstr(text, "\n  \"calls\": [],\n"), "%s", text);
    cr_assert(strstr(text, "\"rest_days_by_weekday\": [0, 0, 0, 0, 0, 0, 0]"), "%s", text);
    cr_assert(strstr(text, "\"deficit_mw\": 0, \"shed_mw\": 0, \"residual_peak_mw\": 100"),
              "%s", text);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

/* ---- failures leave no file ---------------------------------------------------------- */

static void expect_no_file(const char *path, int rc, int want, const lf_error *err)
{
    cr_assert_eq(rc, want, "rc %d: %s", rc, err->message);
    cr_assert_eq(err->code, want);
    cr_assert(strstr(err->message, path), "the message does not name %s: %s", path,
              err->message);
    cr_assert_neq(access(path, F_OK), 0, "%s was created", path);
    cr_assert_eq(count_entries(tmpdir, NULL, 0), 0, "a file was left in %s", tmpdir);
}

Test(peakshift_write, missing_directory_is_an_io_error)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    char path[400];
    snprintf(path, sizeof path, "%s/missing/out", tmpdir);
    lf_error err;
    expect_no_file(path, lf_peakshift_write_calls(path, s, p, &err), LF_ERR_IO, &err);
    expect_no_file(path, lf_peakshift_write_days(path, s, &err), LF_ERR_IO, &err);
    expect_no_file(path, lf_peakshift_write_customers(path, s, p, &err), LF_ERR_IO, &err);
    expect_no_file(path, lf_peakshift_write_json(path, s, p, &err), LF_ERR_IO, &err);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

/* A schedule written with a portfolio it was not run on would name the wrong
 * customers; it is refused before any file is opened. */
Test(peakshift_write, refuses_another_portfolio)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    lf_portfolio *other = lf_portfolio_new(NULL);
    cr_assert_not_null(other);
    lf_dr_customer c = customer("X", "x", "", 10, 0);
    add(other, &c);
    const char *path = tmp_path("out");
    lf_error err;
    expect_no_file(path, lf_peakshift_write_calls(path, s, other, &err), LF_ERR_ARG, &err);
    cr_assert(strstr(err.message, "3 customers"), "%s", err.message);
    expect_no_file(path, lf_peakshift_write_customers(path, s, other, &err), LF_ERR_ARG,
                   &err);
    expect_no_file(path, lf_peakshift_write_json(path, s, other, &err), LF_ERR_ARG, &err);
    /* a portfolio broken since the run: its tier no longer exists */
    p->customers[2].tier = 5;
    expect_no_file(path, lf_peakshift_write_customers(path, s, p, &err), LF_ERR_ARG, &err);
    cr_assert(strstr(err.message, "W3"), "%s", err.message);
    p->customers[2].tier = 1;
    /* a call on a day outside the schedule */
    s->calls[1].date += 7;
    expect_no_file(path, lf_peakshift_write_calls(path, s, p, &err), LF_ERR_ARG, &err);
    expect_no_file(path, lf_peakshift_write_json(path, s, p, &err), LF_ERR_ARG, &err);
    s->calls[1].date -= 7;
    cr_assert_eq(lf_peakshift_write_calls(path, s, p, &err), LF_OK, "%s", err.message);
    lf_portfolio_free(other);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}

Test(peakshift_write, refuses_missing_arguments)
{
    lf_portfolio *p = hand_portfolio();
    lf_peakshift *s = hand_schedule();
    const char *path = tmp_path("out");
    lf_error err;
    cr_assert_eq(lf_peakshift_write_days(NULL, s, &err), LF_ERR_ARG);
    cr_assert(strstr(err.message, "path"), "%s", err.message);
    expect_no_file(path, lf_peakshift_write_days(path, NULL, &err), LF_ERR_ARG, &err);
    expect_no_file(path, lf_peakshift_write_calls(path, NULL, p, &err), LF_ERR_ARG, &err);
    expect_no_file(path, lf_peakshift_write_customers(path, s, NULL, &err), LF_ERR_ARG,
                   &err);
    expect_no_file(path, lf_peakshift_write_json(path, s, NULL, &err), LF_ERR_ARG, &err);
    /* without an error record the status still comes back */
    cr_assert_eq(lf_peakshift_write_json(path, s, NULL, NULL), LF_ERR_ARG);
    cr_assert_eq(lf_peakshift_write_json(path, s, p, NULL), LF_OK);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
}
