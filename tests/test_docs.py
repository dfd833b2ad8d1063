"""Documentation that is tested: every command and API endpoint appears in the README."""

import re
from pathlib import Path

import pytest

from klimatlaget.cli.main import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = []
    for name, command in sub.choices.items():
        nested = [a for a in command._actions if a.dest in {"kind", "source"}]
        if nested:
            names += [f"{name} {child}" for child in nested[0].choices]
        else:
            names.append(name)
    return names


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command):
    assert f"klimatlaget {command}" in README


def test_every_api_endpoint_is_in_the_readme(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    documented = set(re.findall(r"`(?:GET|POST|PUT|PATCH|DELETE) (/api/[^`? ]+)", README))
    assert {path for path in paths} == documented
