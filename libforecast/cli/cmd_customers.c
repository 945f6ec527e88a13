/* cmd_customers.c - `lfc customers`: the customer evaluation of the config's
 * 'crm' section: read the CRM's records, evaluate (value, key accounts, ABC,
 * RFM, credit, settlement, segments, tiers, alerts), write the five files all
 * together, print the summary tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers_table.h"

static const char usage[] =
    "usage: lfc customers --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n\n"
    "Evaluate the customers of a CRM export: profit contribution and ABC class on the\n"
    "Pareto curve, key accounts (大客户) by rule and by profit share, RFM scores, the\n"
    "value score V, the credit rating (信用等级) with its settlement advice (billing\n"
    "cycle and deposit), the segment (value x credit) with its service level and\n"
    "curtailment tier, and alerts on big usage swings (include/libforecast/\n"
    "customer_eval.h and the headers it includes).\n"
    "The config's 'crm' section (paths relative to the config file; every key but\n"
    "customers and monthly is optional, see include/libforecast/config.h):\n"
    "  customers: crm/customers.csv   one row per customer: id, name, class, voltage_kv,\n"
    "                                 capacity_kva, and optional columns (customers.h)\n"
    "  monthly: crm/monthly.csv       customer_id, month, energy_kwh, bill_cny\n"
    "  payments: crm/payments.csv     customer_id, due_date, paid_date, amount_cny\n"
    "  expected: expected.csv         customer_id, month, expected_kwh (own forecasts)\n"
    "  evaluated: 2024-12-31          evaluation date (default: end of the records)\n"
    "  window_months: 12              months ending with it that are evaluated\n"
    "  cost: {per_kwh: {0: 0.60, 10: 0.52, 35: 0.47, 110: 0.44}, service_per_month: 200}\n"
    "  abc: {a: 0.80, b: 0.95}        cumulative profit shares ending A and B\n"
    "  key_accounts: {pareto_share: 0.8, rules: [{name: ..., min_kv: 35}, ...]}\n"
    "  rfm: {recency_days: [...], frequency: [...], monetary: [...]}   bin edges\n"
    "                                 (default: scores 1..5 by rank quintile)\n"
    "  value: {weights: {nature, current, potential}, nature: {class: score}, levels}\n"
    "  credit: {indicators | ahp, grades, outlook, outlook_default, settlement}\n"
    "  segments: {groups, matrix, tiers, tier_rules}\n"
    "  alerts: {baseline, previous_months, measure, threshold, recent_months,\n"
    "           min_history, min_kwh}\n"
    "Writes to DIR (default: output.dir of the config), all files or none:\n"
    "  customers_eval.csv     one row per customer: profit, rank, ABC, key account and\n"
    "                         why, RFM, value, credit inputs, score, grade, cycle,\n"
    "                         deposit, segment, service, tier\n"
    "  customers_pareto.csv   the Pareto curve by rank\n"
    "  customers_alerts.csv   usage alerts, largest first\n"
    "  customers_tiers.csv    id,tier: the curtailment tiers for the peak-shift\n"
    "                         portfolio (the 'tiers' key of the peakshift section)\n"
    "  customers.json         all of it, with the weights and RFM edges used\n"
    "On stdout: the summary tables (--format csv: customers_eval.csv; md: the same\n"
    "as a Markdown table; json: customers.json).\n"
    "Exit status: 0 done; 2 bad config or records; 1 usage; 4 a file cannot be written.\n";

static int run_customers(int argc, char **argv);
const lfc_command lfc_cmd_customers = {"customers", "customer evaluation: key accounts, ABC, "
                                       "RFM, value, credit, segments, usage alerts", usage,
                                       run_customers, NULL, 0};

static int evaluate(void *vrun, const lf_config *cfg, lf_error *err)
{
    cu_run *r = vrun;
    r->cfg = cfg;
    if (!cfg->has_crm)
        return lf_error_set(err, LF_ERR_CONFIG, "%s: no 'crm' section; see lfc help "
                            "customers", cfg->path);
    const lf_config_crm *crm = &cfg->crm;
    int rc = lf_customers_load(crm->customers, crm->monthly, crm->payments, &r->set, err);
    if (rc == LF_OK && crm->expected)
        rc = lf_customer_expected_load(r->set, crm->expected, &r->expected, err);
    if (rc == LF_OK)
        rc = lf_customer_evaluate(r->set, r->expected, &crm->spec, &r->ev, err);
    return rc;
}

enum { EVAL, PARETO, ALERTS, TIERS, JSON, NFILES };
static const char *const FILES[NFILES] = {"customers_eval.csv", "customers_pareto.csv",
                                          "customers_alerts.csv", "customers_tiers.csv",
                                          "customers.json"};

static int write_one(size_t k, const char *path, const void *ctx, lf_error *err)
{
    const cu_run *r = ctx;
    const lf_customer_eval_spec *spec = &r->cfg->crm.spec;
    switch (k) {
    case EVAL: return lf_customer_eval_write_customers(path, r->set, r->ev, spec, err);
    case PARETO: return lf_customer_eval_write_pareto(path, r->set, r->ev, spec, err);
    case ALERTS: return lf_customer_eval_write_alerts(path, r->set, r->ev, spec, err);
    case TIERS: return lf_customer_eval_write_tiers(path, r->set, r->ev, spec, err);
    default: return lf_customer_eval_write_json(path, r->set, r->ev, spec, err);
    }
}

static int write_files(const void *run, const char *dir, char (*path)[4096], lf_error *err)
{
    return lfc_write_file_set(dir, FILES, NFILES, NULL, 0, write_one, run, path, err);
}

static void table(const void *r)
{
    lfc_customers_table(r);
}

static void release(void *vrun)
{
    cu_run *r = vrun;
    lf_customer_eval_free(r->ev);
    free(r->expected);
    lf_customer_set_free(r->set);
}

static int run_customers(int argc, char **argv)
{
    static const lfc_job job = {&lfc_cmd_customers, evaluate, write_files, EVAL, JSON, table,
                                NULL, release};
    cu_run r;
    memset(&r, 0, sizeof r);
    return lfc_run_job(&job, &r, argc, argv);
}
