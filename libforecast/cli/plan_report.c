/* plan_report.c - the planner's report of `lfc plan --report` (plan.h): a
 * summary in words, the charts (history and forecast fans of monthly energy
 * and peak, the monthly energy and capacity balance with deficits marked,
 * the daily peak duration curve against the limit) and the tables (the
 * balance, the days at risk, the schedule).  The library draws and writes
 * it (report.h); this file chooses what goes in. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peakshift_table.h"
#include "plan.h"

#define HISTORY_MONTHS 36   /* of actuals before the forecast in the fans */
#define CELL 160 /* room for a portfolio name (LF_DR_NAME_MAX) */

static const char *const CHART_FILES[] = {"plan_fan_energy.svg", "plan_fan_peak.svg",
                                          "plan_balance_energy.svg",
                                          "plan_balance_capacity.svg", "plan_duration.svg",
                                          NULL};

const char *const *lfc_plan_chart_files(void)
{
    return CHART_FILES;
}

/* ---- a table's cells -------------------------------------------------------------------- */

typedef struct cells {
    char (*text)[CELL];
    const char **ptr;
    size_t ncols, nrows, cap;
} cells;

static int cells_new(cells *c, size_t ncols, size_t nrows, lf_error *err)
{
    c->ncols = ncols;
    c->nrows = 0;
    c->cap = nrows;
    c->text = calloc(ncols * (nrows ? nrows : 1), sizeof *c->text);
    c->ptr = calloc(ncols * (nrows ? nrows : 1), sizeof *c->ptr);
    if (!c->text || !c->ptr)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the report's tables");
    for (size_t i = 0; i < ncols * nrows; i++)
        c->ptr[i] = c->text[i];
    return LF_OK;
}

static void cells_free(cells *c)
{
    free(c->text);
    free(c->ptr);
}

/* Cell j of the row being filled (row nrows). */
static char *cell(cells *c, size_t j)
{
    return c->text[c->nrows * c->ncols + j];
}

static void number(cells *c, size_t j, double v, int decimals)
{
    if (isnan(v))
        cell(c, j)[0] = '\0';
    else
        snprintf(cell(c, j), CELL, "%.*f", decimals, v);
}

static void month_label(cells *c, size_t j, int year, int month)
{
    snprintf(cell(c, j), CELL, "%04d-%02d", year, month);
}

static int put_table(lf_report *rep, const char *caption, const char *const *header,
                     cells *c, lf_error *err)
{
    return lf_report_table(rep, caption, c->ncols, header, c->nrows, c->ptr, err);
}

/* ---- the summary -------------------------------------------------------------------------- */

static int demand_text(lf_report *rep, const plan_run *r, lf_error *err)
{
    const lf_balance *b = r->balance;
    char text[1024];
    int n = snprintf(text, sizeof text, "Demand: the P50 and %s of the monthly energy and "
                     "peak", r->high);
    if (b->scenario[0])
        n += snprintf(text + n, sizeof text - (size_t)n, " of the economic scenario %s",
                      b->scenario);
    if (r->has_forecast) {
        char a[LF_DATE_STRLEN], z[LF_DATE_STRLEN];
        lf_date_format(r->fc.train_first, a);
        lf_date_format(r->fc.train_last, z);
        snprintf(text + n, sizeof text - (size_t)n, ", forecast by this run from the load of "
                 "%s to %s under every weather year of the history (random seed %lu), new "
                 "connections included.", a, z, r->fc.spec.seed);
    } else {
        snprintf(text + n, sizeof text - (size_t)n, ", read from %s.",
                 r->cfg->plan.monthly_file);
    }
    int rc = lf_report_text(rep, text, err);
    snprintf(text, sizeof text, "Reserve margin: %.1f%%. A month's available capacity (own "
             "and import capacity less planned outages) must carry its %s peak plus the "
             "reserve; the limit is the peak it carries with the reserve intact. The plan "
             "covers the %s: a month is short when the supply falls short of its %s demand.",
             100 * b->reserve, r->high, r->high, r->high);
    return rc == LF_OK ? lf_report_text(rep, text, err) : rc;
}

static int outcome_text(lf_report *rep, const plan_run *r, lf_error *err)
{
    const lf_balance *b = r->balance;
    const lf_balance_totals *t = &b->totals;
    const lf_balance_month *w = &b->months[t->worst_capacity_month];
    char text[1024];
    int n = snprintf(text, sizeof text, "Outcome: %zu of %zu months balance. Energy is short "
                     "at %s in %zu month%s (%.1f GWh in all) and capacity in %zu; the least "
                     "capacity balance is %.1f MW in %04d-%02d.", t->months_by_status[0],
                     b->nmonths, r->high, t->energy_deficit_months,
                     t->energy_deficit_months == 1 ? "" : "s", t->energy_deficit_high / 1e3,
                     t->capacity_deficit_months, t->worst_capacity_balance_mw, w->year,
                     w->month);
    if (isnan(t->days_at_risk))
        snprintf(text + n, sizeof text - (size_t)n, " The days at risk are unknown (no daily "
                 "peaks).");
    else
        snprintf(text + n, sizeof text - (size_t)n, " %.0f day%s at risk: %s peak over the "
                 "month's limit, %.1f MW-days in all.", t->days_at_risk,
                 t->days_at_risk == 1 ? " is" : "s are", r->high, t->mw_days_at_risk);
    return lf_report_text(rep, text, err);
}

static int schedule_text(lf_report *rep, const plan_run *r, lf_error *err)
{
    char text[1024];
    const lf_peakshift *s = r->schedule;
    if (!s) {
        snprintf(text, sizeof text, "Peak-shift: nothing scheduled (%s).", r->no_schedule);
        return lf_report_text(rep, text, err);
    }
    size_t days = 0, unmet_days;
    for (size_t d = 0; d < s->ndays; d++)
        days += s->days[d].deficit_mw > 0;
    lfc_peakshift_worst_day(s, &unmet_days);
    snprintf(text, sizeof text, "Peak-shift: the portfolio (%zu customers) is called %zu "
             "times on the %zu days at risk, taking %.1f MW-days off their peaks at a cost of "
             "%.0f; %.1f MW-days stay unmet%s. Tiers are called strictly in order, cut first "
             "to last; protected loads never.", r->portfolio->n, s->ncalls, days,
             s->shed_mw_days, s->total_cost, s->unmet_mw_days,
             unmet_days ? " - the plan does not close" : "");
    return lf_report_text(rep, text, err);
}

/* ---- the fans: history and forecast of monthly energy and peak -------------------------- */

/* The x axis of a fan: actual months up to the forecast's first whole month,
 * then the forecast's months to the plan's last. */
typedef struct fan_data {
    int year, month;              /* the first month shown */
    size_t nhistory, nforecast;
    double *history[2];           /* energy GWh, peak MW */
    double *band[2][3];           /* low, mid, high per measure */
    char labels[3][LF_BALANCE_LABEL_MAX];
    double *block;
} fan_data;

/* The scenario's index in the forecast (the plan's, by name). */
static size_t plan_scenario(const plan_run *r)
{
    size_t n = lf_forecast_nscenarios(r->fc.forecast);
    for (size_t s = 0; s < n; s++)
        if (strcmp(lf_forecast_scenario_name(r->fc.forecast, s), r->balance->scenario) == 0)
            return s;
    return 0;
}

/* The scenario's whole forecast months from the first to the plan's last:
 * the demand taken from this forecast starts at its first whole month
 * (lf_balance_demand_from_forecast), so the fan starts there too. */
static const lf_forecast_period *fan_months(const plan_run *r, size_t scenario, size_t *n)
{
    size_t count;
    const lf_forecast_period *p = lf_forecast_periods(r->fc.forecast, scenario,
                                                      LF_PERIOD_MONTH, &count);
    const lf_balance_month *z = &r->balance->months[r->balance->nmonths - 1];
    int first = r->demand->year * 12 + r->demand->month;
    *n = (size_t)(z->year * 12 + z->month - first + 1);
    return p + (first - (p[0].year * 12 + p[0].month));
}

static void fill_history(fan_data *f, const lf_period_summary *s, size_t ns)
{
    for (size_t k = 0; k < f->nhistory; k++)
        f->history[0][k] = f->history[1][k] = NAN;
    for (size_t i = 0; i < ns; i++) {
        long k = (long)(s[i].year * 12 + s[i].month) - (f->year * 12 + f->month);
        if (k < 0 || k >= (long)f->nhistory || s[i].days_missing)
            continue;
        f->history[0][k] = s[i].energy_mwh / 1e3;
        f->history[1][k] = s[i].peak_mw;
    }
}

static void fill_band(fan_data *f, const lf_forecast_period *p, const lf_forecast_spec *spec)
{
    size_t lo = 0, hi = spec->nquantiles - 1, mid = 0;
    for (size_t k = 0; k < spec->nquantiles; k++)
        if (fabs(spec->quantiles[k] - 0.5) < fabs(spec->quantiles[mid] - 0.5))
            mid = k;
    size_t q[3] = {lo, mid, hi};
    for (int j = 0; j < 3; j++) {
        lf_forecast_quantile_label(spec->quantiles[q[j]], f->labels[j], sizeof f->labels[j]);
        f->labels[j][0] = 'P';
    }
    for (size_t k = 0; k < f->nforecast; k++)
        for (int j = 0; j < 3; j++) {
            f->band[0][j][k] = p[k].value[LF_MEASURE_ENERGY].q[q[j]] / 1e3;
            f->band[1][j][k] = p[k].value[LF_MEASURE_PEAK].q[q[j]];
        }
}

static int fan_data_make(const plan_run *r, fan_data *f, lf_error *err)
{
    size_t ns = 0;
    const lf_forecast_period *p = fan_months(r, plan_scenario(r), &f->nforecast);
    lf_period_summary *s = NULL;
    int rc = lf_summarize(r->project->daily, LF_PERIOD_MONTH, "", &s, &ns, err);
    if (rc != LF_OK)
        return rc;
    int start = p[0].year * 12 + p[0].month - 1 - HISTORY_MONTHS;
    f->year = start / 12;
    f->month = start % 12 + 1;
    f->nhistory = HISTORY_MONTHS;
    f->block = malloc((2 * f->nhistory + 6 * f->nforecast) * sizeof *f->block);
    if (!f->block) {
        free(s);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the report's fan charts");
    }
    for (int m = 0; m < 2; m++) {
        f->history[m] = f->block + m * f->nhistory;
        for (int j = 0; j < 3; j++)
            f->band[m][j] = f->block + 2 * f->nhistory + (size_t)(3 * m + j) * f->nforecast;
    }
    fill_history(f, s, ns);
    fill_band(f, p, lf_forecast_spec_of(r->fc.forecast));
    free(s);
    return LF_OK;
}

static int add_fans(lf_report *rep, const plan_run *r, lf_error *err)
{
    if (!r->has_forecast || !r->project || !r->project->daily)
        return lf_report_text(rep, "The fan charts of history and forecast need the "
                              "forecast made by the run itself (plan.demand: forecast); "
                              "this plan read its demand from files.", err);
    fan_data f;
    memset(&f, 0, sizeof f);
    int rc = fan_data_make(r, &f, err);
    static const char *const title[2] = {"Monthly energy: history and forecast",
                                         "Monthly peak: history and forecast"};
    static const char *const unit[2] = {"GWh", "MW"}, *const name[2] = {"fan_energy",
                                                                        "fan_peak"};
    char caption[256];
    for (int m = 0; rc == LF_OK && m < 2; m++) {
        lf_fan_chart c = {title[m], unit[m], f.year, f.month, f.nhistory, f.history[m],
                          f.nforecast, f.band[m][0], f.band[m][1], f.band[m][2],
                          f.labels[0], f.labels[1], f.labels[2]};
        snprintf(caption, sizeof caption, "%s: the last %d months of actuals, then the "
                 "forecast's %s (line) within %s..%s (band).", title[m], HISTORY_MONTHS,
                 f.labels[1], f.labels[0], f.labels[2]);
        rc = lf_report_fan_chart(rep, name[m], caption, &c, err);
    }
    free(f.block);
    return rc;
}

/* ---- the monthly balance bars ------------------------------------------------------------ */

static int add_bars(lf_report *rep, const plan_run *r, lf_error *err)
{
    const lf_balance *b = r->balance;
    size_t n = b->nmonths;
    double *v = malloc(5 * n * sizeof *v);
    int *deficit = malloc(2 * n * sizeof *deficit);
    if (!v || !deficit) {
        free(v);
        free(deficit);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the report's bar charts");
    }
    double *demand = v, *supply = v + n, *high = v + 2 * n, *required = v + 3 * n,
           *available = v + 4 * n;
    for (size_t k = 0; k < n; k++) {
        const lf_balance_month *m = &b->months[k];
        demand[k] = m->energy_p50 / 1e3;
        high[k] = m->energy_high / 1e3;
        supply[k] = m->supply_mwh / 1e3;
        required[k] = m->required_mw;
        available[k] = m->available_mw;
        deficit[k] = m->status == LF_BALANCE_ENERGY_DEFICIT || m->status == LF_BALANCE_BOTH;
        deficit[n + k] = m->status == LF_BALANCE_CAPACITY_DEFICIT || m->status == LF_BALANCE_BOTH;
    }
    char high_label[64], caption[256];
    snprintf(high_label, sizeof high_label, "demand %s", r->high);
    lf_bar_chart e = {"Monthly energy balance", "GWh", b->year, b->month, n, 2,
                      {demand, supply}, {"demand P50", "supply"}, high, high_label, deficit,
                      "short of energy"};
    snprintf(caption, sizeof caption, "Energy: demand at P50 and supply (own generation and "
             "purchases) per month; the tick is the demand at %s, which the supply must "
             "cover.", r->high);
    int rc = lf_report_bar_chart(rep, "balance_energy", caption, &e, err);
    lf_bar_chart c = {"Monthly capacity balance", "MW", b->year, b->month, n, 2,
                      {required, available}, {"required (peak + reserve)", "available"},
                      NULL, NULL, deficit + n, "short of capacity"};
    snprintf(caption, sizeof caption, "Capacity: the %s peak plus the %.0f%% reserve against "
             "own and import capacity less planned outages.", r->high, 100 * b->reserve);
    if (rc == LF_OK)
        rc = lf_report_bar_chart(rep, "balance_capacity", caption, &c, err);
    free(v);
    free(deficit);
    return rc;
}

/* ---- the daily peak duration curve ------------------------------------------------------- */

/* The binding month: the one with the largest high peak (its limit is the line). */
static const lf_balance_month *binding_month(const lf_balance *b)
{
    const lf_balance_month *best = &b->months[0];
    for (size_t k = 1; k < b->nmonths; k++)
        if (b->months[k].peak_high > best->peak_high)
            best = &b->months[k];
    return best;
}

/* The last 365 days of actual daily peaks before the plan (or fewer). */
static const double *history_peaks(const plan_run *r, size_t *n)
{
    *n = 0;
    const lf_frame *d = r->project ? r->project->daily : NULL;
    const double *peak = d ? lf_frame_column(d, "peak_mw") : NULL;
    if (!peak)
        return NULL;
    lf_date plan_first = lf_date_from_ymd(r->balance->year, r->balance->month, 1);
    long end = lf_frame_row(d, plan_first - 1);
    end = end < 0 ? (long)d->ndays : end + 1;
    long start = end > 365 ? end - 365 : 0;
    *n = (size_t)(end - start);
    return peak + start;
}

static int add_duration(lf_report *rep, const plan_run *r, lf_error *err)
{
    if (!r->daily)
        return LF_OK;
    const lf_balance *b = r->balance;
    lf_date first = lf_date_from_ymd(b->year, b->month, 1);
    const lf_balance_month *z = &b->months[b->nmonths - 1];
    lf_date last = lf_date_from_ymd(z->year, z->month, z->days);
    const lf_balance_month *bind = binding_month(b);
    char label[64], limit[64], caption[320];
    snprintf(label, sizeof label, "forecast %s", r->high);
    snprintf(limit, sizeof limit, "limit of %04d-%02d", bind->year, bind->month);
    lf_duration_chart c = {"Daily peak duration", "MW", 1,
                           {r->daily->peak_mw + (first - r->daily->first)},
                           {(size_t)(last - first + 1)}, {label}, bind->limit_mw, limit};
    size_t nh;
    const double *hist = history_peaks(r, &nh);
    if (hist && nh) {
        c.values[1] = hist;
        c.n[1] = nh;
        c.labels[1] = "actual, last year before the plan";
        c.ncurves = 2;
    }
    snprintf(caption, sizeof caption, "The plan's daily %s peaks sorted from the largest, "
             "against the limit of %04d-%02d (the month of the largest peak, %.0f MW): the "
             "days left of the crossing are at risk%s.", r->high, bind->year, bind->month,
             bind->limit_mw, c.ncurves > 1 ? "; the actual daily peaks of the last year for "
             "comparison" : "");
    return lf_report_duration_chart(rep, "duration", caption, &c, err);
}

/* ---- the tables ------------------------------------------------------------------------- */

static int energy_table(lf_report *rep, const plan_run *r, lf_error *err)
{
    const lf_balance *b = r->balance;
    const char *header[] = {"month", "demand P50", "demand high", "own generation",
                            "purchases", "supply", "balance P50", "balance high", "status"};
    char h2[64], h7[64];
    snprintf(h2, sizeof h2, "demand %s", r->high);
    snprintf(h7, sizeof h7, "balance %s", r->high);
    header[2] = h2;
    header[7] = h7;
    cells c;
    int rc = cells_new(&c, 9, b->nmonths, err);
    for (size_t k = 0; rc == LF_OK && k < b->nmonths; k++, c.nrows++) {
        const lf_balance_month *m = &b->months[k];
        month_label(&c, 0, m->year, m->month);
        double v[7] = {m->energy_p50, m->energy_high, m->own_mwh, m->purchase_mwh,
                       m->supply_mwh, m->energy_balance_p50, m->energy_balance_high};
        for (size_t j = 0; j < 7; j++)
            number(&c, j + 1, v[j] / 1e3, 1);
        snprintf(cell(&c, 8), CELL, "%s", lf_balance_status_name(m->status));
    }
    if (rc == LF_OK)
        rc = put_table(rep, "Energy balance by month, GWh (negative: short)", header, &c, err);
    cells_free(&c);
    return rc;
}

static int capacity_table(lf_report *rep, const lf_balance *b, const char *high,
                          lf_error *err)
{
    const char *header[] = {"month", "peak P50", "peak high", "own", "import", "outages",
                            "available", "required", "balance", "limit"};
    char h2[64];
    snprintf(h2, sizeof h2, "peak %s", high);
    header[2] = h2;
    cells c;
    int rc = cells_new(&c, 10, b->nmonths, err);
    for (size_t k = 0; rc == LF_OK && k < b->nmonths; k++, c.nrows++) {
        const lf_balance_month *m = &b->months[k];
        month_label(&c, 0, m->year, m->month);
        double v[9] = {m->peak_p50, m->peak_high, m->own_mw, m->import_mw, m->outage_mw,
                       m->available_mw, m->required_mw, m->capacity_balance_mw, m->limit_mw};
        for (size_t j = 0; j < 9; j++)
            number(&c, j + 1, v[j], 1);
    }
    if (rc == LF_OK)
        rc = put_table(rep, "Capacity balance by month, MW (balance: available less required, "
                       "negative: short; limit: the peak carried with the reserve intact)",
                       header, &c, err);
    cells_free(&c);
    return rc;
}

/* The months with a day at risk: how many, the worst, the MW-days. */
static int risk_table(lf_report *rep, const lf_balance *b, lf_error *err)
{
    static const char *const header[] = {"month", "days at risk", "worst day",
                                         "worst shortfall, MW", "MW-days over the limit"};
    cells c;
    int rc = cells_new(&c, 5, b->nmonths, err);
    for (size_t k = 0; rc == LF_OK && k < b->nmonths; k++) {
        const lf_balance_month *m = &b->months[k];
        if (!(m->days_at_risk > 0))
            continue;
        month_label(&c, 0, m->year, m->month);
        number(&c, 1, m->days_at_risk, 0);
        lf_date_format(m->worst_day, cell(&c, 2));
        number(&c, 3, m->worst_shortfall_mw, 1);
        number(&c, 4, m->mw_days_at_risk, 1);
        c.nrows++;
    }
    if (rc == LF_OK && c.nrows)
        rc = put_table(rep, "Months with days at risk", header, &c, err);
    cells_free(&c);
    return rc;
}

static int days_table(lf_report *rep, const lf_peakshift *s, lf_error *err)
{
    static const char *const header[] = {"date", "peak", "limit", "over the limit", "shed",
                                         "unmet", "calls"};
    cells c;
    int rc = cells_new(&c, 7, s->ndays, err);
    for (size_t k = 0; rc == LF_OK && k < s->ndays; k++) {
        const lf_peakshift_day *d = &s->days[k];
        if (!(d->deficit_mw > 0))
            continue;
        lf_date_format(d->date, cell(&c, 0));
        double v[5] = {d->peak_mw, d->limit_mw, d->deficit_mw, d->shed_mw, d->unmet_mw};
        for (size_t j = 0; j < 5; j++)
            number(&c, j + 1, v[j], 1);
        snprintf(cell(&c, 6), CELL, "%zu", d->ncalls);
        c.nrows++;
    }
    if (rc == LF_OK)
        rc = put_table(rep, "The days at risk and the schedule, MW", header, &c, err);
    cells_free(&c);
    return rc;
}

static int customers_table(lf_report *rep, const lf_portfolio *p, const lf_peakshift *s,
                           lf_error *err)
{
    static const char *const header[] = {"id", "name", "tier", "calls", "MW-days", "MWh",
                                         "cost"};
    cells c;
    int rc = cells_new(&c, 7, s->ncustomers, err);
    for (size_t i = 0; rc == LF_OK && i < s->ncustomers && i < p->n; i++) {
        const lf_peakshift_customer *b = &s->customers[i];
        const lf_dr_customer *dc = &p->customers[i];
        if (!b->calls)
            continue;
        snprintf(cell(&c, 0), CELL, "%s", dc->id);
        snprintf(cell(&c, 1), CELL, "%s", dc->name[0] ? dc->name : dc->id);
        snprintf(cell(&c, 2), CELL, "%s", p->tiers[dc->tier]);
        snprintf(cell(&c, 3), CELL, "%zu", b->calls);
        number(&c, 4, b->mw_days, 1);
        number(&c, 5, b->mwh, 1);
        number(&c, 6, b->cost, 0);
        c.nrows++;
    }
    if (rc == LF_OK)
        rc = put_table(rep, "Customers called, in the portfolio's order", header, &c, err);
    cells_free(&c);
    return rc;
}

/* ---- the economic scenarios --------------------------------------------------------- */

static int scenario_table(lf_report *rep, const plan_run *r, lf_error *err)
{
    const char *header[] = {"scenario", "demand high, GWh", "months short of energy",
                            "energy deficit, GWh", "months short of capacity",
                            "least capacity balance, MW", "days at risk",
                            "MW-days over the limits"};
    char h1[64];
    snprintf(h1, sizeof h1, "demand %s, GWh", r->high);
    header[1] = h1;
    cells c;
    int rc = cells_new(&c, 8, r->nscenarios, err);
    for (size_t s = 0; rc == LF_OK && s < r->nscenarios; s++, c.nrows++) {
        const lf_balance *b = r->by_scenario[s];
        const lf_balance_totals *t = &b->totals;
        snprintf(cell(&c, 0), CELL, "%s%s", b->scenario,
                 strcmp(b->scenario, r->balance->scenario) == 0 ? " (planned)" : "");
        number(&c, 1, t->energy_high / 1e3, 1);
        number(&c, 2, (double)t->energy_deficit_months, 0);
        number(&c, 3, t->energy_deficit_high / 1e3, 1);
        number(&c, 4, (double)t->capacity_deficit_months, 0);
        number(&c, 5, t->worst_capacity_balance_mw, 1);
        number(&c, 6, t->days_at_risk, 0);
        number(&c, 7, t->mw_days_at_risk, 1);
    }
    if (rc == LF_OK)
        rc = put_table(rep, "The plan's supply against the demand of each economic scenario "
                       "(before any peak-shift)", header, &c, err);
    cells_free(&c);
    return rc;
}

/* ---- the report ----------------------------------------------------------------------------- */

static int sections(lf_report *rep, const plan_run *r, lf_error *err)
{
    int rc = lf_report_heading(rep, 2, "Summary", err);
    if (rc == LF_OK)
        rc = demand_text(rep, r, err);
    if (rc == LF_OK)
        rc = outcome_text(rep, r, err);
    if (rc == LF_OK)
        rc = schedule_text(rep, r, err);
    if (rc == LF_OK && r->nscenarios > 1)
        rc = scenario_table(rep, r, err);
    if (rc == LF_OK)
        rc = lf_report_heading(rep, 2, "Demand: history and forecast", err);
    if (rc == LF_OK)
        rc = add_fans(rep, r, err);
    if (rc == LF_OK)
        rc = lf_report_heading(rep, 2, "The monthly balance", err);
    if (rc == LF_OK)
        rc = add_bars(rep, r, err);
    if (rc == LF_OK)
        rc = energy_table(rep, r, err);
    if (rc == LF_OK)
        rc = capacity_table(rep, r->balance, r->high, err);
    if (rc == LF_OK && r->daily)
        rc = lf_report_heading(rep, 2, "Days at risk", err);
    if (rc == LF_OK)
        rc = add_duration(rep, r, err);
    if (rc == LF_OK && r->daily)
        rc = risk_table(rep, r->balance, err);
    if (rc == LF_OK && r->schedule) {
        rc = lf_report_heading(rep, 2, "Peak-shift schedule", err);
        if (rc == LF_OK)
            rc = days_table(rep, r->schedule, err);
        if (rc == LF_OK)
            rc = customers_table(rep, r->portfolio, r->schedule, err);
    }
    return rc;
}

int lfc_plan_report(const plan_run *r, lf_report **out, lf_error *err)
{
    const lf_balance *b = r->balance;
    const lf_balance_month *z = &b->months[b->nmonths - 1];
    char title[256];
    snprintf(title, sizeof title, "%s: energy balance plan %04d-%02d to %04d-%02d (电量平衡计划)",
             r->cfg->name, b->year, b->month, z->year, z->month);
    int rc = lf_report_new(title, out, err);
    if (rc == LF_OK)
        rc = sections(*out, r, err);
    if (rc != LF_OK) {
        lf_report_free(*out);
        *out = NULL;
    }
    return rc;
}
