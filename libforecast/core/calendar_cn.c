/* calendar_cn.c - the built-in China calendar ("CN"): the lunar calendar
 * (1901-2099), the Qingming solar term, the State Council's announced days off
 * and make-up working days (调休) for 2008-2026, and the rules used for the
 * years no announcement covers.
 *
 * Which source decides a year: the State Council notice for that year when one
 * is shipped (notice years 2008..2026; a notice can place days in December of
 * the year before, e.g. New Year 2019 = 2018-12-30..2019-01-01), otherwise the
 * fallback rules below.  Holiday names are English so blocks read well:
 * "New Year", "Spring Festival", "Qingming", "Labour Day", "Dragon Boat",
 * "Mid-Autumn", "National Day" (and the one-off "Victory Day" of 2015).
 *
 * Fallback (assumption: only the statutory days off are predictable; make-up
 * working days depend on each year's notice and are never guessed):
 *   years after 2026 - the 2025 statute (State Council decree 795, 13 days):
 *     New Year         Jan 1
 *     Spring Festival  eve (last day of lunar month 12) through lunar 1/7, 8 days
 *                      (the 2025 arrangement; 2026 added one more day before the
 *                      eve only to line the week up with a weekend)
 *     Qingming         the solar-term day
 *     Labour Day       May 1-5 (every notice since 2020 gives five days)
 *     Dragon Boat      lunar 5/5
 *     Mid-Autumn       lunar 8/15
 *     National Day     Oct 1-7; when Mid-Autumn falls on Sep 29..Oct 8 the two
 *                      merge into 8 days starting at the earlier of Mid-Autumn
 *                      and Oct 1 (as in 2009, 2012, 2017, 2020, 2023, 2025)
 *   In every fallback era a single-day holiday on a Saturday or Sunday also
 *     gives the following Monday off, as every notice has done (Qingming 2015,
 *     Dragon Boat 2015 and 2025, New Year 2011, 2017, 2022) - 2015's Sunday
 *     Mid-Autumn is the one exception, absorbed into National Day that year.
 *   1999..2007 - the 1999 statute ("golden weeks"): New Year Jan 1, Spring
 *     Festival lunar 1/1-1/7 (from 2000), Labour Day May 1-7 (from 2000),
 *     National Day Oct 1-7 (from 1999).  No Qingming, Dragon Boat or Mid-Autumn
 *     holiday before 2008.
 *   before that - the 1949 statute, applied to every earlier year for want of
 *     anything better: New Year Jan 1, Spring Festival lunar 1/1-1/3, Labour
 *     Day May 1, National Day Oct 1-2.
 */
#include <math.h>
#include <stddef.h>

#include "calendar_internal.h"

/* ---- lunar calendar ------------------------------------------------------------
 * One word per lunar year 1901..2099, built from python3-lunardate by
 * tests/reference/calendar/cn_lunar.py --c-table and checked for every year by
 * the test against that package's dates (tests/fixtures/calendar/cn_lunar.csv):
 *   bits 0-12  month i (in calendar order, a leap month right after its
 *              namesake) has 30 days, else 29
 *   bits 13-16 the leap month, 0 for none
 *   bits 17-22 days from Jan 1 to lunar 1/1 (Spring Festival)
 * A table rather than astronomy because the civil calendar is what people
 * follow, and it is fixed by announcement (e.g. the 2033 leap month). */
static const unsigned long lunar_years[] = {
    0x620752, 0x4c0ea5, 0x38b64a, 0x5c064b, 0x440a9b, 0x309556, 0x56056a, 0x400b59,
    0x2a5752, 0x500752, 0x3adb25, 0x600b25, 0x480a4b, 0x32b4ab, 0x5802ad, 0x42056b,
    0x2c4b69, 0x520da9, 0x3efd92, 0x640e92, 0x4c0d25, 0x36ba4d, 0x5c0a56, 0x4602b6,
    0x2e95b5, 0x5606d4, 0x400ea9, 0x2c5e92, 0x500e92, 0x3acd26, 0x5e052b, 0x480a57,
    0x32b2d6, 0x580b5a, 0x4406d4, 0x2e6ec9, 0x520749, 0x3cf693, 0x620a93, 0x4c052b,
    0x34ca5b, 0x5a0aad, 0x46056a, 0x309b55, 0x560ba4, 0x400b49, 0x2a5a93, 0x500a95,
    0x38f52d, 0x5e0536, 0x480aad, 0x34b5aa, 0x5805b2, 0x420ba5, 0x2e7d4a, 0x540b4a,
    0x3d0a95, 0x600a97, 0x4c0556, 0x36cab5, 0x5a0ad5, 0x4606d2, 0x308ea5, 0x560ea5,
    0x40064a, 0x286c97, 0x4e0a9b, 0x3af55a, 0x5e056a, 0x480b69, 0x34b752, 0x5a0b52,
    0x420b25, 0x2c964b, 0x520a4b, 0x3d14ab, 0x6002ad, 0x4a05ad, 0x36cb69, 0x5c0da9,
    0x460d92, 0x309d25, 0x560d25, 0x415a4d, 0x640a56, 0x4e02b6, 0x38c5b5, 0x5e06d5,
    0x480ea9, 0x34be92, 0x5a0e92, 0x440d26, 0x2c6a56, 0x500a57, 0x3d14d6, 0x62035a,
    0x4a06d5, 0x36b6c9, 0x5c0749, 0x460693, 0x2e952b, 0x54052b, 0x3e0a5b, 0x2a555a,
    0x4e056a, 0x38fb55, 0x600ba4, 0x4a0b49, 0x32ba93, 0x580a95, 0x42052d, 0x2c8aad,
    0x500ab5, 0x3d35aa, 0x6205d2, 0x4c0da5, 0x36dd4a, 0x5c0d4a, 0x460c95, 0x30952e,
    0x540556, 0x3e0ab5, 0x2a55b2, 0x5006d2, 0x38cea5, 0x5e0725, 0x48064b, 0x32ac97,
    0x560cab, 0x42055a, 0x2c6ad6, 0x520b69, 0x3d7752, 0x620b52, 0x4c0b25, 0x36da4b,
    0x5a0a4b, 0x4404ab, 0x2ea55b, 0x5405ad, 0x3e0b6a, 0x2a5b52, 0x500d92, 0x3afd25,
    0x5e0d25, 0x480a55, 0x32b4ad, 0x5804b6, 0x4005b5, 0x2c6daa, 0x520ec9, 0x3f1e92,
    0x620e92, 0x4c0d26, 0x36ca56, 0x5a0a57, 0x440556, 0x2e86d5, 0x540755, 0x400749,
    0x286e93, 0x4e0693, 0x38f52b, 0x5e052b, 0x460a5b, 0x32b55a, 0x58056a, 0x420b65,
    0x2c974a, 0x520b4a, 0x3d1a95, 0x620a95, 0x4a052d, 0x34caad, 0x5a0ab5, 0x4605aa,
    0x2e8ba5, 0x540da5, 0x400d4a, 0x2a7c95, 0x4e0c96, 0x38f94e, 0x5e0556, 0x480ab5,
    0x32b5b2, 0x5806d2, 0x420ea5, 0x2e8e4a, 0x50068b, 0x3b0c97, 0x6004ab, 0x4a055b,
    0x34cad6, 0x5a0b6a, 0x460752, 0x309725, 0x540b45, 0x3e0a8b, 0x28549b,
};

#define LUNAR_FIRST 1901
#define LUNAR_LAST 2099

int lf_cn_lunar_date(int year, int month, int day, lf_date *out)
{
    if (year < LUNAR_FIRST || year > LUNAR_LAST || month < 1 || month > 12 || day < 1 ||
        day > 30)
        return LF_ERR_RANGE;
    unsigned long info = lunar_years[year - LUNAR_FIRST];
    int leap = (int)((info >> 13) & 0xF);
    lf_date d = lf_date_from_ymd(year, 1, 1) + (lf_date)((info >> 17) & 0x3F);
    int index = 0;
    for (int m = 1; m < month; m++) {
        d += 29 + (int)((info >> index++) & 1);
        if (m == leap)
            d += 29 + (int)((info >> index++) & 1);
    }
    if (day > 29 + (int)((info >> index) & 1))
        return LF_ERR_RANGE;
    *out = d + day - 1;
    return LF_OK;
}

static lf_date lunar(int year, int month, int day)
{
    lf_date d = 0;
    lf_cn_lunar_date(year, month, day, &d); /* callers stay within the table */
    return d;
}

/* ---- Qingming ------------------------------------------------------------------
 * The day (Beijing time, UTC+8) the Sun's apparent longitude reaches 15 degrees.
 * Solar longitude from Meeus, Astronomical Algorithms ch. 25 (low accuracy:
 * about 0.01 degree, i.e. a quarter of an hour); delta-T from the Espenak-Meeus
 * polynomials.  Compared with python3-ephem the instant is off by at most
 * 13 minutes over 1901-2099, while the instants nearest midnight are 1943
 * (00:11) and 2071 (00:10): the low-accuracy formula is enough because every
 * year of the supported span has been checked (tests/reference/calendar/
 * cn_qingming.py).  Re-check before widening the span. */

static double delta_t_seconds(int y)
{
    double t;
    if (y < 1920) {
        t = y - 1900;
        return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
               0.000197 * t * t * t * t;
    }
    if (y < 1941) {
        t = y - 1920;
        return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
    if (y < 1961) {
        t = y - 1950;
        return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    }
    if (y < 1986) {
        t = y - 1975;
        return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
    if (y < 2005) {
        t = y - 2000;
        return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
               0.000651814 * pow(t, 4) + 0.00002373599 * pow(t, 5);
    }
    if (y < 2050) {
        t = y - 2000;
        return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    t = (y - 1820) / 100.0;
    return -20 + 32 * t * t - 0.5628 * (2150 - y);
}

/* Apparent geocentric longitude of the Sun (degrees, 0..360) at Julian
 * Ephemeris Day jde. */
static double solar_longitude(double jde)
{
    const double rad = 3.14159265358979323846 / 180;
    double t = (jde - 2451545.0) / 36525;
    double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    double m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * rad;
    double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) +
               (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m);
    double omega = (125.04 - 1934.136 * t) * rad;
    double lambda = fmod(l0 + c - 0.00569 - 0.00478 * sin(omega), 360.0);
    return lambda < 0 ? lambda + 360 : lambda; /* fmod keeps the sign (before 2000) */
}

lf_date lf_cn_qingming(int year)
{
    /* Julian Day of 1970-01-01 00:00 UT is 2440587.5. */
    double lo = 2440587.5 + lf_date_from_ymd(year, 3, 30);
    double hi = 2440587.5 + lf_date_from_ymd(year, 4, 10);
    double dt = delta_t_seconds(year) / 86400;
    while (hi - lo > 1e-6) { /* well under a second */
        double mid = (lo + hi) / 2;
        if (solar_longitude(mid + dt) < 15.0)
            lo = mid;
        else
            hi = mid;
    }
    return (lf_date)floor(hi + 8.0 / 24 - 2440587.5);
}

/* ---- State Council notices, 2008-2026 ------------------------------------------
 * Every day off listed as announced ("X日至Y日放假调休"; a single day when the
 * notice says "X日放假，与周末连休", so the adjoining weekend stays a weekend)
 * and every make-up working day (上班).  Dates are YYYYMMDD.
 * Checks: the test verifies for each notice that weekdays off minus make-up
 * days equals the statutory days (11 to 2024, 13 from 2025), that every
 * make-up day is a Saturday or Sunday, and that each lunar/solar holiday falls
 * inside its span; and compares 2018-2023 day by day with python3-workalendar.
 * Where workalendar disagrees the notice wins:
 *   2020  the Spring Festival break was extended to Feb 2 (国办发明电〔2020〕1号,
 *         COVID-19), cancelling the Feb 1 make-up day; workalendar keeps the
 *         original Jan 24-30 with Jan 31 and Feb 1 worked.  These two days are
 *         the only differences over 2018-2023.
 * Other notes: 2015 had a one-off Victory Day holiday (Sep 3-5, Sep 6 worked,
 * 70th anniversary of the end of the war); that year Mid-Autumn fell on a
 * Sunday with no weekday of its own.  2019's Labour Day is the revised notice
 * of March 2019 (May 1-4, Apr 28 and May 5 worked), not the first one (May 1). */

enum { NY, SF, QM, LD, DB, MA, ND, VD };
static const char *const cn_names[] = {"New Year",    "Spring Festival", "Qingming",
                                       "Labour Day",  "Dragon Boat",     "Mid-Autumn",
                                       "National Day", "Victory Day"};

typedef struct notice_row {
    short year;    /* notice year */
    char work;     /* 1 = make-up working day */
    char holiday;  /* index into cn_names */
    long first, last;
} notice_row;

#define OFF(y, h, a, b) {y, 0, h, a, b}
#define WORK(y, h, a) {y, 1, h, a, a}

static const notice_row notices[] = {
    /* 2008 国办发明电〔2007〕40号 */
    OFF(2008, NY, 20071230, 20080101), WORK(2008, NY, 20071229),
    OFF(2008, SF, 20080206, 20080212), WORK(2008, SF, 20080202), WORK(2008, SF, 20080203),
    OFF(2008, QM, 20080404, 20080406),
    OFF(2008, LD, 20080501, 20080503), WORK(2008, LD, 20080504),
    OFF(2008, DB, 20080607, 20080609),
    OFF(2008, MA, 20080913, 20080915),
    OFF(2008, ND, 20080929, 20081005), WORK(2008, ND, 20080927), WORK(2008, ND, 20080928),
    /* 2009 */
    OFF(2009, NY, 20090101, 20090103), WORK(2009, NY, 20090104),
    OFF(2009, SF, 20090125, 20090131), WORK(2009, SF, 20090124), WORK(2009, SF, 20090201),
    OFF(2009, QM, 20090404, 20090406),
    OFF(2009, LD, 20090501, 20090503),
    OFF(2009, DB, 20090528, 20090530), WORK(2009, DB, 20090531),
    OFF(2009, ND, 20091001, 20091008), OFF(2009, MA, 20091003, 20091003),
    WORK(2009, ND, 20090927), WORK(2009, ND, 20091010),
    /* 2010 */
    OFF(2010, NY, 20100101, 20100103),
    OFF(2010, SF, 20100213, 20100219), WORK(2010, SF, 20100220), WORK(2010, SF, 20100221),
    OFF(2010, QM, 20100403, 20100405),
    OFF(2010, LD, 20100501, 20100503),
    OFF(2010, DB, 20100614, 20100616), WORK(2010, DB, 20100612), WORK(2010, DB, 20100613),
    OFF(2010, MA, 20100922, 20100924), WORK(2010, MA, 20100919), WORK(2010, MA, 20100925),
    OFF(2010, ND, 20101001, 20101007), WORK(2010, ND, 20100926), WORK(2010, ND, 20101009),
    /* 2011 */
    OFF(2011, NY, 20110101, 20110103),
    OFF(2011, SF, 20110202, 20110208), WORK(2011, SF, 20110130), WORK(2011, SF, 20110212),
    OFF(2011, QM, 20110403, 20110405), WORK(2011, QM, 20110402),
    OFF(2011, LD, 20110430, 20110502),
    OFF(2011, DB, 20110604, 20110606),
    OFF(2011, MA, 20110910, 20110912),
    OFF(2011, ND, 20111001, 20111007), WORK(2011, ND, 20111008), WORK(2011, ND, 20111009),
    /* 2012 */
    OFF(2012, NY, 20120101, 20120103), WORK(2012, NY, 20111231),
    OFF(2012, SF, 20120122, 20120128), WORK(2012, SF, 20120121), WORK(2012, SF, 20120129),
    OFF(2012, QM, 20120402, 20120404), WORK(2012, QM, 20120331), WORK(2012, QM, 20120401),
    OFF(2012, LD, 20120429, 20120501), WORK(2012, LD, 20120428),
    OFF(2012, DB, 20120622, 20120624),
    OFF(2012, ND, 20120930, 20121007), OFF(2012, MA, 20120930, 20120930),
    WORK(2012, ND, 20120929),
    /* 2013 */
    OFF(2013, NY, 20130101, 20130103), WORK(2013, NY, 20130105), WORK(2013, NY, 20130106),
    OFF(2013, SF, 20130209, 20130215), WORK(2013, SF, 20130216), WORK(2013, SF, 20130217),
    OFF(2013, QM, 20130404, 20130406), WORK(2013, QM, 20130407),
    OFF(2013, LD, 20130429, 20130501), WORK(2013, LD, 20130427), WORK(2013, LD, 20130428),
    OFF(2013, DB, 20130610, 20130612), WORK(2013, DB, 20130608), WORK(2013, DB, 20130609),
    OFF(2013, MA, 20130919, 20130921), WORK(2013, MA, 20130922),
    OFF(2013, ND, 20131001, 20131007), WORK(2013, ND, 20130929), WORK(2013, ND, 20131012),
    /* 2014 */
    OFF(2014, NY, 20140101, 20140101),
    OFF(2014, SF, 20140131, 20140206), WORK(2014, SF, 20140126), WORK(2014, SF, 20140208),
    OFF(2014, QM, 20140405, 20140407),
    OFF(2014, LD, 20140501, 20140503), WORK(2014, LD, 20140504),
    OFF(2014, DB, 20140531, 20140602),
    OFF(2014, MA, 20140906, 20140908),
    OFF(2014, ND, 20141001, 20141007), WORK(2014, ND, 20140928), WORK(2014, ND, 20141011),
    /* 2015 */
    OFF(2015, NY, 20150101, 20150103), WORK(2015, NY, 20150104),
    OFF(2015, SF, 20150218, 20150224), WORK(2015, SF, 20150215), WORK(2015, SF, 20150228),
    OFF(2015, QM, 20150405, 20150406),
    OFF(2015, LD, 20150501, 20150501),
    OFF(2015, DB, 20150620, 20150620), OFF(2015, DB, 20150622, 20150622),
    OFF(2015, VD, 20150903, 20150905), WORK(2015, VD, 20150906),
    OFF(2015, MA, 20150927, 20150927),
    OFF(2015, ND, 20151001, 20151007), WORK(2015, ND, 20151010),
    /* 2016 */
    OFF(2016, NY, 20160101, 20160101),
    OFF(2016, SF, 20160207, 20160213), WORK(2016, SF, 20160206), WORK(2016, SF, 20160214),
    OFF(2016, QM, 20160404, 20160404),
    OFF(2016, LD, 20160501, 20160502),
    OFF(2016, DB, 20160609, 20160611), WORK(2016, DB, 20160612),
    OFF(2016, MA, 20160915, 20160917), WORK(2016, MA, 20160918),
    OFF(2016, ND, 20161001, 20161007), WORK(2016, ND, 20161008), WORK(2016, ND, 20161009),
    /* 2017 */
    OFF(2017, NY, 20170101, 20170102),
    OFF(2017, SF, 20170127, 20170202), WORK(2017, SF, 20170122), WORK(2017, SF, 20170204),
    OFF(2017, QM, 20170402, 20170404), WORK(2017, QM, 20170401),
    OFF(2017, LD, 20170501, 20170501),
    OFF(2017, DB, 20170528, 20170530), WORK(2017, DB, 20170527),
    OFF(2017, ND, 20171001, 20171008), OFF(2017, MA, 20171004, 20171004),
    WORK(2017, ND, 20170930),
    /* 2018 */
    OFF(2018, NY, 20180101, 20180101),
    OFF(2018, SF, 20180215, 20180221), WORK(2018, SF, 20180211), WORK(2018, SF, 20180224),
    OFF(2018, QM, 20180405, 20180407), WORK(2018, QM, 20180408),
    OFF(2018, LD, 20180429, 20180501), WORK(2018, LD, 20180428),
    OFF(2018, DB, 20180618, 20180618),
    OFF(2018, MA, 20180924, 20180924),
    OFF(2018, ND, 20181001, 20181007), WORK(2018, ND, 20180929), WORK(2018, ND, 20180930),
    /* 2019 */
    OFF(2019, NY, 20181230, 20190101), WORK(2019, NY, 20181229),
    OFF(2019, SF, 20190204, 20190210), WORK(2019, SF, 20190202), WORK(2019, SF, 20190203),
    OFF(2019, QM, 20190405, 20190405),
    OFF(2019, LD, 20190501, 20190504), WORK(2019, LD, 20190428), WORK(2019, LD, 20190505),
    OFF(2019, DB, 20190607, 20190607),
    OFF(2019, MA, 20190913, 20190913),
    OFF(2019, ND, 20191001, 20191007), WORK(2019, ND, 20190929), WORK(2019, ND, 20191012),
    /* 2020 (Spring Festival as extended on 2020-01-27) */
    OFF(2020, NY, 20200101, 20200101),
    OFF(2020, SF, 20200124, 20200202), WORK(2020, SF, 20200119),
    OFF(2020, QM, 20200404, 20200406),
    OFF(2020, LD, 20200501, 20200505), WORK(2020, LD, 20200426), WORK(2020, LD, 20200509),
    OFF(2020, DB, 20200625, 20200627), WORK(2020, DB, 20200628),
    OFF(2020, ND, 20201001, 20201008), WORK(2020, ND, 20200927), WORK(2020, ND, 20201010),
    /* 2021 */
    OFF(2021, NY, 20210101, 20210103),
    OFF(2021, SF, 20210211, 20210217), WORK(2021, SF, 20210207), WORK(2021, SF, 20210220),
    OFF(2021, QM, 20210403, 20210405),
    OFF(2021, LD, 20210501, 20210505), WORK(2021, LD, 20210425), WORK(2021, LD, 20210508),
    OFF(2021, DB, 20210612, 20210614),
    OFF(2021, MA, 20210919, 20210921), WORK(2021, MA, 20210918),
    OFF(2021, ND, 20211001, 20211007), WORK(2021, ND, 20210926), WORK(2021, ND, 20211009),
    /* 2022 */
    OFF(2022, NY, 20220101, 20220103),
    OFF(2022, SF, 20220131, 20220206), WORK(2022, SF, 20220129), WORK(2022, SF, 20220130),
    OFF(2022, QM, 20220403, 20220405), WORK(2022, QM, 20220402),
    OFF(2022, LD, 20220430, 20220504), WORK(2022, LD, 20220424), WORK(2022, LD, 20220507),
    OFF(2022, DB, 20220603, 20220605),
    OFF(2022, MA, 20220910, 20220912),
    OFF(2022, ND, 20221001, 20221007), WORK(2022, ND, 20221008), WORK(2022, ND, 20221009),
    /* 2023 */
    OFF(2023, NY, 20221231, 20230102),
    OFF(2023, SF, 20230121, 20230127), WORK(2023, SF, 20230128), WORK(2023, SF, 20230129),
    OFF(2023, QM, 20230405, 20230405),
    OFF(2023, LD, 20230429, 20230503), WORK(2023, LD, 20230423), WORK(2023, LD, 20230506),
    OFF(2023, DB, 20230622, 20230624), WORK(2023, DB, 20230625),
    OFF(2023, MA, 20230929, 20230929), OFF(2023, ND, 20230930, 20231006),
    WORK(2023, ND, 20231007), WORK(2023, ND, 20231008),
    /* 2024 (the eve, Feb 9, was not a day off; employers were only encouraged) */
    OFF(2024, NY, 20240101, 20240101),
    OFF(2024, SF, 20240210, 20240217), WORK(2024, SF, 20240204), WORK(2024, SF, 20240218),
    OFF(2024, QM, 20240404, 20240406), WORK(2024, QM, 20240407),
    OFF(2024, LD, 20240501, 20240505), WORK(2024, LD, 20240428), WORK(2024, LD, 20240511),
    OFF(2024, DB, 20240610, 20240610),
    OFF(2024, MA, 20240915, 20240917), WORK(2024, MA, 20240914),
    OFF(2024, ND, 20241001, 20241007), WORK(2024, ND, 20240929), WORK(2024, ND, 20241012),
    /* 2025: first year of decree 795 (eve and May 2 become statutory) */
    OFF(2025, NY, 20250101, 20250101),
    OFF(2025, SF, 20250128, 20250204), WORK(2025, SF, 20250126), WORK(2025, SF, 20250208),
    OFF(2025, QM, 20250404, 20250406),
    OFF(2025, LD, 20250501, 20250505), WORK(2025, LD, 20250427),
    OFF(2025, DB, 20250531, 20250602),
    OFF(2025, ND, 20251001, 20251008), OFF(2025, MA, 20251006, 20251006),
    WORK(2025, ND, 20250928), WORK(2025, ND, 20251011),
    /* 2026 (published 2025-11-04) */
    OFF(2026, NY, 20260101, 20260103), WORK(2026, NY, 20260104),
    OFF(2026, SF, 20260215, 20260223), WORK(2026, SF, 20260214), WORK(2026, SF, 20260228),
    OFF(2026, QM, 20260404, 20260406),
    OFF(2026, LD, 20260501, 20260505), WORK(2026, LD, 20260509),
    OFF(2026, DB, 20260619, 20260621),
    OFF(2026, MA, 20260925, 20260927),
    OFF(2026, ND, 20261001, 20261007), WORK(2026, ND, 20260920), WORK(2026, ND, 20261010),
};

#define NOTICE_FIRST 2008
#define NOTICE_LAST 2026
#define NNOTICES (sizeof notices / sizeof notices[0])

static lf_date ymd(long v) { return lf_date_from_ymd((int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100)); }

size_t lf_cn_arrangement_count(void) { return NNOTICES; }

void lf_cn_arrangement_get(size_t i, lf_cn_arrangement *out)
{
    out->notice_year = notices[i].year;
    out->workday = notices[i].work;
    out->name = cn_names[(int)notices[i].holiday];
    out->first = ymd(notices[i].first);
    out->last = ymd(notices[i].last);
}

static int add_notice(lf_calendar *cal, int year, lf_error *err)
{
    for (size_t i = 0; i < NNOTICES; i++) {
        if (notices[i].year != year)
            continue;
        int rc = lf_calendar_add_span(cal, ymd(notices[i].first), ymd(notices[i].last),
                                      cn_names[(int)notices[i].holiday], notices[i].work,
                                      err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}

/* ---- fallback rules --------------------------------------------------------------- */

static int span(lf_calendar *cal, lf_date a, lf_date b, int h, lf_error *err)
{
    return lf_calendar_add_span(cal, a, b, cn_names[h], 0, err);
}

/* A one-day holiday, plus the Monday after when it falls on a weekend. */
static int single(lf_calendar *cal, lf_date d, int h, lf_error *err)
{
    int wd = lf_date_weekday(d), rc = span(cal, d, d, h, err);
    if (rc == LF_OK && wd >= LF_SATURDAY)
        rc = span(cal, d + (8 - wd), d + (8 - wd), h, err);
    return rc;
}

static int national_day(lf_calendar *cal, int year, lf_error *err)
{
    lf_date oct1 = lf_date_from_ymd(year, 10, 1), ma = lunar(year, 8, 15);
    if (ma < oct1 - 2 || ma > oct1 + 7) {
        int rc = span(cal, oct1, oct1 + 6, ND, err);
        return rc == LF_OK ? single(cal, ma, MA, err) : rc;
    }
    lf_date start = ma < oct1 ? ma : oct1;
    int rc = span(cal, start, start + 7, ND, err);
    return rc == LF_OK ? span(cal, ma, ma, MA, err) : rc;
}

static int modern_rules(lf_calendar *cal, int y, lf_error *err)
{
    lf_date sf = lunar(y, 1, 1);
    int rc = single(cal, lf_date_from_ymd(y, 1, 1), NY, err);
    if (rc == LF_OK)
        rc = span(cal, sf - 1, sf + 6, SF, err);
    if (rc == LF_OK)
        rc = single(cal, lf_cn_qingming(y), QM, err);
    if (rc == LF_OK)
        rc = span(cal, lf_date_from_ymd(y, 5, 1), lf_date_from_ymd(y, 5, 5), LD, err);
    if (rc == LF_OK)
        rc = single(cal, lunar(y, 5, 5), DB, err);
    return rc == LF_OK ? national_day(cal, y, err) : rc;
}

static int old_rules(lf_calendar *cal, int y, lf_error *err)
{
    int golden_sf_ld = y >= 2000, golden_nd = y >= 1999;
    lf_date sf = lunar(y, 1, 1), may1 = lf_date_from_ymd(y, 5, 1);
    lf_date oct1 = lf_date_from_ymd(y, 10, 1);
    int rc = single(cal, lf_date_from_ymd(y, 1, 1), NY, err);
    if (rc == LF_OK)
        rc = span(cal, sf, sf + (golden_sf_ld ? 6 : 2), SF, err);
    if (rc == LF_OK)
        rc = span(cal, may1, may1 + (golden_sf_ld ? 6 : 0), LD, err);
    return rc == LF_OK ? span(cal, oct1, oct1 + (golden_nd ? 6 : 1), ND, err) : rc;
}

int lf_calendar_add_cn(lf_calendar *cal, lf_error *err)
{
    int last = lf_calendar_last_year(cal) + 1; /* next year's notice may reach back */
    if (last > LUNAR_LAST)
        last = LUNAR_LAST;
    for (int y = lf_calendar_first_year(cal); y <= last; y++) {
        int rc;
        if (y >= NOTICE_FIRST && y <= NOTICE_LAST)
            rc = add_notice(cal, y, err);
        else if (y > NOTICE_LAST)
            rc = modern_rules(cal, y, err);
        else
            rc = old_rules(cal, y, err);
        if (rc != LF_OK)
            return rc;
    }
    return LF_OK;
}
