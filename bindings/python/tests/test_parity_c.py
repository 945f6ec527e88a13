"""Parity with C, bit for bit: a C program compiled here against include/ and
the library the binding loads runs the same calls as the binding and prints
every number of interest in hex (%a); the binding's numbers, read through
its own API, must be the same doubles.

* Models: for each kind of model (regression with missing rows, WLS, ridge,
  AR errors, a degree-day grid search, ETS, seasonal naive) the C program
  fits the very lf_model_spec the binding built (its bytes) on the same
  frame, and prints the resolved spec, info, parameters, ETS states,
  coefficients, statistics, fitted values, residuals, grid, predictions and
  simulated paths.
* The sample project's forecast: the C program makes the calls of
  libforecast/cli/forecast_run.c (days, fits, forecast, normalization) and
  prints the models, every period of every scenario, drivers, a hash of
  every path and the normalized history; forecast_from_config must give the
  same 12,000-odd doubles, and its CSVs must be lfc forecast's bytes.

The condition: the BLAS threads.  lfc's main() calls
openblas_set_num_threads(1); a Python process leaves OpenBLAS at one thread
a core.  OpenBLAS splits the dgemv of LAPACK's Householder QR (dgeqrf ->
dgeqr2 -> dlarf) between its threads and adds the partial sums in another
order, so a fit moves in the last bits with the thread count, and so does
everything after it.  Hence: bit for bit with lfc when the Python process
runs OpenBLAS with one thread (OPENBLAS_NUM_THREADS=1 in a subprocess here);
bit for bit with the C program under the default threading of both; within
1e-9 (relative) of lfc under the default threading of this process.  The
last tests show the cause: the C program alone, 1 thread against 2, differs
the same way, and the heap layout (glibc's mmap threshold) changes nothing.
"""
import math
import os
import pathlib
import struct
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import libforecast as lf
from conftest import BINDING, ROOT

from test_model import SPEC, synthetic, weekly_series

CONFIG = "project.yaml"

HARNESS = r'''
/* The calls of the binding, from C: "fit" fits a model on a frame and
 * prints what the binding reads of it; "forecast" runs
 * libforecast/cli/forecast_run.c's sequence on a config.  Every double
 * in %a, one record a line: "<key ...> | <values ...>". */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libforecast.h"

static void die(const char *what, const lf_error *err)
{
    fprintf(stderr, "%s: %s\n", what, err ? err->message : "");
    exit(2);
}

/* "1": openblas_set_num_threads(1), as lfc's main() does; "-": leave it. */
static void blas_threads(const char *how)
{
    if (strcmp(how, "-") == 0)
        return;
    void (*set)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (!set) {
        fprintf(stderr, "not OpenBLAS: no openblas_set_num_threads\n");
        exit(3);
    }
    set(atoi(how));
}

static void hexes(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf(" %a", x[i]);
    printf("\n");
}

static void model_out(const char *name, const lf_model *m)
{
    const lf_model_info *i = lf_model_info_of(m);
    printf("info %s | %zu %a %a %a %a %a %a\n", name, i->nobs, i->nparams, i->sigma,
           i->loglik, i->aic, i->aicc, i->bic);
    size_t np;
    const lf_param *p = lf_model_params(m, &np);
    for (size_t k = 0; k < np; k++)
        printf("param %s %s | %a\n", name, p[k].name, p[k].value);
    const lf_regress *r = lf_model_regress(m);
    for (size_t k = 0; r && k < r->ncoef; k++)
        printf("coef %s %zu | %a %a %a %a %d\n", name, k, r->coef[k].estimate,
               r->coef[k].std_error, r->coef[k].t, r->coef[k].p_value, r->coef[k].dropped);
    if (r) {
        const lf_fit_stats *s = &r->stats;
        printf("stats %s | %zu %zu %zu %zu %zu %a %a %a %a %a %a %a %a %a %a %a %a\n", name,
               s->nobs, s->nobs_missing_target, s->nobs_missing_input, s->nparams,
               s->ndropped, s->df_model, s->df_resid, s->ssr, s->tss, s->sigma, s->r2,
               s->adj_r2, s->loglik, s->aic, s->aicc, s->bic, s->condition);
    }
    const lf_ets *e = lf_model_ets(m);
    if (e)
        printf("ets %s | %a %a %a %a %a %a %zu %zu %a %a %a %a %a %a %a %d %zu\n", name,
               e->alpha, e->beta, e->gamma, e->phi, e->level0, e->trend0, e->nobs,
               e->nparams, e->sse, e->mse, e->sigma, e->loglik, e->aic, e->aicc, e->bic,
               e->converged, e->iterations);
    const double *fitted = r ? r->fitted : e ? e->fitted : NULL;
    const double *resid = r ? r->residuals : e ? e->residuals : NULL;
    size_t n = r ? r->nrows : e ? e->nobs : 0;
    for (size_t k = 0; k < n; k++)
        printf("fitted %s %zu | %a %a\n", name, k, fitted[k], resid[k]);
    size_t ng;
    const lf_grid_try *g = lf_model_grid(m, &ng);
    for (size_t k = 0; k < ng; k++)
        printf("grid %s %zu | %a %a %a\n", name, k, g[k].hdd, g[k].cdd, g[k].aicc);
    const unsigned char *b = (const unsigned char *)lf_model_spec_of(m);
    printf("spec %s | ", name);
    for (size_t k = 0; k < sizeof(lf_model_spec); k++)
        printf("%02x", b[k]);
    printf("\n");
}

/* fit SPEC.bin FRAME.txt CAL_FIRST_YEAR CAL_LAST_YEAR BUILTIN|- FIRST LAST PFIRST PLAST
 *     NPATHS SEED (days as lf_date numbers) */
static int fit_mode(char **argv)
{
    lf_error err = {0};
    lf_model_spec spec;
    FILE *fp = fopen(argv[2], "rb");
    if (!fp || fread(&spec, 1, sizeof spec, fp) != sizeof spec || fgetc(fp) != EOF)
        die("the spec file is not one lf_model_spec", NULL);
    fclose(fp);
    fp = fopen(argv[3], "r");
    long start;
    size_t ndays, ncols;
    if (!fp || fscanf(fp, "%ld %zu %zu", &start, &ndays, &ncols) != 3)
        die("frame file", NULL);
    lf_frame *frame = lf_frame_new((lf_date)start, ndays, &err);
    if (!frame)
        die("lf_frame_new", &err);
    for (size_t c = 0; c < ncols; c++) {
        char name[256];
        if (fscanf(fp, "%255s", name) != 1)
            die("frame column name", NULL);
        double *v = lf_frame_add_column(frame, name, "", &err);
        if (!v)
            die("lf_frame_add_column", &err);
        for (size_t i = 0; i < ndays; i++)
            if (fscanf(fp, "%lf", &v[i]) != 1)
                die("frame value", NULL);
    }
    fclose(fp);
    lf_calendar *cal = lf_calendar_new(atoi(argv[4]), atoi(argv[5]), &err);
    if (!cal || (strcmp(argv[6], "-") != 0 && lf_calendar_add_builtin(cal, argv[6], &err)))
        die("calendar", &err);
    lf_date first = atoi(argv[7]), last = atoi(argv[8]), pfirst = atoi(argv[9]),
            plast = atoi(argv[10]);
    size_t npaths = (size_t)atol(argv[11]);
    unsigned long seed = strtoul(argv[12], NULL, 10);
    lf_model *m = NULL;
    if (lf_model_fit(&spec, frame, cal, first, last, &m, &err))
        die("lf_model_fit", &err);
    model_out("m", m);
    lf_prediction *p = NULL;
    if (lf_model_predict(m, frame, cal, pfirst, plast, 0.95, &p, &err))
        die("lf_model_predict", &err);
    for (size_t i = 0; i < p->nrows; i++) {
        printf("predict %zu | %a %a %a %a %u", i, p->mean[i], p->lower[i], p->upper[i],
               p->se_fit ? p->se_fit[i] : 0.0 / 0.0, p->flags ? p->flags[i] : 0u);
        for (int d = 0; p->contrib && d < LF_DRIVER_COUNT; d++)
            printf(" %a", p->contrib[i * LF_DRIVER_COUNT + (size_t)d]);
        printf("\n");
    }
    lf_prediction_free(p);
    size_t nd = (size_t)(plast - pfirst + 1);
    double *paths = malloc(npaths * nd * sizeof *paths);
    if (!paths || lf_model_simulate(m, frame, cal, pfirst, plast, npaths, seed, paths, &err))
        die("lf_model_simulate", &err);
    for (size_t k = 0; k < npaths; k++) {
        printf("simulate %zu |", k);
        hexes(paths + k * nd, nd);
    }
    free(paths);
    lf_model_free(m);
    lf_calendar_free(cal);
    lf_frame_free(frame);
    return 0;
}

static void forecast_out(const lf_forecast *f)
{
    const lf_forecast_spec *spec = lf_forecast_spec_of(f);
    for (size_t s = 0; s < lf_forecast_nscenarios(f); s++) {
        const char *sn = lf_forecast_scenario_name(f, s);
        for (int kind = 0; kind < 3; kind++) {
            size_t n;
            const lf_forecast_period *p = lf_forecast_periods(f, s, (lf_period_kind)kind, &n);
            for (size_t i = 0; i < n; i++) {
                for (int m = 0; m < LF_MEASURE_COUNT; m++) {
                    printf("period %s %d %zu %d | %a %a", sn, kind, i, m,
                           p[i].value[m].normal, p[i].value[m].mean);
                    hexes(p[i].value[m].q, spec->nquantiles);
                }
                printf("drivers %s %d %zu |", sn, kind, i);
                for (int g = 0; g < LF_DRIVER_COUNT; g++)
                    printf(" %a %a", p[i].energy_drivers[g], p[i].peak_drivers[g]);
                printf(" %a %a\n", p[i].energy_connections, p[i].peak_connections);
            }
        }
        for (int m = 0; m < 2; m++) {
            size_t np, nd;
            const double *x = lf_forecast_paths(f, s, (lf_measure)m, &np, &nd);
            uint64_t h = 0, bits; /* sum of bits[k] (2k + 1) mod 2^64: any bit moves it */
            for (size_t k = 0; x && k < np * nd; k++) {
                memcpy(&bits, &x[k], sizeof bits);
                h += bits * (2 * (uint64_t)k + 1);
            }
            printf("paths %s %d | %zu %zu %llu\n", sn, m, np, nd, (unsigned long long)h);
        }
    }
}

/* forecast CONFIG FIT_THREADS FORECAST_THREADS [OUTDIR] */
static int forecast_mode(int argc, char **argv)
{
    lf_error err = {0};
    lf_config *cfg = NULL;
    lf_project *p = NULL;
    lf_model *energy = NULL, *peak = NULL;
    lf_forecast *f = NULL;
    lf_normalized_period *norm[2] = {NULL, NULL};
    size_t nnorm[2] = {0, 0};
    if (lf_config_load(argv[2], &cfg, &err) || lf_project_load(cfg, &p, &err))
        die("config", &err);
    /* forecast_run.c: choose_days */
    const lf_config_forecast *fc = lf_config_forecast_section(cfg);
    const lf_config_model *mc = lf_config_model_section(cfg);
    const lf_frame *d = p->daily;
    lf_forecast_spec spec = fc->spec;
    spec.first = fc->has_first ? fc->first : lf_frame_end(d) + 1;
    spec.last = fc->has_last ? fc->last : lf_date_add_months(spec.first, fc->months) - 1;
    lf_date train_first = mc && mc->has_train ? mc->train_first : d->start;
    lf_date train_last = spec.first - 1;
    lf_date norm_first = fc->has_normalize ? fc->normalize_first : train_first;
    lf_date norm_last = fc->has_normalize ? fc->normalize_last : train_last;
    /* fit_models, lf_forecast_run, normalize */
    blas_threads(argv[3]);
    int rc = LF_OK;
    if (fc->has_energy)
        rc = lf_model_fit(&fc->energy, d, p->calendar, train_first, train_last, &energy, &err);
    if (!rc && fc->has_peak)
        rc = lf_model_fit(&fc->peak, d, p->calendar, train_first, train_last, &peak, &err);
    blas_threads(argv[4]);
    if (!rc)
        rc = lf_forecast_run(&spec, energy, peak, d, p->weather, p->calendar, &f, &err);
    for (int k = 0; !rc && k < 2 && lf_forecast_weather(f); k++)
        rc = lf_weather_normalize(&spec.weather, energy, peak, d, p->weather, p->calendar,
                                  norm_first, norm_last, k ? LF_PERIOD_YEAR : LF_PERIOD_MONTH,
                                  &norm[k], &nnorm[k], &err);
    if (rc)
        die("forecast", &err);
    printf("days | %d %d %d %d\n", spec.first, spec.last, train_first, train_last);
    if (energy)
        model_out("energy", energy);
    if (peak)
        model_out("peak", peak);
    forecast_out(f);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < nnorm[k]; i++)
            printf("normalized %d %zu | %a %a %a %a\n", k, i, norm[k][i].actual_energy_mwh,
                   norm[k][i].normalized_energy_mwh, norm[k][i].actual_peak_mw,
                   norm[k][i].normalized_peak_mw);
    if (argc > 5) {
        const char *names[3] = {"monthly", "yearly", "daily"};
        char path[4096];
        for (int k = 0; !rc && k < 3; k++) {
            snprintf(path, sizeof path, "%s/forecast_%s.csv", argv[5], names[k]);
            rc = lf_forecast_write_csv(f, (lf_period_kind)k, path, &err);
            if (!rc && k < 2) {
                snprintf(path, sizeof path, "%s/forecast_drivers_%s.csv", argv[5], names[k]);
                rc = lf_forecast_write_drivers_csv(f, (lf_period_kind)k, path, &err);
            }
        }
        if (rc)
            die("writing", &err);
    }
    free(norm[0]);
    free(norm[1]);
    lf_forecast_free(f);
    lf_model_free(energy);
    lf_model_free(peak);
    lf_project_free(p);
    lf_config_free(cfg);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 13 && strcmp(argv[1], "fit") == 0)
        return fit_mode(argv);
    if ((argc == 5 || argc == 6) && strcmp(argv[1], "forecast") == 0)
        return forecast_mode(argc, argv);
    fprintf(stderr, "usage: harness fit SPEC FRAME Y0 Y1 BUILTIN FIRST LAST PFIRST PLAST "
                    "NPATHS SEED | forecast CONFIG FIT_THREADS FC_THREADS [OUTDIR]\n");
    return 1;
}
'''

# The binding's side, printed as the C program prints: helpers shared by
# the fit test (run here) and the forecast script (run in a subprocess).
PY_COMMON = r"""
import sys
import numpy as np
import libforecast as lf
from libforecast.dates import to_lf_date

def h(x):
    return float(x).hex()

def model_out(name, m):
    out = []
    i = m.info
    out.append(f"info {name} | {i['nobs']} " + " ".join(h(i[k]) for k in
               ("nparams", "sigma", "loglik", "aic", "aicc", "bic")))
    for k, v in m.params.items():
        out.append(f"param {name} {k} | {h(v)}")
    c = m.coefficients
    for k in range(0 if c is None else len(c)):
        r = c.iloc[k]
        out.append(f"coef {name} {k} | " + " ".join(h(r[f]) for f in
                   ("estimate", "std_error", "t", "p_value")) + f" {int(r['dropped'])}")
    s = m.fit_stats
    if s is not None:
        out.append(f"stats {name} | " + " ".join(str(s[f]) for f in (
            "nobs", "nobs_missing_target", "nobs_missing_input", "nparams", "ndropped"))
            + " " + " ".join(h(s[f]) for f in ("df_model", "df_resid", "ssr", "tss", "sigma",
                                               "r2", "adj_r2", "loglik", "aic", "aicc", "bic",
                                               "condition")))
    e = m.ets
    if e is not None:
        out.append(f"ets {name} | " + " ".join(h(e[f]) for f in (
            "alpha", "beta", "gamma", "phi", "level0", "trend0"))
            + f" {e['nobs']} {e['nparams']} " + " ".join(h(e[f]) for f in (
                "sse", "mse", "sigma", "loglik", "aic", "aicc", "bic"))
            + f" {e['converged']} {e['iterations']}")
    if m.fitted is not None:
        for k, (a, b) in enumerate(zip(m.fitted, m.residuals)):
            out.append(f"fitted {name} {k} | {h(a)} {h(b)}")
    for k, r in m.grid.iterrows():
        out.append(f"grid {name} {k} | {h(r['hdd'])} {h(r['cdd'])} {h(r['aicc'])}")
    out.append(f"spec {name} | {bytes(m.spec._c).hex()}")
    return out

def paths_hash(a):
    bits = np.ascontiguousarray(a).view(np.uint64).ravel()
    w = np.arange(bits.size, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    return int((bits * w).sum(dtype=np.uint64))
"""

# forecast_from_config through the binding's API; argv: CONFIG OUTDIR
PY_FORECAST = PY_COMMON + r"""
config, outdir = sys.argv[1], sys.argv[2]
out = []
with lf.Config(config) as cfg, lf.forecast_from_config(cfg) as run:
    fc = run.forecast
    out.append("days | " + " ".join(str(to_lf_date(d)) for d in
                                    (run.first, run.last, run.train_first, run.train_last)))
    for name, m in (("energy", run.energy), ("peak", run.peak)):
        if m is not None:
            out += model_out(name, m)
    labels = [c[len("energy_mwh_"):] for c in fc.monthly().columns
              if c.startswith("energy_mwh_p")]
    for sn in fc.scenarios:
        for kind_i, kind in enumerate(("month", "year", "day")):
            p = fc.periods(kind, sn)
            de, dp = fc.drivers(kind, sn, "energy_mwh"), fc.drivers(kind, sn, "peak_mw")
            for i in range(len(p)):
                row = p.iloc[i]
                for mi, mname in enumerate(lf.MEASURES):
                    vals = [row[f"{mname}_normal"], row[f"{mname}_mean"]] + \
                           [row[f"{mname}_{l}"] for l in labels]
                    out.append(f"period {sn} {kind_i} {i} {mi} | " + " ".join(map(h, vals)))
                vals = []
                for d in lf.DRIVERS:
                    vals += [de[d].iloc[i], dp[d].iloc[i]]
                vals += [de["connections"].iloc[i], dp["connections"].iloc[i]]
                out.append(f"drivers {sn} {kind_i} {i} | " + " ".join(map(h, vals)))
        for mi, mname in enumerate(("energy_mwh", "peak_mw")):
            a = fc.paths(mname, sn)
            out.append(f"paths {sn} {mi} | {a.shape[0]} {a.shape[1]} {paths_hash(a)}")
    for k, kind in enumerate(("month", "year")):
        df = (run.normalized or {}).get(kind, [])
        for i in range(len(df)):
            r = df.iloc[i]
            out.append(f"normalized {k} {i} | " + " ".join(h(r[c]) for c in (
                "actual_energy_mwh", "normalized_energy_mwh", "actual_peak_mw",
                "normalized_peak_mw")))
    for kind, name in (("month", "monthly"), ("year", "yearly"), ("day", "daily")):
        fc.to_csv(f"{outdir}/forecast_{name}.csv", kind)
        if kind != "day":
            fc.drivers_to_csv(f"{outdir}/forecast_drivers_{name}.csv", kind)
print("\n".join(out))
"""
PY = {}
exec(PY_COMMON, PY)

CSVS = ["forecast_monthly.csv", "forecast_yearly.csv", "forecast_daily.csv",
        "forecast_drivers_monthly.csv", "forecast_drivers_yearly.csv"]


# ---- running both sides --------------------------------------------------------------

def parse(text):
    """{key: values} of the records "<key ...> | <values ...>": hex doubles as
    floats, anything else as it is."""
    out = {}
    for line in text.splitlines():
        key, _, values = line.partition(" | ")
        assert key not in out, f"record '{key}' twice"
        vals = []
        for v in values.split():
            if v.startswith(("0x", "-0x")) or v in ("nan", "-nan", "inf", "-inf"):
                vals.append(float("nan") if v.endswith("nan") else float.fromhex(v))
            else:
                vals.append(v)
        out[key] = vals
    return out


def bits(x):
    if isinstance(x, float):
        return "nan" if math.isnan(x) else struct.pack("<d", x)
    return x


def differences(a, b):
    """The keys whose values are not the same doubles (NaN = NaN)."""
    assert a.keys() == b.keys(), sorted(set(a) ^ set(b))[:5]
    return [k for k in a if [bits(x) for x in a[k]] != [bits(y) for y in b[k]]]


def env(threads):
    """The environment of a child: the binding and library of this process,
    and OPENBLAS_NUM_THREADS set (a number) or removed (None: OpenBLAS's
    default, one thread a core)."""
    e = dict(os.environ, LIBFORECAST_LIB=lf.library_path(),
             PYTHONPATH=os.pathsep.join([str(BINDING)] + [p for p in [
                 os.environ.get("PYTHONPATH")] if p]))
    e.pop("OPENBLAS_NUM_THREADS", None)
    if threads is not None:
        e["OPENBLAS_NUM_THREADS"] = str(threads)
    return e


def run_all(*commands):
    """Run (argv, env) commands side by side; their stdouts."""
    procs = [subprocess.Popen(argv, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for argv, e in commands]
    outs = []
    for p, (argv, _) in zip(procs, commands):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, f"{argv[:3]}: {err}"
        outs.append(out)
    return outs


@pytest.fixture(scope="module")
def harness(c_compiler, tmp_path_factory):
    d = tmp_path_factory.mktemp("harness")
    # the library the binding loaded, under its soname, found by the rpath
    (d / "libforecast.so.0").symlink_to(pathlib.Path(lf.library_path()).resolve())
    (d / "harness.c").write_text(HARNESS)
    r = subprocess.run([c_compiler, "-std=c11", "-O2", "-Wall", "-Werror",
                        f"-I{ROOT / 'include'}", str(d / "harness.c"),
                        str(d / "libforecast.so.0"), f"-Wl,-rpath,{d}", "-ldl",
                        "-o", str(d / "harness")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return str(d / "harness")


# ---- models ------------------------------------------------------------------------------

def write_frame(df, path):
    start = int(lf.to_lf_date(df.index[0]))
    lines = [f"{start} {len(df)} {df.shape[1]}"]
    for name in df.columns:
        lines.append(name)
        lines.append(" ".join(float(v).hex() for v in df[name].to_numpy(float)))
    path.write_text("\n".join(lines) + "\n")


def py_fit(df, spec, y0, y1, builtin, first, last, pfirst, plast, npaths, seed):
    """The binding's numbers, printed as the C program prints them."""
    h = PY["h"]
    cal = lf.Calendar(y0, y1, builtin=[builtin] if builtin != "-" else ())
    m = lf.fit(df, spec, calendar=cal, first=first, last=last)
    out = PY["model_out"]("m", m)
    p = m.predict(df, pfirst, plast, level=0.95)
    for k in range(len(p)):
        r = p.iloc[k]
        out.append(f"predict {k} | " + " ".join(h(r[c]) for c in ("mean", "lower", "upper",
                                                                   "se_fit"))
                   + f" {int(r['flags'])} " + " ".join(h(r[d]) for d in lf.DRIVERS))
    sim = m.simulate(df, pfirst, plast, npaths=npaths, seed=seed)
    for k in range(npaths):
        out.append(f"simulate {k} | " + " ".join(map(h, sim[k])))
    return "\n".join(out) + "\n"


def frame_with_gaps():
    df = synthetic()
    df.iloc[[5, 40, 41, 700], 0] = np.nan
    df.iloc[[100, 900], 3] = np.nan
    return df


def weekly():
    df = weekly_series()
    return df.reindex(pd.date_range(df.index[0], periods=len(df) + 28))


CASES = {
    "regression": (frame_with_gaps, dict(SPEC)),
    "wls": (frame_with_gaps, dict(SPEC, method="wls", weight_column="w")),
    "ridge": (frame_with_gaps, dict(SPEC, method="ridge", ridge_lambda=4.0)),
    "ar": (synthetic, dict(SPEC, ar_order="auto", ar_max=3)),
    "grid": (synthetic, dict(day_of_week=True, holiday=True, month=True, fourier=2,
                             holiday_windows={"Spring Festival": (3, 5)},
                             temperature={"column": "tmean_c", "hdd": "auto", "cdd": "auto",
                                          "grid_step": 1, "grid_coarse": 3,
                                          "smooth": [0.5], "by_day_type": True})),
    "ets": (weekly, dict(kind="ets")),
    "ets_mult": (weekly, dict(kind="ets", ets={"trend": "additive",
                                               "season": "multiplicative", "period": 7})),
    "snaive": (weekly, dict(kind="snaive", season_lag=7)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_models_are_the_c_librarys_bit_for_bit(harness, tmp_path, case):
    make, keywords = CASES[case]
    df = make()
    spec = lf.ModelSpec(**keywords)
    days = lf.to_lf_date(df.index)
    first, last = int(days[0]), int(days[-29])                 # the last four weeks ahead
    pfirst, plast = int(days[-60]), int(days[-1])
    y0, y1 = df.index[0].year, df.index[-1].year + 5
    builtin = "CN"
    (tmp_path / "spec.bin").write_bytes(bytes(spec._c))
    write_frame(df, tmp_path / "frame.txt")
    # the C side on as many BLAS threads as this process runs (another
    # test's child processes may have changed the environment variable)
    c_out, = run_all(([harness, "fit", str(tmp_path / "spec.bin"), str(tmp_path / "frame.txt"),
                       str(y0), str(y1), builtin, str(first), str(last), str(pfirst),
                       str(plast), "5", "42"], env(lf.get_blas_threads())))
    py_out = py_fit(df, spec, y0, y1, builtin, lf.to_timestamp(first), lf.to_timestamp(last),
                    lf.to_timestamp(pfirst), lf.to_timestamp(plast), 5, 42)
    c, py = parse(c_out), parse(py_out)
    assert len(c) > 60
    assert differences(c, py) == []


# ---- the sample project's forecast -------------------------------------------------------

@pytest.fixture(scope="module")
def one_thread(harness, sample, tmp_path_factory):
    """Both sides with OpenBLAS on one thread: the C program as lfc runs it
    (openblas_set_num_threads(1)), Python with OPENBLAS_NUM_THREADS=1."""
    d = tmp_path_factory.mktemp("one_thread")
    (d / "c").mkdir()
    (d / "py").mkdir()
    (d / "run.py").write_text(PY_FORECAST)
    config = str(sample / CONFIG)
    c, py = run_all(([harness, "forecast", config, "1", "1", str(d / "c")], env(None)),
                    ([sys.executable, str(d / "run.py"), config, str(d / "py")], env(1)))
    return parse(c), parse(py), d


@pytest.fixture(scope="module")
def default_threads(harness, sample, tmp_path_factory):
    """Both sides under OpenBLAS's default threading (one thread a core)."""
    d = tmp_path_factory.mktemp("default_threads")
    (d / "py").mkdir()
    (d / "run.py").write_text(PY_FORECAST)
    config = str(sample / CONFIG)
    c, py = run_all(([harness, "forecast", config, "-", "-"], env(None)),
                    ([sys.executable, str(d / "run.py"), config, str(d / "py")], env(None)))
    return parse(c), parse(py), d


def test_forecast_from_config_is_the_c_sequence_bit_for_bit_one_thread(one_thread):
    c, py, _ = one_thread
    assert len(c) > 12000
    assert differences(c, py) == []


def test_forecast_from_config_writes_lfcs_bytes_one_thread(one_thread, forecast_dir):
    _, _, d = one_thread
    for name in CSVS:
        lfc_bytes = (forecast_dir / name).read_bytes()
        assert (d / "c" / name).read_bytes() == lfc_bytes, f"the C program's {name}"
        assert (d / "py" / name).read_bytes() == lfc_bytes, f"the binding's {name}"


def test_forecast_from_config_is_the_c_sequence_bit_for_bit_default_threads(default_threads):
    c, py, _ = default_threads
    assert differences(c, py) == []


def read_csv_cells(path):
    return [line.split(",") for line in path.read_text().splitlines()]


def test_default_threading_is_lfc_within_1e9(default_threads, forecast_dir):
    """Under OpenBLAS's default threading (a Python process as users run it):
    every number lfc writes, to 1e-9 relative."""
    _, _, d = default_threads
    for name in CSVS:
        ours, theirs = read_csv_cells(d / "py" / name), read_csv_cells(forecast_dir / name)
        assert len(ours) == len(theirs) and ours[0] == theirs[0]
        for a_row, b_row in zip(ours[1:], theirs[1:]):
            assert len(a_row) == len(b_row)
            for a, b in zip(a_row, b_row):
                if a == b:
                    continue
                x, y = float(a), float(b)       # a number, or the cells differ for real
                assert x == pytest.approx(y, rel=1e-9, abs=1e-300), (name, a_row[:2], a, b)


# ---- the cause -------------------------------------------------------------------------

def largest_relative(a, b):
    """The largest difference of a record's values, relative to the record's
    largest value (a driver near 0 next to one of 1e6 moves by 1e-10 of it)."""
    worst = 0.0
    for k in a:
        scale = max([abs(x) for x in a[k] if isinstance(x, float) and math.isfinite(x)],
                    default=0.0)
        for x, y in zip(a[k], b[k]):
            if isinstance(x, float) and math.isfinite(x) and x != y:
                worst = max(worst, abs(x - y) / scale)
    return worst


def test_the_cause_is_the_blas_thread_count(one_thread, default_threads):
    """The C program alone moves with OpenBLAS's threads: one thread (as lfc)
    against the default changes the fitted coefficients already (the QR) and
    everything after, in the last bits; the binding adds nothing (the
    bit-for-bit tests above, under each threading)."""
    c_one, c_default = one_thread[0], default_threads[0]
    moved = differences(c_one, c_default)
    if not moved:
        pytest.skip("OpenBLAS runs one thread here by default (one core, or "
                    "OPENBLAS_NUM_THREADS=1): nothing to show")
    assert any(k.startswith("coef energy") for k in moved)
    assert largest_relative(c_one, c_default) < 1e-10


def test_the_heap_layout_does_not_matter(harness, sample, one_thread):
    """Alignment and the mmap threshold of glibc's malloc change no bit: with
    every allocation mmapped (threshold 0, page-aligned arrays), one thread,
    the C program gives the default heap's numbers."""
    out, = run_all(([harness, "forecast", str(sample / CONFIG), "1", "1"],
                    dict(env(None), GLIBC_TUNABLES="glibc.malloc.mmap_threshold=0")))
    assert differences(one_thread[0], parse(out)) == []
