"""Finding and loading libforecast.so: LIBFORECAST_LIB, the build tree, an
installed copy; a clear ImportError naming what was tried or the missing
function.  Each case imports the package in a fresh interpreter."""
import ctypes.util
import os
import shutil
import subprocess
import sys

import pytest

import libforecast as lf
from conftest import BINDING, ROOT

PROBE = "import libforecast as lf; print(lf.library_path()); print(lf.__version__)"


def python(code, env_update, path=BINDING):
    """code run by a fresh interpreter importing the package from path (the
    working directory is path too: `-c` puts it first on sys.path)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LIBFORECAST_LIB", "PYTHONPATH")}
    env.update(env_update)
    env["PYTHONPATH"] = str(path)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=path)


def test_default_finds_the_build_tree():
    if not (ROOT / "build" / "libforecast.so.0").exists():
        pytest.skip("no build/libforecast.so.0 (the library tested is another build's)")
    r = python(PROBE, {})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[0] == str(ROOT / "build" / "libforecast.so.0")


def test_environment_variable_names_the_library(tmp_path):
    copy = tmp_path / "libforecast.so.0.1.0"
    shutil.copy(os.path.realpath(lf.library_path()), copy)
    r = python(PROBE, {"LIBFORECAST_LIB": str(copy)})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[0] == str(copy)


def test_environment_variable_is_not_replaced_by_another_copy(tmp_path):
    missing = tmp_path / "nothere.so"
    r = python(PROBE, {"LIBFORECAST_LIB": str(missing)})
    assert r.returncode != 0
    assert "ImportError: libforecast: cannot load the C library; tried:" in r.stderr
    assert f"{missing} ($LIBFORECAST_LIB): no such file" in r.stderr
    assert "build tree" not in r.stderr
    assert "run `make`" not in r.stderr and "make install" in r.stderr


def copied_package(tmp_path):
    """The package copied where no build tree is (tmp/a/b/c/libforecast)."""
    pkg = tmp_path / "a" / "b" / "c"
    shutil.copytree(BINDING / "libforecast", pkg / "libforecast")
    return pkg


def installed_elsewhere():
    return ctypes.util.find_library("forecast") or any(
        os.path.exists(os.path.join(d, "libforecast.so.0")) for d in lf._lib._LIB_DIRS)


def test_nothing_found_lists_every_path_tried(tmp_path):
    if installed_elsewhere():
        pytest.skip("an installed libforecast.so.0 is on this machine")
    r = python(PROBE, {"LD_LIBRARY_PATH": ""}, path=copied_package(tmp_path))
    assert r.returncode != 0
    lines = r.stderr.split("tried:\n")[1].splitlines()
    assert lines[0] == f"  {tmp_path / 'a' / 'build' / 'libforecast.so.0'} (build tree): no such file"
    assert lines[1].startswith("  libforecast.so.0 (the dynamic loader's search path): ")
    assert lines[2] == "  /usr/local/lib/libforecast.so.0 (library directory): no such file"
    assert lines[-1].startswith("Build it with `make`") and "set LIBFORECAST_LIB" in lines[-1]


def test_an_installed_copy_is_found_by_the_dynamic_loader(tmp_path):
    # what make install PREFIX=tmp puts in tmp/lib, found through LD_LIBRARY_PATH
    lib = tmp_path / "prefix" / "lib"
    lib.mkdir(parents=True)
    shutil.copy(os.path.realpath(lf.library_path()), lib / "libforecast.so.0.1.0")
    (lib / "libforecast.so.0").symlink_to("libforecast.so.0.1.0")
    r = python(PROBE, {"LD_LIBRARY_PATH": str(lib)}, path=copied_package(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [str(lib / "libforecast.so.0.1.0"), lf.__version__]


def test_a_library_without_a_function_fails_naming_it(tmp_path, c_compiler):
    src = tmp_path / "fake.c"
    src.write_text('const char *lf_version(void) { return "0.0.0"; }\n')
    so = tmp_path / "libforecast.so.0"
    subprocess.run([c_compiler, "-shared", "-fPIC", str(src), "-o", str(so)], check=True)
    r = python(PROBE, {"LIBFORECAST_LIB": str(so)})
    assert r.returncode != 0
    assert f"ImportError: libforecast: {so} lacks the function lf_strerror" in r.stderr


def test_a_file_that_is_no_library_is_reported(tmp_path):
    bad = tmp_path / "libforecast.so.0"
    bad.write_text("not an ELF file")
    r = python(PROBE, {"LIBFORECAST_LIB": str(bad)})
    assert r.returncode != 0
    assert f"  {bad} ($LIBFORECAST_LIB): {bad}: " in r.stderr  # dlopen's reason follows


def test_version_is_the_librarys(lfc):
    out = subprocess.run([lfc, "--version"], capture_output=True, text=True).stdout
    assert out.split() == ["lfc", lf.__version__]


def test_public_names():
    for name in lf.__all__:
        assert hasattr(lf, name), name
        if name != "__version__":
            assert getattr(lf, name).__doc__, f"{name} has no docstring"
