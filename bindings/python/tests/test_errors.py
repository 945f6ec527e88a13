"""The exception hierarchy and check(): every C status to its class, with
the C message unchanged."""
import pytest

import libforecast as lf
from libforecast import _c_core as T
from libforecast.errors import call, check, error_for
from libforecast._lib import LIB

CLASSES = {
    T.LF_ERR_NOMEM: lf.OutOfMemoryError,
    T.LF_ERR_ARG: lf.ArgumentError,
    T.LF_ERR_IO: lf.LibIOError,
    T.LF_ERR_PARSE: lf.InputError,
    T.LF_ERR_CONFIG: lf.InputError,
    T.LF_ERR_DATA: lf.InputError,
    T.LF_ERR_RANGE: lf.InputError,
    T.LF_ERR_NOTFOUND: lf.InputError,
    T.LF_ERR_SOLVER: lf.SolverError,
}


def record(code, message):
    err = T.Error()
    err.code = code
    err.message = message.encode()
    return err


@pytest.mark.parametrize("code", sorted(CLASSES))
def test_check_raises_the_class_of_each_code(code):
    with pytest.raises(lf.LibforecastError) as info:
        check(code, record(code, "data.csv:3:7: something"))
    assert type(info.value) is CLASSES[code]
    assert info.value.code == code
    assert info.value.message == str(info.value) == "data.csv:3:7: something"


def test_check_passes_ok():
    assert check(T.LF_OK, record(0, "")) is None


def test_an_unknown_code_is_the_base_class():
    e = error_for(99, "new code")
    assert type(e) is lf.LibforecastError and e.code == 99


def test_an_empty_message_is_the_codes_name():
    with pytest.raises(lf.LibIOError, match="^" + LIB.lf_strerror(3).decode() + "$"):
        check(T.LF_ERR_IO, record(T.LF_ERR_IO, ""))


def test_the_builtin_bases():
    assert issubclass(lf.ArgumentError, ValueError)
    assert issubclass(lf.ClosedError, lf.ArgumentError)
    assert issubclass(lf.LibIOError, OSError)
    assert issubclass(lf.OutOfMemoryError, MemoryError)
    for cls in CLASSES.values():
        assert issubclass(cls, lf.LibforecastError)
    assert not issubclass(lf.InputError, ValueError)


def test_infeasible_plan_error_is_pythons():
    e = lf.InfeasiblePlanError("short", ["2025-07"])
    assert isinstance(e, lf.LibforecastError) and e.code == 0 and e.months == ["2025-07"]


def test_call_passes_a_record_and_raises_the_c_message():
    out = T.lf_date()
    with pytest.raises(lf.InputError) as info:
        call(LIB.lf_date_parse, b"2025-13-01", out)
    assert info.value.code == T.LF_ERR_RANGE
    assert "2025-13-01" in info.value.message
    call(LIB.lf_date_parse, b"2025-01-02", out)
    assert out.value == 20090


def test_a_libioerror_is_caught_as_oserror(tmp_path):
    with pytest.raises(OSError) as info:
        lf.Config(tmp_path / "nothere.yaml")
    assert info.value.code == T.LF_ERR_IO
    assert str(info.value) == f"cannot open {tmp_path / 'nothere.yaml'}: No such file or directory"
