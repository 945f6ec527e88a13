"""The options every lfc command shares, on the bundled sample:
--format md (a Markdown pipe table with exactly the cells --format csv
prints, numeric columns right-aligned, '|' escaped), --seed (only where
there are random draws: forecast; the same seed gives the same files, the
config's seed is the default, bad values are usage errors), the progress
line on stderr (LFC_PROGRESS=always|never, cleared at the end, none into a
pipe), --format bogus, and the top-level help."""
import csv
import io
import os
import pathlib
import pty
import re
import shutil
import subprocess

import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMMANDS = ["ingest", "fit", "backtest", "forecast", "peakshift", "tariff", "customers"]
NO_SEED = [c for c in COMMANDS if c != "forecast"]
# Columns that differ between two runs of the same command (wall-clock time).
VOLATILE = {"backtest": {"seconds"}}


def run(lfc, *args, progress=None):
    """lfc with stderr a pipe; LFC_PROGRESS set to progress (None: unset).
    Decoded here: text=True would turn the progress line's \r into \n."""
    env = {k: v for k, v in os.environ.items() if k != "LFC_PROGRESS"}
    if progress is not None:
        env["LFC_PROGRESS"] = progress
    r = subprocess.run([lfc, *args], capture_output=True, env=env)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(),
                                       r.stderr.decode())


def write_config(sample_dir, directory, crm_dir=None):
    """The sample project in directory with every path absolute, except the
    peakshift demand, out/forecast_daily.csv of directory; backtest and
    selection cut to one origin each (the same code, a quarter of the time)."""
    text = (sample_dir / "project.yaml").read_text()
    text = text.replace("path: ", f"path: {sample_dir}/")
    text = text.replace("portfolio: portfolio.yaml", f"portfolio: {sample_dir}/portfolio.yaml")
    text = text.replace("tariffs: ../../", f"tariffs: {ROOT}/")
    text = text.replace("proposed: ../../", f"proposed: {ROOT}/")
    for key in ("customers", "monthly", "payments"):
        text = text.replace(f"  {key}: crm/", f"  {key}: {crm_dir or sample_dir / 'crm'}/")
    text = re.sub(r"(?m)^  origins: [0-9]+$", "  origins: 1", text)
    directory.mkdir(parents=True, exist_ok=True)
    cfg = directory / "project.yaml"
    cfg.write_text(text)
    return str(cfg)


@pytest.fixture(scope="module")
def made(lfc, sample_dir, tmp_path_factory):
    """The config and the forecast of it (without --seed) in out/ beside it,
    which its peakshift section reads."""
    d = tmp_path_factory.mktemp("options")
    cfg = write_config(sample_dir, d)
    r = run(lfc, "forecast", "--config", cfg, "--out", str(d / "out"), "--quiet")
    assert r.returncode == 0, r.stderr
    return cfg, d / "out"


@pytest.fixture(scope="module")
def project(made):
    return made[0]


# ---- reading a Markdown pipe table ------------------------------------------------------


def md_cells(line):
    """The cells of one table row: '| a | b\\|c |' -> ['a', 'b|c'] (\\| and \\\\
    unescaped); every cell padded by exactly one blank on each side."""
    assert line.startswith("|") and line.endswith("|"), line
    cells, cur, i, body = [], "", 0, line[1:-1]
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body) and body[i + 1] in "|\\":
            cur += body[i + 1]
            i += 2
            continue
        if c == "|":
            cells.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    cells.append(cur)
    for cell in cells:
        assert cell.startswith(" ") and cell.endswith(" ") and len(cell) >= 2, line
    return [cell[1:-1] for cell in cells]


def parse_md(text):
    lines = text.rstrip("\n").split("\n")
    assert len(lines) >= 2, text
    header, align = md_cells(lines[0]), md_cells(lines[1])
    assert all(a in ("---", "---:") for a in align), lines[1]
    rows = [md_cells(line) for line in lines[2:]]
    return header, align, rows


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def expected_alignment(rows, ncols):
    """---: where every non-empty cell of the column is a number (and one is)."""
    out = []
    for j in range(ncols):
        cells = [r[j] for r in rows if r[j] != ""]
        out.append("---:" if cells and all(is_number(c) for c in cells) else "---")
    return out


def drop(header, rows, names):
    keep = [j for j, h in enumerate(header) if h not in names]
    return [header[j] for j in keep], [[r[j] for j in keep] for r in rows]


# ---- --format md -------------------------------------------------------------------------


@pytest.mark.parametrize("cmd", COMMANDS)
def test_md_is_the_csv_table(lfc, project, tmp_path, cmd):
    c = run(lfc, cmd, "--config", project, "--out", str(tmp_path / "csv"), "--format", "csv")
    m = run(lfc, cmd, "--config", project, "--out", str(tmp_path / "md"), "--format", "md")
    assert c.returncode == 0, c.stderr
    assert m.returncode == 0, m.stderr
    # stderr a pipe, LFC_PROGRESS unset: no progress line (forecast, backtest)
    if cmd != "peakshift":  # which may add a note on its solver
        assert c.stderr == m.stderr == ""
    table = list(csv.reader(io.StringIO(c.stdout)))
    header, align, rows = parse_md(m.stdout)
    assert header == table[0]
    assert len(rows) == len(table) - 1 > 0
    assert all(len(r) == len(header) for r in rows)
    assert align == expected_alignment(rows, len(header))
    assert "---:" in align and "---" in align, align  # each sample table has both kinds
    volatile = VOLATILE.get(cmd, set())
    assert drop(header, rows, volatile) == drop(table[0], table[1:], volatile)


def test_md_escapes_pipes_and_leaves_empty_cells_empty(lfc, sample_dir, tmp_path):
    crm = tmp_path / "crm"
    shutil.copytree(sample_dir / "crm", crm)
    text = (crm / "customers.csv").read_text()
    text = text.replace("../customers/", f"{sample_dir}/customers/")
    text = text.replace("Sample City steel works", '"Steel | iron, works \\ mill"', 1)
    (crm / "customers.csv").write_text(text)
    cfg = write_config(sample_dir, tmp_path, crm_dir=crm)
    r = run(lfc, "customers", "--config", cfg, "--out", str(tmp_path / "out"), "--format", "md")
    assert r.returncode == 0, r.stderr
    assert "| Steel \\| iron, works \\\\ mill |" in r.stdout
    header, _, rows = parse_md(r.stdout)
    names = [row[header.index("name")] for row in rows]
    assert "Steel | iron, works \\ mill" in names
    ev = pd.read_csv(tmp_path / "out" / "customers_eval.csv", dtype=str, keep_default_na=False)
    assert [list(x) for x in ev.values] == rows
    assert any(cell == "" for row in rows for cell in row), "the sample has empty cells"
    assert re.search(r"\|  \|", r.stdout), "an empty cell is '|  |'"


def test_md_with_quiet_prints_nothing(lfc, project, tmp_path):
    r = run(lfc, "fit", "--config", project, "--out", str(tmp_path), "--format", "md", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert (tmp_path / "coefficients.csv").is_file()


@pytest.mark.parametrize("cmd", COMMANDS)
def test_bogus_format_is_a_usage_error_listing_md(lfc, tmp_path, cmd):
    r = run(lfc, cmd, "--config", "x.yaml", "--out", str(tmp_path / "o"), "--format", "bogus")
    assert r.returncode == 1
    assert f"lfc {cmd}: --format must be table, csv, json or md, got 'bogus'" in r.stderr
    assert "[--format table|csv|json|md]" in r.stderr  # the usage follows
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_help_offers_md(lfc, cmd):
    r = run(lfc, "help", cmd)
    assert r.returncode == 0
    assert "[--format table|csv|json|md]" in r.stdout
    assert "md: the same as a" in r.stdout.replace("\n", " ")
    assert ("[--seed N]" in r.stdout) == (cmd == "forecast")


# ---- --seed ------------------------------------------------------------------------------


def forecast(lfc, project, out, *extra):
    r = run(lfc, "forecast", "--config", project, "--out", str(out), "--quiet", *extra)
    assert r.returncode == 0, r.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def seeded(lfc, made, tmp_path_factory):
    """The forecast's files without --seed, with --seed 1, and twice with 7."""
    project, out = made
    d = tmp_path_factory.mktemp("seeds")
    runs = {name: forecast(lfc, project, d / name, *extra) for name, extra in
            [("1", ("--seed", "1")), ("7", ("--seed", "7")), ("7 again", ("--seed", "7"))]}
    runs["config"] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return runs, d


def test_same_seed_same_files(seeded):
    runs, _ = seeded
    assert len(runs["7"]) >= 8
    assert runs["7"] == runs["7 again"]


def test_seed_1_is_the_configs_seed(seeded):
    runs, _ = seeded
    assert runs["1"] == runs["config"]


def test_another_seed_other_quantiles_same_normal(seeded):
    runs, d = seeded
    a = pd.read_csv(d / "1" / "forecast_monthly.csv")
    b = pd.read_csv(d / "7" / "forecast_monthly.csv")
    for q in ("energy_mwh_p10", "energy_mwh_p90", "peak_mw_p90"):
        assert (a[q] != b[q]).mean() > 0.9, q
    for col in ("energy_mwh_normal", "peak_mw_normal"):  # no random draw in these
        assert (a[col] == b[col]).all(), col
    assert b'"seed": 7,' in runs["7"]["forecast.json"]
    assert b'"seed": 1,' in runs["1"]["forecast.json"]


def test_largest_seed(lfc, project, tmp_path):
    files = forecast(lfc, project, tmp_path, "--seed", "4294967295")
    assert b'"seed": 4294967295,' in files["forecast.json"]


@pytest.mark.parametrize("value", ["-1", "4294967296", "99999999999999999999", "abc", "",
                                   "1.5", "+1", " 7", "0x10", "7abc"])
def test_bad_seed_is_a_usage_error_naming_it(lfc, tmp_path, value):
    r = run(lfc, "forecast", "--config", "x.yaml", "--out", str(tmp_path / "o"),
            "--seed", value)
    assert r.returncode == 1
    assert f"lfc forecast: --seed must be a whole number 0..4294967295, got '{value}'" \
        in r.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("value", ["0", "4294967295", "007"])
def test_good_seed_is_accepted(lfc, value):
    # --help after it: parsed, then the help, exit 0, no run
    r = run(lfc, "forecast", "--seed", value, "--help")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: lfc forecast")


def test_seed_needs_a_value(lfc):
    r = run(lfc, "forecast", "--config", "x.yaml", "--seed")
    assert r.returncode == 1
    assert "missing value after '--seed'" in r.stderr


@pytest.mark.parametrize("cmd", NO_SEED)
def test_seed_refused_without_random_draws(lfc, project, tmp_path, cmd):
    r = run(lfc, cmd, "--config", project, "--out", str(tmp_path / "o"), "--seed", "7")
    assert r.returncode == 1
    assert f"lfc {cmd}: --seed is not an option of lfc {cmd}: it makes no random draws" \
        in r.stderr
    assert not (tmp_path / "o").exists()


# ---- progress on stderr ---------------------------------------------------------------------

CLEARED = re.compile(r"\r +\r\Z")


def progress_lines(stderr, cmd):
    """The lines drawn over each other with \\r, cleared at the end."""
    assert CLEARED.search(stderr), repr(stderr[-200:])
    return [s.rstrip() for s in stderr.split("\r") if s.strip()]


def test_forecast_progress_when_asked(lfc, project, tmp_path):
    r = run(lfc, "forecast", "--config", project, "--out", str(tmp_path), "--format", "csv",
            progress="always")
    assert r.returncode == 0, r.stderr
    assert "\n" not in r.stderr
    lines = progress_lines(r.stderr, "forecast")
    steps = [re.fullmatch(r"lfc forecast \[([=> ]{20})\] (\d)/5 (.+)", s) for s in lines]
    assert all(steps), lines
    assert [int(m.group(2)) for m in steps] == [1, 2, 3, 4, 5]
    assert [m.group(3) for m in steps] == ["reading data", "fitting models", "forecasting",
                                          "normalizing", "writing"]
    assert steps[-1].group(1) == "=" * 20
    assert "scenario,period," in r.stdout.split("\n", 1)[0]  # stdout untouched


def test_backtest_progress_when_asked(lfc, project, tmp_path):
    r = run(lfc, "backtest", "--config", project, "--out", str(tmp_path), progress="always")
    assert r.returncode == 0, r.stderr
    lines = progress_lines(r.stderr, "backtest")
    assert [re.match(r"lfc backtest \[[=> ]+\] (\d)/3 ", s).group(1) for s in lines] == \
        ["1", "2", "3"]
    assert "backtesting 4 models and the choice among them" in lines[1]


def on_a_terminal(lfc, *args):
    """stderr of lfc when it is a terminal (a pseudo-terminal), LFC_PROGRESS unset."""
    env = {k: v for k, v in os.environ.items() if k != "LFC_PROGRESS"}
    master, slave = pty.openpty()
    p = subprocess.Popen([lfc, *args], stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the other side is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return p.wait(), b"".join(chunks).decode()


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_by_default_on_a_terminal(lfc, project, tmp_path, quiet):
    code, stderr = on_a_terminal(lfc, "forecast", "--config", project, "--out", str(tmp_path),
                                 *(["--quiet"] if quiet else []))
    assert code == 0, stderr
    if quiet:
        assert stderr == ""
    else:
        assert "lfc forecast [" in stderr and "5/5 writing" in stderr
        assert CLEARED.search(stderr), repr(stderr[-200:])


def bad_config(sample_dir, tmp_path):
    """A config lfc forecast refuses after its first step (reading data)."""
    cfg = pathlib.Path(write_config(sample_dir, tmp_path))
    text = cfg.read_text()
    assert "  months: 24\n" in text
    cfg.write_text(text.replace("  months: 24\n", "  months: many\n"))
    return str(cfg)


@pytest.mark.parametrize("progress,quiet", [(None, False), ("never", False), ("auto", False),
                                            ("always", True)])
def test_no_progress_into_a_pipe_when_off_or_quiet(lfc, sample_dir, tmp_path, progress, quiet):
    # a successful run into a pipe without LFC_PROGRESS: test_md_is_the_csv_table
    r = run(lfc, "forecast", "--config", bad_config(sample_dir, tmp_path), "--out",
            str(tmp_path / "o"), *(["--quiet"] if quiet else []), progress=progress)
    assert r.returncode == 2
    assert r.stderr.startswith("lfc forecast: error: ") and "\r" not in r.stderr


def test_progress_cleared_before_an_error(lfc, sample_dir, tmp_path):
    cfg = bad_config(sample_dir, tmp_path)
    r = run(lfc, "forecast", "--config", cfg, "--out", str(tmp_path / "o"),
            progress="always")
    assert r.returncode == 2
    drawn, message = r.stderr.rsplit("\r", 1)
    assert CLEARED.search(drawn + "\r"), repr(r.stderr)
    assert "1/5 reading data" in drawn
    assert message.startswith("lfc forecast: error: ") and "project.yaml:" in message
    assert message.endswith("\n") and message.count("\n") == 1


# ---- the top-level help ---------------------------------------------------------------------


def test_top_level_help(lfc):
    r = run(lfc, "--help")
    assert r.returncode == 0
    text = r.stdout
    for option in ("-c, --config FILE", "-o, --out DIR", "--format F", "-q, --quiet",
                   "--seed N", "-h, --help"):
        assert option in text, option
    assert re.search(r"table.*csv,\s+json, or md", text, re.S)
    assert re.search(r"only the commands that draw: forecast\b", text)
    for code in ("0  ok", "1  usage error", "2  bad input: data or config",
                 "3  infeasible plan: MW left unmet or a balance deficit",
                 "4  I/O or internal failure"):
        assert code in text, code
    assert "file:line:column" in text
    assert "LFC_PROGRESS" in text and "always" in text and "never" in text
