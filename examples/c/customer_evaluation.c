/* customer_evaluation.c - a key-account manager's view of a CRM export: who
 * the key accounts are, how profit concentrates (ABC), how each customer's
 * credit rates when the indicator weights come from the credit committee's
 * pairwise judgements (AHP), and which curtailment tier each customer then
 * takes in the orderly-consumption portfolio.
 *
 *   cc customer_evaluation.c $(pkg-config --cflags --libs libforecast)
 *   ./a.out [CRM_DIR [PORTFOLIO.yaml]]
 *
 * CRM_DIR holds customers.csv, monthly.csv and payments.csv (default
 * datasets/sample/crm, relative to the repository root; the formats are in
 * libforecast/customers.h); the portfolio defaults to
 * datasets/sample/portfolio.yaml.
 *
 * The committee compares the six credit indicators of credit.h in pairs on
 * Saaty's 1..9 scale (upper triangle; row i against column j):
 *
 *                    on_time  days_late  arrears  breaches  energy_cv  outlook
 *   on_time_share       1        2          1/2       2         4         4
 *   mean_days_late               1          1/3       1         3         3
 *   arrears_months                          1         3         5         5
 *   breaches                                          1         3         3
 *   energy_cv                                                   1         1
 *   industry_outlook                                                      1
 *
 * Arrears matter most, then punctuality; stability and outlook least.  The
 * example prints the weights and the consistency ratio (it must stay below
 * 0.1), then the evaluation, and finally writes the tiers to a temporary file
 * and applies them to the portfolio, as `lfc peakshift` does with its 'tiers'
 * key.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libforecast.h>

static const double JUDGEMENTS[LF_CREDIT_NDEFAULT * LF_CREDIT_NDEFAULT] = {
    1, 2, 1.0 / 2, 2, 4, 4,
    0, 1, 1.0 / 3, 1, 3, 3,
    0, 0, 1, 3, 5, 5,
    0, 0, 0, 1, 3, 3,
    0, 0, 0, 0, 1, 1,
    0, 0, 0, 0, 0, 1};

static const char *const INDICATORS[LF_CREDIT_NDEFAULT] = {
    "on_time_share", "mean_days_late", "arrears_months", "breaches", "energy_cv",
    "industry_outlook"};

static int fail(const lf_error *err)
{
    fprintf(stderr, "customer_evaluation: %s\n", err->message);
    return 1;
}

/* The default spec, with AHP credit weights and an outlook for every
 * industry the records leave without one. */
static int make_spec(lf_customer_eval_spec *spec, lf_error *err)
{
    lf_customer_eval_spec_init(spec);
    memcpy(spec->ahp_matrix, JUDGEMENTS, sizeof JUDGEMENTS);
    if (lf_ahp_complete(spec->ahp_matrix, LF_CREDIT_NDEFAULT, err) != LF_OK)
        return -1;
    spec->use_ahp = 1;
    spec->outlook_default = 65;
    return 0;
}

static void print_weights(const lf_customer_eval *ev)
{
    printf("credit weights from AHP: lambda_max %.4f, CI %.4f, CR %.4f (%s)\n",
           ev->ahp.lambda_max, ev->ahp.ci, ev->ahp.cr,
           ev->ahp.consistent ? "consistent" : "inconsistent");
    for (size_t k = 0; k < LF_CREDIT_NDEFAULT; k++)
        printf("  %-18s %.4f\n", INDICATORS[k], ev->weights[k]);
}

static void print_summary(const lf_customer_set *set, const lf_customer_eval *ev)
{
    size_t keys = 0, a = 0, grade_c = 0;
    double profit_a = 0, profit = 0;
    for (size_t i = 0; i < ev->n; i++) {
        const lf_customer_result *r = &ev->results[i];
        keys += r->key.is_key != 0;
        if (r->abc == LF_ABC_A) {
            a++;
            profit_a += r->profit.profit;
        }
        if (r->profit.profit > 0)
            profit += r->profit.profit;
        grade_c += strcmp(r->credit.grade_name, "C") == 0;
    }
    printf("%zu customers: %zu key accounts; class A is %zu customers with %.1f%% of the "
           "profit; %zu rated C\n", set->n, keys, a, 100 * profit_a / profit, grade_c);
    printf("top 5 by profit:\n");
    for (size_t k = 0; k < 5 && k < ev->n; k++) {
        size_t i = ev->pareto[k].customer;
        const lf_customer_result *r = &ev->results[i];
        printf("  %zu. %-6s %-34s profit %8.2f M CNY  %s  credit %-3s (%.1f)  %s\n", k + 1,
               set->customers[i].id, set->customers[i].name, r->profit.profit / 1e6,
               lf_abc_name(r->abc), r->credit.grade_name, r->credit.total, r->key.reason);
    }
}

/* Write the tiers, apply them to the portfolio, and say what moved. */
static int apply_to_portfolio(const lf_customer_set *set, const lf_customer_eval *ev,
                              const lf_customer_eval_spec *spec, const char *portfolio_path,
                              lf_error *err)
{
    char path[] = "/tmp/lf_tiers_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return lf_error_set(err, LF_ERR_IO, "cannot create a temporary file");
    close(fd);
    lf_portfolio *p = NULL;
    lf_tiers_report rep;
    int rc = lf_customer_eval_write_tiers(path, set, ev, spec, err);
    if (rc == LF_OK)
        rc = lf_portfolio_load(portfolio_path, &p, err);
    if (rc == LF_OK)
        rc = lf_portfolio_apply_tiers(p, path, &rep, err);
    if (rc == LF_OK)
        printf("portfolio %s: %zu customers given the evaluation's tier, %zu of them "
               "changed\n", portfolio_path, rep.applied, rep.changed);
    lf_portfolio_free(p);
    remove(path);
    return rc;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "datasets/sample/crm";
    const char *portfolio = argc > 2 ? argv[2] : "datasets/sample/portfolio.yaml";
    char customers[1024], monthly[1024], payments[1024];
    snprintf(customers, sizeof customers, "%s/customers.csv", dir);
    snprintf(monthly, sizeof monthly, "%s/monthly.csv", dir);
    snprintf(payments, sizeof payments, "%s/payments.csv", dir);

    lf_error err;
    lf_customer_set *set = NULL;
    lf_customer_eval *ev = NULL;
    lf_customer_eval_spec *spec = malloc(sizeof *spec); /* large: not on the stack */
    int rc = spec ? make_spec(spec, &err) : -1;
    if (rc == 0)
        rc = lf_customers_load(customers, monthly, payments, &set, &err);
    if (rc == LF_OK)
        rc = lf_customer_evaluate(set, NULL, spec, &ev, &err);
    if (rc == LF_OK) {
        print_weights(ev);
        print_summary(set, ev);
        rc = apply_to_portfolio(set, ev, spec, portfolio, &err);
    }
    int status = rc == LF_OK ? 0 : spec ? fail(&err) : 1;
    lf_customer_eval_free(ev);
    lf_customer_set_free(set);
    free(spec);
    return status;
}
