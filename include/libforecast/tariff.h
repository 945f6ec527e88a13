/* libforecast/tariff.h - electricity tariffs and bills (电价, 电费): what a
 * customer pays for a load curve under a tariff, item by item.
 *
 * ---- A tariff ---------------------------------------------------------------------
 *
 * A tariff charges, per calendar month:
 *
 *   energy     (电度电费) every kWh at one of three kinds of rate:
 *                single  one rate
 *                blocks  inclining blocks of the month's kWh (阶梯电价): the
 *                        kWh up to upto_kwh[0] at rate[0], the next ones up to
 *                        upto_kwh[1] at rate[1]...; the last block has no end
 *                tou     time of use (分时电价): each interval's kWh at the rate
 *                        of its period (critical 尖峰, peak 峰, flat 平, valley
 *                        谷, deep valley 深谷), periods set by windows of the
 *                        day that may differ by month (season) and by day kind
 *                        (working day, weekend, holiday; a make-up working
 *                        day 调休 is a working day); minutes no window covers
 *                        are flat
 *   basic      (基本电费, two-part tariffs 两部制) by the account's choice:
 *                capacity  installed transformer kVA x capacity_rate per kVA
 *                demand    declared demand kW x demand_rate per kW, where the
 *                          declared value is at least demand_floor_share x
 *                          kVA (40 % commonly); when the month's maximum
 *                          demand exceeds demand_penalty_share (105 %) of the
 *                          declared value, the kW up to that share are
 *                          charged at demand_rate and the kW above it at
 *                          demand_penalty_factor (2) x demand_rate (declared
 *                          1,000 kW, maximum 1,200: 1,050 x rate + 150 x 2 x
 *                          rate)
 *              A tariff with only one of the two rates charges by it
 *              whatever the account chose.
 *              For a month the load covers only in part (a connection or a
 *              disconnection), the basic charge is taken for its days
 *              (x days / days of the month); the penalty is not.
 *   power      (力调电费) energy + basic charge raised or lowered by the
 *   factor     percentage the table gives for the month's power factor
 *              (rounded to 0.01): the entry with the largest pf <= it;
 *              below the table's smallest pf, its first entry
 *   surcharges (政府性基金及附加) per-kWh amounts on every kWh, outside the
 *              power-factor adjustment
 *
 * Every item of a bill is rounded to the cent (half away from zero) and the
 * total is the sum of the rounded items, as a printed bill adds up.
 *
 * A tariff is in force from effective_from to effective_to (inclusive).
 * Tariff changes take effect on the first day of a month, so a month is billed
 * wholly under the version in force on its first day.
 *
 * ---- The load ------------------------------------------------------------------------
 *
 * Interval load (15, 30 or 60 minutes; kW, the mean over each interval): the
 * energy of an interval is kW x minutes / 60, it falls in the TOU period in
 * force at the interval's start, and the month's maximum demand is the
 * largest interval value (utility meters take the largest 15-minute mean;
 * 30- and 60-minute data understate it a little).  When only days are known
 * (energy and peak per day), a typical daily profile (shares of the day's
 * energy per hour, summing to 1) splits the energy into periods and the
 * month's maximum demand is its largest daily peak.
 *
 * Units: energy kWh, demand kW, capacity kVA, money in the tariff's currency
 * (CNY for the examples), rates per kWh, per kW·month, per kVA·month.
 */
#ifndef LIBFORECAST_TARIFF_H
#define LIBFORECAST_TARIFF_H

#include <stddef.h>
#include <stdint.h>

#include "libforecast/calendar.h"
#include "libforecast/date.h"
#include "libforecast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LF_TARIFF_ID_MAX 32
#define LF_TARIFF_NAME_MAX 128
#define LF_TARIFF_BLOCKS_MAX 8
#define LF_TOU_WINDOWS_MAX 16
#define LF_TOU_SCHEDULES_MAX 8
#define LF_SURCHARGES_MAX 8
#define LF_PF_ENTRIES_MAX 64
#define LF_TARIFF_CLASSES_MAX 8

typedef enum lf_tou_period {
    LF_TOU_CRITICAL = 0,
    LF_TOU_PEAK,
    LF_TOU_FLAT,
    LF_TOU_VALLEY,
    LF_TOU_DEEP_VALLEY
} lf_tou_period;

#define LF_TOU_PERIODS 5

/* "critical", "peak", "flat", "valley", "deep_valley" ("unknown" otherwise);
 * lf_tou_period_parse gives -1 for other names. */
const char *lf_tou_period_name(lf_tou_period period);
int lf_tou_period_parse(const char *name);

/* Minutes [start, end) of a day, 0..1440; end <= start crosses midnight
 * (22:00-06:00 is start 1320, end 360). */
typedef struct lf_tou_window {
    int start_minute, end_minute;
    lf_tou_period period;
} lf_tou_window;

/* Day kinds a schedule applies to (bits of lf_tou_schedule.day_kinds). */
enum { LF_TOU_WORKDAY = 1u, LF_TOU_WEEKEND = 2u, LF_TOU_HOLIDAY = 4u };

/* The windows of the days it applies to: months (bit m - 1 for month m, 0:
 * every month) and day kinds (0: every day).  The first schedule of the
 * tariff that applies to a day is used. */
typedef struct lf_tou_schedule {
    unsigned months;
    unsigned day_kinds;
    size_t nwindows;
    lf_tou_window windows[LF_TOU_WINDOWS_MAX];
} lf_tou_schedule;

typedef enum lf_energy_kind {
    LF_ENERGY_SINGLE = 0,
    LF_ENERGY_BLOCKS,
    LF_ENERGY_TOU
} lf_energy_kind;

typedef struct lf_surcharge {
    char name[LF_TARIFF_NAME_MAX];
    double rate;                  /* per kWh */
} lf_surcharge;

/* One row of a power-factor table: from this power factor up (to the next
 * row), the bill changes by percent (negative: a reduction). */
typedef struct lf_pf_entry {
    double pf;
    double percent;
} lf_pf_entry;

typedef struct lf_tariff {
    char id[LF_TARIFF_ID_MAX];
    char name[LF_TARIFF_NAME_MAX];
    lf_date effective_from, effective_to;  /* INT32_MIN / INT32_MAX: open */

    /* who may choose it: 0 / empty for no bound */
    double min_kv, max_kv;        /* supply voltage */
    double min_kva, max_kva;      /* installed capacity */
    size_t nclasses;              /* customer classes, e.g. "large_industry" */
    char classes[LF_TARIFF_CLASSES_MAX][LF_TARIFF_ID_MAX];

    lf_energy_kind energy;
    double rate;                  /* single */
    size_t nblocks;               /* blocks: rate[k] up to upto_kwh[k] a month */
    double block_upto_kwh[LF_TARIFF_BLOCKS_MAX]; /* the last one is ignored */
    double block_rate[LF_TARIFF_BLOCKS_MAX];
    double tou_rate[LF_TOU_PERIODS];             /* tou: NaN for periods unused */
    size_t nschedules;
    lf_tou_schedule schedules[LF_TOU_SCHEDULES_MAX];

    /* two-part: 0 when the tariff has no basic charge of that kind */
    double capacity_rate;         /* per kVA·month */
    double demand_rate;           /* per kW·month */
    double demand_floor_share;    /* default 0.4 */
    double demand_penalty_share;  /* default 1.05 */
    double demand_penalty_factor; /* default 2 */

    double pf_standard;           /* 0: no power-factor adjustment */
    size_t npf;
    lf_pf_entry pf_table[LF_PF_ENTRIES_MAX];  /* by pf, increasing */

    size_t nsurcharges;
    lf_surcharge surcharges[LF_SURCHARGES_MAX];

    int line;                     /* where it starts in its file, 0 if none */
} lf_tariff;

/* A tariff with no charges, in force always, demand defaults as above. */
void lf_tariff_init(lf_tariff *t);
/* Rates >= 0 and finite, blocks increasing, windows inside the day and not
 * overlapping within a schedule, pf table increasing, shares in range... the
 * message names the tariff (and file:line when it came from a file). */
int lf_tariff_check(const lf_tariff *t, lf_error *err);

/* The TOU period of minute m (0..1439) of a day of a kind (LF_TOU_WORKDAY...)
 * in a month; LF_TOU_FLAT when the tariff is not TOU or no window covers it. */
lf_tou_period lf_tariff_period(const lf_tariff *t, int month, unsigned day_kind, int minute);

/* Tariffs read from one YAML file (format: examples/tariffs/tariffs.yaml). */
typedef struct lf_tariff_set {
    char source[256];
    size_t n;
    lf_tariff *tariffs;           /* owned */
} lf_tariff_set;

/* Errors LF_ERR_CONFIG with file:line:column (LF_ERR_IO when unreadable);
 * each tariff passes lf_tariff_check; ids may repeat only with effective
 * ranges that do not overlap (versions of one tariff). */
int lf_tariff_set_load(const char *path, lf_tariff_set **out, lf_error *err);
void lf_tariff_set_free(lf_tariff_set *set);   /* NULL allowed */
/* The version of tariff id in force on day (NULL when none). */
const lf_tariff *lf_tariff_set_find(const lf_tariff_set *set, const char *id, lf_date day);

/* ---- the customer and the load ----------------------------------------------------- */

typedef enum lf_basic_choice {
    LF_BASIC_BY_CAPACITY = 0,
    LF_BASIC_BY_DEMAND
} lf_basic_choice;

typedef struct lf_tariff_account {
    char customer_class[LF_TARIFF_ID_MAX];
    double voltage_kv;
    double capacity_kva;          /* installed transformer capacity */
    lf_basic_choice basic;        /* how a two-part tariff's basic charge is set */
    double declared_kw;           /* by demand: the declared demand, every month */
    const double *declared_kw_by_month; /* or NULL; else one per billed month */
    double power_factor;          /* the month's average; 0: not metered (no
                                     adjustment) */
    const double *power_factor_by_month; /* or NULL; else one per billed month */
} lf_tariff_account;

void lf_tariff_account_init(lf_tariff_account *a);
/* The tariff may be chosen by the account (voltage, capacity, class). */
int lf_tariff_eligible(const lf_tariff *t, const lf_tariff_account *a);

/* Interval load: n values of kW, each the mean over minutes (15, 30 or 60)
 * from 00:00 of first; whole days (n a multiple of the day's intervals). */
typedef struct lf_interval_load {
    lf_date first;
    int minutes;
    size_t n;
    const double *kw;
} lf_interval_load;

/* ---- bills --------------------------------------------------------------------------- */

typedef struct lf_bill_month {
    int year, month;
    int days;                     /* days of load in the month */
    double kwh;
    double kwh_by_period[LF_TOU_PERIODS];        /* tou */
    double kwh_by_block[LF_TARIFF_BLOCKS_MAX];   /* blocks */
    double energy_by_period[LF_TOU_PERIODS];     /* tou, each rounded */
    double energy_by_block[LF_TARIFF_BLOCKS_MAX];/* blocks, each rounded */
    double energy_charge;         /* their sum, or the single-rate charge */
    double max_demand_kw;
    double billing_kw;            /* by demand: the declared kW charged (kVA by
                                     capacity) */
    double basic_charge;
    double excess_kw;             /* above the penalty share of the declared */
    double demand_penalty;
    double power_factor;          /* rounded to 0.01; 0 when not adjusted */
    double pf_percent;
    double pf_adjustment;         /* (energy + basic + penalty) x percent / 100 */
    double surcharge[LF_SURCHARGES_MAX];
    double surcharges;
    double total;
    double price_per_kwh;         /* total / kwh (NaN for no kWh) */
} lf_bill_month;

typedef struct lf_bill {
    char tariff_id[LF_TARIFF_ID_MAX];
    size_t nmonths;
    lf_bill_month *months;        /* owned */
    double kwh, energy_charge, basic_charge, demand_penalty, pf_adjustment, surcharges,
        total;
} lf_bill;

/* The bill of interval load under a tariff version for every month the
 * load covers (complete or not: a month's days are reported).  cal gives
 * holidays and make-up working days (NULL: Saturday and Sunday are the
 * weekend, there are no holidays).  A month outside the tariff's effective
 * dates, a declared demand under the floor and load that is not whole days
 * are errors (LF_ERR_ARG). */
int lf_bill_intervals(const lf_tariff *t, const lf_tariff_account *a,
                      const lf_interval_load *load, const lf_calendar *cal, lf_bill **out,
                      lf_error *err);

/* The same from days: energy (kWh) and peak (kW) per day from first, the
 * energy split by profile (24 hourly shares summing to 1). */
int lf_bill_daily(const lf_tariff *t, const lf_tariff_account *a, lf_date first, size_t ndays,
                  const double *kwh, const double *peak_kw, const double profile[24],
                  const lf_calendar *cal, lf_bill **out, lf_error *err);

void lf_bill_free(lf_bill *b);     /* NULL allowed */

#ifdef __cplusplus
}
#endif

#endif
