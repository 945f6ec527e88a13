/* calendar_us.c - the built-in United States federal calendar ("US"): the
 * holidays of 5 U.S.C. 6103 as observed by federal offices (a Saturday holiday
 * on the Friday before, a Sunday one on the Monday after, so New Year's Day
 * 2022, a Saturday, is observed on Friday 2021-12-31).
 *
 * Dates follow the statute's history where it changed the day: the Uniform
 * Monday Holiday Act moved Washington's Birthday, Memorial Day and Columbus Day
 * to Mondays from 1971 and Veterans Day to the 4th Monday of October for
 * 1971-1977; MLK Day from 1986, Juneteenth from 2021.  Simplifications, for
 * years no load data reaches: Thanksgiving is the 4th Thursday for every year
 * (it was the last Thursday before 1942), the Saturday-to-Friday observance is
 * applied to every year, and Inauguration Day (federal offices in the DC area
 * only, every four years) is left out.
 * Checked against python3-holidays for 1990-2030 (tests/reference/calendar/
 * us_federal.py); that package's version 0.10 predates Juneteenth.
 */
#include "calendar_internal.h"

#define NEAREST LF_OBSERVE_NEAREST_WEEKDAY

static const lf_holiday_rule us_rules[] = {
    {"New Year's Day", LF_RULE_FIXED, 1, 1, 0, 0, 0, NEAREST, 0, 0},
    {"Martin Luther King Jr. Day", LF_RULE_NTH_WEEKDAY, 1, 0, LF_MONDAY, 3, 0,
     LF_OBSERVE_NONE, 1986, 0},
    {"Washington's Birthday", LF_RULE_FIXED, 2, 22, 0, 0, 0, NEAREST, 0, 1970},
    {"Washington's Birthday", LF_RULE_NTH_WEEKDAY, 2, 0, LF_MONDAY, 3, 0, LF_OBSERVE_NONE,
     1971, 0},
    {"Memorial Day", LF_RULE_FIXED, 5, 30, 0, 0, 0, NEAREST, 0, 1970},
    {"Memorial Day", LF_RULE_NTH_WEEKDAY, 5, 0, LF_MONDAY, -1, 0, LF_OBSERVE_NONE, 1971, 0},
    {"Juneteenth", LF_RULE_FIXED, 6, 19, 0, 0, 0, NEAREST, 2021, 0},
    {"Independence Day", LF_RULE_FIXED, 7, 4, 0, 0, 0, NEAREST, 0, 0},
    {"Labor Day", LF_RULE_NTH_WEEKDAY, 9, 0, LF_MONDAY, 1, 0, LF_OBSERVE_NONE, 0, 0},
    {"Columbus Day", LF_RULE_FIXED, 10, 12, 0, 0, 0, NEAREST, 1937, 1970},
    {"Columbus Day", LF_RULE_NTH_WEEKDAY, 10, 0, LF_MONDAY, 2, 0, LF_OBSERVE_NONE, 1971, 0},
    {"Veterans Day", LF_RULE_FIXED, 11, 11, 0, 0, 0, NEAREST, 1938, 1970},
    {"Veterans Day", LF_RULE_NTH_WEEKDAY, 10, 0, LF_MONDAY, 4, 0, LF_OBSERVE_NONE, 1971,
     1977},
    {"Veterans Day", LF_RULE_FIXED, 11, 11, 0, 0, 0, NEAREST, 1978, 0},
    {"Thanksgiving Day", LF_RULE_NTH_WEEKDAY, 11, 0, LF_THURSDAY, 4, 0, LF_OBSERVE_NONE, 0,
     0},
    {"Christmas Day", LF_RULE_FIXED, 12, 25, 0, 0, 0, NEAREST, 0, 0},
};

int lf_calendar_add_us(lf_calendar *cal, lf_error *err)
{
    return lf_calendar_add_rules(cal, us_rules, sizeof us_rules / sizeof us_rules[0], err);
}
