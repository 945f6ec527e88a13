/* cells.c - which table cells are numbers (report_internal.h), so both
 * writers right-align the same ones: "1,234.5", "-12 %" is not one but
 * "-12%" is, "+3", ".5"; not "1,2", "12a", "NaN" or "". */
#include <string.h>

#include "report_internal.h"

#define DIGITS "0123456789"

/* Digits, or 1..3 digits then groups of ',' and exactly three digits. */
static const char *integer_part(const char *p)
{
    size_t lead = strspn(p, DIGITS);
    p += lead;
    if (*p != ',')
        return p;
    if (lead == 0 || lead > 3)
        return NULL;
    while (*p == ',') {
        if (strspn(p + 1, DIGITS) != 3)
            return NULL;
        p += 4;
    }
    return p;
}

int lf_report_is_number(const char *s)
{
    if (!s)
        return 0;
    s += strspn(s, " \t");
    if (*s == '+' || *s == '-')
        s++;
    const char *p = integer_part(s);
    if (!p)
        return 0;
    size_t whole = (size_t)(p - s), frac = 0;
    if (*p == '.') {
        frac = strspn(p + 1, DIGITS);
        if (frac == 0)
            return 0; /* "12." */
        p += 1 + frac;
    }
    if (whole == 0 && frac == 0)
        return 0;
    if (*p == '%')
        p++;
    p += strspn(p, " \t");
    return *p == '\0';
}

static int empty(const char *s)
{
    return !s || s[strspn(s, " \t")] == '\0';
}

int lf_report_numeric_column(const lf_block *t, size_t j)
{
    int any = 0;
    for (size_t i = 1; i <= t->nrows; i++) {
        const char *s = t->cells[i * t->ncols + j];
        if (empty(s))
            continue;
        if (!lf_report_is_number(s))
            return 0;
        any = 1;
    }
    return any;
}
