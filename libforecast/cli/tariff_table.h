/* tariff_table.h - the readable summary `lfc tariff` prints (tariff_table.c). */
#ifndef LFC_TARIFF_TABLE_H
#define LFC_TARIFF_TABLE_H

#include "tariff_out.h"

/* For each account: its ranking, bills' totals, declared-demand plan and the
 * peak-shift savings. */
void lfc_tariff_table(const tf_run *r);

#endif
