/* bench_peakshift.c - how long lf_peakshift_run takes on a utility-sized
 * summer: N customers (default 1000) in 4 tiers over a period of days from
 * Monday 2025-07-07, a made-up but plausible portfolio and demand (seeded, so every run
 * schedules the same problem).  Prints one Markdown table row.
 *
 *   bench_peakshift customers days seed auto|exact|greedy seconds-per-stage */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libforecast.h"

static unsigned long rnd(unsigned long *s)
{
    *s = *s * 6364136223846793005ul + 1442695040888963407ul;
    return *s >> 33;
}

static double uniform(unsigned long *s, double lo, double hi)
{
    return lo + (hi - lo) * (double)(rnd(s) % 1000000) / 1e6;
}

/* One customer: peak 2..60 MW; each measure offered with some chance. */
static lf_dr_customer make_customer(size_t i, unsigned long *s)
{
    lf_dr_customer c;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "C%04zu", i);
    c.peak_mw = uniform(s, 2, 60);
    c.tier = (int)(rnd(s) % 4);
    c.is_protected = rnd(s) % 20 == 0;
    if (rnd(s) % 2) {
        lf_dr_measure *m = &c.measures[c.nmeasures++];
        *m = (lf_dr_measure){.kind = LF_DR_SHIFT, .mw = c.peak_mw * uniform(s, 0.1, 0.3),
                             .max_per_week = 3, .cost_per_mwh = uniform(s, 20, 80)};
    }
    if (rnd(s) % 2) {
        lf_dr_measure *m = &c.measures[c.nmeasures++];
        *m = (lf_dr_measure){.kind = LF_DR_AVOID_PEAK, .mw = c.peak_mw * uniform(s, 0.2, 0.5),
                             .max_per_month = 8, .min_gap_days = 1,
                             .cost_per_mwh = uniform(s, 100, 400)};
    }
    if (rnd(s) % 4 == 0) {
        lf_dr_measure *m = &c.measures[c.nmeasures++];
        *m = (lf_dr_measure){.kind = LF_DR_REST_DAY, .mw = c.peak_mw * uniform(s, 0.6, 0.9),
                             .max_per_week = 1, .weekdays = 1u << (rnd(s) % 5) | 1u << (rnd(s) % 5),
                             .cost_per_event = uniform(s, 2000, 8000)};
    }
    if (rnd(s) % 10 == 0) {
        lf_dr_measure *m = &c.measures[c.nmeasures++];
        *m = (lf_dr_measure){.kind = LF_DR_INTERRUPT, .mw = c.peak_mw * uniform(s, 0.3, 0.7),
                             .max_per_month = 4, .cost_per_mwh = uniform(s, 800, 1500),
                             .cost_per_event = 1000};
    }
    return c;
}

/* MW-days the schedule takes from tiers 3 and 4 (cut last). */
static double late_tiers(const lf_peakshift *s, const lf_portfolio *p)
{
    double mw_days = 0;
    for (size_t k = 0; k < s->ncalls; k++)
        if (p->customers[s->calls[k].customer].tier >= 2)
            mw_days += s->calls[k].mw;
    return mw_days;
}

static lf_portfolio *make_portfolio(size_t n, unsigned long *seed, double *total_peak)
{
    lf_error err;
    lf_portfolio *p = lf_portfolio_new(&err);
    if (!p)
        return NULL;
    p->ntiers = 4;
    for (size_t t = 0; t < 4; t++)
        snprintf(p->tiers[t], sizeof p->tiers[t], "tier%zu", t + 1);
    *total_peak = 0;
    for (size_t i = 0; i < n; i++) {
        lf_dr_customer c = make_customer(i, seed);
        *total_peak += c.peak_mw;
        if (lf_portfolio_add(p, &c, &err) != LF_OK) {
            lf_portfolio_free(p);
            return NULL;
        }
    }
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: bench_peakshift customers days seed auto|exact|greedy "
                        "seconds-per-stage\n");
        return 1;
    }
    size_t n = (size_t)atol(argv[1]);
    int days = atoi(argv[2]);
    unsigned long seed = strtoul(argv[3], NULL, 10);
    int method = lf_peakshift_method_parse(argv[4]);
    if (days < 1 || days > 366 || method < 0)
        return fprintf(stderr, "bad days or method\n"), 1;
    double total_peak;
    lf_portfolio *p = make_portfolio(n, &seed, &total_peak);
    if (!p)
        return fprintf(stderr, "could not build the portfolio\n"), 1;
    /* the region: the portfolio is 30 % of the peak; hot spells push the
     * peak up to 8 % over the limit on about 4 days in 7 */
    double peak[366], limit[366];
    double region = total_peak / 0.3;
    for (int d = 0; d < days; d++) {
        peak[d] = region * (1 + uniform(&seed, -0.06, 0.08));
        limit[d] = region;
    }
    lf_peakshift_spec spec;
    lf_peakshift_spec_init(&spec);
    spec.first = lf_date_from_ymd(2025, 7, 7); /* a Monday in the summer */
    spec.last = spec.first + days - 1;
    spec.peak_mw = peak;
    spec.limit_mw = limit;
    spec.method = (lf_peakshift_method)method;
    spec.seconds_per_stage = atof(argv[5]);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    lf_peakshift *s = NULL;
    lf_error err;
    int rc = lf_peakshift_run(&spec, p, &s, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (rc != LF_OK)
        return fprintf(stderr, "lf_peakshift_run: %s\n", err.message), 1;
    size_t deficit_days = 0;
    for (size_t d = 0; d < s->ndays; d++)
        deficit_days += s->days[d].deficit_mw > 0;
    printf("| %zu | %d | %zu | %s | %s | %.1f | %.1f | %.1f | %.0f | %.2f |\n", n, days,
           deficit_days, argv[4], lf_peakshift_status_name(s->status), s->unmet_mw_days,
           s->shed_mw_days, late_tiers(s, p), s->total_cost, secs);
    lf_peakshift_free(s);
    lf_portfolio_free(p);
    return 0;
}
