/* peakshift_table.h - what one `lfc peakshift` run holds, and the readable
 * tables it prints (peakshift_table.c). */
#ifndef LFC_PEAKSHIFT_TABLE_H
#define LFC_PEAKSHIFT_TABLE_H

#include "cli.h"

typedef struct ps_run {
    const lf_config *cfg;
    lf_portfolio *portfolio;
    lf_config_peakshift_input *input;  /* the days, read from the section's files */
    lf_peakshift *schedule;
} ps_run;

/* The day with the most unmet MW (NULL when every deficit is covered), and
 * in *days how many days keep some unmet. */
const lf_peakshift_day *lfc_peakshift_worst_day(const lf_peakshift *s, size_t *days);

/* The portfolio, the schedule's totals, the days with a deficit and the
 * customers called (lfc peakshift and lfc plan). */
void lfc_peakshift_print_schedule(const lf_portfolio *p, const lf_peakshift *s);

/* The header, the sources and the schedule. */
void lfc_peakshift_table(const ps_run *r);

#endif
