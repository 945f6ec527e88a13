"""The ABI guard: the ctypes mirrors and the function table against the C
headers.  A C program compiled against include/ prints the size and the
offset of every mirrored field and the constants; the headers give the field
names in order and the prototypes of every function in _lib.FUNCTIONS.  A
struct or a signature changed on one side only fails here, not in memory."""
import ctypes
import re
import subprocess

import pytest

from conftest import ROOT
from libforecast import _lib

INCLUDE = ROOT / "include"
CONSTANTS = sorted(_lib.CONSTANTS)


def header_text():
    text = "\n".join(p.read_text() for p in sorted(INCLUDE.rglob("*.h")))
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


HEADERS = header_text()


def header_fields(cname):
    """The field names of `typedef struct cname {...} cname;`, in order."""
    m = re.search(r"typedef struct %s \{(.*?)\} %s;" % (cname, cname), HEADERS, re.S)
    assert m, f"struct {cname} not found in {INCLUDE}"
    names = []
    for decl in filter(str.strip, m.group(1).split(";")):
        for declarator in decl.split(","):
            names.append(re.findall(r"[A-Za-z_]\w*", re.sub(r"\[.*?\]", "", declarator))[-1])
    return names


def c_program():
    lines = ["#include <stdio.h>", "#include <stddef.h>", '#include "libforecast.h"',
             "int main(void) {"]
    for cname, struct, kind in _lib.MIRRORS:
        if kind == "full":
            lines.append(f'  printf("{cname}.sizeof %zu\\n", sizeof({cname}));')
        for field, _ in struct._fields_:
            lines.append(f'  printf("{cname}.{field} %zu %zu\\n", offsetof({cname}, {field}), '
                         f'sizeof((({cname} *)0)->{field}));')
    for name in CONSTANTS:
        lines.append(f'  printf("{name} %d\\n", (int)({name}));')
    for name in _lib.SCALARS:
        lines.append(f'  printf("{name}.sizeof %zu\\n", sizeof({name}));')
    lines.append('  printf("status_both %d\\n", (int)LF_BALANCE_BOTH);')
    lines.append("  return 0;\n}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def c_layout(c_compiler, tmp_path_factory):
    d = tmp_path_factory.mktemp("abi")
    (d / "abi.c").write_text(c_program())
    r = subprocess.run([c_compiler, "-std=c11", "-Wall", "-Werror", f"-I{INCLUDE}",
                        str(d / "abi.c"), "-o", str(d / "abi")], capture_output=True, text=True)
    assert r.returncode == 0, f"the mirrors name a field C does not have:\n{r.stderr}"
    out = subprocess.run([str(d / "abi")], capture_output=True, text=True, check=True).stdout
    return dict(line.split(" ", 1) for line in out.splitlines())


@pytest.mark.parametrize("cname,struct,kind", _lib.MIRRORS, ids=[m[0] for m in _lib.MIRRORS])
def test_field_names_and_order_are_the_headers(cname, struct, kind):
    assert kind in ("full", "prefix")
    names = [f for f, _ in struct._fields_]
    c_names = header_fields(cname)
    assert names == (c_names[:len(names)] if kind == "prefix" else c_names)


@pytest.mark.parametrize("cname,struct,kind", _lib.MIRRORS, ids=[m[0] for m in _lib.MIRRORS])
def test_sizes_and_offsets_are_the_compilers(c_layout, cname, struct, kind):
    if kind == "full":
        assert ctypes.sizeof(struct) == int(c_layout[f"{cname}.sizeof"]), "sizeof"
    for field, _ in struct._fields_:
        f = getattr(struct, field)
        assert (f.offset, f.size) == tuple(map(int, c_layout[f"{cname}.{field}"].split())), field


def test_constants_are_the_headers(c_layout):
    for name in CONSTANTS:
        assert _lib.CONSTANTS[name] == int(c_layout[name]), name
    for name, ctype in _lib.SCALARS.items():
        assert ctypes.sizeof(ctype) == int(c_layout[f"{name}.sizeof"]), name
    assert int(c_layout["status_both"]) == 3  # months_by_status has 4 entries


# ---- the function table against the prototypes --------------------------------------------

PROTOTYPE = re.compile(r"(?:^|[;}])\s*((?:const\s+)?[A-Za-z_]\w*[\s\*]+)\b(lf_\w+)\s*\(([^;{()]*)\)"
                       r"\s*;", re.M)


def prototypes():
    found = {}
    for ret, name, params in PROTOTYPE.findall(HEADERS):
        params = [] if params.strip() in ("", "void") else [p.strip() for p in params.split(",")]
        # an array parameter (double profile[24]) is a pointer
        params = [re.sub(r"\b\w+\s*\[\w*\]$", "*", p) for p in params]
        found[name] = (ret.strip(), [re.sub(r"\b\w+$", "", p).strip() for p in params])
    return found


BASES = {"int": ctypes.c_int, "unsigned": ctypes.c_uint, "size_t": ctypes.c_size_t,
         "double": ctypes.c_double,
         "long": ctypes.c_long, "unsigned long": ctypes.c_ulong}
BASES.update(_lib.SCALARS)
BASES.update({cname: struct for cname, struct, _ in _lib.MIRRORS})
BASES.update({cname: struct for cname, struct in _lib.OPAQUE})


def ctype_of(ctext):
    """The ctypes type the binding must declare for a C type."""
    text = re.sub(r"\bconst\b", "", ctext)
    stars = text.count("*")
    base = text.replace("*", "").strip()
    if base == "void" and stars == 0:
        return None
    if base == "char" and stars >= 1:
        base_type, stars = ctypes.c_char_p, stars - 1
    elif base == "void":
        base_type, stars = ctypes.c_void_p, stars - 1
    else:
        base_type = BASES[base]
    for _ in range(stars):
        base_type = ctypes.POINTER(base_type)
    return base_type


@pytest.mark.parametrize("name", sorted(_lib.FUNCTIONS))
def test_every_declared_function_matches_its_prototype(name):
    protos = prototypes()
    assert name in protos, f"{name} has no prototype in {INCLUDE}"
    ret, params = protos[name]
    restype, argtypes = _lib.FUNCTIONS[name]
    assert restype is ctype_of(ret), f"{name} returns {ret}"
    assert list(argtypes) == [ctype_of(p) for p in params], f"{name}({', '.join(params)})"


def test_the_declarations_are_on_the_loaded_functions():
    for name, (restype, argtypes) in _lib.FUNCTIONS.items():
        fn = getattr(_lib.LIB, name)
        assert fn.restype is restype and list(fn.argtypes) == list(argtypes), name


def test_every_function_the_package_calls_is_in_the_table():
    package = ROOT / "bindings" / "python" / "libforecast"
    called = set()
    for path in package.glob("*.py"):
        called |= set(re.findall(r"\bLIB\.(lf_\w+)", path.read_text()))
    assert called, "no C call found: the scan is broken"
    assert sorted(called - set(_lib.FUNCTIONS)) == []
    assert sorted(set(_lib.FUNCTIONS) - called) == []   # nothing declared for nothing
