"""Config: lf_config_load as an opaque handle with read-only properties, and
its errors with the C message lfc prints (file:line:column)."""
import subprocess

import pytest

import libforecast as lf
from libforecast import _c_core as T


def lfc_error(lfc, cfg, tmp_path):
    r = subprocess.run([lfc, "plan", "--config", str(cfg), "--out", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert r.stderr.startswith("lfc plan: error: "), r.stderr
    return r.stderr[len("lfc plan: error: "):].strip()


def test_the_sample_loads(sample):
    with lf.Config(sample / "project.yaml") as cfg:
        assert cfg.name == "Sample City"
        assert cfg.path == str(sample / "project.yaml")
        assert cfg.dir == str(sample)
        assert repr(cfg) == f"<Config 'Sample City' from {sample / 'project.yaml'}>"
    assert cfg.closed and repr(cfg) == "<Config (closed)>"


def test_a_relative_path_is_kept_as_given(sample, monkeypatch):
    monkeypatch.chdir(sample.parent)
    with lf.Config("sample/project.yaml") as cfg:
        assert cfg.path == "sample/project.yaml" and cfg.dir == "sample"


def test_an_unknown_key_is_an_input_error_at_line_and_column(lfc, sample, tmp_path):
    bad = sample / "typo.yaml"
    bad.write_text((sample / "project.yaml").read_text().replace("name:", "nmae:", 1))
    with pytest.raises(lf.InputError) as info:
        lf.Config(bad)
    assert info.value.code == T.LF_ERR_CONFIG
    assert str(info.value).startswith(f"{bad}:5:1: unknown key 'nmae' at the top level")
    assert str(info.value) == lfc_error(lfc, bad, tmp_path)


def test_a_bad_value_names_its_place(sample):
    bad = sample / "reserve.yaml"
    bad.write_text((sample / "project.yaml").read_text().replace("reserve: 10%", "reserve: lots"))
    with pytest.raises(lf.InputError, match=rf"^{bad}:\d+:\d+: .*reserve"):
        lf.Config(bad)


def test_a_missing_file_is_a_libioerror(lfc, tmp_path):
    missing = tmp_path / "nothere.yaml"
    with pytest.raises(lf.LibIOError) as info:
        lf.Config(missing)
    assert str(info.value) == lfc_error(lfc, missing, tmp_path)


def test_properties_are_read_only(sample):
    with lf.Config(sample / "project.yaml") as cfg:
        with pytest.raises(AttributeError):
            cfg.name = "other"


def test_use_after_close_is_a_closed_error(sample):
    cfg = lf.Config(sample / "project.yaml")
    cfg.close()
    cfg.close()  # a second close does nothing
    for prop in ["name", "path", "dir"]:
        with pytest.raises(lf.ClosedError, match="this Config is closed"):
            getattr(cfg, prop)
