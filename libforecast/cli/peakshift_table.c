/* peakshift_table.c - the readable tables `lfc peakshift` prints: a header
 * with the period, the solver's status and the totals, the days with a
 * deficit, and the customers called (by tier, then MW-days). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peakshift_table.h"


/* ---- text that may be Chinese -------------------------------------------------------- */

/* Next code point of UTF-8 text and its byte length (1 for a stray byte). */
static unsigned long next_code_point(const unsigned char *s, size_t *len)
{
    int n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
                                                      : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
    unsigned long cp = n == 1 ? s[0] : (unsigned long)(s[0] & (0x7F >> n));
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { /* truncated sequence: one byte, one column */
            *len = 1;
            return s[0];
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *len = (size_t)n;
    return cp;
}

/* Terminal columns of a code point: 2 for CJK and full-width forms. */
static int columns_of(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)
               ? 2
               : 1;
}

/* s left-aligned in width terminal columns, cut with "~" when longer (printf
 * pads bytes, which misaligns names in Chinese). */
static void print_padded(const char *s, int width)
{
    const unsigned char *p = (const unsigned char *)s;
    int used = 0, total = 0;
    for (const unsigned char *q = p; *q;) {
        size_t len;
        total += columns_of(next_code_point(q, &len));
        q += len;
    }
    int room = total > width ? width - 1 : width;
    while (*p) {
        size_t len;
        int w = columns_of(next_code_point(p, &len));
        if (used + w > room)
            break;
        fwrite(p, 1, len, stdout);
        used += w;
        p += len;
    }
    if (total > width)
        used += printf("~");
    printf("%*s", width - used, "");
}

/* ---- the header ----------------------------------------------------------------------- */

const lf_peakshift_day *lfc_peakshift_worst_day(const lf_peakshift *s, size_t *days)
{
    const lf_peakshift_day *worst = NULL;
    *days = 0;
    for (size_t d = 0; d < s->ndays; d++) {
        if (!(s->days[d].unmet_mw > 0))
            continue;
        ++*days;
        if (!worst || s->days[d].unmet_mw > worst->unmet_mw)
            worst = &s->days[d];
    }
    return worst;
}

static void print_sources(const ps_run *r)
{
    const lf_config_peakshift *ps = &r->cfg->peakshift;
    const lf_config_peakshift_input *in = r->input;
    printf("demand: %s", ps->demand_column);
    if (in->scenario[0])
        printf(" (scenario %s)", in->scenario);
    printf(" from %s\nlimit: ", ps->demand_file);
    if (ps->limit_kind == LF_LIMIT_CONSTANT)
        printf("%.1f MW every day", ps->limit_mw);
    else if (ps->limit_kind == LF_LIMIT_MONTHLY)
        printf("per month (%zu months given)", ps->nlimit_months);
    else
        printf("%s from %s", ps->limit_column, ps->limit_file);
    printf("; peak window: ");
    if (ps->profile_file)
        printf("%zu days from %s, ", in->profile_days, ps->profile_file);
    printf("%s%g h\n", ps->profile_file ? "other days " : "", r->portfolio->window_hours);
}

static void print_portfolio(const lf_portfolio *p)
{
    size_t callable = 0, protected_ = 0;
    for (size_t i = 0; i < p->n; i++) {
        protected_ += p->customers[i].is_protected != 0;
        callable += !p->customers[i].is_protected && p->customers[i].nmeasures;
    }
    printf("portfolio: %s, %zu customers (%zu callable, %zu protected); tiers cut first to "
           "last:", p->source[0] ? p->source : "-", p->n, callable, protected_);
    for (size_t t = 0; t < p->ntiers; t++)
        printf(" %s", p->tiers[t]);
    printf("\n");
}

static void print_totals(const lf_peakshift *s)
{
    size_t deficit_days = 0, unmet_days;
    double deficit = 0;
    for (size_t d = 0; d < s->ndays; d++)
        if (s->days[d].deficit_mw > 0) {
            deficit_days++;
            deficit += s->days[d].deficit_mw;
        }
    const lf_peakshift_day *worst = lfc_peakshift_worst_day(s, &unmet_days);
    printf("status: %s, solver %.2f s\n", lf_peakshift_status_name(s->status), s->seconds);
    printf("deficit days: %zu of %zu, %.1f MW-days; shed %.1f MW-days; unmet %.1f MW-days",
           deficit_days, s->ndays, deficit, s->shed_mw_days, s->unmet_mw_days);
    if (worst) {
        char day[LF_DATE_STRLEN];
        lf_date_format(worst->date, day);
        printf(" on %zu day%s (worst %s, %.1f MW)", unmet_days, unmet_days == 1 ? "" : "s",
               day, worst->unmet_mw);
    }
    printf("\ntotal cost: %.0f\nrest days by weekday:", s->total_cost);
    for (int w = 0; w < 7; w++)
        printf(" %s %zu%s", lf_weekday_name(w + 1), s->rest_days_by_weekday[w], w < 6 ? "," : "\n");
}

/* ---- the days -------------------------------------------------------------------------- */

static void print_window(const lf_peakshift_day *d)
{
    if (isnan(d->window_start)) {
        printf("  %5s %4.1f h", "", d->window_hours);
        return;
    }
    int minutes = (int)lround(d->window_start * 60);
    printf("  %02d:%02d %4.1f h", minutes / 60, minutes % 60, d->window_hours);
}

static void print_days(const lf_peakshift *s)
{
    printf("\ndays with a deficit (MW)\n%-10s %-3s %9s %9s %8s %8s %9s %8s %5s  %s\n", "date",
           "day", "peak", "limit", "deficit", "shed", "residual", "unmet", "calls", "window");
    for (size_t k = 0; k < s->ndays; k++) {
        const lf_peakshift_day *d = &s->days[k];
        if (!(d->deficit_mw > 0))
            continue;
        char day[LF_DATE_STRLEN];
        lf_date_format(d->date, day);
        printf("%-10s %-3s %9.1f %9.1f %8.1f %8.1f %9.1f %8.1f %5zu", day,
               lf_weekday_name(lf_date_weekday(d->date)), d->peak_mw, d->limit_mw, d->deficit_mw,
               d->shed_mw, d->residual_peak_mw, d->unmet_mw, d->ncalls);
        print_window(d);
        printf("%s\n", d->unmet_mw > 0 ? "  UNMET" : "");
    }
}

/* ---- the customers --------------------------------------------------------------------- */

typedef struct ranked {
    const lf_dr_customer *c;
    const lf_peakshift_customer *burden;
} ranked;

/* Cut first, then most MW-days, then id: the order the tiers are called in. */
static int by_tier_then_mw_days(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->c->tier != y->c->tier)
        return x->c->tier < y->c->tier ? -1 : 1;
    if (x->burden->mw_days != y->burden->mw_days)
        return x->burden->mw_days > y->burden->mw_days ? -1 : 1;
    return strcmp(x->c->id, y->c->id);
}

static void print_customer(const lf_portfolio *p, const ranked *r)
{
    const lf_peakshift_customer *b = r->burden;
    printf("%-8s ", r->c->id);
    print_padded(r->c->name[0] ? r->c->name : r->c->id, 28);
    printf(" ");
    print_padded(p->tiers[r->c->tier], 12);
    for (int k = 0; k < LF_DR_KINDS; k++)
        printf(" %5zu", b->calls_by_kind[k]);
    printf(" %8.1f %11.0f %7.1f %7.1f\n", b->mw_days, b->cost, 100 * b->share_of_relief,
           100 * b->share_of_peak);
}

static void print_customers(const lf_portfolio *p, const lf_peakshift *s)
{
    ranked *rows = malloc((s->ncustomers ? s->ncustomers : 1) * sizeof *rows);
    size_t n = 0;
    if (!rows) {
        printf("\n(out of memory for the customer table; see peakshift_customers.csv)\n");
        return;
    }
    for (size_t i = 0; i < s->ncustomers && i < p->n; i++)
        if (s->customers[i].calls)
            rows[n++] = (ranked){&p->customers[i], &s->customers[i]};
    qsort(rows, n, sizeof *rows, by_tier_then_mw_days);
    printf("\ncustomers called (%zu), by tier then MW-days; relief and peak: shares in %%\n", n);
    printf("%-8s %-28s %-12s %5s %5s %5s %5s %8s %11s %7s %7s\n", "id", "name", "tier",
           "shift", "avoid", "rest", "intr", "MW-days", "cost", "relief", "peak");
    for (size_t i = 0; i < n; i++)
        print_customer(p, &rows[i]);
    free(rows);
}

void lfc_peakshift_table(const ps_run *r)
{
    const lf_peakshift *s = r->schedule;
    char first[LF_DATE_STRLEN], last[LF_DATE_STRLEN];
    lf_date_format(r->input->spec.first, first);
    lf_date_format(r->input->spec.last, last);
    printf("peak-shift schedule %s .. %s of %s\n", first, last, r->cfg->name);
    print_sources(r);
    lfc_peakshift_print_schedule(r->portfolio, s);
}

void lfc_peakshift_print_schedule(const lf_portfolio *p, const lf_peakshift *s)
{
    print_portfolio(p);
    print_totals(s);
    print_days(s);
    print_customers(p, s);
}
