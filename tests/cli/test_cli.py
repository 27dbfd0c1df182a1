"""The administrator's commands, run as a user would, against the test store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import COMMANDS, app
from corridor.settings import Settings

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def node(env_settings: Settings) -> Settings:
    run("db", "upgrade")
    run("agency", "add", "VNM-MPS", "--name", "Ministry of Public Security", "--country", "VNM")
    return env_settings


def test_help_explains_where_to_start() -> None:
    output = run("--help")
    for command in ("serve", "demo", "db", "agency", "user", "token"):
        assert command in output
    assert "corridor db upgrade" in output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_loads_under_its_name(name: str) -> None:
    output = run(name, "--help")
    assert f"corridor {name}" in output


@pytest.mark.parametrize("name", ["resolve", "screen", "stays", "crossings", "mrz"])
def test_a_file_command_starts_without_the_store(name: str) -> None:
    """Commands load their modules when run: working on files must not pay for SQLAlchemy."""
    probe = (
        "import sys\n"
        "from typer.main import get_command\n"
        "from corridor.cli.main import app\n"
        f"get_command(app).get_command(None, {name!r})\n"
        "print(sorted({'sqlalchemy', 'alembic', 'argon2'} & set(sys.modules)))"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_agencies_are_added_and_listed_as_json(node: Settings) -> None:
    run("agency", "add", "GBR-HO", "--name", "Home Office", "--country", "GBR")
    listed = json.loads(run("agency", "list", "--json"))
    assert [a["code"] for a in listed] == ["VNM-MPS", "GBR-HO"]


def test_users_get_roles_and_a_token_that_can_be_revoked(node: Settings) -> None:
    run(
        "user",
        "add",
        "vnm.border",
        "--agency",
        "VNM-MPS",
        "--role",
        "border_officer,analyst",
        "--password",
        "long-enough-pass",
    )
    users = json.loads(run("user", "list", "--json"))
    assert users[0]["roles"] == ["analyst", "border_officer"]
    token = json.loads(run("token", "create", "vnm.border", "--name", "sync", "--json"))
    assert token["token"].startswith("cor_")
    run("token", "revoke", str(token["id"]))
    assert json.loads(run("token", "list", "vnm.border", "--json"))[0]["revoked"] is True


def test_mistakes_are_reported_in_one_line_and_change_nothing(tmp_path: Path) -> None:
    environment = {"PATH": "", "CORRIDOR_DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"}
    corridor = Path(sys.executable).parent / "corridor"  # the installed entry point
    result = subprocess.run(  # noqa: S603
        [str(corridor), "agency", "add", "XX", "--name", "x", "--country", "VNM"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: agency code 'XX' is not of the form")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        (
            "user",
            "add",
            "x.y",
            "--agency",
            "NOPE-X",
            "--role",
            "admin",
            "--password",
            "long-enough-pass",
        ),
        (
            "user",
            "add",
            "x.y",
            "--agency",
            "VNM-MPS",
            "--role",
            "god",
            "--password",
            "long-enough-pass",
        ),
        ("token", "create", "nobody", "--name", "x"),
        ("token", "revoke", "999"),
    ],
)
def test_wrong_references_are_errors(node: Settings, args: tuple[str, ...]) -> None:
    from corridor.errors import CorridorError

    result = runner.invoke(app, list(args))
    assert result.exit_code != 0
    assert isinstance(result.exception, CorridorError)
    assert json.loads(run("user", "list", "--json")) == []


def test_the_demo_world_loads_once_and_is_kept_or_replaced_on_request(node: Settings) -> None:
    with pytest.raises(Exception, match="already holds data"):
        runner.invoke(app, ["demo", "--travellers", "10"], catch_exceptions=False)
    run("demo", "--travellers", "10", "--skip-if-loaded")
    summary = json.loads(run("demo", "--travellers", "50", "--replace", "--json"))
    assert summary["travellers"] == 50
    assert summary["agencies"] >= 5
    assert "vnm.border" in summary["users"]
