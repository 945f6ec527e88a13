/* libforecast.h - umbrella header: include this to use the whole library. */
#ifndef LIBFORECAST_H
#define LIBFORECAST_H

#define LF_VERSION_STRING "0.1.0"
#define LF_VERSION_MAJOR 0
#define LF_VERSION_MINOR 1
#define LF_VERSION_PATCH 0

#include "libforecast/error.h"
#include "libforecast/date.h"
#include "libforecast/frame.h"
#include "libforecast/calendar.h"
#include "libforecast/csv.h"
#include "libforecast/ingest.h"
#include "libforecast/aggregate.h"
#include "libforecast/project.h"
#include "libforecast/atomic.h"
#include "libforecast/config.h"
#include "libforecast/design.h"
#include "libforecast/features.h"
#include "libforecast/regress.h"
#include "libforecast/metrics.h"
#include "libforecast/model.h"
#include "libforecast/ets.h"
#include "libforecast/backtest.h"
#include "libforecast/stl.h"
#include "libforecast/scenario.h"
#include "libforecast/forecast.h"
#include "libforecast/peakshift.h"
#include "libforecast/balance.h"
#include "libforecast/tariff.h"
#include "libforecast/tariff_advice.h"
#include "libforecast/credit.h"
#include "libforecast/customers.h"
#include "libforecast/customer_value.h"
#include "libforecast/customer_segment.h"
#include "libforecast/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the library actually linked (may differ from the header's). */
const char *lf_version(void);

#ifdef __cplusplus
}
#endif
#endif
