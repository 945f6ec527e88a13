/* tariff_out.h - what one `lfc tariff` run holds (cmd_tariff.c computes it),
 * and its output: the five files (six with a proposed tariff table) and the
 * JSON document (tariff_out.c). */
#ifndef LFC_TARIFF_OUT_H
#define LFC_TARIFF_OUT_H

#include <stdio.h>

#include "cli.h"

/* A bill of one ranked option, month by month. */
typedef struct tf_bill {
    const char *role;              /* "current" or "best" */
    size_t option;                 /* index into the ranking */
    lf_bill *bill;
} tf_bill;

/* The declared-demand plan of one two-part tariff over the plan year. */
typedef struct tf_plan {
    char tariff_id[LF_TARIFF_ID_MAX];
    int has[12];                   /* the month has values (and a demand rate) */
    lf_declared_month months[12];
    size_t nplanned;               /* months with values */
    double saving;                 /* the year's: capacity charge - the expected
                                      charge of each month's choice (NaN without
                                      a capacity rate) */
    double current_charge;         /* the year's expected charge at the account's
                                      declared_kw now, over the planned months
                                      (NaN without one) */
} tf_plan;

typedef struct tf_account {
    const lf_config_tariff_customer *in;
    lf_tariff_ranking *ranking;
    tf_bill bills[2];              /* current (when given), then best (when another) */
    size_t nbills;
    tf_plan *plans;                /* one per two-part tariff with a demand rate */
    size_t nplans;
    size_t history_years;          /* years of load before the plan year (history) */
    char shift_tariff[LF_TARIFF_ID_MAX]; /* "" when no TOU tariff is open to it */
    int shift_is_current;
    size_t nshifts;
    lf_shift_saving shifts[LF_CONFIG_SHIFT_SHARES_MAX];
} tf_account;

typedef struct tf_run {
    const lf_config *cfg;
    lf_config_tariff_input *input;
    size_t n;
    tf_account *accounts;          /* one per account of the section */
    lf_tariff_impact *change;      /* the proposed table's; NULL without one */
} tf_run;

/* "capacity", "demand", or "none" for a single-part option. */
const char *lfc_tariff_basic_name(const lf_tariff_option *o);

/* The class whose price effect is the largest in size: the one that drives
 * most of the change in the average price (NULL without classes). */
const lf_impact_class *lfc_tariff_change_driver(const lf_tariff_impact *change);

/* The five files into dir, and tariff_change.csv when the run has a change,
 * all or none (each written whole under NAME.part, then all renamed; without
 * a change, a tariff_change.csv of an earlier run is removed); the path of
 * each file (in FILES order) into path. */
enum { TF_RANKING, TF_BILLS, TF_DECLARED, TF_SHIFT, TF_JSON, TF_CHANGE, TF_NFILES };
extern const char *const lfc_tariff_files[TF_NFILES];
int lfc_tariff_write(const tf_run *r, const char *dir, char path[TF_NFILES][4096],
                     lf_error *err);

#endif
