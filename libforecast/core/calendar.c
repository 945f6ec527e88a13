/* calendar.c - the generic holiday calendar: dated entries, rules with their
 * observance, CSV lists, day classification with holiday blocks, frame columns,
 * and the dispatch to the built-in calendars (calendar_cn.c, _us.c, _au.c).
 *
 * Invariant: entries are sorted by date, one per date, and every entry lies in
 * the calendar's years, so a lookup is one binary search.  Every change is
 * all-or-nothing: space is reserved before the first entry is written, and the
 * built-ins (many additions) work on a copy that replaces the original only on
 * success.
 */
#include "libforecast/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "libforecast/csv.h"
#include "calendar_internal.h"
#include "grow.h"
#include "suggest.h"

typedef struct entry {
    lf_date date;
    int workday; /* 0 = holiday, 1 = declared working day */
    char name[LF_HOLIDAY_NAME_MAX];
} entry;

struct lf_calendar {
    int first_year, last_year;
    lf_date first, last; /* Jan 1 of first_year .. Dec 31 of last_year */
    entry *v;
    size_t n, cap;
};

static const char *const builtin_names[] = {
    "CN",     "US",    "AU-NSW", "AU-VIC", "AU-QLD", "AU-SA",
    "AU-TAS", "AU-WA", "AU-ACT", "AU-NT",  NULL};

/* ---- construction ------------------------------------------------------------ */

lf_calendar *lf_calendar_new(int first_year, int last_year, lf_error *err)
{
    if (first_year < 1 || last_year > 9999 || first_year > last_year) {
        lf_error_set(err, LF_ERR_RANGE,
                     "calendar years must satisfy 1 <= first <= last <= 9999, got %d..%d",
                     first_year, last_year);
        return NULL;
    }
    lf_calendar *cal = calloc(1, sizeof *cal);
    if (!cal) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory allocating a calendar");
        return NULL;
    }
    cal->first_year = first_year;
    cal->last_year = last_year;
    cal->first = lf_date_from_ymd(first_year, 1, 1);
    cal->last = lf_date_from_ymd(last_year, 12, 31);
    return cal;
}

void lf_calendar_free(lf_calendar *cal)
{
    if (!cal)
        return;
    free(cal->v);
    free(cal);
}

int lf_calendar_first_year(const lf_calendar *cal) { return cal->first_year; }
int lf_calendar_last_year(const lf_calendar *cal) { return cal->last_year; }

const char *const *lf_calendar_builtin_names(void) { return builtin_names; }

/* ---- sorted entries -------------------------------------------------------------- */

/* Index of date, or of the first entry after it when absent (*found = 0). */
static size_t search(const lf_calendar *cal, lf_date date, int *found)
{
    size_t lo = 0, hi = cal->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->v[mid].date < date)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < cal->n && cal->v[lo].date == date;
    return lo;
}

static const entry *find(const lf_calendar *cal, lf_date date)
{
    int found;
    size_t i = search(cal, date, &found);
    return found ? &cal->v[i] : NULL;
}

int lf_calendar_is_holiday(const lf_calendar *cal, lf_date date)
{
    const entry *e = find(cal, date);
    return e && !e->workday;
}

/* Make room for `more` entries so the puts that follow cannot fail. */
static int reserve(lf_calendar *cal, size_t more, lf_error *err)
{
    if (cal->n + more <= cal->cap)
        return LF_OK;
    size_t cap = cal->cap ? cal->cap : 64;
    while (cap < cal->n + more)
        cap *= 2;
    entry *v = realloc(cal->v, cap * sizeof *v);
    if (!v)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory growing a calendar");
    cal->v = v;
    cal->cap = cap;
    return LF_OK;
}

/* Copy a name, cut to fit without splitting a UTF-8 sequence. */
static void copy_name(char *dst, const char *src)
{
    size_t len = strlen(src);
    if (len >= LF_HOLIDAY_NAME_MAX) {
        len = LF_HOLIDAY_NAME_MAX - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Insert or replace (the later addition wins); space must be reserved and the
 * date inside the calendar's years. */
static void put(lf_calendar *cal, lf_date date, int workday, const char *name)
{
    int found;
    size_t i = search(cal, date, &found);
    if (!found) {
        memmove(&cal->v[i + 1], &cal->v[i], (cal->n - i) * sizeof *cal->v);
        cal->n++;
    }
    cal->v[i].date = date;
    cal->v[i].workday = workday;
    copy_name(cal->v[i].name, name ? name : "");
}

static int in_range(const lf_calendar *cal, lf_date d)
{
    return d >= cal->first && d <= cal->last;
}

static int add_one(lf_calendar *cal, lf_date date, const char *name, int workday,
                   lf_error *err)
{
    if (!cal)
        return lf_error_set(err, LF_ERR_ARG, "no calendar given");
    if (!in_range(cal, date)) {
        char buf[LF_DATE_STRLEN];
        lf_date_format(date, buf);
        return lf_error_set(err, LF_ERR_RANGE, "%s is outside the calendar's years %d..%d",
                            buf, cal->first_year, cal->last_year);
    }
    if (reserve(cal, 1, err) != LF_OK)
        return LF_ERR_NOMEM;
    put(cal, date, workday, name ? name : (workday ? "Workday" : "Holiday"));
    return LF_OK;
}

int lf_calendar_add_holiday(lf_calendar *cal, lf_date date, const char *name, lf_error *err)
{
    return add_one(cal, date, name, 0, err);
}

int lf_calendar_add_workday(lf_calendar *cal, lf_date date, const char *name, lf_error *err)
{
    return add_one(cal, date, name, 1, err);
}

int lf_calendar_add_span(lf_calendar *cal, lf_date first, lf_date last, const char *name,
                         int workday, lf_error *err)
{
    if (first < cal->first)
        first = cal->first;
    if (last > cal->last)
        last = cal->last;
    if (first > last)
        return LF_OK;
    if (reserve(cal, (size_t)(last - first + 1), err) != LF_OK)
        return LF_ERR_NOMEM;
    for (lf_date d = first; d <= last; d++)
        put(cal, d, workday, name);
    return LF_OK;
}

/* ---- rules ------------------------------------------------------------------------ */

typedef struct occurrence {
    lf_date date;
    size_t rule;
} occurrence;

static int check_rule(const lf_holiday_rule *r, lf_error *err)
{
    if (!r->name || !*r->name)
        return lf_error_set(err, LF_ERR_ARG, "a holiday rule needs a name");
    if (r->first_year && r->last_year && r->first_year > r->last_year)
        return lf_error_set(err, LF_ERR_ARG, "rule '%s': first_year %d after last_year %d",
                            r->name, r->first_year, r->last_year);
    if (r->observe < LF_OBSERVE_NONE || r->observe > LF_OBSERVE_ADD_MONDAY)
        return lf_error_set(err, LF_ERR_ARG, "rule '%s': unknown observance %d", r->name,
                            (int)r->observe);
    switch (r->kind) {
    case LF_RULE_FIXED:
        /* 2000 is a leap year: Feb 29 is allowed and simply skipped in other years. */
        if (!lf_date_is_valid(2000, r->month, r->day))
            return lf_error_set(err, LF_ERR_ARG, "rule '%s': no day %d-%d", r->name,
                                r->month, r->day);
        return LF_OK;
    case LF_RULE_NTH_WEEKDAY:
        if (r->month < 1 || r->month > 12 || r->weekday < 1 || r->weekday > 7 ||
            r->nth == 0 || r->nth < -1 || r->nth > 5)
            return lf_error_set(err, LF_ERR_ARG,
                                "rule '%s': needs month 1..12, weekday 1..7, nth 1..5 or -1",
                                r->name);
        return LF_OK;
    case LF_RULE_EASTER:
        return LF_OK;
    }
    return lf_error_set(err, LF_ERR_ARG, "rule '%s': unknown kind %d", r->name, (int)r->kind);
}

/* The actual (unobserved) date of a rule in a year; 0 when it has none. */
static int actual_date(const lf_holiday_rule *r, int year, lf_date *out)
{
    switch (r->kind) {
    case LF_RULE_FIXED:
        if (!lf_date_is_valid(year, r->month, r->day))
            return 0;
        *out = lf_date_from_ymd(year, r->month, r->day);
        return 1;
    case LF_RULE_NTH_WEEKDAY:
        if (lf_date_nth_weekday(year, r->month, r->weekday, r->nth, out, NULL) != LF_OK)
            return 0;
        *out += r->offset_days;
        return 1;
    case LF_RULE_EASTER:
        *out = lf_date_easter(year) + r->offset_days;
        return 1;
    }
    return 0;
}

static int cmp_occurrence(const void *a, const void *b)
{
    const occurrence *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Every actual date of the rules, for one year either side of the calendar so
 * that observed dates crossing a year end (Jan 1 on a Saturday -> Dec 31) are
 * found; sorted by date. */
static occurrence *expand(const lf_calendar *cal, const lf_holiday_rule *rules, size_t n,
                          size_t *count, lf_error *err)
{
    int y0 = cal->first_year > 1 ? cal->first_year - 1 : 1;
    int y1 = cal->last_year < 9999 ? cal->last_year + 1 : 9999;
    occurrence *occ = malloc((n * (size_t)(y1 - y0 + 1) + 1) * sizeof *occ);
    if (!occ) {
        lf_error_set(err, LF_ERR_NOMEM, "out of memory expanding holiday rules");
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (int y = y0; y <= y1; y++) {
            if ((rules[i].first_year && y < rules[i].first_year) ||
                (rules[i].last_year && y > rules[i].last_year))
                continue;
            if (actual_date(&rules[i], y, &occ[k].date)) {
                occ[k].rule = i;
                k++;
            }
        }
    qsort(occ, k, sizeof *occ, cmp_occurrence);
    *count = k;
    return occ;
}

typedef struct taken_set {
    const lf_calendar *cal;
    const occurrence *occ;
    size_t nocc;
    lf_date *subs; /* substitutes handed out so far */
    size_t nsubs;
} taken_set;

static int is_taken(const taken_set *t, lf_date d)
{
    if (lf_calendar_is_holiday(t->cal, d))
        return 1;
    size_t lo = 0, hi = t->nocc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->occ[mid].date < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->nocc && t->occ[lo].date == d)
        return 1;
    for (size_t i = 0; i < t->nsubs; i++)
        if (t->subs[i] == d)
            return 1;
    return 0;
}

static int is_weekend(lf_date d) { return lf_date_weekday(d) >= LF_SATURDAY; }

static lf_date next_free_weekday(taken_set *t, lf_date d)
{
    do
        d++;
    while (is_weekend(d) || is_taken(t, d));
    t->subs[t->nsubs++] = d;
    return d;
}

/* Observed dates of one occurrence: up to two (ADD_MONDAY keeps the weekend day). */
static int observed(taken_set *t, lf_date d, lf_observance obs, lf_date out[2])
{
    int wd = lf_date_weekday(d);
    if (wd < LF_SATURDAY || obs == LF_OBSERVE_NONE) {
        out[0] = d;
        return 1;
    }
    switch (obs) {
    case LF_OBSERVE_NEAREST_WEEKDAY:
        out[0] = wd == LF_SATURDAY ? d - 1 : d + 1;
        return 1;
    case LF_OBSERVE_NEXT_MONDAY:
        out[0] = d + (8 - wd);
        return 1;
    case LF_OBSERVE_NEXT_FREE_WEEKDAY:
        out[0] = next_free_weekday(t, d);
        return 1;
    default: /* LF_OBSERVE_ADD_MONDAY */
        out[0] = d;
        out[1] = next_free_weekday(t, d);
        return 2;
    }
}

int lf_calendar_add_rules(lf_calendar *cal, const lf_holiday_rule *rules, size_t n,
                          lf_error *err)
{
    if (!cal || (!rules && n))
        return lf_error_set(err, LF_ERR_ARG, "no calendar or rules given");
    for (size_t i = 0; i < n; i++)
        if (check_rule(&rules[i], err) != LF_OK)
            return LF_ERR_ARG;
    size_t nocc;
    occurrence *occ = expand(cal, rules, n, &nocc, err);
    if (!occ)
        return LF_ERR_NOMEM;
    taken_set t = {cal, occ, nocc, malloc((nocc + 1) * sizeof(lf_date)), 0};
    occurrence *out = malloc((2 * nocc + 1) * sizeof *out);
    int rc = LF_OK;
    if (!t.subs || !out)
        rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory expanding holiday rules");
    size_t nout = 0;
    for (size_t i = 0; rc == LF_OK && i < nocc; i++) {
        lf_date d[2];
        int k = observed(&t, occ[i].date, rules[occ[i].rule].observe, d);
        for (int j = 0; j < k; j++)
            out[nout++] = (occurrence){d[j], occ[i].rule};
    }
    if (rc == LF_OK)
        rc = reserve(cal, nout, err);
    for (size_t i = 0; rc == LF_OK && i < nout; i++)
        if (in_range(cal, out[i].date))
            put(cal, out[i].date, 0, rules[out[i].rule].name);
    free(out);
    free(t.subs);
    free(occ);
    return rc;
}

int lf_calendar_add_rule(lf_calendar *cal, const lf_holiday_rule *rule, lf_error *err)
{
    if (!rule)
        return lf_error_set(err, LF_ERR_ARG, "no rule given");
    return lf_calendar_add_rules(cal, rule, 1, err);
}

/* ---- CSV lists ---------------------------------------------------------------------- */

typedef struct pending {
    entry *v;
    size_t n, cap;
} pending;

static int pending_push(pending *p, const entry *e, lf_error *err)
{
    entry *v = lf_grow(p->v, p->n, &p->cap, sizeof *v);
    if (!v)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading a holiday list");
    p->v = v;
    p->v[p->n++] = *e;
    return LF_OK;
}

static int parse_type(const lf_csv *csv, long col, int *workday, lf_error *err)
{
    static const char *const types[] = {"holiday", "workday", NULL};
    const char *s = col >= 0 ? lf_csv_field(csv, (size_t)col) : "";
    if (!*s || strcasecmp(s, "holiday") == 0) {
        *workday = 0;
        return LF_OK;
    }
    if (strcasecmp(s, "workday") == 0) {
        *workday = 1;
        return LF_OK;
    }
    char hint[96];
    lf_suggest_hint(hint, sizeof hint, s, types, (size_t)-1);
    return lf_csv_error(csv, (size_t)col, err, LF_ERR_PARSE,
                        "unknown day type '%.40s' (expected holiday or workday)%s", s, hint);
}

/* One data row into an entry; *keep = 0 for a date outside the calendar. */
static int parse_row(const lf_calendar *cal, const lf_csv *csv, size_t idate, long iname,
                     long itype, entry *e, int *keep, lf_error *err)
{
    lf_error sub;
    if (lf_date_parse(lf_csv_field(csv, idate), &e->date, &sub) != LF_OK)
        return lf_csv_error(csv, idate, err, sub.code, "%s", sub.message);
    if (parse_type(csv, itype, &e->workday, err) != LF_OK)
        return LF_ERR_PARSE;
    const char *name = iname >= 0 ? lf_csv_field(csv, (size_t)iname) : "";
    copy_name(e->name, *name ? name : (e->workday ? "Workday" : "Holiday"));
    *keep = in_range(cal, e->date);
    return LF_OK;
}

static int read_list(const lf_calendar *cal, lf_csv *csv, pending *p, lf_error *err)
{
    size_t idate;
    int rc = lf_csv_read_header(csv, err);
    if (rc == LF_OK)
        rc = lf_csv_require(csv, "date", &idate, err);
    if (rc != LF_OK)
        return rc;
    long iname = lf_csv_find(csv, "name"), itype = lf_csv_find(csv, "type");
    for (;;) {
        int has_row = 0, keep = 0;
        entry e;
        if ((rc = lf_csv_next(csv, &has_row, err)) != LF_OK || !has_row)
            return rc;
        if ((rc = parse_row(cal, csv, idate, iname, itype, &e, &keep, err)) != LF_OK)
            return rc;
        if (keep && (rc = pending_push(p, &e, err)) != LF_OK)
            return rc;
    }
}

int lf_calendar_load_csv(lf_calendar *cal, const char *path, lf_error *err)
{
    if (!cal || !path)
        return lf_error_set(err, LF_ERR_ARG, "no calendar or path given");
    lf_csv *csv = lf_csv_open(path, ',', err);
    if (!csv)
        return err ? err->code : LF_ERR_IO;
    pending p = {NULL, 0, 0};
    int rc = read_list(cal, csv, &p, err);
    lf_csv_close(csv);
    if (rc == LF_OK)
        rc = reserve(cal, p.n, err);
    for (size_t i = 0; rc == LF_OK && i < p.n; i++)
        put(cal, p.v[i].date, p.v[i].workday, p.v[i].name);
    free(p.v);
    return rc;
}

/* ---- built-ins ---------------------------------------------------------------------- */

static int dispatch_builtin(lf_calendar *cal, const char *name, lf_error *err)
{
    if (strcasecmp(name, "CN") == 0)
        return lf_calendar_add_cn(cal, err);
    if (strcasecmp(name, "US") == 0)
        return lf_calendar_add_us(cal, err);
    return lf_calendar_add_au(cal, name + 3, err); /* past "AU-" */
}

static int unknown_builtin(const char *name, lf_error *err)
{
    char hint[96], list[160] = "";
    lf_suggest_hint(hint, sizeof hint, name, builtin_names, (size_t)-1);
    for (size_t i = 0; builtin_names[i]; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", builtin_names[i]);
    }
    return lf_error_set(err, LF_ERR_NOTFOUND, "unknown built-in calendar '%.40s'%s; known: %s",
                        name, hint, list);
}

int lf_calendar_add_builtin(lf_calendar *cal, const char *name, lf_error *err)
{
    if (!cal || !name)
        return lf_error_set(err, LF_ERR_ARG, "no calendar or name given");
    size_t i = 0;
    while (builtin_names[i] && strcasecmp(builtin_names[i], name) != 0)
        i++;
    if (!builtin_names[i])
        return unknown_builtin(name, err);
    if (cal->first_year < LF_CAL_BUILTIN_FIRST || cal->last_year > LF_CAL_BUILTIN_LAST)
        return lf_error_set(err, LF_ERR_RANGE,
                            "built-in calendar %s covers %d..%d; this calendar spans %d..%d",
                            builtin_names[i], LF_CAL_BUILTIN_FIRST, LF_CAL_BUILTIN_LAST,
                            cal->first_year, cal->last_year);
    /* Work on a copy so that a failure part-way leaves cal unchanged. */
    lf_calendar tmp = *cal;
    tmp.v = malloc((cal->cap ? cal->cap : 1) * sizeof *tmp.v);
    if (!tmp.v)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory adding calendar %s", name);
    if (cal->n)
        memcpy(tmp.v, cal->v, cal->n * sizeof *tmp.v);
    tmp.cap = cal->cap ? cal->cap : 1;
    int rc = dispatch_builtin(&tmp, builtin_names[i], err);
    if (rc != LF_OK) {
        free(tmp.v);
        return rc;
    }
    free(cal->v);
    *cal = tmp;
    return LF_OK;
}

/* ---- classification -------------------------------------------------------------------- */

static lf_day_type classify(const lf_calendar *cal, lf_date d, const entry **e)
{
    *e = in_range(cal, d) ? find(cal, d) : NULL;
    int weekend = is_weekend(d);
    if (*e && (*e)->workday)
        return weekend ? LF_DAY_MAKEUP_WORKDAY : LF_DAY_WORKING;
    if (*e)
        return LF_DAY_HOLIDAY;
    return weekend ? LF_DAY_WEEKEND : LF_DAY_WORKING;
}

static int non_working(lf_day_type t) { return t == LF_DAY_HOLIDAY || t == LF_DAY_WEEKEND; }

/* The run of non-working days around d; names the holiday nearest to d (the
 * earlier on a tie) for the days of the run that are not holidays themselves. */
static void fill_block(const lf_calendar *cal, lf_date d, lf_day_info *info)
{
    const entry *e, *best = NULL;
    lf_date start = d, end = d, best_dist = 0;
    while (non_working(classify(cal, start - 1, &e)))
        start--;
    while (non_working(classify(cal, end + 1, &e)))
        end++;
    for (lf_date x = start; x <= end; x++) {
        if (classify(cal, x, &e) != LF_DAY_HOLIDAY)
            continue;
        lf_date dist = x > d ? x - d : d - x;
        if (!best || dist < best_dist) {
            best = e;
            best_dist = dist;
        }
    }
    if (!best)
        return; /* an ordinary weekend */
    info->block_day = (int)(d - start + 1);
    info->block_length = (int)(end - start + 1);
    copy_name(info->holiday, best->name);
}

int lf_calendar_day(const lf_calendar *cal, lf_date date, lf_day_info *info, lf_error *err)
{
    if (!cal || !info)
        return lf_error_set(err, LF_ERR_ARG, "no calendar or result given");
    const entry *e;
    memset(info, 0, sizeof *info);
    info->type = classify(cal, date, &e);
    if (!in_range(cal, date)) {
        char buf[LF_DATE_STRLEN];
        lf_date_format(date, buf);
        return lf_error_set(err, LF_ERR_RANGE, "%s is outside the calendar's years %d..%d",
                            buf, cal->first_year, cal->last_year);
    }
    if (e)
        copy_name(info->holiday, e->name);
    if (non_working(info->type))
        fill_block(cal, date, info);
    return LF_OK;
}

/* ---- frame columns ---------------------------------------------------------------------- */

static const char *const annotate_columns[] = {"day_type", "holiday", "block_day",
                                               "block_length"};

static void drop_columns(lf_frame *frame, size_t keep)
{
    while (frame->ncols > keep) {
        lf_column *c = &frame->cols[--frame->ncols];
        free(c->name);
        free(c->unit);
        free(c->values);
    }
}

static int check_annotate(const lf_calendar *cal, const lf_frame *frame, lf_error *err)
{
    if (!cal || !frame)
        return lf_error_set(err, LF_ERR_ARG, "no calendar or frame given");
    if (frame->start < cal->first || lf_frame_end(frame) > cal->last) {
        char a[LF_DATE_STRLEN], b[LF_DATE_STRLEN];
        lf_date_format(frame->start, a);
        lf_date_format(lf_frame_end(frame), b);
        return lf_error_set(err, LF_ERR_RANGE,
                            "the frame spans %s..%s but the calendar covers only %d..%d", a,
                            b, cal->first_year, cal->last_year);
    }
    for (size_t i = 0; i < 4; i++)
        if (lf_frame_column_index(frame, annotate_columns[i]) >= 0)
            return lf_error_set(err, LF_ERR_ARG, "the frame already has a column '%s'",
                                annotate_columns[i]);
    return LF_OK;
}

int lf_calendar_annotate(const lf_calendar *cal, lf_frame *frame, lf_error *err)
{
    int rc = check_annotate(cal, frame, err);
    if (rc != LF_OK)
        return rc;
    size_t keep = frame->ncols;
    double *col[4];
    for (size_t i = 0; i < 4; i++)
        if (!(col[i] = lf_frame_add_column(frame, annotate_columns[i], "1", err))) {
            drop_columns(frame, keep);
            return err ? err->code : LF_ERR_NOMEM;
        }
    for (size_t r = 0; r < frame->ndays; r++) {
        lf_day_info info;
        lf_calendar_day(cal, frame->start + (lf_date)r, &info, NULL);
        col[0][r] = (double)info.type;
        col[1][r] = info.type == LF_DAY_HOLIDAY;
        col[2][r] = info.block_day;
        col[3][r] = info.block_length;
    }
    return LF_OK;
}
