#!/usr/bin/env bash
# run.sh - the accuracy benchmark (make bench-accuracy): for every dataset,
# lfc ingests it, backtests its candidates and the automatic choice on the
# held-out last 365 days (ex post weather), the peers forecast the same days,
# and score.py scores everyone the same way.
#
#   bench/accuracy/run.sh LFC OUTDIR DATADIR [DATASET...]
#
# Datasets: nsw qld sa tas vic (aus_elec) and gefcom (ISO New England); all
# by default.  A peer whose interpreter or package is missing writes nothing
# and is reported as missing by score.py.
set -euo pipefail
lfc=$(realpath "$1"); out=$2; data=$(realpath "$3"); shift 3
here=$(cd "$(dirname "$0")" && pwd)
sets=("$@"); [ ${#sets[@]} -gt 0 ] || sets=(nsw qld sa tas vic gefcom)
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

for ds in "${sets[@]}"; do
    dir=$out/$ds
    mkdir -p "$dir"
    for target in energy_mwh peak_mw; do
        mkdir -p "$dir/$target"
        project "$ds" "$target" "$dir/$target.yaml"
    done
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
"$py" "$here/score.py" "$out" "${dirs[@]}"
