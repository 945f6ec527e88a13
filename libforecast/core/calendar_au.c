/* calendar_au.c - the built-in Australian state and territory calendars
 * ("AU-NSW", "AU-VIC", "AU-QLD", "AU-SA", "AU-TAS", "AU-WA", "AU-ACT", "AU-NT").
 *
 * Each state's statewide public holidays under its own act.  Substitutes:
 * New Year's Day, Christmas and Boxing Day keep the weekend day and add the
 * next free weekday (Christmas on Saturday: Sat 25, Sun 26, Mon 27, Tue 28 all
 * holidays); Australia Day on a weekend moves to the Monday; Anzac Day is
 * never moved in NSW, VIC and TAS, moves a Sunday to Monday in QLD, SA and
 * ACT, and adds a Monday for either weekend day in WA and NT.  When Anzac Day
 * falls on Easter Monday (2011, 2095) the Tuesday is added, as was done in
 * 2011 everywhere but SA.
 *
 * Decisions (say so when a user asks why a day is missing):
 *   - Left out as not statewide: NSW Bank Holiday (first Monday of August,
 *     banks only; offices and industry work), QLD Royal Queensland Show (the
 *     "Ekka" Wednesday, Brisbane only), TAS Royal Hobart Regatta (south) and
 *     Recreation Day (north), TAS Easter Tuesday (some awards only), and SA's
 *     Christmas Eve and New Year's Eve (part days, 7 pm to midnight).
 *   - VIC Melbourne Cup (first Tuesday of November) is statewide from 2009
 *     (metropolitan only before, so left out before 2009).  AFL Grand Final
 *     Friday from 2015: set each year by the government (the Friday before the
 *     grand final, which moved to October in 2015, 2016 and 2020); the dates
 *     announced 2015-2025 are tabled, later years assume the Friday before the
 *     last Saturday of September.
 *   - QLD: Labour Day first Monday of May, but October 2013-2015; Queen's
 *     Birthday second Monday of June, but first Monday of October in 2012 and
 *     from 2016, and the Diamond Jubilee holiday of 2012-06-11.
 *   - WA's Queen's/King's Birthday is proclaimed each year (late September or
 *     early October, earlier in regional towns); assumed the Monday on or before
 *     Oct 1, as python3-holidays does, except 2011 (Friday Oct 28, CHOGM).
 *   - SA Adelaide Cup: third Monday of March to 2005, second from 2006.
 *   - The sovereign's birthday is "Queen's Birthday" to 2022 and "King's
 *     Birthday" from 2023; 2022-09-22 (National Day of Mourning) is a one-off
 *     holiday in every state.
 *   - Rules are the current acts projected backwards and forwards; history
 *     before about 1990 (e.g. Australia Day moved to Mondays until 1994) is
 *     not modelled.
 */
#include <string.h>
#include <strings.h>

#include "calendar_internal.h"

#define ADD LF_OBSERVE_ADD_MONDAY
#define NONE LF_OBSERVE_NONE
#define FIXED(name, m, d, obs, y0, y1) {name, LF_RULE_FIXED, m, d, 0, 0, 0, obs, y0, y1}
#define NTH(name, m, n, wd, y0, y1) {name, LF_RULE_NTH_WEEKDAY, m, 0, wd, n, 0, NONE, y0, y1}
#define EASTER(name, off, y0) {name, LF_RULE_EASTER, 0, 0, 0, 0, off, NONE, y0, 0}
#define MON LF_MONDAY

#define NEW_YEAR FIXED("New Year's Day", 1, 1, ADD, 0, 0)
#define AUSTRALIA_DAY FIXED("Australia Day", 1, 26, LF_OBSERVE_NEXT_MONDAY, 0, 0)
#define GOOD_FRIDAY EASTER("Good Friday", -2, 0)
#define EASTER_SATURDAY EASTER("Easter Saturday", -1, 0)
#define EASTER_MONDAY EASTER("Easter Monday", 1, 0)
#define QUEEN_JUNE NTH("Queen's Birthday", 6, 2, MON, 0, 2022)
#define KING_JUNE NTH("King's Birthday", 6, 2, MON, 2023, 0)
#define CHRISTMAS FIXED("Christmas Day", 12, 25, ADD, 0, 0)
#define BOXING FIXED("Boxing Day", 12, 26, ADD, 0, 0)
#define LABOUR_OCT NTH("Labour Day", 10, 1, MON, 0, 0)

static const lf_holiday_rule nsw[] = {
    NEW_YEAR, AUSTRALIA_DAY, GOOD_FRIDAY, EASTER_SATURDAY, EASTER("Easter Sunday", 0, 0),
    EASTER_MONDAY, QUEEN_JUNE, KING_JUNE, LABOUR_OCT, CHRISTMAS, BOXING};

static const lf_holiday_rule vic[] = {
    NEW_YEAR, AUSTRALIA_DAY, NTH("Labour Day", 3, 2, MON, 0, 0), GOOD_FRIDAY,
    EASTER_SATURDAY, EASTER("Easter Sunday", 0, 2016), EASTER_MONDAY, QUEEN_JUNE, KING_JUNE,
    NTH("Melbourne Cup", 11, 1, LF_TUESDAY, 0, 0), CHRISTMAS,
    FIXED("Boxing Day", 12, 26, NONE, 0, 2009), FIXED("Boxing Day", 12, 26, ADD, 2010, 0)};

static const lf_holiday_rule qld[] = {
    NEW_YEAR, AUSTRALIA_DAY, GOOD_FRIDAY, EASTER_SATURDAY, EASTER("Easter Sunday", 0, 2017),
    EASTER_MONDAY, NTH("Labour Day", 5, 1, MON, 0, 2012), NTH("Labour Day", 10, 1, MON, 2013, 2015),
    NTH("Labour Day", 5, 1, MON, 2016, 0), NTH("Queen's Birthday", 6, 2, MON, 0, 2011),
    NTH("Queen's Birthday", 10, 1, MON, 2012, 2012), NTH("Queen's Birthday", 6, 2, MON, 2013, 2015),
    NTH("Queen's Birthday", 10, 1, MON, 2016, 2022), NTH("King's Birthday", 10, 1, MON, 2023, 0),
    FIXED("Queen's Diamond Jubilee", 6, 11, NONE, 2012, 2012), CHRISTMAS, BOXING};

static const lf_holiday_rule sa[] = {
    NEW_YEAR, AUSTRALIA_DAY, NTH("Adelaide Cup", 5, 3, MON, 0, 2005),
    NTH("Adelaide Cup", 3, 2, MON, 2006, 0), GOOD_FRIDAY, EASTER_SATURDAY, EASTER_MONDAY,
    QUEEN_JUNE, KING_JUNE, LABOUR_OCT, CHRISTMAS, FIXED("Proclamation Day", 12, 26, ADD, 0, 0)};

static const lf_holiday_rule tas[] = {
    NEW_YEAR, AUSTRALIA_DAY, NTH("Eight Hours Day", 3, 2, MON, 0, 0), GOOD_FRIDAY,
    EASTER_MONDAY, QUEEN_JUNE, KING_JUNE, CHRISTMAS, BOXING};

static const lf_holiday_rule wa[] = {
    NEW_YEAR, AUSTRALIA_DAY, NTH("Labour Day", 3, 1, MON, 0, 0), GOOD_FRIDAY,
    EASTER("Easter Sunday", 0, 2022), EASTER_MONDAY,
    FIXED("Anzac Day", 4, 25, ADD, 0, 0), NTH("Western Australia Day", 6, 1, MON, 0, 0),
    CHRISTMAS, BOXING};

static const lf_holiday_rule act[] = {
    NEW_YEAR, AUSTRALIA_DAY, NTH("Canberra Day", 3, 3, MON, 0, 2007),
    NTH("Canberra Day", 3, 2, MON, 2008, 0), GOOD_FRIDAY, EASTER_SATURDAY,
    EASTER("Easter Sunday", 0, 0), EASTER_MONDAY, QUEEN_JUNE, KING_JUNE, LABOUR_OCT,
    CHRISTMAS, BOXING};

static const lf_holiday_rule nt[] = {
    NEW_YEAR, AUSTRALIA_DAY, GOOD_FRIDAY, EASTER_SATURDAY, EASTER_MONDAY,
    FIXED("Anzac Day", 4, 25, ADD, 0, 0), NTH("May Day", 5, 1, MON, 0, 0), QUEEN_JUNE,
    KING_JUNE, NTH("Picnic Day", 8, 1, MON, 0, 0), CHRISTMAS, BOXING};

/* How a state treats Anzac Day on a weekend, when its rule table does not. */
enum anzac { ANZAC_IN_TABLE, ANZAC_NEVER_MOVED, ANZAC_SUNDAY_TO_MONDAY };

typedef struct state {
    const char *code;
    const lf_holiday_rule *rules;
    size_t nrules;
    enum anzac anzac;
    int easter_tuesday_2011; /* Tuesday added when Anzac Day is Easter Monday */
} state;

#define STATE(code, r, anzac, tue) {code, r, sizeof r / sizeof r[0], anzac, tue}

static const state states[] = {
    STATE("NSW", nsw, ANZAC_NEVER_MOVED, 1),      STATE("VIC", vic, ANZAC_NEVER_MOVED, 1),
    STATE("QLD", qld, ANZAC_NEVER_MOVED, 1), STATE("SA", sa, ANZAC_SUNDAY_TO_MONDAY, 0),
    STATE("TAS", tas, ANZAC_NEVER_MOVED, 1),      STATE("WA", wa, ANZAC_IN_TABLE, 1),
    STATE("ACT", act, ANZAC_SUNDAY_TO_MONDAY, 1), STATE("NT", nt, ANZAC_IN_TABLE, 1),
};

/* Grand Final Friday as announced; 0 = no holiday that year. */
static const long grand_final_friday[] = {
    20151002, 20160930, 20170929, 20180928, 20190927, 20201023,
    20210924, 20220923, 20230929, 20240927, 20250926};

/* ACT Family & Community Day, 2007-2017 (tied to school holidays each year;
 * dates as python3-holidays lists them, 2007-2009 the first Tuesday of November). */
static const long act_family_day[] = {20071106, 20081104, 20091103, 20100927,
                                      20111010, 20121008, 20130930, 20140929,
                                      20150928, 20160926, 20170925};

static lf_date ymd(long v)
{
    return lf_date_from_ymd((int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100));
}

static int one_day(lf_calendar *cal, lf_date d, const char *name, lf_error *err)
{
    return lf_calendar_add_span(cal, d, d, name, 0, err);
}

static int add_table(lf_calendar *cal, const long *days, size_t n, const char *name,
                     lf_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (one_day(cal, ymd(days[i]), name, err) != LF_OK)
            return err ? err->code : LF_ERR_NOMEM;
    return LF_OK;
}

/* Anzac Day for the states whose rule table leaves it out, and the Tuesday
 * after an Easter Monday Anzac Day. */
static int anzac_year(lf_calendar *cal, const state *s, int y, lf_error *err)
{
    lf_date d = lf_date_from_ymd(y, 4, 25);
    int rc = LF_OK;
    if (s->anzac != ANZAC_IN_TABLE)
        rc = one_day(cal, d, "Anzac Day", err);
    if (rc == LF_OK && s->anzac == ANZAC_SUNDAY_TO_MONDAY && lf_date_weekday(d) == LF_SUNDAY)
        rc = one_day(cal, d + 1, "Anzac Day", err);
    if (rc == LF_OK && s->easter_tuesday_2011 && d == lf_date_easter(y) + 1)
        rc = one_day(cal, d + 1, "Easter Tuesday", err);
    return rc;
}

/* WA's sovereign's birthday: the Monday on or before Oct 1, but the Friday of
 * CHOGM in Perth in 2011. */
static int wa_birthday(lf_calendar *cal, int y, lf_error *err)
{
    const char *name = y >= 2023 ? "King's Birthday" : "Queen's Birthday";
    if (y == 2011)
        return one_day(cal, lf_date_from_ymd(2011, 10, 28), name, err);
    lf_date oct1 = lf_date_from_ymd(y, 10, 1);
    return one_day(cal, oct1 - (lf_date_weekday(oct1) - 1), name, err);
}

/* VIC Grand Final Friday, WA's sovereign's birthday and ACT Reconciliation Day:
 * dates no rule kind covers. */
static int special_year(lf_calendar *cal, const state *s, int y, lf_error *err)
{
    if (strcmp(s->code, "VIC") == 0 && y > 2025) {
        lf_date last_sat = 0;
        lf_date_nth_weekday(y, 9, LF_SATURDAY, -1, &last_sat, NULL);
        return one_day(cal, last_sat - 1, "Grand Final Friday", err);
    }
    if (strcmp(s->code, "WA") == 0)
        return wa_birthday(cal, y, err);
    if (strcmp(s->code, "ACT") == 0 && y >= 2018) {
        lf_date may27 = lf_date_from_ymd(y, 5, 27); /* the Monday on or after it */
        return one_day(cal, may27 + (8 - lf_date_weekday(may27)) % 7, "Reconciliation Day",
                       err);
    }
    return LF_OK;
}

static int add_state(lf_calendar *cal, const state *s, lf_error *err)
{
    int rc = lf_calendar_add_rules(cal, s->rules, s->nrules, err);
    for (int y = lf_calendar_first_year(cal); rc == LF_OK && y <= lf_calendar_last_year(cal); y++) {
        rc = anzac_year(cal, s, y, err);
        if (rc == LF_OK)
            rc = special_year(cal, s, y, err);
    }
    if (rc == LF_OK && strcmp(s->code, "VIC") == 0)
        rc = add_table(cal, grand_final_friday, sizeof grand_final_friday / sizeof(long),
                       "Grand Final Friday", err);
    if (rc == LF_OK && strcmp(s->code, "ACT") == 0)
        rc = add_table(cal, act_family_day, sizeof act_family_day / sizeof(long),
                       "Family & Community Day", err);
    if (rc == LF_OK)
        rc = one_day(cal, lf_date_from_ymd(2022, 9, 22), "National Day of Mourning", err);
    return rc;
}

int lf_calendar_add_au(lf_calendar *cal, const char *code, lf_error *err)
{
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcasecmp(states[i].code, code) == 0)
            return add_state(cal, &states[i], err);
    return lf_error_set(err, LF_ERR_NOTFOUND, "no Australian state '%s'", code);
}
