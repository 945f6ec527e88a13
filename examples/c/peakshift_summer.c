/* peakshift_summer.c - an orderly-consumption (有序用电) summer: which large
 * customers shift or shed how many MW on which days when heat waves push the
 * daily peak above what the grid can supply.
 *
 *   cc peakshift_summer.c $(pkg-config --cflags --libs libforecast) -lm
 *   ./a.out [PORTFOLIO.yaml [auto|exact|greedy]]
 *
 * The portfolio comes from a YAML file (default datasets/sample/portfolio.yaml,
 * which is relative to the repository root; the format is
 * examples/peakshift/portfolio.yaml).  The demand is made up here, for the
 * days 2025-06-01 .. 2025-08-31, against a constant supply limit:
 *
 *   supply limit   9,700 MW every day
 *   daily peak     9,700 - 800 + 700 sin(pi (t + 0.5) / 92) MW on day t = 0..91
 *                  (8,900 at the ends of the summer, 9,600 in mid-July), less
 *                  350 MW on Saturdays and 450 MW on Sundays: never short
 *                  without a heat wave
 *   heat waves     2025-07-14 .. 07-24 (11 days) adding up to A MW and
 *                  2025-08-04 .. 08-10 (7 days) adding up to 0.7 A, with the
 *                  flat-topped profile amp sqrt(sin(pi (k + 0.5) / n)) on day
 *                  k of n (as datasets/make_sample.c shapes its heat waves)
 *
 * A comes from the portfolio: 100 MW (to climb from 9,600 MW to the limit)
 * plus half the callable MW of the first two tiers - about what they can
 * give day after day in a long heat wave, since rest days are tied to
 * weekdays and every measure to weekly and monthly limits.  So the hottest
 * days need the first two tiers, the milder ones the first alone.  The
 * callable MW of a customer is its measures together, at most its peak_mw.
 * For datasets/sample/portfolio.yaml (restricted 518 MW, general 254.5 MW)
 * A = 486.25 MW: the hottest day, Friday 2025-07-18, peaks at 10,075 MW and
 * is 375 MW short.
 *
 * The method (second argument) is the spec's: auto, the default, solves the
 * program exactly when it has at most spec.exact_max_calls possible calls
 * (customer x measure x deficit day) and gives the greedy schedule above
 * that - as it does for this summer's thousand or so, at once, with status
 * heuristic; exact makes GLPK's branch and cut try every stage within
 * spec.seconds_per_stage, reporting time_limit when a stage runs out.
 */
#include <libforecast.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define PI 3.14159265358979323846
#define LIMIT_MW 9700.0
#define NDAYS 92 /* 2025-06-01 .. 2025-08-31 */
#define TOP_CUSTOMERS 10

static const char *const WEEKDAYS[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* The most customer c can take off one day's peak. */
static double callable_mw(const lf_dr_customer *c)
{
    double mw = 0;
    for (size_t k = 0; k < c->nmeasures; k++)
        mw += c->measures[k].mw;
    return c->is_protected ? 0 : fmin(mw, c->peak_mw);
}

static void tier_mw(const lf_portfolio *p, double *mw)
{
    for (size_t t = 0; t < p->ntiers; t++)
        mw[t] = 0;
    for (size_t i = 0; i < p->n; i++)
        mw[p->customers[i].tier] += callable_mw(&p->customers[i]);
}

/* Heat-wave MW on day d: the wave [first, first + n) at height amp. */
static double wave(lf_date d, lf_date first, int n, double amp)
{
    int k = (int)(d - first);
    return k >= 0 && k < n ? amp * sqrt(sin(PI * (k + 0.5) / n)) : 0;
}

/* The summer's daily peaks and limits as the top comment states them. */
static void make_summer(lf_date first, size_t ndays, double amp, double *peak, double *limit)
{
    lf_date wave1 = lf_date_from_ymd(2025, 7, 14), wave2 = lf_date_from_ymd(2025, 8, 4);
    for (size_t t = 0; t < ndays; t++) {
        lf_date d = first + (lf_date)t;
        int wd = lf_date_weekday(d);
        peak[t] = LIMIT_MW - 800 + 700 * sin(PI * (t + 0.5) / (double)ndays);
        peak[t] -= wd == LF_SATURDAY ? 350 : wd == LF_SUNDAY ? 450 : 0;
        peak[t] += wave(d, wave1, 11, amp) + wave(d, wave2, 7, 0.7 * amp);
        limit[t] = LIMIT_MW;
    }
}

static void print_portfolio(const lf_portfolio *p, const double *mw)
{
    size_t callable = 0;
    for (size_t i = 0; i < p->n; i++)
        callable += !p->customers[i].is_protected;
    printf("portfolio %s: %zu customers, %zu callable, %zu tiers\n", p->source, p->n,
           callable, p->ntiers);
    printf("callable MW by tier, cut first .. cut last:");
    for (size_t t = 0; t < p->ntiers; t++)
        printf(" %s %.1f", p->tiers[t], mw[t]);
    printf("\n");
}

/* The tier cut last among the day's calls (-1: none). */
static int deepest_tier(const lf_peakshift *s, const lf_portfolio *p, lf_date d)
{
    int deepest = -1;
    for (size_t j = 0; j < s->ncalls; j++)
        if (s->calls[j].date == d && p->customers[s->calls[j].customer].tier > deepest)
            deepest = p->customers[s->calls[j].customer].tier;
    return deepest;
}

static void print_days(const lf_peakshift *s, const lf_portfolio *p)
{
    printf("\n%-10s %-3s %8s %8s %8s %8s %5s  %s\n", "date", "", "peak_MW", "deficit", "shed",
           "unmet", "calls", "deepest tier called");
    for (size_t i = 0; i < s->ndays; i++) {
        const lf_peakshift_day *day = &s->days[i];
        if (day->deficit_mw <= 0)
            continue;
        char date[LF_DATE_STRLEN];
        lf_date_format(day->date, date);
        int tier = deepest_tier(s, p, day->date);
        printf("%-10s %-3s %8.1f %8.1f %8.1f %8.1f %5zu  %s\n", date,
               WEEKDAYS[lf_date_weekday(day->date) - 1], day->peak_mw, day->deficit_mw,
               day->shed_mw, day->unmet_mw, day->ncalls, tier < 0 ? "-" : p->tiers[tier]);
    }
    printf("(shed can exceed the deficit: a rest day takes off its whole MW)\n");
}

/* Burden of customer i: MW-days taken off / its peak_mw (the fair-rotation
 * measure of the schedule's last stage). */
static double burden(const lf_peakshift *s, const lf_portfolio *p, size_t i)
{
    return s->customers[i].mw_days / p->customers[i].peak_mw;
}

static int print_top_customers(const lf_peakshift *s, const lf_portfolio *p, lf_error *err)
{
    int *shown = calloc(p->n ? p->n : 1, sizeof *shown);
    if (!shown)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory ranking %zu customers", p->n);
    printf("\ntop customers by burden (MW-days taken off / peak_mw):\n");
    printf("%-6s %-36s %-10s %5s %8s %7s %11s\n", "id", "name", "tier", "calls", "MW-days",
           "burden", "cost_CNY");
    for (int rank = 0; rank < TOP_CUSTOMERS; rank++) {
        size_t best = p->n;
        for (size_t i = 0; i < p->n; i++)
            if (!shown[i] && s->customers[i].calls > 0 &&
                (best == p->n || burden(s, p, i) > burden(s, p, best)))
                best = i;
        if (best == p->n)
            break;
        shown[best] = 1;
        const lf_dr_customer *c = &p->customers[best];
        const lf_peakshift_customer *r = &s->customers[best];
        printf("%-6s %-36.36s %-10s %5zu %8.1f %7.2f %11.0f\n", c->id, c->name,
               p->tiers[c->tier], r->calls, r->mw_days, burden(s, p, best), r->cost);
    }
    free(shown);
    return LF_OK;
}

static void print_totals(const lf_peakshift *s)
{
    printf("\nstatus %s (solver %.1f s)\n", lf_peakshift_status_name(s->status), s->seconds);
    printf("%zu calls, shed %.1f MW-days, unmet %.1f MW-days, total cost %.0f CNY\n",
           s->ncalls, s->shed_mw_days, s->unmet_mw_days, s->total_cost);
    printf("rest days by weekday:");
    for (int k = 0; k < 7; k++)
        printf(" %s %zu", WEEKDAYS[k], s->rest_days_by_weekday[k]);
    printf("\n");
}

static int schedule(const lf_portfolio *p, lf_peakshift_method method, lf_error *err)
{
    double mw[LF_TIER_MAX] = {0}, peak[NDAYS], limit[NDAYS];
    tier_mw(p, mw);
    double amp = 100 + 0.5 * (mw[0] + (p->ntiers > 1 ? mw[1] : 0));
    lf_peakshift_spec spec;
    lf_peakshift_spec_init(&spec);
    spec.first = lf_date_from_ymd(2025, 6, 1);
    spec.last = lf_date_from_ymd(2025, 8, 31);
    spec.peak_mw = peak;
    spec.limit_mw = limit;
    spec.method = method;
    make_summer(spec.first, NDAYS, amp, peak, limit);
    print_portfolio(p, mw);
    printf("summer 2025-06-01..2025-08-31: supply limit %.0f MW; heat waves +%.1f MW "
           "(07-14..07-24) and +%.1f MW (08-04..08-10); method %s\n", LIMIT_MW, amp,
           0.7 * amp, lf_peakshift_method_name(method));
    fflush(stdout); /* the solver may take a while */
    lf_peakshift *s = NULL;
    int rc = lf_peakshift_run(&spec, p, &s, err);
    if (rc != LF_OK)
        lf_error_prefix(err, rc, "peak-shift schedule: ");
    if (rc == LF_OK) {
        print_days(s, p);
        rc = print_top_customers(s, p, err);
    }
    if (rc == LF_OK)
        print_totals(s);
    lf_peakshift_free(s);
    return rc;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "datasets/sample/portfolio.yaml";
    int method = argc > 2 ? lf_peakshift_method_parse(argv[2]) : LF_PEAKSHIFT_AUTO;
    if (argc > 3 || method < 0) {
        fprintf(stderr, "usage: %s [PORTFOLIO.yaml [auto|exact|greedy]]  (default "
                "datasets/sample/portfolio.yaml auto)\n", argv[0]);
        return 1;
    }
    lf_error err;
    lf_portfolio *p = NULL;
    int rc = lf_portfolio_load(path, &p, &err);
    if (rc == LF_OK)
        rc = schedule(p, (lf_peakshift_method)method, &err);
    lf_portfolio_free(p);
    if (rc != LF_OK) {
        fprintf(stderr, "error: %s\n", err.message);
        return 2;
    }
    return 0;
}
