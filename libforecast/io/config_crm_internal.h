/* config_crm_internal.h (internal) - what the files reading the config's
 * 'crm' section share: the reader, and helpers for the section's named
 * tables (grades, levels, groups...), which keep document order. */
#ifndef LF_IO_CONFIG_CRM_INTERNAL_H
#define LF_IO_CONFIG_CRM_INTERNAL_H

#include "config_internal.h"

#define CRM_COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct crm_reader {
    const lf_ynode *section;       /* the 'crm' mapping */
    lf_customer_eval_spec *spec;   /* filled over lf_customer_eval_spec_init's defaults */
    int has_expected;              /* 'expected' (the file) is given */
    lf_error *err;
} crm_reader;

/* The node at section.outer.inner (inner may be NULL), or NULL when absent. */
const lf_ynode *crm_node(const crm_reader *R, const char *outer, const char *inner);

/* map is a mapping of 1..max entries. */
int crm_table(const crm_reader *R, const lf_ynode *map, size_t max);

/* A mapping {name: threshold} of 1..max entries, best first: thresholds
 * strictly decreasing, the last <= 0 so every score has an entry.  Names
 * fit name_size bytes; what names one entry ("credit grade").  The
 * thresholds go to mins[]. */
int crm_thresholds(const crm_reader *R, const lf_ynode *map, size_t max, size_t name_size,
                   const char *what, double *mins);

/* node (a name) is not one of names[0..n): "<node> is 'x', not <what>
 * (did you mean 'y'?); <what_plural>: a, b, c". */
int crm_unknown(const crm_reader *R, const lf_ynode *node, const char *what,
                const char *what_plural, const char *const *names, size_t n);

/* rc, or when it is an error from a library check, its message located at
 * node (LF_ERR_CONFIG). */
int crm_check_at(const lf_ynode *node, lf_error *err, int rc);

/* The alerts mapping, read into R->spec. */
int crm_read_alerts(const crm_reader *R, const lf_ynode *map);
/* The credit mapping (may be NULL: the defaults), read into R->spec. */
int crm_read_credit(const crm_reader *R, const lf_ynode *map);
/* The segments mapping (may be NULL) over the value levels and credit
 * grades already read; groups and matrix by name. */
int crm_read_segments(const crm_reader *R, const lf_ynode *map);

#endif
