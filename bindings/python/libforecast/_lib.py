"""Find and load libforecast.so, and declare every C function the package calls.

The library is looked for, in this order:

1. the file the environment variable LIBFORECAST_LIB names (only it: a path
   given on purpose is never replaced by another copy);
2. for a package `make install` installed: the library it installed beside
   it (PREFIX/lib, written into _install.py);
3. the build tree: build/libforecast.so.0 (then build/libforecast.so.0.*) of
   the repository this package sits in (bindings/python/libforecast/../../..);
4. an installed copy: ctypes.util.find_library('forecast'), the soname as the
   dynamic loader finds it (LD_LIBRARY_PATH, ld.so.cache: make install
   PREFIX=DIR with DIR/lib on LD_LIBRARY_PATH), then libforecast.so.0 in the
   usual library directories.

The binding mirrors the structs of ABI version 0 (the soname libforecast.so.0),
so only that major version is loaded.  When nothing loads, ImportError lists
every path tried and why it failed.

FUNCTIONS is the one table of restype/argtypes, gathered from the _c_<domain>
modules (see _c_core): a symbol the library lacks fails the import naming it,
and every call is type-checked by ctypes.
"""
import ctypes
import ctypes.util
import importlib
import os
import pathlib
import pkgutil

SONAME = "libforecast.so.0"
ENV = "LIBFORECAST_LIB"
_HERE = pathlib.Path(__file__).resolve()
# bindings/python/libforecast/_lib.py -> the repository (None when installed shallower)
_REPO = _HERE.parents[3] if len(_HERE.parents) > 3 else None
_LIB_DIRS = ["/usr/local/lib", "/usr/local/lib64", "/usr/lib/x86_64-linux-gnu",
             "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]


def _declaration_modules():
    """Every _c_<domain> module of the package, core first."""
    names = sorted(m.name for m in pkgutil.iter_modules([str(_HERE.parent)])
                   if m.name.startswith("_c_"))
    names.remove("_c_core")
    return [importlib.import_module(f"{__package__}.{n}") for n in ["_c_core"] + names]


def _gather(modules):
    """The union of the modules' MIRRORS, OPAQUE, SCALARS and FUNCTIONS; a
    name declared twice is a bug of the binding, refused at import."""
    mirrors, opaque, scalars, functions, constants = [], [], {}, {}, {}
    for m in modules:
        mirrors += m.MIRRORS
        opaque += m.OPAQUE
        for table, part in ((scalars, m.SCALARS), (functions, m.FUNCTIONS),
                            (constants, {k: v for k, v in vars(m).items()
                                         if k.startswith("LF_") and isinstance(v, int)})):
            for name, value in part.items():
                if name in table and table[name] != value:
                    raise ImportError(f"libforecast: {name} is declared twice differently "
                                      f"({m.__name__})")
                table[name] = value
    names = [c for c, *_ in mirrors + opaque]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise ImportError(f"libforecast: {sorted(dup)} declared in two _c_ modules")
    return mirrors, opaque, scalars, functions, constants


# name: (restype, argtypes).  Functions returning a status return c_int and
# take the lf_error * last; errors.call() passes it and checks the status.
MIRRORS, OPAQUE, SCALARS, FUNCTIONS, CONSTANTS = _gather(_declaration_modules())


def candidates():
    """The paths tried, in order, as (path, where) pairs; see the module's doc.
    A generator: the installed copy is only searched for when needed."""
    env = os.environ.get(ENV)
    if env:
        yield env, f"${ENV}"
        return
    try:   # written by make install: the library installed with this package
        from ._install import LIBDIR
        yield os.path.join(LIBDIR, SONAME), "make install's library directory"
    except ImportError:
        pass
    if _REPO is not None:
        build = _REPO / "build"
        yield str(build / SONAME), "build tree"
        for p in sorted(build.glob(SONAME + ".*")):
            yield str(p), "build tree"
    name = ctypes.util.find_library("forecast")
    if name and name.startswith(SONAME):
        yield name, "find_library('forecast')"
    yield SONAME, "the dynamic loader's search path"
    for d in _LIB_DIRS:
        yield os.path.join(d, SONAME), "library directory"


def _file_of(name):
    """The file a library loaded by name came from (Linux: /proc/self/maps)."""
    if os.sep in name:
        return name
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split(maxsplit=5)[-1].strip()
                if os.path.basename(path).startswith(SONAME):
                    return path
    except OSError:
        pass
    return name


def _load():
    tried = []
    for path, where in candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(f"  {path} ({where}): no such file")
            continue
        try:
            return ctypes.CDLL(path), _file_of(path)
        except OSError as e:
            tried.append(f"  {path} ({where}): {e}")
    raise ImportError("libforecast: cannot load the C library; tried:\n" + "\n".join(tried) +
                      f"\nBuild it with `make` in the repository, install it with `make "
                      f"install`, or set {ENV} to the path of libforecast.so.0")


def _declare(lib, path):
    for name, (restype, argtypes) in FUNCTIONS.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise ImportError(f"libforecast: {path} lacks the function {name}; the binding "
                              f"needs a library of its own version") from None
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


LIB, PATH = _load()
_declare(LIB, PATH)


_LIBC = ctypes.CDLL(None)
_LIBC.free.restype = None
_LIBC.free.argtypes = [ctypes.c_void_p]


def libc_free(ptr):
    """free() an array a C function returned for the caller to free (the
    library allocates with the process's malloc)."""
    _LIBC.free(ctypes.cast(ptr, ctypes.c_void_p))


def library_path():
    """The path of the libforecast.so this process loaded.

    >>> import libforecast
    >>> libforecast.library_path().endswith(".so.0") or "libforecast" in libforecast.library_path()
    True
    """
    return PATH
