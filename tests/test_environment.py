"""pyproject.toml is the one list of dependencies; environment.yml must agree with it."""

from __future__ import annotations

import re
import tomllib

from analysis.config import PROJ_ROOT

_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"])
    for extra in data["project"]["optional-dependencies"].values():
        reqs += extra
    out = {}
    for r in reqs:
        m = _REQ.match(r)
        out[_norm(m[1])] = m[2].replace(" ", "")
    return out


def environment_requirements() -> dict[str, str]:
    out = {}
    text = (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:", 1)[1].splitlines():  # not the channels
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+)\s*([<>=!~][^#\s]*)?\s*(#.*)?$", line)
        if m and m[1] not in ("python", "pip"):
            out[_norm(m[1])] = (m[2] or "").replace(" ", "")
    return out


def test_environment_yml_matches_pyproject():
    assert environment_requirements() == pyproject_requirements()


def test_python_version_agrees():
    data = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    assert f"python{data['project']['requires-python']}" in env.replace(" ", "")


def test_environment_installs_the_package():
    assert "- -e ." in (PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
