"""backtest_from_config is `lfc backtest --config`: the same files byte for
byte (backtest_timing.csv but for its wall-clock seconds) on the sample and
on smaller variants, and the same errors with the same messages."""
import subprocess

import pytest

import libforecast as lf

LOAD = ("load: {path: region_load.csv, layout: long, interval_minutes: 60, time_column: time, "
        "timestamp: start, value_column: load_mw, unit: MW}\n")
FILES = ["backtest_forecasts.csv", "backtest_accuracy.csv", "backtest_timing.csv"]


def run_lfc(lfc, config, out):
    return subprocess.run([lfc, "backtest", "--config", str(config), "--out", str(out),
                           "--quiet"], capture_output=True, text=True)


def without_seconds(path):
    """backtest_timing.csv with the seconds column (wall clock) blanked."""
    lines = path.read_text().splitlines()
    return [",".join(f if k != 2 else "" for k, f in enumerate(line.split(",", 4)))
            for line in lines]


def assert_same_files(a, b, names):
    for name in names:
        if name == "backtest_timing.csv":
            assert without_seconds(a / name) == without_seconds(b / name), name
        else:
            assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def sample_run(lfc, sample, tmp_path_factory):
    """lfc backtest and backtest_from_config on the sample config (some 15 s each)."""
    out = tmp_path_factory.mktemp("bt")
    r = run_lfc(lfc, sample / "project.yaml", out / "lfc")
    assert r.returncode == 0, r.stderr
    with lf.backtest_from_config(sample / "project.yaml") as run:
        paths = run.to_csv(out / "py")
        yield run, out, paths


def test_the_sample_is_byte_identical_to_lfc(sample_run):
    run, out, paths = sample_run
    assert sorted(p.name for p in (out / "lfc").iterdir()) == sorted(FILES + ["selection.csv"])
    assert sorted(paths) == ["accuracy", "forecasts", "selection", "timing"]
    assert_same_files(out / "lfc", out / "py", FILES + ["selection.csv"])


def test_the_sample_run_s_parts(sample_run):
    run, _, _ = sample_run
    bt, sel = run.backtest, run.selection
    assert list(run.candidates) == ["regression", "regression_ar", "ets", "snaive_year"]
    assert bt.models == list(run.candidates) + ["auto"]
    # backtest: {origins: 4, horizon: 91, step: 91}; days from model.train.first
    assert bt.spec["origins"] == 4 and bt.horizon == 91 and bt.spec["agg"] == "sum"
    assert str(run.first.date()) == "2021-01-01" and str(run.last.date()) == "2024-12-31"
    assert sel.spec["cv"]["horizon"] == 182 and sel.chosen in run.candidates
    # the chosen candidate fitted on all days (its grid and AR order resolved)
    assert sel.model.training_days == (run.first, run.last)
    assert sel.model.spec.to_dict()["economy"] == run.candidates[sel.chosen].to_dict()["economy"]
    assert (bt.timing["status"] == "ok").all()


def write(sample, name, text):
    path = sample / name
    path.write_text(text)
    return path


def test_a_model_without_candidates_is_one_candidate_named_by_its_kind(lfc, sample, tmp_path):
    # no backtest section: one origin of 365 days; a peak target: monthly peaks
    cfg = write(sample, "bt_model.yaml", "name: Model only\n" + LOAD +
                "model: {kind: snaive, target: peak_mw, train: {first: 2022-01-01, "
                "last: 2023-12-31}}\n")
    assert run_lfc(lfc, cfg, tmp_path / "lfc").returncode == 0
    with lf.backtest_from_config(cfg) as run:
        run.to_csv(tmp_path / "py")
        assert run.backtest.models == ["snaive"] and run.selection is None
        assert str(run.first.date()) == "2022-01-01"           # model.train.first
        assert run.backtest.spec["agg"] == "max" and run.backtest.horizon == 365
    assert_same_files(tmp_path / "lfc", tmp_path / "py", FILES)
    assert not (tmp_path / "py" / "selection.csv").exists()


def test_the_section_s_days_and_aggregation(lfc, sample, tmp_path):
    cfg = write(sample, "bt_days.yaml", "name: Days\n" + LOAD +
                "candidates: [{name: week, kind: snaive}, {name: year, kind: snaive, "
                "season_lag: 364}]\n"
                "selection: {by: aicc}\n"
                "backtest: {origins: 3, horizon: 40, step: 20, first: 2022-03-01, "
                "last: 2024-06-30, aggregate: max, interval: 0.8, min_train_days: 400}\n")
    assert run_lfc(lfc, cfg, tmp_path / "lfc").returncode == 0
    config = lf.Config(cfg)
    run = lf.backtest_from_config(config, project=lf.Project(config))
    run.to_csv(tmp_path / "py")
    assert_same_files(tmp_path / "lfc", tmp_path / "py", FILES + ["selection.csv"])
    assert run.backtest.spec == {"origins": 3, "horizon": 40, "step": 20, "level": 0.8,
                                 "agg": "max", "min_train_days": 400}
    assert (str(run.first.date()), str(run.last.date())) == ("2022-03-01", "2024-06-30")
    assert run.selection.spec["by"] == "aicc" and run.selection.backtest is None
    run.close()
    assert run.backtest.closed and run.selection.closed


def test_output_dir_defaults_to_the_config_s(sample, tmp_path):
    cfg = write(sample, "bt_out.yaml", "name: Out\n" + LOAD +
                f"output: {{dir: {tmp_path / 'o'}}}\n"
                "candidates: [{name: week, kind: snaive}]\nbacktest: {horizon: 28}\n")
    with lf.backtest_from_config(str(cfg)) as run:
        paths = run.to_csv()
    assert paths["accuracy"] == str(tmp_path / "o" / "backtest_accuracy.csv")
    assert (tmp_path / "o" / "backtest_forecasts.csv").exists()


@pytest.mark.parametrize("name,text", [
    ("bt_noload.yaml", "name: No load\ncandidates: [{name: a, kind: snaive}]\n"),
    ("bt_one.yaml", "name: One\n" + LOAD + "candidates: [{name: a, kind: snaive}]\n"
     "selection: {by: aicc}\n"),
    ("bt_none.yaml", "name: None\n" + LOAD),
    ("bt_target.yaml", "name: Target\n" + LOAD + "model: {kind: snaive, target: peak_kw}\n"),
    ("bt_short.yaml", "name: Short\n" + LOAD + "model: {kind: snaive}\n"
     "backtest: {origins: 100, horizon: 365}\n"),
])
def test_errors_are_lfc_s(lfc, sample, tmp_path, monkeypatch, name, text):
    monkeypatch.chdir(sample)             # the config named relatively, as lfc is given it
    write(sample, name, text)
    r = run_lfc(lfc, name, tmp_path)
    assert r.returncode != 0
    with pytest.raises(lf.LibforecastError) as e:
        lf.backtest_from_config(name)
    assert isinstance(e.value, (lf.InputError, lf.ArgumentError))
    assert r.stderr == f"lfc backtest: error: {e.value.message}\n"


def test_a_bad_config_argument():
    with pytest.raises(lf.ArgumentError, match="must be a str or os.PathLike"):
        lf.backtest_from_config(3)
    with pytest.raises(lf.LibIOError):
        lf.backtest_from_config("no/such/config.yaml")
