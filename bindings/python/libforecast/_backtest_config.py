"""backtest_from_config: what `lfc backtest --config` does, step for step
(cmd_backtest.c), so that its files are byte-identical: the candidates (else
the model section, named by its kind), the days (the backtest section's
first/last, else model.train.first, else the days with a target), the
spec (the section's, else lf_backtest_spec_init's; the aggregation by the
target's name unless given), lf_backtest_run with the selection section,
then lf_select on the same days."""
import ctypes
import os

import numpy as np

from . import _c_backtest as C
from ._backtest_result import run_backtest
from ._backtest_select import run_select
from ._backtest_spec import candidate_names, target_of
from ._c_core import LF_ERR_CONFIG, LF_ERR_DATA, LF_ERR_NOTFOUND
from ._handle import Run
from ._lib import LIB
from ._model_spec import ModelSpec
from .config import Config
from .dates import to_lf_date, to_timestamp
from .errors import error_for
from .project import Project


def _candidates(config):
    """The config's candidates (copied), or its model named by its kind."""
    n = ctypes.c_size_t()
    ptr = LIB.lf_config_candidates(config._ptr(), ctypes.byref(n))
    if n.value:
        out = (C.Candidate * n.value)()
        ctypes.memmove(out, ptr, ctypes.sizeof(out))
        return out
    model = LIB.lf_config_model_section(config._ptr())
    if not model:
        raise error_for(LF_ERR_CONFIG, f"{config.path}: lfc backtest needs 'candidates' or a "
                                       "'model' section")
    out = (C.Candidate * 1)()
    out[0].name = LIB.lf_model_kind_name(model.contents.spec.kind)
    out[0].spec = model.contents.spec
    return out


def _target_days(daily, target):
    """The first and last day with a target, or lfc's errors."""
    if target not in daily:
        raise error_for(LF_ERR_NOTFOUND, f"target column '{target}' is not in the data")
    present = np.flatnonzero(~np.isnan(daily[target].to_numpy()))
    if present.size == 0:
        raise error_for(LF_ERR_DATA, f"target column '{target}' has no values")
    start = int(to_lf_date(daily.start))
    return start + int(present[0]), start + int(present[-1])


def _spec_and_days(config, target, first, last):
    section = LIB.lf_config_backtest_section(config._ptr())
    b = section.contents if section else None
    if b is not None:
        spec = C.BacktestSpec.from_buffer_copy(b.spec)
    else:
        spec = C.BacktestSpec()
        LIB.lf_backtest_spec_init(ctypes.byref(spec))
    model = LIB.lf_config_model_section(config._ptr())
    if b is not None and b.has_first:
        first = b.first
    elif model and model.contents.has_train:
        first = model.contents.train_first
    if b is not None and b.has_last:
        last = b.last
    if b is None or not b.has_agg:
        spec.agg = C.LF_AGG_MAX if target.startswith("peak") else C.LF_AGG_SUM
    return spec, first, last


class BacktestRun(Run):
    """What backtest_from_config makes: .backtest (a Backtest), .selection
    (a Selection on all the days, None without a selection section),
    .candidates {name: ModelSpec}, .first and .last (the days), .config and
    .project.  close() (or ``with``) frees the backtest and the selection."""

    CLOSES = ("backtest", "selection")

    def to_csv(self, directory=None):
        """lfc backtest's files in directory (default: the config's output
        directory): backtest_forecasts.csv, backtest_accuracy.csv,
        backtest_timing.csv and, with a selection, selection.csv; returns
        their paths by kind."""
        directory = self.config.output_dir if directory is None else directory
        paths = self.backtest.to_csv(directory)
        if self.selection is not None:
            paths["selection"] = os.path.join(directory, "selection.csv")
            self.selection.to_csv(paths["selection"])
        return paths

    def __repr__(self):
        return (f"<BacktestRun {self.first.date()}..{self.last.date()} of "
                f"{', '.join(self.candidates)}>")


def backtest_from_config(config, *, project=None):
    """The backtest `lfc backtest --config` runs, with the same numbers (the
    same C calls in the same order): config is a Config or a config file's
    path; project its Project (loaded when None).  Errors: as lfc's, with
    its messages (InputError).  Returns a BacktestRun; run.to_csv(dir)
    writes lfc's files (backtest_timing.csv differs only in the seconds).

    The sample project (datasets/sample/project.yaml) takes some 15 s; a
    smaller config over its load:

    >>> import pathlib, tempfile, libforecast as lf
    >>> tmp = tempfile.TemporaryDirectory(); d = pathlib.Path(tmp.name)
    >>> load = pathlib.Path("datasets/sample/region_load.csv").resolve()
    >>> _ = (d / "p.yaml").write_text(f'''name: Tiny
    ... load: {{path: {load}, layout: long, interval_minutes: 60, time_column: time,
    ...        timestamp: start, value_column: load_mw, unit: MW}}
    ... candidates: [{{name: week, kind: snaive}}, {{name: year, kind: snaive, season_lag: 364}}]
    ... selection: {{origins: 2, horizon: 28}}
    ... backtest: {{origins: 2, horizon: 28}}
    ... ''')
    >>> with lf.backtest_from_config(d / "p.yaml") as run:    # lfc backtest --config p.yaml
    ...     print(run.backtest.accuracy()[["n", "mape"]].round(2))
    ...     print(run.selection.chosen, sorted(run.to_csv(d / "out")))
            n  mape
    model          
    week   56  5.10
    year   56  5.83
    auto   56  5.83
    week ['accuracy', 'forecasts', 'selection', 'timing']
    >>> tmp.cleanup()
    """
    config = config if isinstance(config, Config) else Config(config)
    project = Project(config) if project is None else project
    cands = _candidates(config)
    select = LIB.lf_config_selection_section(config._ptr())
    if select and len(cands) < 2:
        raise error_for(LF_ERR_CONFIG, f"{config.path}: 'selection' needs at least two "
                                       "'candidates'")
    daily = project.daily
    if daily is None:
        raise error_for(LF_ERR_CONFIG, f"{config.path}: lfc backtest needs 'load' data")
    target = target_of(cands)
    spec, first, last = _spec_and_days(config, target, *_target_days(daily, target))
    select = C.SelectSpec.from_buffer_copy(select.contents) if select else None
    cal = project.calendar
    bt = run_backtest(cands, select, spec, daily, cal, first, last)
    try:
        sel = run_select(cands, select, daily, cal, first, last) if select else None
    except BaseException:
        bt.close()
        raise
    return BacktestRun(backtest=bt, selection=sel, config=config, project=project,
                       candidates={n: ModelSpec._from_c(c.spec)
                                   for n, c in zip(candidate_names(cands), cands)},
                       first=to_timestamp(first), last=to_timestamp(last))
