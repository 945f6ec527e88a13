"""lfc --man: the manual page lfc(1), made from the help texts, covers every
command and renders with groff without a warning."""
import re
import shutil
import subprocess

import pytest


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=False)


def commands_in_help(lfc):
    """The command names `lfc --help` lists under 'commands:'."""
    text = run(lfc, "--help").stdout
    block = text.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def test_every_command_has_its_section_with_its_full_help(lfc):
    page = run(lfc, "--man").stdout
    assert page.startswith(".TH LFC 1 ")
    names = commands_in_help(lfc)
    assert "plan" in names and len(names) >= 8
    sections = re.findall(r"^\.SS lfc (\S+)$", page, flags=re.M)
    assert sections == names
    for name in names:
        help_text = run(lfc, "help", name).stdout
        body = page.split(f".SS lfc {name}\n.nf\n", 1)[1].split("\n.fi\n", 1)[0]
        unescaped = body.replace("\\-", "-").replace("\\e", "\\").replace("\\&", "")
        assert unescaped.strip("\n") == help_text.strip("\n"), name


def test_no_line_is_read_as_a_roff_request(lfc):
    """Verbatim lines starting with . or ' would be swallowed by roff."""
    page = run(lfc, "--man").stdout
    macros = {".TH", ".SH", ".SS", ".nf", ".fi", ".B", ".I", ".RB", ".IR"}
    for line in page.splitlines():
        if line.startswith((".", "'")):
            assert line.split()[0] in macros, line


@pytest.mark.skipif(not shutil.which("groff"), reason="groff not installed")
def test_groff_renders_it_without_warnings(lfc, tmp_path):
    page = tmp_path / "lfc.1"
    page.write_text(run(lfc, "--man").stdout)
    out = run("groff", "-k", "-man", "-Tutf8", "-ww", "-z", str(page))
    assert out.returncode == 0 and out.stderr == "", out.stderr
