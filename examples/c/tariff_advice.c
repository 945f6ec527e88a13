/* tariff_advice.c - a key-account manager's tariff advice (电价选择) for a
 * factory: which tariff costs least on last year's load, what demand to
 * declare each month of next year, and what moving load out of the peak
 * would save.
 *
 *   cc tariff_advice.c $(pkg-config --cflags --libs libforecast) -lm
 *   ./a.out [TARIFFS.yaml]
 *
 * The tariffs come from a YAML file (default examples/tariffs/tariffs.yaml,
 * relative to the repository root; illustrative rates).  The factory is
 * made up here: 10 kV supply, 5,000 kVA installed, class large_industry,
 * on the two-part TOU tariff with its basic charge by capacity, power factor
 * 0.93.  Its 2025 load, 15-minute, is
 *
 *   working days   two shifts 08:00-20:00 at 3,000 kW, nights 1,200 kW,
 *                  with a 3,400 kW start-up half hour at 08:00
 *   weekends and   800 kW all day (China's calendar: holidays and the
 *   holidays       make-up working days 调休 of 2025)
 *   July, August   +15 % (cooling)
 *
 * so 2025 is also the history the 2026 declared-demand plan reads, grown 3 %.
 */
#include <libforecast.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_DAY 96 /* 15-minute intervals */

static double factory_kw(const lf_calendar *cal, lf_date day, int slot)
{
    lf_day_info info;
    lf_error err;
    int working = lf_calendar_day(cal, day, &info, &err) == LF_OK &&
                  info.type != LF_DAY_HOLIDAY && info.type != LF_DAY_WEEKEND;
    double summer = lf_date_month(day) == 7 || lf_date_month(day) == 8 ? 1.15 : 1.0;
    int minute = slot * 15;
    if (!working)
        return 800 * summer;
    if (minute >= 8 * 60 && minute < 8 * 60 + 30)
        return 3400 * summer;
    return (minute >= 8 * 60 && minute < 20 * 60 ? 3000 : 1200) * summer;
}

static double *make_load(const lf_calendar *cal, lf_date first, size_t ndays)
{
    double *kw = malloc(ndays * PER_DAY * sizeof *kw);
    for (size_t d = 0; kw && d < ndays; d++)
        for (int s = 0; s < PER_DAY; s++)
            kw[d * PER_DAY + (size_t)s] = factory_kw(cal, first + (lf_date)d, s);
    return kw;
}

static void print_ranking(const lf_tariff_ranking *r)
{
    printf("2025 bill under each tariff open to the factory (cheapest first):\n");
    printf("  %-30s %-9s %14s %9s %12s\n", "tariff", "basic", "total CNY", "CNY/kWh",
           "saving");
    for (size_t i = 0; i < r->n; i++) {
        const lf_tariff_option *o = &r->options[i];
        const char *basic = !o->two_part ? "-"
                            : o->basic == LF_BASIC_BY_DEMAND
                                ? (o->declared_hindsight ? "demand*" : "demand")
                                : "capacity";
        printf("  %-30s %-9s %14.2f %9.4f %12.2f%s\n", o->tariff_id, basic, o->total,
               o->price_per_kwh, o->saving, i == r->current ? "  (current)" : "");
    }
    printf("  * declared in hindsight: each month's least declared demand without a "
           "penalty\n\n");
}

/* The 2026 plan: for each month, the declared demand that minimises the
 * expected charge against paying by capacity. */
static int print_plan(const lf_tariff_set *set, const char *id, const lf_interval_load *load,
                      double kva, lf_error *err)
{
    double total_saving = 0;
    printf("2026 declared demand under %s (history 2025 grown 3 %%):\n", id);
    printf("  %-7s %10s %12s %12s %12s %-8s\n", "month", "max kW", "declared kW",
           "by demand", "by capacity", "choice");
    for (int m = 1; m <= 12; m++) {
        const lf_tariff *t = lf_tariff_set_find(set, id, lf_date_from_ymd(2026, m, 1));
        double values[2];
        size_t n = 0;
        lf_declared_month p;
        int rc = lf_max_demand_history(load, 2026, m, 0.03, values, &n, err);
        if (rc == LF_OK)
            rc = lf_declared_month_plan(t, kva, 2026, m, values, n, &p, err);
        if (rc != LF_OK)
            return rc;
        printf("  2026-%02d %10.0f %12.0f %12.2f %12.2f %-8s\n", m, p.max_kw_p50,
               p.best.declared_kw, p.best.expected_charge, p.best.capacity_charge,
               p.choice == LF_BASIC_BY_DEMAND ? "demand" : "capacity");
        total_saving += p.best.capacity_charge - p.expected_charge;
    }
    printf("  declaring each month saves %.2f CNY against paying by capacity\n\n",
           total_saving);
    return LF_OK;
}

static int print_shifts(const lf_tariff *t, const lf_tariff_account *a,
                        const lf_interval_load *load, const lf_calendar *cal, lf_error *err)
{
    printf("Moving peak-hour load to the same day's valley under %s:\n", t->id);
    for (int k = 1; k <= 3; k++) {
        lf_shift_saving s;
        int rc = lf_tou_shift_saving(t, a, load, cal, 0.1 * k, 0, &s, err);
        if (rc != LF_OK)
            return rc;
        printf("  %3.0f %% of peak load: %8.0f MWh moved, saves %11.2f CNY (%6.2f a MWh), "
               "maximum demand %.0f -> %.0f kW\n", 100 * s.share, s.kwh_moved / 1000,
               s.saving, s.saving_per_mwh, s.max_demand_before_kw, s.max_demand_after_kw);
    }
    return LF_OK;
}

static int advise(const lf_tariff_set *set, const lf_calendar *cal, lf_error *err)
{
    lf_date first = lf_date_from_ymd(2025, 1, 1);
    size_t ndays = 365;
    double *kw = make_load(cal, first, ndays);
    if (!kw)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory for the load");
    lf_interval_load load = {first, 15, ndays * PER_DAY, kw};
    lf_tariff_account a;
    lf_tariff_account_init(&a);
    strcpy(a.customer_class, "large_industry");
    a.voltage_kv = 10;
    a.capacity_kva = 5000;
    a.power_factor = 0.93;
    const char *current = "large_industry_tou_1_10kv";
    lf_tariff_ranking *r = NULL;
    int rc = lf_tariff_rank(set, &a, current, &load, cal, &r, err);
    if (rc == LF_OK) {
        print_ranking(r);
        rc = print_plan(set, current, &load, a.capacity_kva, err);
    }
    if (rc == LF_OK)
        rc = print_shifts(lf_tariff_set_find(set, current, first), &a, &load, cal, err);
    lf_tariff_ranking_free(r);
    free(kw);
    return rc;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/tariffs/tariffs.yaml";
    lf_error err;
    lf_tariff_set *set = NULL;
    lf_calendar *cal = lf_calendar_new(2025, 2026, &err);
    int rc = cal ? lf_calendar_add_builtin(cal, "CN", &err) : err.code;
    if (rc == LF_OK)
        rc = lf_tariff_set_load(path, &set, &err);
    if (rc == LF_OK)
        rc = advise(set, cal, &err);
    if (rc != LF_OK)
        fprintf(stderr, "tariff_advice: %s\n", err.message);
    lf_tariff_set_free(set);
    lf_calendar_free(cal);
    return rc == LF_OK ? 0 : 1;
}
