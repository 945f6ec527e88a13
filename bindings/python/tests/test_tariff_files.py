"""The advice's file formats, rule by rule, as tariff_out.c writes them:
numbers with C's printf conversions (money to the cent without "-0.00", 10
significant digits, NaN empty in CSV and null in JSON), CSV text quoted
only when RFC 4180 needs it, JSON strings escaped as lf_json_put_string
escapes them; and all files or none."""
import math
import os

import pytest

from libforecast import _tariff_out as out


@pytest.mark.parametrize("v,kind,csv,json", [
    (1234.5, out.MONEY, "1234.50", "1234.50"),
    (-0.0, out.MONEY, "0.00", "0.00"),               # + 0.0, as C: no "-0.00"
    (-0.004, out.MONEY, "-0.00", "-0.00"),           # printf's own rounding, as C
    (0.125, out.MONEY, "0.12", "0.12"),              # half to even of the binary value
    (2.675, out.MONEY, "2.67", "2.67"),
    (505701464.5, out.KWH, "505701464.500", "505701464.500"),
    (71044.75, out.KW, "71044.8", "71044.8"),
    (68799.5, out.WHOLE, "68800", "68800"),
    (0.3144569535012, out.EXACT, "0.3144569535", "0.3144569535"),
    (1e21, out.EXACT, "1e+21", "1e+21"),
    (-0.0, out.EXACT, "-0", "-0"),                   # "%.10g" keeps the sign, as C
    (100000.0, out.EXACT, "100000", "100000"),
    (math.nan, out.MONEY, "", "null"),
    (math.inf, out.EXACT, "", "null"),
    (None, out.KW, "", "null"),
    (3, out.COUNT, "3", "3"),
    (True, out.FLAG, "1", "true"),
    (False, out.FLAG, "0", "false"),
    (None, out.TEXT, "", "null"),
    ("plain", out.TEXT, "plain", '"plain"'),
    ("a,b", out.TEXT, '"a,b"', '"a,b"'),
    ('say "hi"', out.TEXT, '"say ""hi"""', '"say \\"hi\\""'),
    ("two\nlines", out.TEXT, '"two\nlines"', '"two\\nlines"'),
    ("cr\r", out.TEXT, '"cr\r"', '"cr\\u000d"'),
    ("tab\t", out.TEXT, "tab\t", '"tab\\u0009"'),
    ("back\\slash", out.TEXT, "back\\slash", '"back\\\\slash"'),
    ("大工业 (35-110千伏)", out.TEXT, "大工业 (35-110千伏)", '"大工业 (35-110千伏)"'),
])
def test_values(v, kind, csv, json):
    assert out.value(v, kind, False) == csv
    assert out.value(v, kind, True) == json


def test_rows():
    cols = [("a", out.TEXT), ("b", out.MONEY), ("c", out.FLAG)]
    rec = {"a": "x,y", "b": 1.5, "c": True}
    assert out.csv_header(cols) == "a,b,c\n"
    assert out.csv_row(rec, cols) == '"x,y",1.50,1\n'
    assert out.json_row(rec, cols) == '{"a": "x,y", "b": 1.50, "c": true}'


def test_all_files_or_none(tmp_path, monkeypatch):
    (tmp_path / "stale.csv").write_text("old")
    real = os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", fail_second)
    with pytest.raises(OSError, match="disk full"):
        out.write_set(str(tmp_path), {"a.csv": "1\n", "b.csv": "2\n"}, stale=("stale.csv",))
    assert not list(tmp_path.glob("*.part"))                 # no part left behind
    monkeypatch.setattr(os, "replace", real)
    out.write_set(str(tmp_path), {"a.csv": "1\n", "b.csv": "2\n"}, stale=("stale.csv",))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (tmp_path / "b.csv").read_text() == "2\n"


def test_undecodable_bytes_survive(tmp_path):
    name = b"caf\xe9".decode("utf-8", "surrogateescape")   # Latin-1 in a C string
    out.write_set(str(tmp_path), {"x.csv": name + "\n"})
    assert (tmp_path / "x.csv").read_bytes() == b"caf\xe9\n"
