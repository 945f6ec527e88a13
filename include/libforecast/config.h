/* libforecast/config.h - the project configuration file (YAML).
 *
 * One file describes a forecasting project: where the region's interval load,
 * the large customers' load, daily weather and economic indicators are, the
 * holiday calendar, and where output goes.  lf_config_load reads and checks
 * the whole file before anything is ingested, and turns it into the spec
 * structs of ingest.h and calendar.h, ready to pass on.
 *
 * Errors name the place and say what was expected, e.g.
 *   project.yaml:12:5: unknown key 'intervall_minutes' in 'load' (did you mean
 *   'interval_minutes'?)
 *   project.yaml:7:23: 'interval_minutes' in 'load' must be one of 5, 15, 30, 60, got 45
 * Unknown keys are errors everywhere (a misspelt optional key must not be
 * silently ignored).  Anchors, aliases, tags, several documents and duplicate
 * keys are refused.  An optional key is omitted, not left empty: `unit:` with
 * no value is an error.
 *
 * ---- Reference: every key ------------------------------------------------------
 *
 * Relative paths are resolved against the directory of the config file (the
 * base_dir of lf_config_load_string).  Only `name` is required at the top.
 *
 *   name: Sample City              project name (required)
 *   period:                        clip all data to these days (both inclusive);
 *     first: 2019-01-01            either may be omitted (open-ended); dates are
 *     last: 2024-12-31             YYYY-MM-DD, YYYY/M/D or YYYYMMDD
 *   calendar:                      holiday calendar (lf_config_build_calendar)
 *     builtin: [CN]                built-in calendars: CN, US, AU-NSW, ... (a
 *                                  single name may be written without [ ])
 *     files: [extra.csv]           CSV lists for lf_calendar_load_csv
 *     holidays:                    explicit days off; date and name required
 *       - {date: 2024-05-06, name: Local festival}
 *     workdays:                    weekend days declared working days
 *       - {date: 2024-05-11, name: Make-up day}
 *     rules:                       yearly rules (lf_holiday_rule); name required,
 *                                  and exactly one of three shapes:
 *       - {name: Founders Day, month: 6, day: 1}          fixed date
 *       - {name: Memorial Day, month: 5, weekday: mon, nth: -1}
 *                                  n-th weekday: weekday mon..sun (or monday..
 *                                  sunday), nth 1..5 or -1 (last); offset_days
 *                                  -366..366 may shift the result
 *       - {name: Good Friday, easter_offset: -2}           Easter Sunday + days
 *                                  (-366..366)
 *                                  every shape also takes
 *                                  observe: none | nearest_weekday | next_monday
 *                                    | next_free_weekday | add_monday (default none)
 *                                  first_year, last_year: 1..9999, years the rule
 *                                    applies (default unbounded)
 *     years: [1990, 2040]          calendar years; overrides the range the caller
 *                                  passes to lf_config_build_calendar
 *   load:                          the region's interval load (lf_interval_spec)
 *     path: region_load.csv        required
 *     layout: long                 long (one row per interval, default) | wide
 *                                  (one row per day, 24/48/96 value columns)
 *     interval_minutes: 60         5 | 15 | 30 | 60; omitted = inferred
 *     time_column: time            long: the timestamp column, or instead
 *     date_column: date            long: date + hour columns; wide: required,
 *     hour_column: hour              the date column
 *     hour_ending: false           hour column counts 1..24 (default false)
 *     timestamp: start             start | end: what a timestamp marks
 *     value_column: load_mw        long: required; wide: not allowed
 *     unit: MW                     kW | MW | GW | kWh | MWh (energy per
 *                                  interval); default MW
 *     temperature_column: temp_c   long only: interval temperature in the file
 *     temperature_unit: C          C | F (default C)
 *     humidity_column: rh          long only: interval relative humidity, %
 *     max_gap_intervals: 4         >= 0; longest gap filled by interpolation
 *                                  (default 4)
 *     duplicates: mean             mean | first | last | error (default mean)
 *     clock_changes: false         recognise daylight-saving hours
 *     delimiter: ","               "," | ";" | "\t" (or tab); default ","
 *   customers:                     list of large customers: every key of load,
 *     - id: C001                   plus id (required, unique; output columns
 *       name: Steel works          are prefixed "<id>_") and name (default: id)
 *       path: customers/C001.csv
 *   weather:                       daily weather history (lf_daily_weather_spec)
 *     path: weather_daily.csv      required
 *     date_column: date            required
 *     tmin_column: tmin_c          at least one of the five value columns
 *     tmax_column: tmax_c
 *     tmean_column: tmean_c
 *     humidity_column: humidity_pct
 *     rain_column: rain_mm
 *     unit: C                      C | F: temperature unit (default C)
 *     delimiter: ","
 *   economy:                       list of indicators (lf_economy_spec)
 *     - name: gdp                  required, unique: the output column
 *       path: economy.csv          required
 *       period_column: year        required
 *       value_column: gdp_bn_cny   required
 *       frequency: annual          required: annual | quarterly | monthly
 *       filter: {column: country, value: China}   optional; both keys required
 *       mapping: linear            step (default) | linear
 *       scale: 1                   non-zero multiplier (default 1)
 *       unit: bn CNY               unit text for the output
 *       delimiter: ","
 *   model:                         daily model (lfc fit; model.h, features.h)
 *     kind: regression             regression (default) | snaive (seasonal naive)
 *                                  | ets (exponential smoothing, ets.h)
 *     target: energy_mwh           daily column to explain (default energy_mwh;
 *                                  peak_mw for the daily peak)
 *     ar_order: auto               regression errors: 0 (default) none, 1..14, or
 *                                  auto (AICc over 0..ar_max)
 *     ar_max: 7                    highest order auto tries (1..14)
 *     season_lag: 7                snaive: 7 (last week) or 364 (last year)
 *     ets:                         ets: the model form (every key optional)
 *       trend: damped              none | additive | damped (default damped)
 *       season: additive           none | additive | multiplicative (default
 *                                  additive)
 *       period: 7                  season length in days, 2..400 (default 7)
 *     method: ols                  ols (default) | wls | ridge
 *     ridge_lambda: 1              ridge penalty on standardised columns (>= 0)
 *     collinear: drop              drop (default: left out with a note) | reject
 *     weights: {halflife_days: 730}  wls only: exactly one of halflife_days
 *                                  (recent days count more) or column: NAME
 *     interval: 0.95               prediction interval coverage, 0.5..0.999
 *     train: {first: 2021-01-01, last: 2023-12-31}   fitting days (default:
 *                                  all days of the data)
 *     test: {first: 2024-01-01, last: 2024-12-31}    days to predict and score
 *     features:                    every key optional; see features.h
 *       intercept: true            (default true; everything else off)
 *       trend: linear              none | linear | quadratic (years)
 *       trend_damping: 0.5         0..1 (default 1): after the training days the
 *                                  trend's slope shrinks by this per year; 0
 *                                  holds it at the last training day
 *       day_of_week: true          weekday dummies (Monday reference)
 *       month: true                month dummies (January reference)
 *       holiday: true              public holidays and days off
 *       bridge_day: true           working day between a holiday and a day off
 *       makeup_workday: true       weekend day declared a working day (调休)
 *       holiday_windows:           days before, during and after a holiday block
 *         - {holiday: Spring Festival, before: 7, after: 14}   (0..60 days)
 *       fourier: 3                 annual sin/cos harmonics (0..12)
 *       temperature:
 *         column: tmean_c          daily column (default tmean_c)
 *         polynomial: 2            0..3: T, T^2, T^3
 *         hdd: 16                  heating bases: a number, a list, or auto
 *         cdd: auto                cooling bases: a number, a list, or auto
 *         grid: {from: 10, to: 26, step: 0.5}   where auto searches (AICc)
 *           coarse: 2              optional: try every 2 degC first, then every
 *                                  step within 2 degC of the best pair (fewer fits)
 *         knots: [12, 24]          piecewise-linear spline hinges (T-k)+
 *         by_month: false          a temperature response per month
 *         by_day_type: false       a different response on days off
 *         lags: [1, 2]             yesterday's, the day before's temperature
 *         smooth: [0.5]            exponentially smoothed temperature weights
 *       humidity: humidity_pct     daily humidity column
 *       economy:                   economic drivers
 *         - {column: gdp_bn_cny, transform: log}     level (default) | log
 *       events:                    known changes: a customer connecting...
 *         - {name: smelter, kind: step, start: 2023-06-01}          (end optional)
 *         - {name: new_park, kind: ramp, start: 2022-01-01, end: 2022-06-30}
 *   candidates:                    models for lfc backtest and automatic selection
 *     - name: regression_ar        required: letters, digits, _ . + - (not auto)
 *       ar_order: auto             then any key of model except train, test and
 *     - name: ets                  interval; each candidate starts as a copy of
 *       kind: ets                  the model section and its keys replace the
 *       ets: {trend: damped}       model's (features: replaced as a whole)
 *     - {name: snaive, kind: snaive}
 *   selection:                     automatic choice among the candidates
 *     by: cv                       cv (default: rolling-origin cross-validation
 *                                  on the training days) | aicc
 *     metric: mape                 cv: mape (default) | rmse | mae | smape |
 *                                  mase | pinball, of the pooled daily values
 *     origins: 3                   cv: origins (default 3), horizon (days,
 *     horizon: 91                  default 91) and step (days between origins,
 *     step: 91                     default 91) inside the training days
 *   backtest:                      lfc backtest: rolling-origin evaluation
 *     origins: 4                   1..100 (default 1)
 *     horizon: 365                 days forecast from each origin (default 365)
 *     step: 91                     days between origins (default: horizon)
 *     first: 2012-01-01            first training day (default: model.train.first,
 *                                  else the first day with a target)
 *     last: 2014-12-31             last day evaluated (default: the last day with
 *                                  a target)
 *     aggregate: sum               monthly/yearly values: sum | max (default: max
 *                                  for a target whose name starts with "peak",
 *                                  else sum)
 *     interval: 0.95               interval coverage scored (default 0.95)
 *     min_train_days: 28           fewest training days an origin may have
 *   forecast:                      lfc forecast: monthly and yearly products
 *                                  (forecast.h, scenario.h); every key optional
 *     first: 2025-01-01            first forecast day (default: the day after the
 *                                  load data end); the models are fitted on
 *                                  model.train.first (else the first day) to the
 *                                  day before it
 *     last: 2026-12-31             last forecast day, or instead
 *     months: 24                   the horizon in months (1..360, default 12)
 *     quantiles: [0.1, 0.5, 0.9]   increasing, inside (0, 1) (default P10/50/90)
 *     energy_model: {}             keys of model (not train, test, interval) that
 *     peak_model: {target: peak_mw}  replace the model's for the energy and the
 *                                  peak model (defaults: the model as it is; the
 *                                  model with target peak_mw); false: leave out
 *     weather:                     weather scenarios from the weather history
 *       years: {first: 2005, last: 2024}   source years allowed (default all)
 *       shift_days: 0              also each year shifted -k..k days (0..15)
 *       normal: scenario_mean      scenario_mean (default) | day_mean
 *       normal_years: 30           last N source years define normal (1..200)
 *       normal_window: 7           day_mean: +- days averaged (0..30)
 *     error:                       model error added to each weather path
 *       kind: bootstrap            bootstrap (default) | model | none
 *       paths: 20                  draws per weather scenario (1..10000)
 *       block_days: 30             bootstrap block length (1..366)
 *       residuals: auto            auto (default) | out_of_sample | in_sample:
 *                                  bootstrap from rolling-origin forecast errors
 *                                  or in-sample residuals (forecast.h, step 3)
 *       origin_min_days: 730       out of sample: training days before the first
 *                                  origin (1..36600)
 *       origin_step_days: 91       days between origins (1..36600)
 *       seed: 1                    random seed (0..4294967295)
 *     scenarios:                   economic scenarios (default: one, 'base', each
 *       - name: low                driver at its default growth); up to 8
 *         economy:                 column -> path; a driver without one grows
 *           gdp_bn_cny: {growth: 3%}          at its default rate
 *           industrial_index: {growth: [2%, 2.5%]}  a rate per forecast year
 *                                  (the last repeats); 0.03 and 3% are the same
 *       - name: high
 *         economy:
 *           gdp_bn_cny: {values: {2025: 3150, 2026: 3400}}   explicit annual values
 *     new_connections:             业扩: load connecting (or leaving, negative MW)
 *       - name: Data centre        required, unique
 *         start: 2025-03-01        required: first day of load
 *         end: 2030-12-31          optional last day
 *         capacity_mw: 40          required, non-zero
 *         ramp_months: 6           0..120 (default 0: full load from start)
 *         load_factor: 0.8         exactly one of load_factor (0..1] and
 *         annual_mwh: 280000         annual_mwh (a full year at full load)
 *         coincidence: 0.9         share of capacity at the daily peak (default 1)
 *     normalize: {first: 2021-01-01, last: 2024-12-31}   history days restated
 *                                  under normal weather (default: the training days)
 *   peakshift:                     lfc peakshift: the peak-shift and orderly-
 *                                  consumption schedule (peakshift.h); the files
 *                                  are read when the schedule is made
 *                                  (lf_config_peakshift_load), not with the config
 *     portfolio: portfolio.yaml    required: the demand-response customers
 *                                  (lf_portfolio_load; the format is in
 *                                  examples/peakshift/portfolio.yaml)
 *     tiers: out/customers_tiers.csv   curtailment tiers from the customer
 *                                  evaluation (lfc customers): id,tier; they
 *                                  replace the portfolio's tiers of the
 *                                  customers listed (lf_portfolio_apply_tiers;
 *                                  default: the portfolio's own)
 *     first: 2025-06-01            days scheduled (default: the first and last
 *     last: 2025-09-30             day of the demand file)
 *     demand:                      required: the daily peak forecast
 *       file: out/forecast_daily.csv   required: lfc forecast's daily file, or
 *                                  any CSV with a date column (named date, or
 *                                  period as lfc forecast writes it) and column
 *       column: peak_mw_p90        required: the peak, MW
 *       scenario: base             the rows of this scenario when the file has a
 *                                  scenario column (default: its first scenario)
 *     limit_mw: 9200               required: the supply limit in MW, either
 *                                  a number: the same every day, or
 *       {2025-07: 9300, 2025-08: 9250}   a limit per month YYYY-MM (every
 *                                  scheduled month must be given), or
 *       {file: limit.csv, column: limit_mw}   a daily file: a date column (date
 *                                  or period) and column (default limit_mw);
 *                                  every scheduled day must be in it
 *     profile:                     optional: intraday load of peak days; each day
 *       file: peak_profile.csv     it covers gets its peak window from it (the
 *                                  hours above the day's limit, and the hour the
 *                                  window opens); other days take the portfolio's
 *                                  window_hours.  file is required, with columns
 *                                  date, time (HH:MM, the interval's start; or
 *                                  time alone, holding date and time) and column;
 *                                  24, 48 or 96 intervals a day, each once
 *       column: mw                 the value column, MW (default mw)
 *     spread_rest_days: true       stage 3 of the schedule: rest days spread over
 *                                  the week (default true)
 *     fair: true                   stage 5: fair rotation (default true)
 *     seconds_per_stage: 10        solver time limit per stage, 0.001..86400
 *                                  (default: lf_peakshift_spec_init's, 10)
 *     method: auto                 auto (default: exact up to exact_max_calls
 *                                  possible calls, greedy above) | exact | greedy
 *     exact_max_calls: 200         auto's bound, 1..100000000 (default:
 *                                  lf_peakshift_spec_init's, 200)
 *   tariff:                        lfc tariff: tariff advice for the large customers
 *                                  (tariff.h, tariff_advice.h); the files are read
 *                                  when the advice is made (lf_config_tariff_load),
 *                                  not with the config
 *     tariffs: tariffs.yaml        required: the tariffs (lf_tariff_set_load; the
 *                                  format is in examples/tariffs/tariffs.yaml)
 *     proposed: proposed.yaml      a proposed tariff table in the same format: the
 *                                  revenue change of moving every account to it
 *                                  (lf_tariff_change_impact; default: none); every
 *                                  account then needs 'current'
 *     first: 2024-01-01            days of load billed (default: the last 12 whole
 *     last: 2024-12-31             months of each customer's load; either bound
 *                                  alone runs to the end of the load's whole days)
 *     plan_year: 2025              the year of the declared-demand plan (1900..2200;
 *                                  default: the year after the last billed day)
 *     shift_shares: [0.1, 0.2, 0.3]   shares of peak-period load moved to the
 *                                  valley, each in (0, 1], at most 16 (this default)
 *     accounts:                    required, at least one, one per customer
 *       - customer: C001           required: the id of a customer of 'customers'
 *                                  (its interval file is billed, kW)
 *         class: large_industry    required: customer class (a tariff's
 *                                  eligible.classes), at most 31 bytes
 *         voltage_kv: 110          required, > 0 (at most 1000)
 *         capacity_kva: 100000     required, > 0 (at most 1e7): installed
 *                                  transformer capacity
 *         current: large_industry_tou_35_110kv   the tariff it is on now (savings
 *                                  are against it; default: none)
 *         proposed_tariff: ID      the tariff of 'proposed' it would be on (only
 *                                  with 'proposed'; default: its 'current' id)
 *         basic: capacity          capacity (default) | demand: how its two-part
 *                                  basic charge is set now
 *         declared_kw: 60000       its declared demand now, > 0 and at most
 *                                  capacity_kva (required with basic: demand)
 *         power_factor: 0.93       its monthly power factor, 0..1 (default 0: not
 *                                  metered, no adjustment)
 *         shiftable_kw: 5000       the most kW it can move out of the peak, > 0
 *                                  (default: no limit)
 *         growth: 3%               yearly growth of its maximum demand for the
 *                                  plan, 0.03 or 3%, -99%..1000% (default 0)
 *         declared_from: history   where the plan's maximum demand comes from:
 *                                  history (default: the same month of each
 *                                  earlier year of its load, grown by growth), or
 *           {forecast: forecast_monthly.csv, scenario: base}   lfc forecast's
 *                                  monthly file of this customer: its period
 *                                  (YYYY-MM) and peak_mw_pXX quantile columns (MW),
 *                                  the rows of scenario (default: the file's first)
 *   crm:                           lfc customers: the customer evaluation
 *                                  (customer_eval.h) of the CRM's records; the
 *                                  files are read when the evaluation is made
 *     customers: crm/customers.csv required: one row per customer (format in
 *                                  customers.h)
 *     monthly: crm/monthly.csv     required: monthly energy and bills
 *     payments: crm/payments.csv   bills and their payment dates (default: none;
 *                                  every customer then rates as never late)
 *     expected: expected.csv       expected monthly energy per customer, for the
 *                                  alerts with baseline expected and the deposit
 *                                  (default: none)
 *     evaluated: 2024-12-31        the evaluation date (default: the last day of
 *                                  the last month of the monthly records)
 *     window_months: 12            months ending with the evaluation month that
 *                                  profit, RFM, value and the energy CV use, 1..120
 *     cost:                        the allocated cost of profit (customer_value.h)
 *       per_kwh: {0: 0.60, 10: 0.52, 35: 0.47, 110: 0.44}   unit cost by voltage
 *                                  band: from each kV up (keys 0..1000, the first
 *                                  0, increasing), currency/kWh >= 0; replaces
 *                                  the default bands (at most 8)
 *       service_per_month: 200     per customer-month, >= 0
 *     abc: {a: 0.80, b: 0.95}      cumulative profit shares ending A and B, 0 < a <= b <= 1
 *     key_accounts:
 *       pareto_share: 0.80         the top customers making this share of profit are
 *                                  key accounts, 0..1 (0: off)
 *       rules:                     replace the default rules (at most 8; [] for
 *         - name: 35 kV and above  none); each has a name (required, unique) and
 *           min_kv: 35             sets at least one of min_kv (0..1000),
 *                                  dedicated_line (yes/no), min_annual_kwh,
 *                                  min_capacity_kva (>= 0)
 *     rfm:                         bin edges per dimension, >= 0, strictly increasing,
 *       recency_days: [20, 35, 50, 80]   1 to 8 (default: scored 1..5 by rank quintile)
 *       frequency: [6, 9, 11, 12]
 *       monetary: [1e5, 1e6, 1e7, 5e7]
 *     value:
 *       weights: {nature: 0.2, current: 0.5, potential: 0.3}   all three, sum 1
 *       nature: {large_industry: 100, commercial: 70}   class scores 0..100,
 *                                  replacing the default table (at most 16)
 *       levels: {high: 70, medium: 40, low: 0}   value levels, best first (at
 *                                  most 8): minimum values strictly decreasing, the
 *                                  last <= 0; a name without a default segment
 *                                  needs segments.matrix
 *     credit:
 *       indicators:                override any of the six (credit.h); the weights
 *         arrears_months: {weight: 0.3, best: 0, worst: 2}   (0..1) must then sum
 *                                  to 1; best and worst only of a linear one
 *                                  (industry_outlook is a given score: weight only)
 *       ahp:                       weights from a pairwise-comparison matrix over
 *         - [1, 2, 1, 3, 4, 5]     the six in credit.h's order: 6 rows of 6, or
 *                                  the upper triangle (rows of 5, 4, 3, 2, 1); a
 *                                  judgement is a number or a fraction like 1/3;
 *                                  CR must be below 0.1 (not with indicator weights)
 *       grades: {AAA: 90, AA: 80, A: 70, BBB: 60, BB: 50, B: 40, C: 0}   best first
 *                                  (at most 16), as levels; names other than the
 *                                  defaults need settlement and segments.groups
 *       outlook: {steel: 40, cement: 35}   industry outlook 0..100 by industry, for
 *                                  customers without one (at most 32)
 *       outlook_default: 60        for industries not in outlook (default: none,
 *                                  then such a customer is an error)
 *       settlement:                replaces the default table: a rule for every
 *         AAA: {cycle_days: 30, deposit_cycles: 0}   grade, cycle_days 1..31
 *                                  (required), deposit_cycles >= 0 (default 0)
 *     segments:
 *       groups: {good: [AAA, AA, A], fair: [BBB, BB], poor: [B, C]}   at most 6;
 *                                  every grade in exactly one group
 *       matrix:                    per value level, per group: [segment, service];
 *         high: {good: [strategic, premium], fair: [key-watch, premium],
 *                poor: [key-risk, standard]}
 *                                  a row for every level, a cell for every group
 *                                  (default: the default cells, by level and group
 *                                  name, so other names need a matrix)
 *       tiers: [restricted, general, commercial, priority]   cut first .. last
 *                                  (at most 16; names differ in more than case)
 *       tier_rules:                first match wins (customer_segment.h); keys
 *         - {credit: poor, tier: restricted}            value (a level), credit (a
 *         - {industry: [steel, cement], tier: restricted}   group), class, industry
 *         - {value: high, credit: good, tier: priority}     (a name or a list) and
 *         - {class: commercial, tier: commercial}           tier (required); at most
 *         - {tier: general}                                 16; needed when a default
 *                                  rule names a tier, level or group that is gone
 *     alerts:
 *       baseline: last_year        last_year | previous | expected (needs expected)
 *       previous_months: 3         baseline previous's months, 1..24
 *       measure: percent           percent | z
 *       threshold: 0.3             percent: a share (0.3 or 30%) in (0, 10]; z: a
 *                                  z-score in (0, 100] (default 0.3; z: 3)
 *       recent_months: 1           months checked, 1..24
 *       min_history: 6             changes a z-score needs, 2..240
 *       min_kwh: 100000            skip months expected below this, >= 0
 *   plan:                          lfc plan: the monthly energy balance plan
 *                                  (balance.h); the demand and the portfolio are
 *                                  read when the plan is made, not with the config
 *     reserve: 12%                 required: the reserve margin, a share of the
 *                                  peak, 0.12 or 12%, 0..1: the capacity needed
 *                                  is peak x (1 + reserve)
 *     first: 2025-01               the first month, YYYY-MM (default: the first
 *                                  whole month of the demand)
 *     months: 12                   months of the plan, 1..240 (default 12)
 *     demand: forecast             forecast (default): run the forecast section
 *                                  in-process; or lfc forecast's files:
 *       {monthly: out/forecast_monthly.csv, daily: out/forecast_daily.csv}
 *                                  monthly required (energy and peak by month);
 *                                  daily optional: the daily peaks that find the
 *                                  days at risk (without it none are known)
 *     scenario: base               the demand scenario (default: the first); with
 *                                  demand: forecast one of the forecast section's
 *                                  scenarios (base when it has none)
 *     quantile: p90                the high quantile the plan covers, as lfc
 *                                  forecast labels it (p90, p97.5), above p50
 *                                  (default p90); with demand: forecast one of
 *                                  the forecast section's quantiles
 *     supply:                      what the system has, each key optional (not
 *                                  given: 0): a number >= 0 for every month, or a
 *                                  figure per month {2025-01: 9000, ...} naming
 *                                  every month of the plan (outage_mw: only the
 *                                  months with outages); a month outside the plan
 *                                  is an error
 *       own_mwh: 0                 own generation, MWh a month (at most 1e9: a
 *                                  larger figure is kWh)
 *       purchase_mwh: 2.1e6        purchase contracts, MWh a month (at most 1e9)
 *       own_mw: 0                  own capacity available at the peak, MW (at
 *                                  most 1e7, as every MW figure)
 *       import_mw: 9500            import / transfer capacity, MW
 *       outage_mw: {2025-04: 800, 2025-10: 600}   planned outages, MW
 *     portfolio: dr/portfolio.yaml   the demand-response portfolio
 *                                  that schedules the days at risk (default: the
 *                                  peakshift section's; without either, nothing
 *                                  is scheduled)
 *     tiers: out/customers_tiers.csv   the portfolio's customer
 *                                  tiers (default: the peakshift section's when
 *                                  the portfolio is its too; needs a portfolio)
 *     schedule: true               schedule the days at risk with the portfolio
 *                                  (default true)
 *   output:
 *     dir: out                     output directory (default: out)
 *
 * The customer `id` and economy `name` become output column names, so they may
 * not contain , ; " tab or line breaks.
 */
#ifndef LIBFORECAST_CONFIG_H
#define LIBFORECAST_CONFIG_H

#include <stddef.h>
#include "libforecast/calendar.h"
#include "libforecast/date.h"
#include "libforecast/error.h"
#include "libforecast/ingest.h"
#include "libforecast/backtest.h"
#include "libforecast/balance.h"
#include "libforecast/forecast.h"
#include "libforecast/model.h"
#include "libforecast/customer_eval.h"
#include "libforecast/peakshift.h"
#include "libforecast/scenario.h"
#include "libforecast/tariff.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An interval load source: the region's load or one customer. */
typedef struct lf_config_source {
    const char *id;                /* customers: the unique id; load: NULL */
    const char *name;              /* customers: display name; load: NULL */
    lf_interval_spec spec;         /* for lf_ingest_intervals; spec.series == series */
    const lf_series_spec *series;  /* the load (prefix NULL for the region, "<id>_"
                                      for a customer), then temperature and
                                      humidity when configured */
    size_t nseries;
} lf_config_source;

typedef struct lf_config_day {
    lf_date date;
    const char *name;
} lf_config_day;

typedef struct lf_config_calendar {
    const char *const *builtin;    /* canonical built-in names */
    size_t nbuiltin;
    const char *const *files;      /* resolved paths */
    size_t nfiles;
    const lf_config_day *holidays;
    size_t nholidays;
    const lf_config_day *workdays;
    size_t nworkdays;
    const lf_holiday_rule *rules;
    size_t nrules;
    int has_years;                 /* years: given */
    int first_year, last_year;
} lf_config_calendar;

/* The model section: what lfc fit fits and on which days. */
typedef struct lf_config_model {
    lf_model_spec spec;
    int has_train;                 /* train: given; else every day of the data */
    lf_date train_first, train_last;
    int has_test;                  /* test: given; days predicted and scored */
    lf_date test_first, test_last;
    double level;                  /* interval coverage (default 0.95) */
} lf_config_model;

/* The backtest section: lfc backtest's origins and days. */
typedef struct lf_config_backtest {
    lf_backtest_spec spec;
    int has_first;                 /* first: given (first training day) */
    lf_date first;
    int has_last;                  /* last: given (last day evaluated) */
    lf_date last;
    int has_agg;                   /* aggregate: given; else by the target's name */
} lf_config_backtest;

/* The forecast section: lfc forecast's days, models and scenarios. */
typedef struct lf_config_forecast {
    int has_first, has_last;
    lf_date first, last;           /* spec.first/last are set from these by the caller */
    int months;                    /* horizon without last (default 12) */
    int has_energy, has_peak;      /* a model for each (default both) */
    lf_model_spec energy, peak;
    lf_forecast_spec spec;         /* connections point into the config */
    int has_normalize;
    lf_date normalize_first, normalize_last;
} lf_config_forecast;

/* The peakshift section: what lfc peakshift schedules.  Only the section is
 * read with the config; lf_config_peakshift_load reads the files it names. */
typedef enum lf_config_limit_kind {
    LF_LIMIT_CONSTANT = 0,         /* limit_mw: 9200 */
    LF_LIMIT_MONTHLY,              /* limit_mw: {2025-07: 9300, ...} */
    LF_LIMIT_FILE                  /* limit_mw: {file: limit.csv, column: limit_mw} */
} lf_config_limit_kind;

typedef struct lf_config_month_limit {
    int year, month;
    double mw;
    long line, col;                /* where the month is written, for messages */
} lf_config_month_limit;

typedef struct lf_config_peakshift {
    const char *portfolio;         /* resolved path */
    const char *tiers;             /* resolved path, or NULL: the portfolio's tiers */
    int has_first, has_last;
    lf_date first, last;           /* else the demand file's first / last day */
    const char *demand_file;       /* resolved */
    const char *demand_column;
    const char *demand_scenario;   /* NULL: the file's first scenario */
    lf_config_limit_kind limit_kind;
    double limit_mw;               /* LF_LIMIT_CONSTANT */
    const lf_config_month_limit *limit_months; /* LF_LIMIT_MONTHLY, in document order */
    size_t nlimit_months;
    const char *limit_file;        /* LF_LIMIT_FILE: resolved */
    const char *limit_column;      /* LF_LIMIT_FILE (default "limit_mw") */
    long limit_line, limit_col;    /* where limit_mw's value is, for messages */
    const char *profile_file;      /* resolved; NULL without a profile */
    const char *profile_column;    /* default "mw" */
    lf_peakshift_spec spec;        /* spread_rest_days, fair, seconds_per_stage,
                                      method, exact_max_calls; the days and arrays
                                      are lf_config_peakshift_load's */
} lf_config_peakshift;

/* The tariff section: what lfc tariff advises.  Only the section is read
 * with the config; lf_config_tariff_load reads the files it names. */
#define LF_CONFIG_SHIFT_SHARES_MAX 16

typedef enum lf_config_declared_from {
    LF_DECLARED_FROM_HISTORY = 0,  /* the same month of earlier years of the load */
    LF_DECLARED_FROM_FORECAST      /* a forecast_monthly.csv's peak quantiles */
} lf_config_declared_from;

typedef struct lf_config_tariff_account {
    const char *customer;          /* the customer's id */
    size_t customer_index;         /* into lf_config.customers */
    lf_tariff_account account;     /* class, kV, kVA, basic, declared_kw,
                                      power_factor (by-month arrays NULL) */
    const char *current;           /* the tariff it is on now, or NULL */
    long current_line, current_col;/* where 'current' is, for messages */
    const char *proposed_tariff;   /* its tariff in 'proposed', or NULL (current's id) */
    long proposed_line, proposed_col; /* where 'proposed_tariff' is */
    double shiftable_kw;           /* 0: no limit */
    double growth;                 /* yearly, of the maximum demand */
    lf_config_declared_from declared_from;
    const char *forecast_file;     /* LF_DECLARED_FROM_FORECAST: resolved */
    const char *forecast_scenario; /* NULL: the file's first scenario */
} lf_config_tariff_account;

typedef struct lf_config_tariff {
    const char *tariffs;           /* resolved path */
    const char *proposed;          /* resolved path, or NULL: no tariff change */
    int has_first, has_last;
    lf_date first, last;           /* else from each customer's load */
    int has_plan_year;
    int plan_year;                 /* else the year after the last billed day */
    size_t nshift_shares;
    double shift_shares[LF_CONFIG_SHIFT_SHARES_MAX];
    const lf_config_tariff_account *accounts;
    size_t naccounts;
} lf_config_tariff;

/* The crm section: what lfc customers evaluates.  Only the section is read
 * with the config; the CLI reads the files it names (lf_customers_load). */
typedef struct lf_config_crm {
    const char *customers;         /* resolved paths */
    const char *monthly;
    const char *payments;          /* NULL: none */
    const char *expected;          /* NULL: none */
    lf_customer_eval_spec spec;    /* every default unless the section sets it */
} lf_config_crm;

/* The plan section: what lfc plan balances (balance.h).  Only the section
 * is read with the config; the demand files (or the in-process forecast)
 * and the portfolio are read when the plan is made. */
typedef enum lf_config_plan_demand {
    LF_PLAN_DEMAND_FORECAST = 0,   /* demand: forecast (default): lfc plan runs the
                                      forecast section itself */
    LF_PLAN_DEMAND_FILES           /* demand: {monthly: FILE, daily: FILE} */
} lf_config_plan_demand;

/* One supply figure: the same every month, or a value per month. */
typedef enum lf_config_supply_kind {
    LF_SUPPLY_NONE = 0,            /* not given: 0 every month */
    LF_SUPPLY_CONSTANT,            /* own_mw: 9000 */
    LF_SUPPLY_MONTHLY              /* own_mw: {2025-01: 9000, ...} */
} lf_config_supply_kind;

typedef struct lf_config_supply {
    lf_config_supply_kind kind;
    double value;                  /* LF_SUPPLY_CONSTANT */
    const lf_config_month_limit *months; /* LF_SUPPLY_MONTHLY, in document order
                                      (the field mw holds the figure, MWh or MW) */
    size_t nmonths;
    long line, col;                /* where the key's value is, for messages */
} lf_config_supply;

enum { LF_PLAN_OWN_MWH = 0, LF_PLAN_PURCHASE_MWH, LF_PLAN_OWN_MW, LF_PLAN_IMPORT_MW,
       LF_PLAN_OUTAGE_MW, LF_PLAN_SUPPLY_COUNT };

typedef struct lf_config_plan {
    int has_first;                 /* first: given */
    int first_year, first_month;   /* else the first whole month of the demand */
    int months;                    /* 1..LF_BALANCE_MAX_MONTHS (default 12) */
    lf_config_plan_demand demand;
    const char *monthly_file;      /* LF_PLAN_DEMAND_FILES: resolved, required */
    const char *daily_file;        /* LF_PLAN_DEMAND_FILES: resolved, or NULL
                                      (days at risk unknown, nothing scheduled) */
    const char *scenario;          /* NULL: the first scenario */
    const char *quantile;          /* the high quantile's label (default "p90") */
    double reserve;                /* share, 0..1 (required) */
    long reserve_line, reserve_col;
    lf_config_supply supply[LF_PLAN_SUPPLY_COUNT];  /* indexed by LF_PLAN_OWN_MWH.. */
    const char *portfolio;         /* resolved; default: peakshift.portfolio; NULL:
                                      no schedule */
    const char *tiers;             /* resolved; default: peakshift.tiers */
    int schedule;                  /* schedule the days at risk (default 1) */
} lf_config_plan;

/* A loaded configuration.  Read-only for callers; every string and array is
 * owned by it and released by lf_config_free.  Copy a spec before changing it. */
typedef struct lf_config {
    const char *path;              /* the file as given (or name_for_errors) */
    const char *dir;               /* base of relative paths ("." for none) */
    const char *name;
    int has_period;
    lf_date first, last;           /* the period; first = 1, last = 0 when none,
                                      and copied into every spec */
    int has_load;
    lf_config_source load;
    const lf_config_source *customers;
    size_t ncustomers;
    int has_weather;
    lf_daily_weather_spec weather;
    const lf_economy_spec *economy;
    size_t neconomy;
    lf_config_calendar calendar;
    int has_model;
    lf_config_model model;
    const lf_candidate *candidates; /* candidate models (each over model's keys) */
    size_t ncandidates;
    int has_selection;
    lf_select_spec selection;
    int has_backtest;
    lf_config_backtest backtest;
    int has_forecast;
    lf_config_forecast forecast;   /* defaults when has_forecast is 0 */
    int has_peakshift;
    lf_config_peakshift peakshift;
    int has_tariff;
    lf_config_tariff tariff;
    int has_crm;
    lf_config_crm crm;
    int has_plan;
    lf_config_plan plan;
    const char *output_dir;        /* resolved */
    struct lf_arena *arena_;       /* private: owns everything above */
} lf_config;

/* Read and check a config file.  On error *out is NULL and err says where
 * (LF_ERR_IO for an unreadable file, LF_ERR_CONFIG for its content). */
int lf_config_load(const char *path, lf_config **out, lf_error *err);

/* The same from text; name_for_errors (NULL = "<string>") names it in
 * messages, base_dir (NULL = current directory) resolves relative paths. */
int lf_config_load_string(const char *text, const char *name_for_errors,
                          const char *base_dir, lf_config **out, lf_error *err);

void lf_config_free(lf_config *cfg);  /* NULL allowed */

/* ---- the sections, for callers that do not see lf_config's layout ------------------ */

/* A binding that mirrors only some structs (the Python binding over ctypes)
 * reaches a section through these instead of through the 63 kB lf_config.
 * Each returns the section inside cfg (valid while cfg is), or NULL when the
 * config has none (its has_<section> is 0); forecast is always returned
 * (its defaults when the config has no forecast section), and the output
 * directory is resolved against the config's directory. */
const char *lf_config_output_dir(const lf_config *cfg);
const lf_config_model *lf_config_model_section(const lf_config *cfg);
const lf_candidate *lf_config_candidates(const lf_config *cfg, size_t *n);
const lf_select_spec *lf_config_selection_section(const lf_config *cfg);
const lf_config_backtest *lf_config_backtest_section(const lf_config *cfg);
const lf_config_forecast *lf_config_forecast_section(const lf_config *cfg);
const lf_config_peakshift *lf_config_peakshift_section(const lf_config *cfg);
const lf_config_tariff *lf_config_tariff_section(const lf_config *cfg);
const lf_config_crm *lf_config_crm_section(const lf_config *cfg);
const lf_config_plan *lf_config_plan_section(const lf_config *cfg);

/* Build the calendar the config describes for first_year..last_year (the
 * config's calendar.years, when given, takes precedence).  Sources are added in
 * the order builtin, files, rules, holidays, workdays, so later, more specific
 * entries win.  Explicit holidays and workdays outside the years are skipped.
 * Errors from calendar files pass through with their own file:line:column. */
int lf_config_build_calendar(const lf_config *cfg, int first_year, int last_year,
                             lf_calendar **out, lf_error *err);

/* ---- the peak-shift schedule's days ------------------------------------------- */

/* The days of the peakshift section read from its files, ready for
 * lf_peakshift_run.  Owned by the caller; free with lf_config_peakshift_free. */
typedef struct lf_config_peakshift_input {
    lf_peakshift_spec spec;        /* the section's settings, first..last and the
                                      arrays below */
    size_t ndays;
    double *peak_mw;               /* the demand column (of the chosen scenario) */
    double *limit_mw;
    double *window_hours;          /* the profile's, else the portfolio's */
    double *window_start;          /* the profile's, else NaN */
    size_t profile_days;           /* days whose window came from the profile */
    char scenario[LF_SCENARIO_NAME_MAX]; /* the demand scenario ("" without one) */
} lf_config_peakshift_input;

/* Read the demand, limit and profile files of cfg's peakshift section for
 * its days (by default the demand file's first to last), with the
 * portfolio's window_hours for the days no profile covers.  Nothing is filled
 * in: a scheduled day missing from a file, or a scheduled month missing from
 * limit_mw, is an error naming the file and the day (or the config's
 * file:line:column and the month); so are a day given twice, a missing or
 * negative value on a scheduled day, a profile day without every interval,
 * and a deficit day whose profile never rises above the limit.  Codes:
 * LF_ERR_PARSE, LF_ERR_DATA, LF_ERR_NOTFOUND (a column), LF_ERR_IO (a file
 * that cannot be read), LF_ERR_CONFIG (cfg has no peakshift section, or
 * limit_mw misses a month). */
int lf_config_peakshift_load(const lf_config *cfg, const lf_portfolio *portfolio,
                             lf_config_peakshift_input **out, lf_error *err);
void lf_config_peakshift_free(lf_config_peakshift_input *in); /* NULL allowed */

/* ---- the tariff advice's load ---------------------------------------------------- */

#define LF_CONFIG_QUANTILES_MAX 32

/* One account's load and the maximum demand its plan is made from. */
typedef struct lf_config_tariff_customer {
    const lf_config_tariff_account *account; /* into the config */
    const char *name;              /* the customer's display name */
    lf_interval_load series;       /* every whole day read, kW (NaN where the
                                      file has no value: outside the billed days
                                      only); kw points at kw_ */
    lf_interval_load billed;       /* the days billed: into series, no NaN */
    lf_date first, last;           /* the days billed */
    int plan_year;
    /* declared_from forecast: the peak quantiles of each month of plan_year
     * (kW, by increasing probability; nquantiles 0 for a month the file
     * leaves out) */
    char scenario[LF_SCENARIO_NAME_MAX];
    size_t nquantiles;
    double quantile_p[LF_CONFIG_QUANTILES_MAX];
    size_t month_nquantiles[12];
    double month_kw[12][LF_CONFIG_QUANTILES_MAX];
    double *kw_;                   /* owned */
} lf_config_tariff_customer;

/* The files of cfg's tariff section, ready for the advice.  Owned by the
 * caller; free with lf_config_tariff_free. */
typedef struct lf_config_tariff_input {
    lf_tariff_set *tariffs;
    lf_tariff_set *proposed;       /* the 'proposed' table, or NULL without one */
    lf_calendar *calendar;         /* the config's, over every year of the load
                                      and the plan years */
    size_t naccounts;
    lf_config_tariff_customer *accounts; /* in the section's order */
} lf_config_tariff_input;

/* Read the tariff file (and the proposed one), each account's interval load
 * (MW converted to kW; an incomplete first and last day of the file dropped)
 * and its forecast file, and choose the days billed (default: the last 12
 * whole months).  Nothing is filled in: a billed interval without a value is
 * an error naming the customer, the file, the day and the time; so are billed
 * days outside the load's whole days, a current tariff not in the tariff file
 * or a proposed_tariff (by default the current id) not in the proposed file
 * (at the config's file:line:column), and a forecast file without a month of
 * the plan year, a quantile column, or with a bad row (file:line:column).
 * Codes: LF_ERR_PARSE, LF_ERR_DATA, LF_ERR_NOTFOUND, LF_ERR_IO, LF_ERR_CONFIG
 * (cfg has no tariff section, or a tariff id is not in its file). */
int lf_config_tariff_load(const lf_config *cfg, lf_config_tariff_input **out, lf_error *err);
void lf_config_tariff_free(lf_config_tariff_input *in); /* NULL allowed */

/* ---- the balance plan's supply --------------------------------------------------- */

/* The supply of the plan section for nmonths months (1..LF_BALANCE_MAX_MONTHS)
 * from year-month, into out[LF_PLAN_OWN_MWH..LF_PLAN_OUTAGE_MW][0..nmonths)
 * (the caller's arrays).  Not given: 0.  A number: every month.  A month map:
 * own_mwh, purchase_mwh, own_mw and import_mw must name every month of the
 * plan (LF_ERR_CONFIG at the value's file:line:column naming the first month
 * missing); outage_mw's months not named are 0 (outages are planned in a few
 * months).  A month named outside the plan is an error too (LF_ERR_CONFIG at
 * that month's file:line:column, naming it and the plan's months): a typo in
 * a year must not be dropped silently.  LF_ERR_CONFIG also when cfg has no
 * plan section; LF_ERR_ARG for a bad argument.  After an error the arrays
 * hold nothing to use. */
int lf_config_plan_supply(const lf_config *cfg, int year, int month, size_t nmonths,
                          double *out[LF_PLAN_SUPPLY_COUNT], lf_error *err);

#ifdef __cplusplus
}
#endif
#endif
