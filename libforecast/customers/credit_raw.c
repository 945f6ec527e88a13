/* credit_raw.c - a customer's raw credit indicators from its payment records
 * and monthly energy (credit.h, "Raw indicators"). */
#include <math.h>
#include <string.h>

#include "libforecast/credit.h"

/* ---- raw indicators from records ------------------------------------------------------ */

typedef struct bill_tally {
    size_t assessed, late, unpaid;
    double days_late, billed, outstanding;
} bill_tally;

/* Inside the supported years, so differences of dates cannot overflow. */
static int date_ok(lf_date date)
{
    int y, m, d;
    lf_date_to_ymd(date, &y, &m, &d);
    return lf_date_is_valid(y, m, d);
}

static int check_bill(const lf_payment *b, size_t i, lf_error *err)
{
    if (!date_ok(b->due))
        return lf_error_set(err, LF_ERR_ARG, "bill %zu has no valid due date", i + 1);
    int y, m, d;
    lf_date_to_ymd(b->due, &y, &m, &d);
    if (b->paid != LF_PAYMENT_UNPAID && !date_ok(b->paid))
        return lf_error_set(err, LF_ERR_ARG, "bill %zu (due %d-%02d-%02d) has an invalid paid "
                            "date; use LF_PAYMENT_UNPAID for a bill not paid", i + 1, y, m, d);
    if (!(b->amount >= 0 && isfinite(b->amount)))
        return lf_error_set(err, LF_ERR_ARG, "bill %zu (due %d-%02d-%02d) has amount %g; give "
                            "a number >= 0", i + 1, y, m, d, b->amount);
    return LF_OK;
}

/* Calendar months (year x 12 + month) with an assessed bill due, counted
 * without allocating: a month is new when no earlier assessed bill has it. */
static size_t distinct_months(const lf_payment *bills, size_t n, lf_date evaluated)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (bills[i].due >= evaluated)
            continue;
        int key = lf_date_year(bills[i].due) * 12 + lf_date_month(bills[i].due), seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = bills[j].due < evaluated &&
                   lf_date_year(bills[j].due) * 12 + lf_date_month(bills[j].due) == key;
        count += !seen;
    }
    return count;
}

/* One assessed bill: paid on time, paid late, or unpaid as of evaluated. */
static void tally_bill(const lf_payment *b, lf_date evaluated, bill_tally *t)
{
    int paid = b->paid != LF_PAYMENT_UNPAID && b->paid <= evaluated;
    lf_date settled = paid ? b->paid : evaluated;
    t->assessed++;
    t->billed += b->amount;
    if (!paid) {
        t->unpaid++;
        t->outstanding += b->amount;
    }
    if (settled > b->due) {
        t->late++;
        t->days_late += (double)(settled - b->due);
    }
}

static void payment_values(const bill_tally *t, size_t months, lf_credit_raw *out)
{
    double *v = out->values;
    out->bills_assessed = t->assessed;
    out->bills_late = t->late;
    out->bills_unpaid = t->unpaid;
    out->outstanding = t->outstanding;
    if (t->assessed == 0) {
        out->mean_monthly_bill = NAN;
        v[LF_CREDIT_ON_TIME_SHARE] = v[LF_CREDIT_MEAN_DAYS_LATE] = NAN;
        v[LF_CREDIT_ARREARS_MONTHS] = NAN;
        return;
    }
    out->mean_monthly_bill = t->billed / (double)months;
    v[LF_CREDIT_ON_TIME_SHARE] = (double)(t->assessed - t->late) / (double)t->assessed;
    v[LF_CREDIT_MEAN_DAYS_LATE] = t->late ? t->days_late / (double)t->late : 0;
    v[LF_CREDIT_ARREARS_MONTHS] =
        t->outstanding > 0 ? t->outstanding / out->mean_monthly_bill : 0;
}

static int energy_cv(const double *e, size_t n, lf_credit_raw *out, lf_error *err)
{
    double sum = 0, sq = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(e[i]))
            continue;
        if (!(e[i] >= 0 && isfinite(e[i])))
            return lf_error_set(err, LF_ERR_ARG, "monthly energy %zu is %g; give MWh >= 0 "
                                "(NaN when missing)", i + 1, e[i]);
        sum += e[i];
        k++;
    }
    double mean = k ? sum / (double)k : 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(e[i]))
            sq += (e[i] - mean) * (e[i] - mean);
    out->energy_months = k;
    out->values[LF_CREDIT_ENERGY_CV] = k >= 2 && mean > 0 ? sqrt(sq / (double)k) / mean : NAN;
    return LF_OK;
}

int lf_credit_raw_from_records(const lf_payment *bills, size_t nbills,
                               const double *monthly_energy, size_t nmonths,
                               lf_date evaluated, lf_credit_raw *out, lf_error *err)
{
    if (!out || (nbills && !bills) || (nmonths && !monthly_energy))
        return lf_error_set(err, LF_ERR_ARG, "no bills, energy or result given");
    if (!date_ok(evaluated))
        return lf_error_set(err, LF_ERR_ARG, "the evaluation date is not a valid date");
    memset(out, 0, sizeof *out);
    bill_tally t = {0};
    for (size_t i = 0; i < nbills; i++) {
        if (check_bill(&bills[i], i, err))
            return LF_ERR_ARG;
        if (bills[i].due < evaluated)
            tally_bill(&bills[i], evaluated, &t);
    }
    payment_values(&t, distinct_months(bills, nbills, evaluated), out);
    out->values[LF_CREDIT_BREACHES] = out->values[LF_CREDIT_INDUSTRY_OUTLOOK] = NAN;
    return energy_cv(monthly_energy, nmonths, out, err);
}
