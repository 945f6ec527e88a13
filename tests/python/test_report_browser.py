"""lfc plan --report as a person sees it: plan_report.html of the bundled
sample opened in headless Chromium (selenium, chromedriver): the page loads
without a console error, holds exactly the plan's five charts, each an inline
SVG drawn at a readable size with marks in it, and its balance tables with the
twelve months; a full-page screenshot is a valid PNG that is not blank.  A
negative control shows that a console error does fail the check.

Chromium, chromedriver and selenium are dependencies of the project (make
deps installs them): their absence fails the tests, it does not skip them."""
import pathlib
import shutil
import struct
import subprocess
import zlib

import pytest

CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMEDRIVER = pathlib.Path("/usr/bin/chromedriver")
CHARTS = ["chart-fan_energy", "chart-fan_peak", "chart-balance_energy",
          "chart-balance_capacity", "chart-duration"]
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
WIDTH = 1280
# data marks each chart draws at least: history, P50 and band; two bars a month;
# the plan's and last year's duration curves
MIN_MARKS = {"chart-fan_energy": 3, "chart-fan_peak": 3, "chart-balance_energy": 24,
             "chart-balance_capacity": 24, "chart-duration": 2}


# ---- helpers ----------------------------------------------------------------------------


def assert_no_console_error(logs):
    """No entry of level SEVERE in a browser log (driver.get_log('browser'))."""
    assert not [e for e in logs if e.get("level") == "SEVERE"], \
        "console errors; the whole browser log:\n" + \
        "\n".join(f"{e.get('level')}: {e.get('message')}" for e in logs)


def assert_not_blank(raw):
    """Decoded scanlines of a picture with something drawn on it."""
    assert len(set(raw)) > 32, "more than a few distinct byte values"
    assert raw.count(255) < 0.99 * len(raw), "not all white"


def png_chunks(data):
    """(type, payload) of each chunk of a PNG, its CRCs checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "PNG signature"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        payload = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + payload) == crc, f"CRC of {kind!r}"
        chunks.append((kind, payload))
        pos += 12 + length
    return chunks


def png_pixels(data):
    """(width, height, raw scanlines) of an 8-bit RGB or RGBA PNG."""
    chunks = png_chunks(data)
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, color = struct.unpack(">IIBB", chunks[0][1][:10])
    assert depth == 8 and color in (2, 6), f"8-bit RGB(A), got depth {depth} color {color}"
    raw = zlib.decompress(b"".join(p for k, p in chunks if k == b"IDAT"))
    channels = 3 if color == 2 else 4
    assert len(raw) == height * (1 + width * channels), "scanlines of the IHDR size"
    return width, height, raw


# ---- the browser, started once ------------------------------------------------------------


@pytest.fixture(scope="module")
def driver():
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("python3-selenium")
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: `make deps` installs chromium, "
                    "chromium-driver and python3-selenium")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu",
                f"--window-size={WIDTH},1000", "--hide-scrollbars"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield d
    finally:
        d.quit()


@pytest.fixture(scope="module")
def report(lfc, sample_dir, tmp_path_factory):
    """plan_report.html of lfc plan --report on the sample (a copy of it)."""
    tmp = tmp_path_factory.mktemp("report")
    project = tmp / "sample"
    shutil.copytree(sample_dir, project, ignore=shutil.ignore_patterns("out"))
    out = tmp / "out"
    r = subprocess.run([lfc, "plan", "--config", str(project / "project.yaml"), "--out",
                        str(out), "--report", "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out / "plan_report.html"


@pytest.fixture(scope="module")
def page(driver, report):
    """The report loaded; the console log read once (get_log drains it)."""
    driver.set_window_size(WIDTH, 1000)
    driver.get(report.as_uri())
    state = driver.execute_script("return document.readyState")
    return driver, state, driver.get_log("browser")


# ---- the report ---------------------------------------------------------------------------


def test_page_loads(page):
    driver, state, _ = page
    assert state == "complete"
    assert driver.title.startswith("Sample City: energy balance plan 2025-01 to 2025-12")
    assert driver.find_element("tag name", "h1").text.startswith("Sample City")


def test_no_console_error(page):
    _, _, logs = page
    assert_no_console_error(logs)


def test_exactly_the_plan_charts(page):
    driver, _, _ = page
    ids = driver.execute_script(
        "return [...document.querySelectorAll('figure.chart')].map(f => f.id)")
    assert ids == CHARTS


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_is_drawn(page, chart):
    """An inline <svg> shown at a readable size, with its data drawn: marks
    of a size outside the frame (background, grid, axes, legend)."""
    driver, _, _ = page
    info = driver.execute_script("""
        const svg = document.querySelector('figure#' + arguments[0] + ' > svg');
        if (!svg) return null;
        const box = svg.getBoundingClientRect(), style = getComputedStyle(svg);
        const frame = 'g.grid, g.x-axis, g.y-axis, g.legend';
        const marks = [...svg.querySelectorAll('path, rect, polyline, polygon, line, circle')]
            .filter(e => e !== svg.querySelector('rect') && !e.closest(frame))
            .filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; });
        return {width: box.width, height: box.height, marks: marks.length,
                visible: style.visibility === 'visible' && style.display !== 'none'};
    """, chart)
    assert info is not None, f"{chart} holds no <svg>"
    assert info["width"] >= 300 and info["height"] >= 150, info
    assert info["visible"], info
    assert info["marks"] >= MIN_MARKS[chart], info


@pytest.mark.parametrize("caption, columns", [
    ("Energy balance by month", ["month", "demand P50", "demand P90", "supply", "balance P90",
                                 "status"]),
    ("Capacity balance by month", ["month", "peak P90", "available", "required", "balance",
                                   "limit"]),
])
def test_balance_table_has_the_twelve_months(page, caption, columns):
    driver, _, _ = page
    table = driver.execute_script("""
        for (const t of document.querySelectorAll('table'))
            if (t.caption && t.caption.textContent.startsWith(arguments[0]))
                return {head: [...t.tHead.rows[0].cells].map(c => c.textContent),
                        months: [...t.tBodies[0].rows].map(r => r.cells[0].textContent),
                        shown: t.getBoundingClientRect().height > 0};
        return null;
    """, caption)
    assert table is not None, f"no table captioned {caption!r}"
    assert set(columns) <= set(table["head"]), table["head"]
    assert table["months"] == MONTHS
    assert table["shown"]


def test_full_page_screenshot_is_a_picture(page, tmp_path):
    driver, _, _ = page
    height = driver.execute_script("return document.body.scrollHeight")
    assert height > 2000, "five charts and five tables"
    try:
        for _ in range(3):  # the window is taller than its viewport by the browser's bars
            inner = driver.execute_script("return window.innerHeight")
            if inner >= height:
                break
            driver.set_window_size(WIDTH, driver.get_window_size()["height"] + height - inner)
        png = driver.get_screenshot_as_png()
    finally:
        driver.set_window_size(WIDTH, 1000)
    (tmp_path / "plan_report.png").write_bytes(png)
    width, rows, raw = png_pixels(png)
    assert width >= WIDTH * 0.9 and rows >= height, (width, rows, height)
    assert_not_blank(raw)


# ---- the check can fail ---------------------------------------------------------------------


def test_console_error_is_caught(driver, tmp_path):
    """Negative control: a page that logs a console error fails the check.
    In a tab of its own, so that the report's tab stays as it was."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head><title>bad</title>"
                   "<link rel='icon' href='data:,'></head><body><p>x</p>"
                   "<script>console.error('lfc-negative-control')</script></body></html>")
    report_tab = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        driver.get(bad.as_uri())
        logs = driver.get_log("browser")
    finally:
        driver.close()
        driver.switch_to.window(report_tab)
    with pytest.raises(AssertionError, match="lfc-negative-control"):
        assert_no_console_error(logs)


def test_blank_png_is_caught():
    """Negative control: a white picture, a valid PNG, fails the not-blank check."""
    width, height = 40, 20
    raw = b"".join(b"\x00" + b"\xff" * (3 * width) for _ in range(height))

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + \
            struct.pack(">I", zlib.crc32(kind + payload))

    png = b"\x89PNG\r\n\x1a\n" + \
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    assert png_pixels(png)[:2] == (width, height)
    with pytest.raises(AssertionError):
        assert_not_blank(png_pixels(png)[2])
