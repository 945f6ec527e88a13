# Reference values for tests/test_stl.c from R: stats::stl (the netlib
# Fortran) and forecast::mstl (forecast 8.20).
#
# Rerun from the repository root, after stl_reference.py (which writes the two
# inputs read here, synthetic.csv and nsw_daily.csv):
#     Rscript tests/reference/stl/stl_reference.R
#
# Files written (numbers with 17 significant digits), case,what,index,value
# at the first and last 20 indices and every 4th (synthetic) or 25th (NSW):
#   stl_r.csv    what = seasonal, trend, weight (robust cases only)
#     r_nsw_week             stl(ts(nsw, frequency = 7), s.window = 7)
#     r_nsw_week_periodic    stl(ts(nsw, frequency = 7), s.window = "periodic")
#     r_nsw_year_robust      stl(ts(nsw1095, frequency = 365), s.window = 13, robust = TRUE)
#     r_syn_periodic_robust  stl(ts(syn, frequency = 30), s.window = "periodic", robust = TRUE)
#     r_syn_custom           stl(ts(syn, frequency = 7), s.window = 9, s.degree = 1,
#                                t.window = 15, l.window = 7, t.degree = 0, s.jump = 1,
#                                inner = 3, outer = 2)
#   mstl_r.csv   what = seasonal<period>, trend, remainder; nused = number of
#                periods kept (index 0)
#     m_nsw                  mstl(msts(nsw, seasonal.periods = c(7, 365)), lambda = NULL)
#     m_nsw_364_robust       mstl(msts(nsw1095, seasonal.periods = c(7, 364)), robust = TRUE)
#     m_syn_dropped          mstl(msts(syn, seasonal.periods = c(7, 30, 120)))
#                            (n = 240: 120 has only two periods and is dropped)
#     m_syn_custom           mstl(msts(syn, seasonal.periods = c(7, 30)), iterate = 3,
#                                 s.window = c(9, 21), t.window = 41, s.degree = 1)
#     m_syn_periodic         mstl(msts(syn, seasonal.periods = c(7, 30)),
#                                 s.window = "periodic")
#
# nsw1095 is nsw without its last day.  Robust fits need the median of the
# absolute residuals; stl.f takes it from a partial sort (psort) to which it
# passes the two middle indices in descending order, n/2 + 1 then n/2, and
# psort assumes them ascending: for an even n it then misses one of the two
# order statistics now and then (about 1 call in 18 on random data, and in
# the 14th robustness round of stl(ts(nsw, frequency = 365), s.window = 13,
# robust = TRUE)), and R's robustness weights are off by a few percent from
# that round on.  libforecast uses the true median, as statsmodels does.  For
# an odd n the two indices coincide and R is right: the robust R cases use
# 1095 days.
suppressPackageStartupMessages(library(forecast))

here <- "tests/reference/stl"
syn <- read.csv(file.path(here, "synthetic.csv"))$y
nsw <- read.csv(file.path(here, "nsw_daily.csv"))$energy_mwh
stopifnot(length(syn) == 240, length(nsw) == 1096)
nsw1095 <- nsw[1:1095]

keep <- function(n, every) {
  i <- seq_len(n) - 1
  i[i < 20 | i >= n - 20 | i %% every == 0]
}

rows <- function(case, what, v, every) {
  i <- keep(length(v), every)
  sprintf("%s,%s,%d,%.17g", case, what, i, v[i + 1])
}

stl_rows <- function(case, fit, every, robust) {
  ts <- fit$time.series
  out <- c(rows(case, "seasonal", as.numeric(ts[, "seasonal"]), every),
           rows(case, "trend", as.numeric(ts[, "trend"]), every))
  if (robust) out <- c(out, rows(case, "weight", fit$weights, every))
  out
}

mstl_rows <- function(case, fit, every) {
  cols <- colnames(fit)
  out <- character(0)
  for (cn in cols[cols != "Data"]) {
    what <- if (cn == "Trend") "trend" else if (cn == "Remainder") "remainder" else
      paste0("seasonal", sub("Seasonal", "", cn))
    out <- c(out, rows(case, what, as.numeric(fit[, cn]), every))
  }
  nused <- sum(grepl("^Seasonal", cols))
  c(out, sprintf("%s,nused,0,%d", case, nused))
}

s <- c("case,what,index,value",
  stl_rows("r_nsw_week", stl(ts(nsw, frequency = 7), s.window = 7), 25, FALSE),
  stl_rows("r_nsw_week_periodic", stl(ts(nsw, frequency = 7), s.window = "periodic"), 25, FALSE),
  stl_rows("r_nsw_year_robust", stl(ts(nsw1095, frequency = 365), s.window = 13, robust = TRUE),
           25, TRUE),
  stl_rows("r_syn_periodic_robust",
           stl(ts(syn, frequency = 30), s.window = "periodic", robust = TRUE), 4, TRUE),
  stl_rows("r_syn_custom",
           stl(ts(syn, frequency = 7), s.window = 9, s.degree = 1, t.window = 15, l.window = 7,
               t.degree = 0, s.jump = 1, inner = 3, outer = 2), 4, TRUE))
writeLines(s, file.path(here, "stl_r.csv"))

m <- c("case,what,index,value",
  mstl_rows("m_nsw", mstl(msts(nsw, seasonal.periods = c(7, 365)), lambda = NULL), 25),
  mstl_rows("m_nsw_364_robust",
            mstl(msts(nsw1095, seasonal.periods = c(7, 364)), robust = TRUE), 25),
  mstl_rows("m_syn_dropped",
            suppressWarnings(mstl(msts(syn, seasonal.periods = c(7, 30, 120)))), 4),
  mstl_rows("m_syn_custom",
            mstl(msts(syn, seasonal.periods = c(7, 30)), iterate = 3, s.window = c(9, 21),
                 t.window = 41, s.degree = 1), 4),
  mstl_rows("m_syn_periodic",
            mstl(msts(syn, seasonal.periods = c(7, 30)), s.window = "periodic"), 4))
writeLines(m, file.path(here, "mstl_r.csv"))
