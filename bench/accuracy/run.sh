#!/usr/bin/env bash
# run.sh - the accuracy benchmark (make bench-accuracy): for every dataset,
# lfc ingests it, backtests its candidates and the automatic choice on the
# held-out last 365 days (ex post weather), the peers forecast the same days,
# and score.py scores everyone the same way (the daily part).  Then lfc forecast
# predicts the months of each dataset's last complete year, ex ante and ex post,
# and monthly.py scores them (the monthly part).
#
#   bench/accuracy/run.sh LFC OUTDIR DATADIR [DATASET...]
#
# Datasets: nsw qld sa tas vic (aus_elec) and gefcom (ISO New England); all
# by default.  LF_BENCH_PART=daily or monthly runs only that part (default:
# all).  A peer whose interpreter or package is missing writes nothing and is
# reported as missing by score.py.
set -euo pipefail
lfc=$(realpath "$1"); out=$2; data=$(realpath "$3"); shift 3
here=$(cd "$(dirname "$0")" && pwd)
sets=("$@"); [ ${#sets[@]} -gt 0 ] || sets=(nsw qld sa tas vic gefcom)
part=${LF_BENCH_PART:-all}
case $part in all|daily|monthly) ;; *) echo "LF_BENCH_PART: all, daily or monthly, not '$part'" >&2; exit 2 ;; esac
py=/usr/bin/python3
mkdir -p "$out"

# The project file of one dataset and target: its data section + the models.
project() {
    local ds=$1 target=$2 dest=$3 template name state file
    case $ds in
        gefcom) template=gefcom.yaml.in; name="ISO New England"; state=; file= ;;
        *) template=aus.yaml.in; state=${ds^^}; name="Australia $state"; file=$ds ;;
    esac
    cat "$here/projects/$template" "$here/projects/models.yaml.in" |
        sed -e "s|@DATA@|$data|g" -e "s|@NAME@|$name|g" -e "s|@STATE@|$state|g" \
            -e "s|@FILE@|$file|g" -e "s|@TARGET@|$target|g" > "$dest"
}

# The lfc forecast project of one dataset (monthly part), made from its
# energy project: lfc forecast reads only 'model' and 'forecast', so the
# candidates, selection and backtest go; 'period' goes too, as it would also
# clip the weather history (GEFCom's temperature starts 2004, its load 2006),
# and becomes model.train (train needs a last day, though lfc forecast always
# fits up to the day before forecast.first).  A daily weather
# history is added: lfc draws weather scenarios only from 'weather' (GEFCom's
# is written beside the project file; relative paths are the file's).  $4 is
# the test year, $5 the forecast section.
forecast_project() {
    local ds=$1 src=$2 dest=$3 year=$4 forecast=$5 weather
    case $ds in
        gefcom) weather="{path: weather_daily.csv, date_column: date, tmin_column: tmin_f, tmax_column: tmax_f, tmean_column: tmean_f, unit: F}" ;;
        *) weather="{path: $data/aus_weather/${ds}_daily_temperature_2000_2015.csv, date_column: date, tmin_column: tmin_c, tmax_column: tmax_c, tmean_column: tmean_c}" ;;
    esac
    awk -v weather="$weather" -v forecast="$forecast" -v last="$((year - 1))-12-31" '
        /^[a-z_]+:/ { key = $1; sub(/:.*/, "", key) }
        key == "period" { if (match($0, /first: *[0-9-]+/)) train = substr($0, RSTART, RLENGTH); next }
        key ~ /^(candidates|selection|backtest)$/ { next }
        { print }
        /^model:/ && train != "" { print "  train: {" train ", last: " last "}" }
        END { print "weather: " weather; print "forecast: " forecast }' "$src" > "$dest"
}

for ds in "${sets[@]}"; do
    dir=$out/$ds
    mkdir -p "$dir"
    for target in energy_mwh peak_mw; do
        mkdir -p "$dir/$target"
        project "$ds" "$target" "$dir/$target.yaml"
    done
    # The monthly part ingests on its own: a new daily.csv here would make
    # score.py take the peers' earlier outputs for stale.
    [ "$part" != monthly ] || continue
    echo "== $ds: ingest"
    "$lfc" ingest --config "$dir/energy_mwh.yaml" --out "$dir" --quiet
    for target in energy_mwh peak_mw; do
        echo "== $ds $target: lfc backtest"
        "$lfc" backtest --config "$dir/$target.yaml" --out "$dir/$target/lfc" --quiet
        cp "$dir/$target/lfc/backtest_forecasts.csv" "$dir/$target/forecasts_lfc.csv"
        cp "$dir/$target/lfc/backtest_timing.csv" "$dir/$target/timing_lfc.csv"
        echo "== $ds $target: statsmodels peers"
        "$py" "$here/peers_statsmodels.py" "$dir" "$target" || echo "statsmodels peers failed"
        if command -v Rscript >/dev/null; then
            echo "== $ds $target: R peers"
            Rscript "$here/peers_r.R" "$dir" "$target" || echo "R peers failed"
        else
            echo "== $ds $target: Rscript not installed; R peers will be reported missing"
        fi
    done
done
dirs=(); for ds in "${sets[@]}"; do dirs+=("$out/$ds"); done
status=0
if [ "$part" != monthly ]; then
    "$py" "$here/score.py" "$out" "${dirs[@]}" || status=$?
fi
[ "$part" != daily ] || exit $status

# Monthly part: lfc forecast of the test year (the last complete year of load),
# trained on every earlier day.  Ex ante: weather scenarios from every earlier
# year, bootstrap model error.  Ex post: the test year's own weather, no error.
for ds in "${sets[@]}"; do
    mdir=$out/$ds/monthly
    rm -rf "$mdir"; mkdir -p "$mdir"     # a failed run must not leave old results
    echo "== $ds: ingest (monthly part)"
    "$lfc" ingest --config "$out/$ds/energy_mwh.yaml" --out "$mdir" --quiet
    year=$("$py" "$here/monthly.py" test-year "$mdir/daily.csv")
    if [ "$ds" = gefcom ]; then
        "$py" "$here/monthly.py" gefcom-weather "$data/gefcom2014/load_temperature_hourly.csv" "$mdir/weather_daily.csv"
    fi
    days="first: $year-01-01, last: $year-12-31"
    exante="{$days, weather: {years: {last: $((year - 1))}}, error: {kind: bootstrap, paths: 20, block_days: 30, seed: 1}}"
    expost="{$days, weather: {years: {first: $year, last: $year}}, error: {kind: none}}"
    for kind in exante expost; do
        echo "== $ds: lfc forecast $year $kind"
        forecast_project "$ds" "$out/$ds/energy_mwh.yaml" "$mdir/$kind.yaml" "$year" "${!kind}"
        # stderr is kept for monthly.py, which reports the error of a failed run.
        "$lfc" forecast --config "$mdir/$kind.yaml" --out "$mdir/$kind" --quiet 2> "$mdir/$kind.err" ||
            echo "lfc forecast failed: $(cat "$mdir/$kind.err")"
    done
done
"$py" "$here/monthly.py" score "$out" "${dirs[@]}" || status=1
# score.py has just written accuracy.md: add the monthly section to it.
[ "$part" != all ] || { echo; cat "$out/monthly.md"; } >> "$out/accuracy.md"
echo; cat "$out/monthly.md"
exit $status
