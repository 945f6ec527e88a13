# R peers of the accuracy benchmark.
#
#     /usr/bin/Rscript bench/accuracy/peers_r.R DIR TARGET
#
# Reads DIR/daily.csv, fits on every day with a TARGET value before the holdout
# (the last 365 such days) and forecasts the holdout ex post (actual weather).
# Writes, per model M, DIR/TARGET/forecasts_M.csv (model,date,forecast,lower,upper)
# and DIR/TARGET/timing_M.csv (model,seconds,status,note). Models:
#
#   r_tbats       forecast::tbats on msts(y, c(7, 365.25)), use.parallel = FALSE;
#                 no weather; 95 % interval.
#   r_auto_arima  forecast::auto.arima(ts(y, frequency = 7), seasonal = FALSE) with
#                 regressors: Fourier terms K = 3 (weekly, i.e. all of the weekly
#                 shape) and K = 10 (annual, period 365.25), centred T and T^2, the
#                 holiday dummy; so a regression with non-seasonal ARIMA errors, as
#                 Hyndman & Athanasopoulos (FPP, "complex seasonality") recommend
#                 for long seasonal periods. Default stepwise search. 95 % interval.
#   r_prophet     prophet, linear growth, yearly + weekly seasonality, one holiday
#                 effect for every day the `holiday` column marks, extra regressors
#                 centred T and T^2; interval.width = 0.95, uncertainty.samples =
#                 1000 (the default), set.seed(1).
#
# T is tmean_c for energy_mwh and tmax_c for peak_mw, centred at its training mean
# (keeps T^2 from being collinear with T). The split, the gap filling and the file
# layout mirror bench/accuracy/common.py. Seconds are elapsed time of fit +
# forecast only (package loading excluded). A model that raises is recorded as
# failed and the next one still runs; a missing package is recorded as missing.

# Timings are single-core like use.parallel = FALSE: OpenBLAS reads its thread count
# only when R starts, so restart once with it pinned unless the caller chose one.
self <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
if (Sys.getenv("OPENBLAS_NUM_THREADS") == "" && length(self) == 1) {
  Sys.setenv(OPENBLAS_NUM_THREADS = "1", OMP_NUM_THREADS = "1")
  quit(save = "no", status = system2(file.path(R.home("bin"), "Rscript"),
                                     shQuote(c(self, commandArgs(TRUE)))))
}
Sys.setenv(TZ = "UTC")   # dates only; also stops R asking timedatectl for the zone
HOLDOUT_DAYS <- 365
TARGETS <- c("energy_mwh", "peak_mw")
MODELS <- c("r_tbats", "r_auto_arima", "r_prophet")
NEEDS <- c(r_tbats = "forecast", r_auto_arima = "forecast", r_prophet = "prophet")

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2 || !(args[2] %in% TARGETS)) {
  cat("usage: Rscript peers_r.R DIR {energy_mwh|peak_mw}\n", file = stderr())
  quit(status = 1)
}
data_dir <- args[1]
target <- args[2]
outdir <- file.path(data_dir, target)
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

# Write to a temporary file beside `path`, then rename over it: a reader sees the
# old file or the complete new one.
write_atomic <- function(df, path) {
  tmp <- tempfile(pattern = paste0(".", basename(path), "."), tmpdir = dirname(path))
  write.csv(df, tmp, row.names = FALSE, na = "")
  if (!file.rename(tmp, path)) {
    unlink(tmp)
    stop("cannot rename ", tmp, " to ", path)
  }
}

write_timing <- function(model, seconds, status, note) {
  note <- gsub("[\r\n]+", " ", note)
  write_atomic(data.frame(model = model, seconds = if (is.na(seconds)) NA else round(seconds, 4),
                          status = status, note = note),
               file.path(outdir, paste0("timing_", model, ".csv")))
}

temperature_column <- function(target) if (target == "peak_mw") "tmax_c" else "tmean_c"

# daily.csv with every day from its first to its last row; columns by name.
read_daily <- function(path) {
  d <- read.csv(path, na.strings = c("", "NA", "NaN", "nan", "null", "-"),
                stringsAsFactors = FALSE, check.names = FALSE)
  if (!("date" %in% names(d))) stop(path, ": no 'date' column")
  d$date <- as.Date(d$date, format = "%Y-%m-%d")
  if (anyNA(d$date)) stop(path, ": unparsable date")
  if (anyDuplicated(d$date)) stop(path, ": duplicate dates")
  d <- d[order(d$date), ]
  full <- data.frame(date = seq(d$date[1], d$date[nrow(d)], by = "day"))
  merge(full, d, by = "date", all.x = TRUE, sort = TRUE)
}

# Last HOLDOUT_DAYS days with a target are the test; every earlier one trains.
split_days <- function(d, target) {
  if (!(target %in% names(d))) stop("daily.csv has no column '", target, "'")
  have <- d$date[is.finite(d[[target]])]
  if (length(have) <= HOLDOUT_DAYS)
    stop(target, ": only ", length(have), " days with a value, need more than ", HOLDOUT_DAYS)
  n <- length(have)
  list(train = have[1:(n - HOLDOUT_DAYS)], test = have[(n - HOLDOUT_DAYS + 1):n])
}

# Interior gaps linearly interpolated, edges held (as pandas interpolate with
# limit_direction = "both").
fill_linear <- function(x) {
  ok <- is.finite(x)
  if (!any(ok)) stop("column has no values")
  approx(which(ok), x[ok], xout = seq_along(x), rule = 2)$y
}

# Everything the three models need, built once.
prepare <- function(d, target, sp) {
  tcol <- temperature_column(target)
  if (!(tcol %in% names(d))) stop("daily.csv has no column '", tcol, "'")
  temp <- fill_linear(d[[tcol]])
  hol_note <- ""
  if ("holiday" %in% names(d)) {
    hol <- as.numeric(!is.na(d$holiday) & d$holiday != 0)
  } else {
    hol <- rep(0, nrow(d))
    hol_note <- "no holiday column: holiday terms omitted"
  }
  train_end <- sp$train[length(sp$train)]
  span <- which(d$date >= sp$train[1] & d$date <= train_end)     # unbroken training span
  ahead <- which(d$date > train_end & d$date <= sp$test[length(sp$test)])
  in_train <- d$date %in% sp$train
  tc <- temp - mean(temp[in_train])
  list(tcol = tcol, temp_c = tc, hol = hol, hol_note = hol_note, span = span, ahead = ahead,
       in_train = in_train,
       # Time-series models need an unbroken series: fill interior target gaps
       # linearly (lfc's daily files for the benchmark have none).
       y_span = fill_linear(d[[target]][span]))
}

# Rows of the forecast that fall on test days, as the output frame.
as_output <- function(model, d, p, sp, mean, lower, upper) {
  dates <- d$date[p$ahead]
  keep <- dates %in% sp$test
  if (sum(keep) != length(sp$test)) stop("forecast does not cover the holdout")
  data.frame(model = model, date = format(dates[keep], "%Y-%m-%d"), forecast = as.numeric(mean)[keep],
             lower = as.numeric(lower)[keep], upper = as.numeric(upper)[keep])
}

fit_tbats <- function(d, p, sp) {
  y <- forecast::msts(p$y_span, seasonal.periods = c(7, 365.25))
  fit <- forecast::tbats(y, use.parallel = FALSE)
  fc <- forecast::forecast(fit, h = length(p$ahead), level = 95)
  list(out = as_output("r_tbats", d, p, sp, fc$mean, fc$lower[, 1], fc$upper[, 1]),
       note = as.character(fit))
}

fit_auto_arima <- function(d, p, sp) {
  h <- length(p$ahead)
  seas <- forecast::msts(p$y_span, seasonal.periods = c(7, 365.25))
  K <- c(3, 10)
  x_train <- cbind(forecast::fourier(seas, K = K),
                   temp = p$temp_c[p$span], temp2 = p$temp_c[p$span]^2, holiday = p$hol[p$span])
  x_ahead <- cbind(forecast::fourier(seas, K = K, h = h),
                   temp = p$temp_c[p$ahead], temp2 = p$temp_c[p$ahead]^2, holiday = p$hol[p$ahead])
  # A regressor constant in training (no holidays) makes the regression singular.
  varying <- apply(x_train, 2, function(col) length(unique(col)) > 1)
  dropped <- colnames(x_train)[!varying]
  y <- ts(p$y_span, frequency = 7)
  fit <- forecast::auto.arima(y, xreg = x_train[, varying, drop = FALSE], seasonal = FALSE)
  fc <- forecast::forecast(fit, xreg = x_ahead[, varying, drop = FALSE], level = 95)
  note <- paste0(as.character(fit), "; T=", p$tcol, "; Fourier K=3,10")
  if (length(dropped)) note <- paste0(note, "; dropped constant ", paste(dropped, collapse = "/"))
  list(out = as_output("r_auto_arima", d, p, sp, fc$mean, fc$lower[, 1], fc$upper[, 1]), note = note)
}

fit_prophet <- function(d, p, sp) {
  tr <- p$in_train
  hist <- data.frame(ds = d$date[tr], y = d[[target]][tr], temp = p$temp_c[tr], temp2 = p$temp_c[tr]^2)
  future <- data.frame(ds = d$date[p$ahead], temp = p$temp_c[p$ahead], temp2 = p$temp_c[p$ahead]^2)
  rows <- c(which(tr), p$ahead)
  hdays <- d$date[rows][p$hol[rows] == 1]
  holidays <- if (length(hdays)) data.frame(holiday = "holiday", ds = hdays) else NULL
  set.seed(1)   # uncertainty intervals are simulated
  m <- prophet::prophet(holidays = holidays, yearly.seasonality = TRUE, weekly.seasonality = TRUE,
                        daily.seasonality = FALSE, interval.width = 0.95, uncertainty.samples = 1000,
                        fit = FALSE)
  m <- prophet::add_regressor(m, "temp")
  m <- prophet::add_regressor(m, "temp2")
  m <- prophet::fit.prophet(m, hist)
  fc <- predict(m, future)
  if (!isTRUE(all.equal(as.Date(fc$ds), future$ds))) stop("prophet returned other dates")
  list(out = as_output("r_prophet", d, p, sp, fc$yhat, fc$yhat_lower, fc$yhat_upper),
       note = paste0("T=", p$tcol, if (is.null(holidays)) "; no holidays" else ""))
}

FITTERS <- list(r_tbats = fit_tbats, r_auto_arima = fit_auto_arima, r_prophet = fit_prophet)

# Read and split once; an input error fails every model with the same message.
input_error <- NULL
prep <- tryCatch({
  d <- read_daily(file.path(data_dir, "daily.csv"))
  sp <- split_days(d, target)
  list(d = d, sp = sp, p = prepare(d, target, sp))
}, error = function(e) {
  input_error <<- paste("bad input:", conditionMessage(e))
  NULL
})

# Loads the namespace now, quietly (loading chatter is noise on the console).
have_package <- function(pkg)
  suppressWarnings(suppressMessages(requireNamespace(pkg, quietly = TRUE)))

versions <- R.version.string
for (pkg in unique(NEEDS)) if (have_package(pkg))
  versions <- paste0(versions, ", ", pkg, " ", as.character(packageVersion(pkg)))
writeLines(versions, file.path(outdir, "versions_r.txt"))

for (model in MODELS) {
  fc_path <- file.path(outdir, paste0("forecasts_", model, ".csv"))
  unlink(fc_path)
  pkg <- NEEDS[[model]]
  if (!have_package(pkg)) {
    write_timing(model, NA, "missing", paste("R package", pkg, "not installed"))
    next
  }
  if (!is.null(input_error)) {
    write_timing(model, NA, "failed", input_error)
    next
  }
  # Marked failed before it runs: if R dies here the scorer sees why, not a gap.
  write_timing(model, NA, "failed", "started but did not finish (process killed or crashed)")
  warns <- character(0)
  result <- tryCatch(withCallingHandlers({
    t0 <- proc.time()[["elapsed"]]
    r <- FITTERS[[model]](prep$d, prep$p, prep$sp)
    r$seconds <- proc.time()[["elapsed"]] - t0
    r
  }, warning = function(w) {
    warns <<- c(warns, conditionMessage(w))
    invokeRestart("muffleWarning")
  }, message = function(m) {
    # Informational chatter from the fitting packages is noise on the console.
    invokeRestart("muffleMessage")
  }), error = function(e) e)
  if (inherits(result, "error")) {
    msg <- paste0("error: ", conditionMessage(result))
    cat(model, target, msg, "\n", file = stderr())
    write_timing(model, NA, "failed", msg)
    next
  }
  if (!all(is.finite(result$out$forecast))) {
    write_timing(model, NA, "failed", "non-finite forecast")
    next
  }
  note <- result$note
  if (nzchar(prep$p$hol_note)) note <- paste0(note, "; ", prep$p$hol_note)
  if (length(warns)) note <- paste0(note, "; warning: ", warns[1])
  write_atomic(result$out, fc_path)
  write_timing(model, result$seconds, "ok", note)
  cat(sprintf("%s %s: %.2f s, %s\n", model, target, result$seconds, note))
}
