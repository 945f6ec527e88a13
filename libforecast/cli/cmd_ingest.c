/* cmd_ingest.c - `lfc ingest`: read everything the project config names and
 * summarise it: daily, monthly and yearly energy, peak, load factor and
 * temperature, plus every data-quality event found on the way. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DAILY_ROWS_SHOWN 14
#define ISSUES_SHOWN 12

static const char usage[] =
    "usage: lfc ingest --config FILE [--out DIR] [--format table|csv|json|md] [--quiet]\n\n"
    "Read the load, weather, economic and customer data a project config names,\n"
    "aggregate interval load to days, and write to DIR (default: output.dir of the\n"
    "config):\n"
    "  daily.csv                one row per day: load, weather, calendar, economy\n"
    "  monthly.csv, yearly.csv  energy MWh, peak MW, load factor, mean temperature\n"
    "  weather_history.csv      the whole daily weather history in degC\n"
    "  customers/ID_daily.csv, customers/ID_monthly.csv\n"
    "  ingest_report.txt        every gap, duplicate and clock change found\n"
    "On stdout: the summary tables (--format csv: the monthly table of monthly.csv;\n"
    "md: the same as a Markdown table; json: the monthly table).\n";

static int run_ingest(int argc, char **argv);
const lfc_command lfc_cmd_ingest = {"ingest", "read and check data; daily/monthly summary",
                                    usage, run_ingest, NULL, 0};

typedef struct summaries {
    lf_period_summary *monthly, *yearly;
    size_t nmonthly, nyearly;
} summaries;

static void free_summaries(summaries *s)
{
    free(s->monthly);
    free(s->yearly);
    memset(s, 0, sizeof *s);
}

static int summarize_both(const lf_frame *daily, const char *prefix, summaries *s,
                          lf_error *err)
{
    int rc = lf_summarize(daily, LF_PERIOD_MONTH, prefix, &s->monthly, &s->nmonthly, err);
    if (rc == LF_OK)
        rc = lf_summarize(daily, LF_PERIOD_YEAR, prefix, &s->yearly, &s->nyearly, err);
    return rc;
}

/* Summaries of the region and of every customer, computed once for both the
 * files and the tables. */
typedef struct ingest_summaries {
    summaries region;
    summaries *customers; /* one per customer */
    size_t ncustomers;
} ingest_summaries;

static void free_ingest_summaries(ingest_summaries *all)
{
    free_summaries(&all->region);
    for (size_t i = 0; i < all->ncustomers; i++)
        free_summaries(&all->customers[i]);
    free(all->customers);
}

static int summarize_project(const lf_config *cfg, const lf_project *p, ingest_summaries *all,
                             lf_error *err)
{
    int rc = p->daily ? summarize_both(p->daily, "", &all->region, err) : LF_OK;
    all->customers = calloc(p->ncustomers ? p->ncustomers : 1, sizeof *all->customers);
    if (!all->customers)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory summarizing customers");
    all->ncustomers = p->ncustomers;
    for (size_t i = 0; i < p->ncustomers && rc == LF_OK; i++) {
        char prefix[80];
        snprintf(prefix, sizeof prefix, "%s_", cfg->customers[i].id);
        rc = summarize_both(p->customers[i], prefix, &all->customers[i], err);
    }
    return rc;
}

/* ---- stdout --------------------------------------------------------------- */

static void print_period_table(const lf_period_summary *s, size_t n, int monthly)
{
    printf("%-8s %5s %13s %10s %-11s %9s %6s %7s %8s\n", monthly ? "month" : "year", "days",
           "energy_MWh", "peak_MW", "peak_date", "min_MW", "LF", "T_degC", "missing");
    for (size_t i = 0; i < n; i++) {
        char label[LF_PERIOD_LABEL_MAX], peak_date[LF_DATE_STRLEN] = "-";
        lf_period_label(s[i].first, monthly ? LF_PERIOD_MONTH : LF_PERIOD_YEAR, label,
                        sizeof label);
        if (!isnan(s[i].peak_mw))
            lf_date_format(s[i].peak_date, peak_date);
        printf("%-8s %5d ", label, s[i].days);
        lfc_print_cell(s[i].energy_mwh, "%*.0f", 13);
        lfc_print_cell(s[i].peak_mw, " %*.1f", 10);
        printf(" %-11s", peak_date);
        lfc_print_cell(s[i].min_mw, "%*.1f", 9);
        lfc_print_cell(s[i].load_factor, " %*.3f", 6);
        lfc_print_cell(s[i].tmean_c, " %*.1f", 7);
        printf(" %8d\n", s[i].days_missing);
    }
}

static void print_daily_tail(const lf_frame *d)
{
    const double *e = lf_frame_column(d, "energy_mwh"), *p = lf_frame_column(d, "peak_mw");
    const double *lf = lf_frame_column(d, "load_factor"), *t = lf_frame_column(d, "tmean_c");
    const double *type = lf_frame_column(d, "day_type");
    static const char *const types[] = {"working", "weekend", "holiday", "make-up"};
    size_t from = d->ndays > DAILY_ROWS_SHOWN ? d->ndays - DAILY_ROWS_SHOWN : 0;
    printf("\nDaily (last %zu days; all in daily.csv)\n", d->ndays - from);
    printf("%-10s %-3s %-8s %11s %9s %6s %7s\n", "date", "dow", "day", "energy_MWh", "peak_MW",
           "LF", "T_degC");
    for (size_t r = from; r < d->ndays; r++) {
        char day[LF_DATE_STRLEN];
        lf_date date = d->start + (lf_date)r;
        lf_date_format(date, day);
        int ty = type && !isnan(type[r]) ? (int)type[r] : 0;
        printf("%-10s %-3s %-8s", day, lf_weekday_name(lf_date_weekday(date)), types[ty & 3]);
        lfc_print_cell(e[r], " %*.0f", 11);
        lfc_print_cell(p[r], " %*.1f", 9);
        lfc_print_cell(lf ? lf[r] : NAN, " %*.3f", 6);
        lfc_print_cell(t ? t[r] : NAN, " %*.1f", 7);
        printf("\n");
    }
}

static void print_quality(const char *what, const char *path, const lf_ingest_report *r)
{
    printf("%s (%s): %ld rows", what, path, r->rows);
    if (r->interval_minutes)
        printf(", %d-minute intervals", r->interval_minutes);
    printf("; %ld interpolated, %ld left missing, %ld duplicates, %ld empty cells, "
           "%ld/%ld clock changes\n", r->interpolated, r->left_missing, r->duplicates,
           r->missing_values, r->clock_forward, r->clock_back);
    for (size_t i = 0; i < r->nissues && i < ISSUES_SHOWN; i++) {
        char line[256];
        lf_issue_describe(&r->issues[i], r->interval_minutes, line, sizeof line);
        printf("  %s\n", line);
    }
    if (r->nissues > ISSUES_SHOWN)
        printf("  ... %zu more in ingest_report.txt\n", r->nissues - ISSUES_SHOWN);
}

static void print_range(const char *what, const lf_frame *f)
{
    char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
    lf_date_format(f->start, a);
    lf_date_format(lf_frame_end(f), b);
    printf("%s: %s .. %s (%zu days)\n", what, a, b, f->ndays);
}

static void print_customers(const lf_config *cfg, const ingest_summaries *all)
{
    if (!all->ncustomers)
        return;
    printf("\nLarge customers (yearly)\n%-8s %-22s %-5s %13s %10s %6s %8s\n", "id", "name",
           "year", "energy_MWh", "peak_MW", "LF", "missing");
    for (size_t i = 0; i < all->ncustomers; i++) {
        const summaries *s = &all->customers[i];
        for (size_t k = 0; k < s->nyearly; k++) {
            printf("%-8s %-22.22s %-5d", cfg->customers[i].id,
                   cfg->customers[i].name ? cfg->customers[i].name : "", s->yearly[k].year);
            lfc_print_cell(s->yearly[k].energy_mwh, " %*.0f", 13);
            lfc_print_cell(s->yearly[k].peak_mw, " %*.2f", 10);
            lfc_print_cell(s->yearly[k].load_factor, " %*.3f", 6);
            printf(" %8d\n", s->yearly[k].days_missing);
        }
    }
}

static void print_table(const lf_config *cfg, const lf_project *p,
                        const ingest_summaries *all)
{
    const summaries *s = &all->region;
    printf("%s: ingest summary\n\n", cfg->name);
    if (p->daily) {
        print_range("Region load", p->daily);
        print_quality("  load", cfg->load.spec.path, &p->load_report);
    }
    if (p->weather) {
        print_range("Weather history", p->weather);
        print_quality("  weather", cfg->weather.path, &p->weather_report);
    }
    for (size_t i = 0; i < cfg->neconomy; i++)
        printf("Indicator %s [%s] from %s\n", cfg->economy[i].name,
               cfg->economy[i].unit ? cfg->economy[i].unit : "", cfg->economy[i].path);
    if (p->daily) {
        printf("\nMonthly (region)\n");
        print_period_table(s->monthly, s->nmonthly, 1);
        printf("\nYearly (region)\n");
        print_period_table(s->yearly, s->nyearly, 0);
        print_daily_tail(p->daily);
    }
    print_customers(cfg, all);
    printf("\nLF = load factor (mean / peak); energy is left empty ('-') for periods "
           "with missing days.\n");
}

static void print_json(const lf_config *cfg, const summaries *s)
{
    printf("{\"name\": \"%s\", \"monthly\": [", cfg->name);
    for (size_t i = 0; i < s->nmonthly; i++) {
        const lf_period_summary *m = &s->monthly[i];
        printf("%s\n  {\"month\": \"%04d-%02d\", \"days\": %d, \"days_missing\": %d", i ? "," : "",
               m->year, m->month, m->days, m->days_missing);
        double v[4] = {m->energy_mwh, m->peak_mw, m->load_factor, m->tmean_c};
        const char *k[4] = {"energy_mwh", "peak_mw", "load_factor", "tmean_c"};
        for (int j = 0; j < 4; j++) {
            if (isnan(v[j]))
                printf(", \"%s\": null", k[j]);
            else
                printf(", \"%s\": %.6g", k[j], v[j]);
        }
        printf("}");
    }
    printf("\n]}\n");
}

static void monthly_csv(FILE *fp, const void *ctx)
{
    const summaries *s = ctx;
    lf_summary_write_stream(fp, s->monthly, s->nmonthly, LF_PERIOD_MONTH);
}

static int show(const lfc_options *opt, const lf_config *cfg, const lf_project *p,
                const ingest_summaries *all, lf_error *err)
{
    if (opt->quiet)
        return LF_OK;
    if (opt->format == LFC_JSON)
        print_json(cfg, &all->region);
    else if (opt->format == LFC_CSV)
        monthly_csv(stdout, &all->region);
    else if (opt->format == LFC_MD)
        return lfc_csv_fn_to_markdown(stdout, monthly_csv, &all->region, err);
    else
        print_table(cfg, p, all);
    return LF_OK;
}

/* ---- files ------------------------------------------------------------------ */

static int write_report(FILE *fp, const void *ctx)
{
    const lf_project *p = ctx;
    const lf_ingest_report *reports[2] = {&p->load_report, &p->weather_report};
    const char *names[2] = {"load", "weather"};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < reports[k]->nissues; i++) {
            char line[256];
            lf_issue_describe(&reports[k]->issues[i], reports[k]->interval_minutes, line,
                              sizeof line);
            fprintf(fp, "%s\t%s\t%s\n", names[k], lf_issue_kind_name(reports[k]->issues[i].kind),
                    line);
        }
    for (size_t c = 0; c < p->ncustomers; c++)
        for (size_t i = 0; i < p->customer_reports[c].nissues; i++) {
            char line[256];
            lf_issue_describe(&p->customer_reports[c].issues[i],
                              p->customer_reports[c].interval_minutes, line, sizeof line);
            fprintf(fp, "customer %zu\t%s\t%s\n", c + 1,
                    lf_issue_kind_name(p->customer_reports[c].issues[i].kind), line);
        }
    return 0;
}

static int write_customer(const lf_config *cfg, const lf_project *p, const summaries *s,
                          size_t i, const char *dir, lf_error *err)
{
    char path[4096], name[256];
    snprintf(name, sizeof name, "customers/%s_daily.csv", cfg->customers[i].id);
    int rc = lfc_path_in(path, sizeof path, dir, name, err);
    if (rc == LF_OK)
        rc = lf_frame_write_csv(p->customers[i], path, err);
    snprintf(name, sizeof name, "customers/%s_monthly.csv", cfg->customers[i].id);
    if (rc == LF_OK && (rc = lfc_path_in(path, sizeof path, dir, name, err)) == LF_OK)
        rc = lf_summary_write_csv(s->monthly, s->nmonthly, LF_PERIOD_MONTH, path, err);
    return rc;
}

static int write_outputs(const lf_config *cfg, const lf_project *p,
                         const ingest_summaries *all, const char *dir, lf_error *err)
{
    const summaries *s = &all->region;
    char path[4096];
    int rc = lfc_make_dirs(dir, err);
    if (rc == LF_OK && p->ncustomers) {
        char sub[4096];
        if ((rc = lfc_path_in(sub, sizeof sub, dir, "customers", err)) == LF_OK)
            rc = lfc_make_dirs(sub, err);
    }
    if (rc == LF_OK && p->daily && (rc = lfc_path_in(path, sizeof path, dir, "daily.csv", err)) == 0)
        rc = lf_frame_write_csv(p->daily, path, err);
    if (rc == LF_OK && p->daily && (rc = lfc_path_in(path, sizeof path, dir, "monthly.csv", err)) == 0)
        rc = lf_summary_write_csv(s->monthly, s->nmonthly, LF_PERIOD_MONTH, path, err);
    if (rc == LF_OK && p->daily && (rc = lfc_path_in(path, sizeof path, dir, "yearly.csv", err)) == 0)
        rc = lf_summary_write_csv(s->yearly, s->nyearly, LF_PERIOD_YEAR, path, err);
    if (rc == LF_OK && p->weather &&
        (rc = lfc_path_in(path, sizeof path, dir, "weather_history.csv", err)) == 0)
        rc = lf_frame_write_csv(p->weather, path, err);
    for (size_t i = 0; i < p->ncustomers && rc == LF_OK; i++)
        rc = write_customer(cfg, p, &all->customers[i], i, dir, err);
    if (rc == LF_OK && (rc = lfc_path_in(path, sizeof path, dir, "ingest_report.txt", err)) == 0)
        rc = lf_atomic_write(path, write_report, p, err);
    return rc;
}

static int run_ingest(int argc, char **argv)
{
    lfc_options opt;
    int code = lfc_parse_options(&lfc_cmd_ingest, argc, argv, &opt);
    if (code != LFC_OK)
        return code < 0 ? LFC_OK : code;
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = NULL;
    lf_project *p = NULL;
    ingest_summaries all = {{0}, NULL, 0};
    int rc = lfc_open_project(opt.config, &cfg, &p, &err);
    if (rc == LF_OK)
        rc = summarize_project(cfg, p, &all, &err);
    if (rc == LF_OK)
        rc = write_outputs(cfg, p, &all, opt.out ? opt.out : cfg->output_dir, &err);
    if (rc == LF_OK)
        rc = show(&opt, cfg, p, &all, &err);
    code = rc == LF_OK ? LFC_OK : lfc_fail("ingest", &err);
    free_ingest_summaries(&all);
    lf_project_free(p);
    lf_config_free(cfg);
    return code;
}
