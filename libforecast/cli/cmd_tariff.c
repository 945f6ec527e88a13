/* cmd_tariff.c - `lfc tariff`: tariff advice for the config's large
 * customers: every tariff each account may choose billed on its load and
 * ranked, the itemised monthly bills of its current and its best option, a
 * declared-demand plan for each month of the plan year, what moving load
 * out of the peak saves, and with a proposed tariff table the revenue change
 * by customer, class and in total; the files written all together, a summary
 * printed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tariff_table.h"

static const char usage[] =
    "usage: lfc tariff --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n\n"
    "Tariff advice (电价选择, 需量申报) for the large customers of the config's 'tariff'\n"
    "section, each billed on its own interval load (include/libforecast/tariff_advice.h):\n"
    "  1. every tariff it may choose (voltage, kVA, class), two-part ones by capacity\n"
    "     and by demand, cheapest first, with the saving against the current tariff;\n"
    "     by demand without declared_kw: each month's least value without a penalty\n"
    "     (declared_hindsight 1), a bound no customer reaches;\n"
    "  2. the itemised monthly bill under the current option and under the best one\n"
    "     (the best billed as the ranking billed it: hindsight values included);\n"
    "  3. for each two-part tariff with a demand rate among the options, the declared\n"
    "     demand of each month of the plan year minimising the expected basic charge\n"
    "     plus penalty, against the capacity charge (the cheaper chosen), from the\n"
    "     same month of earlier years of the load grown by 'growth', or from a\n"
    "     forecast's peak quantiles (200 equally likely values); a month without\n"
    "     values is reported as such;\n"
    "  4. under the current tariff when it is time-of-use (else the best TOU option):\n"
    "     the saving of moving each share of peak-period load to the same day's valley\n"
    "     (at most shiftable_kw), billed with the account's own basic-charge settings;\n"
    "  5. with 'proposed': every account billed on the same days under its current\n"
    "     tariff (as the ranking's current option) and under its tariff of the proposed\n"
    "     table, with the same basic choice and declared kW: the revenue change by\n"
    "     customer, by class and in total, and what drives the average price (each\n"
    "     class's share of the kWh and its peak share; its price effect, kWh share x\n"
    "     change of its CNY/kWh, and the effects add up to the average price's change).\n"
    "Holidays and make-up working days (调休): the config's calendar.\n";

/* The keys and the files: the rest of the help text. */
static const char usage_more[] =
    "Keys of the config's 'tariff' section (paths relative to the config file):\n"
    "  tariffs: tariffs.yaml          required (format: examples/tariffs/tariffs.yaml)\n"
    "  proposed: proposed.yaml        a proposed tariff table, same format (e.g.\n"
    "                                 examples/tariffs/proposed.yaml); every account\n"
    "                                 then needs 'current'\n"
    "  first: / last: 2024-12-31      days billed (default: the last 12 whole months of\n"
    "                                 each customer's load)\n"
    "  plan_year: 2025                default: the year after the last billed day\n"
    "  shift_shares: [0.1, 0.2, 0.3]  shares of peak-period load moved (this default)\n"
    "  accounts:                      required, one per customer:\n"
    "    - customer: C001             required: an id of 'customers' (its load, kW)\n"
    "      class: large_industry      required: matches a tariff's eligible classes\n"
    "      voltage_kv: 110            required\n"
    "      capacity_kva: 100000       required: installed transformer capacity\n"
    "      current: TARIFF_ID         the tariff it is on now (savings against it)\n"
    "      proposed_tariff: ID        its tariff in 'proposed' (default: the current id)\n"
    "      basic: capacity            capacity (default) | demand: its basic charge now\n"
    "      declared_kw: 60000         its declared demand now (required with demand)\n"
    "      power_factor: 0.93         monthly power factor (default: not adjusted)\n"
    "      shiftable_kw: 5000         the most kW it can move (default: no limit)\n"
    "      growth: 3%                 yearly growth of its maximum demand (default 0)\n"
    "      declared_from: history     or {forecast: forecast_monthly.csv, scenario:\n"
    "                                 base}: its peak_mw_pXX columns (MW)\n"
    "Writes to DIR (default: output.dir of the config), all files or none:\n"
    "  tariff_ranking.csv    per account and option: rank, tariff, basic, kWh, charges,\n"
    "                        total, CNY/kWh, peak share, saving, current\n"
    "  tariff_bills.csv      per account, bill (current, best) and month: kWh by TOU\n"
    "                        period, energy charge, maximum demand, billing kW, basic\n"
    "                        charge, penalty, power factor, surcharges, total\n"
    "  tariff_declared.csv   per account, tariff and plan month: the maximum demand's\n"
    "                        P10/P50/P90, the best declared kW and its expected charge,\n"
    "                        penalty probability, capacity charge, choice, saving\n"
    "                        (capacity charge - expected charge by demand)\n"
    "  tariff_shift.csv      per account and share: kWh moved, bills before and after,\n"
    "                        saving (and per MWh), maximum demand before and after\n"
    "  tariff_change.csv     with 'proposed' only: per customer, class and the total\n"
    "                        (level, id, class, customers): kWh, peak kWh and share,\n"
    "                        old and new total, change (CNY and %), old and new\n"
    "                        CNY/kWh, kWh share, price effect.  A run without\n"
    "                        'proposed' removes a tariff_change.csv of an earlier run\n"
    "                        (with the set: if the set is not written, nothing goes)\n"
    "  tariff.json           all of the above in one document (\"change\": null\n"
    "                        without 'proposed')\n"
    "Money to the cent, kWh to 0.001, kW to 0.1.  On stdout: each account's ranking,\n"
    "plan and shift savings, then the change by class (--format csv:\n"
    "tariff_ranking.csv; md: the same as a Markdown table; json: tariff.json).\n"
    "Exit status: 0 ok; 2 bad config, tariffs or data; 1 usage; 4 failure.\n";

static int run_tariff(int argc, char **argv);
const lfc_command lfc_cmd_tariff = {"tariff", "tariff advice (ranking, bills, declared demand, "
                                    "peak shift), tariff-change revenue", usage,
                                    run_tariff, usage_more, 0};

/* ---- bills of the ranked options ---------------------------------------------------- */

static int bill_option(const lf_config_tariff_input *in, const lf_config_tariff_customer *c,
                       tf_account *a, size_t option, const char *role, lf_error *err)
{
    tf_bill *b = &a->bills[a->nbills];
    int rc = lf_tariff_option_bill(in->tariffs, &c->account->account,
                                   &a->ranking->options[option], &c->billed, in->calendar,
                                   &b->bill, err);
    if (rc != LF_OK)
        return rc;
    b->role = role;
    b->option = option;
    a->nbills++;
    return LF_OK;
}

static int bills(const lf_config_tariff_input *in, tf_account *a, lf_error *err)
{
    const lf_tariff_ranking *r = a->ranking;
    int rc = LF_OK;
    if (r->current < r->n)
        rc = bill_option(in, a->in, a, r->current, "current", err);
    if (rc == LF_OK && r->current != 0)
        rc = bill_option(in, a->in, a, 0, "best", err);
    return rc;
}

/* ---- the declared-demand plans -------------------------------------------------------- */

/* The two-part tariffs with a demand rate among the options (the version
 * the ranking billed first), best first. */
static int choose_plans(const lf_config_tariff_input *in, tf_account *a, lf_error *err)
{
    const lf_tariff_ranking *r = a->ranking;
    a->plans = calloc(r->n, sizeof *a->plans);
    if (!a->plans)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the plans");
    for (size_t i = 0; i < r->n; i++) {
        const lf_tariff_option *o = &r->options[i];
        size_t j = 0;
        while (j < a->nplans && strcmp(a->plans[j].tariff_id, o->tariff_id))
            j++;
        const lf_tariff *t = lf_tariff_set_find(in->tariffs, o->tariff_id, a->in->first);
        if (j < a->nplans || !o->two_part || !t || !(t->demand_rate > 0))
            continue;
        snprintf(a->plans[a->nplans].tariff_id, LF_TARIFF_ID_MAX, "%s", o->tariff_id);
        a->plans[a->nplans++].current_charge = a->in->account->account.declared_kw > 0 ? 0 : NAN;
    }
    return LF_OK;
}

/* The values of month m's maximum demand (kW): history or the forecast's
 * quantiles as 200 equally likely values; *n = 0 when there are none. */
#define FORECAST_VALUES 200

static int month_values(const lf_config_tariff_customer *c, int m, double *values,
                        size_t *n, lf_error *err)
{
    const lf_config_tariff_account *acc = c->account;
    if (acc->declared_from == LF_DECLARED_FROM_HISTORY)
        return lf_max_demand_history(&c->series, c->plan_year, m, acc->growth, values, n, err);
    *n = 0;
    size_t k = c->month_nquantiles[m - 1];
    if (k == 0)
        return LF_OK;
    *n = FORECAST_VALUES;
    return lf_quantiles_to_values(c->quantile_p, c->month_kw[m - 1], k, FORECAST_VALUES,
                                  values, err);
}

static int plan_month(const lf_config_tariff_input *in, const lf_config_tariff_customer *c,
                      tf_plan *p, int m, double *values, lf_error *err)
{
    lf_date day = lf_date_from_ymd(c->plan_year, m, 1);
    const lf_tariff *t = lf_tariff_set_find(in->tariffs, p->tariff_id, day);
    if (!t) {
        char when[LF_DATE_STRLEN];
        lf_date_format(day, when);
        return lf_error_set(err, LF_ERR_DATA, "tariff %s has no version in force on %s, a month "
                            "of the plan year (see its effective dates in %s)", p->tariff_id,
                            when, in->tariffs->source);
    }
    size_t n = 0;
    int rc = month_values(c, m, values, &n, err);
    if (rc != LF_OK || n == 0 || !(t->demand_rate > 0))
        return rc; /* a month without values (or without a demand rate): reported empty */
    rc = lf_declared_month_plan(t, c->account->account.capacity_kva, c->plan_year, m, values,
                                n, &p->months[m - 1], err);
    if (rc != LF_OK)
        return rc;
    p->has[m - 1] = 1;
    p->nplanned++;
    double now = c->account->account.declared_kw, sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += lf_demand_charge(t, now, values[i]);
    p->current_charge += now > 0 ? sum / (double)n : NAN;
    if (t->capacity_rate > 0)
        p->saving += p->months[m - 1].best.capacity_charge - p->months[m - 1].expected_charge;
    else
        p->saving = NAN;
    return LF_OK;
}

static int plans(const lf_config_tariff_input *in, tf_account *a, lf_error *err)
{
    const lf_config_tariff_customer *c = a->in;
    size_t per_day = (size_t)(1440 / c->series.minutes);
    a->history_years = (size_t)(lf_date_year(c->series.first + (lf_date)(c->series.n / per_day)) -
                                lf_date_year(c->series.first) + 1);
    size_t room = a->history_years > FORECAST_VALUES ? a->history_years : FORECAST_VALUES;
    double *values = malloc(room * sizeof *values);
    int rc = values ? choose_plans(in, a, err)
                    : lf_error_set(err, LF_ERR_NOMEM, "out of memory for the plan");
    size_t planned = 0;
    for (size_t j = 0; j < a->nplans && rc == LF_OK; j++) {
        for (int m = 1; m <= 12 && rc == LF_OK; m++)
            rc = plan_month(in, c, &a->plans[j], m, values, err);
        planned += a->plans[j].nplanned;
    }
    free(values);
    if (rc != LF_OK || a->nplans == 0 || planned > 0)
        return rc;
    char x[LF_DATE_STRLEN], y[LF_DATE_STRLEN];
    lf_date_format(c->series.first, x);
    lf_date_format(c->series.first + (lf_date)(c->series.n / per_day) - 1, y);
    return lf_error_set(err, LF_ERR_DATA, "no month of %d can be planned: the load (whole days "
                        "%s .. %s) covers no whole month of an earlier year; give "
                        "declared_from: {forecast: FILE}", c->plan_year, x, y);
}

/* ---- moving load out of the peak ------------------------------------------------------ */

static int is_tou(const lf_tariff_set *set, const char *id, lf_date day)
{
    const lf_tariff *t = lf_tariff_set_find(set, id, day);
    return t && t->energy == LF_ENERGY_TOU;
}

/* The current tariff when it is TOU, else the best TOU option; "" for none. */
static void choose_shift_tariff(const lf_config_tariff_input *in, tf_account *a)
{
    const lf_tariff_ranking *r = a->ranking;
    lf_date day = a->in->first;
    if (r->current < r->n && is_tou(in->tariffs, r->options[r->current].tariff_id, day)) {
        snprintf(a->shift_tariff, sizeof a->shift_tariff, "%s", r->options[r->current].tariff_id);
        a->shift_is_current = 1;
        return;
    }
    for (size_t i = 0; i < r->n; i++)
        if (is_tou(in->tariffs, r->options[i].tariff_id, day)) {
            snprintf(a->shift_tariff, sizeof a->shift_tariff, "%s", r->options[i].tariff_id);
            return;
        }
}

static int shifts(const lf_config *cfg, const lf_config_tariff_input *in, tf_account *a,
                  lf_error *err)
{
    choose_shift_tariff(in, a);
    if (!a->shift_tariff[0])
        return LF_OK;
    const lf_config_tariff *t = &cfg->tariff;
    int rc = LF_OK;
    for (size_t k = 0; k < t->nshift_shares && rc == LF_OK; k++)
        rc = lf_tariff_set_shift_saving(in->tariffs, a->shift_tariff, &a->in->account->account,
                                        &a->in->billed, in->calendar, t->shift_shares[k],
                                        a->in->account->shiftable_kw,
                                        &a->shifts[a->nshifts++], err);
    return rc;
}

/* ---- a proposed tariff table ------------------------------------------------------------ */

/* Every account on its billed days, under its current tariff and under
 * its tariff of the proposed table, with its own basic-charge settings.
 * The old bill is the ranking's current option: lf_tariff_set_bill bills
 * the account as the ranking does, except for a declared value in
 * hindsight (a tariff charged by demand alone, no declared_kw), where it
 * fails naming the month and the least value the tariff takes, rather than
 * bill what the customer does not pay. */
static int change(tf_run *r, lf_error *err)
{
    const lf_config_tariff_input *in = r->input;
    if (!in->proposed)
        return LF_OK;
    lf_impact_customer *cs = calloc(r->n, sizeof *cs);
    int rc = cs ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory for the change");
    for (size_t i = 0; i < r->n && rc == LF_OK; i++) {
        const lf_config_tariff_customer *c = r->accounts[i].in;
        cs[i] = (lf_impact_customer){c->account->customer, &c->account->account, &c->billed,
                                     c->account->current, c->account->proposed_tariff};
    }
    if (rc == LF_OK)
        rc = lf_tariff_change_impact(in->tariffs, in->proposed, cs, r->n, in->calendar,
                                     &r->change, err);
    free(cs);
    return rc;
}

/* ---- the run --------------------------------------------------------------------------- */

static int advise(const lf_config *cfg, const lf_config_tariff_input *in, tf_account *a,
                  lf_error *err)
{
    const lf_config_tariff_customer *c = a->in;
    int rc = lf_tariff_rank(in->tariffs, &c->account->account, c->account->current, &c->billed,
                            in->calendar, &a->ranking, err);
    if (rc == LF_OK)
        rc = bills(in, a, err);
    if (rc == LF_OK)
        rc = plans(in, a, err);
    if (rc == LF_OK)
        rc = shifts(cfg, in, a, err);
    return rc == LF_OK ? rc : lf_error_prefix(err, rc, "customer %s: ", c->account->customer);
}

static int advise_all(void *vrun, const lf_config *cfg, lf_error *err)
{
    tf_run *r = vrun;
    r->cfg = cfg;
    if (!cfg->has_tariff)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'tariff' section; see lfc help tariff",
                            cfg->path);
    int rc = lf_config_tariff_load(cfg, &r->input, err);
    if (rc == LF_OK && !(r->accounts = calloc(r->input->naccounts, sizeof *r->accounts)))
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory for the accounts");
    for (size_t i = 0; rc == LF_OK && i < r->input->naccounts; i++) {
        r->accounts[i].in = &r->input->accounts[i];
        r->n = i + 1;
        rc = advise(cfg, r->input, &r->accounts[i], err);
    }
    return rc == LF_OK ? change(r, err) : rc;
}

static void free_run(void *vrun)
{
    tf_run *r = vrun;
    for (size_t i = 0; i < r->n; i++) {
        tf_account *a = &r->accounts[i];
        for (size_t j = 0; j < a->nbills; j++)
            lf_bill_free(a->bills[j].bill);
        free(a->plans);
        lf_tariff_ranking_free(a->ranking);
    }
    free(r->accounts);
    lf_tariff_impact_free(r->change);
    lf_config_tariff_free(r->input);
}

static void table(const void *r)
{
    lfc_tariff_table(r);
}

static int write_files(const void *run, const char *dir, char (*path)[4096], lf_error *err)
{
    return lfc_tariff_write(run, dir, path, err);
}

static int run_tariff(int argc, char **argv)
{
    static const lfc_job job = {&lfc_cmd_tariff, advise_all, write_files, TF_RANKING, TF_JSON,
                                table, NULL, free_run};
    tf_run r;
    memset(&r, 0, sizeof r);
    return lfc_run_job(&job, &r, argc, argv);
}
