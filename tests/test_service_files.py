"""The service files: the Dockerfile, compose.yaml and the systemd unit say what the project really is.

No container engine runs here, so the Dockerfile is checked step by step instead of built: every package
its `pip install` lines name is pinned as pyproject pins it, the sources it copies make a package that
holds every file of ours, and its CMD is a console script that knows the command. Installing every
dependency into a fresh virtualenv (torch, the model, FAISS: over a gigabyte) would take minutes, too
long for this suite; the wheel built below is installed without them.
"""

from __future__ import annotations

import configparser
import io
import json
import logging
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml  # PyYAML comes with huggingface_hub, which the model loader needs

from bot.cli import build_parser
from bot.telegram_app import configure_logging

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# pip options followed by a value, which is not a package
VALUED_OPTIONS = {"--index-url", "-i", "--extra-index-url", "-r", "--requirement", "-c", "--constraint", "-t"}


def instructions(path: Path) -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined, comments dropped."""
    lines = [line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    return [
        (keyword.upper(), " ".join(rest.split()))
        for keyword, _, rest in (line.strip().partition(" ") for line in joined.splitlines() if line.strip())
    ]


DOCKERFILE = instructions(ROOT / "Dockerfile")


def pip_installs() -> list[list[str]]:
    """The arguments after `pip install` in each RUN command (one per `&&`-joined command)."""
    installs = []
    for keyword, arguments in DOCKERFILE:
        if keyword != "RUN":
            continue
        for command in arguments.split("&&"):
            words = shlex.split(command)
            if words[:2] == ["pip", "install"] or (words[1:3] == ["-m", "pip"] and "install" in words):
                installs.append(words[words.index("install") + 1 :])
    return installs


def packages(arguments: list[str]) -> list[str]:
    named, skip = [], False
    for word in arguments:
        if skip:
            skip = False
        elif word in VALUED_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            named.append(word)
    return named


def declared_pins(extras: list[str]) -> set[str]:
    pins = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        pins += PYPROJECT["project"]["optional-dependencies"][extra]
    return {re.sub(r"\[[^]]*\]", "", pin).replace(" ", "").lower() for pin in pins}


def test_the_dockerfile_installs_something():
    assert len(pip_installs()) >= 2


def test_every_package_the_dockerfile_names_is_pinned_as_pyproject_pins_it():
    local_extras = [
        extra
        for words in pip_installs()
        for name in packages(words)
        if name.startswith(".")
        for extra in re.findall(r"[\w-]+", name.partition("[")[2])
    ]
    declared = declared_pins(local_extras)
    named = [name for words in pip_installs() for name in packages(words) if not name.startswith(".")]

    assert named, "the Dockerfile installs no package by name"
    for name in named:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.+]+", name), f"{name} is not pinned"
        assert name.lower() in declared, f"{name} is not what pyproject.toml pins"


def test_the_project_is_installed_with_extras_pyproject_declares():
    local = [name for words in pip_installs() for name in packages(words) if name.startswith(".")]

    assert local == [".[postgres]"]
    assert "postgres" in PYPROJECT["project"]["optional-dependencies"]


def test_torch_comes_from_the_cpu_index_before_the_project():
    installs = pip_installs()
    first = installs[0]

    assert packages(first) == [next(p for p in PYPROJECT["project"]["dependencies"] if p.startswith("torch=="))]
    assert first[first.index("--index-url") + 1] == CPU_INDEX
    assert all(CPU_INDEX not in words for words in installs[1:])  # everything else from PyPI


def test_the_image_runs_offline_as_a_user_of_its_own_with_data_in_a_volume():
    env = " ".join(arguments for keyword, arguments in DOCKERFILE if keyword == "ENV")
    users = [arguments for keyword, arguments in DOCKERFILE if keyword == "USER"]
    volumes = [arguments for keyword, arguments in DOCKERFILE if keyword == "VOLUME"]

    assert "HF_HUB_OFFLINE=1" in env.split()
    assert users and users[-1] not in ("root", "0")
    data_dir = re.search(r"BOARDMEM_DATA_DIR=(\S+)", env)
    assert data_dir and json.loads(volumes[-1]) == [data_dir.group(1)]


def test_the_base_image_is_the_python_pyproject_requires():
    (base,) = [arguments for keyword, arguments in DOCKERFILE if keyword == "FROM"]

    assert base == "python:3.11-slim" and PYPROJECT["project"]["requires-python"].startswith(">=3.11")


def test_cmd_is_a_console_script_and_a_command_it_knows():
    (cmd,) = [json.loads(arguments) for keyword, arguments in DOCKERFILE if keyword == "CMD"]

    script, *argv = cmd
    assert script in PYPROJECT["project"]["scripts"]
    assert build_parser().parse_args(argv).command == argv[0]


def test_the_sources_the_dockerfile_copies_build_a_package_holding_every_file_of_ours(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for keyword, arguments in DOCKERFILE:
        if keyword == "COPY":
            *sources, _target = arguments.split()
            for name in sources:
                path = ROOT / name
                if path.is_dir():
                    shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy(path, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr

    (wheel,) = tmp_path.glob("boardmem-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "ls-files", *PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    ours = [path for path in tracked if (ROOT / path).is_file() and (path.endswith(".py") or "bundled/" in path)]
    assert ours and [path for path in ours if path not in inside] == []


# --- compose.yaml -----------------------------------------------------------------------------

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_points_the_bot_at_its_postgresql_service():
    url = COMPOSE["services"]["bot"]["environment"]["BOARDMEM_DATABASE_URL"]
    (database,) = [name for name, service in COMPOSE["services"].items() if "postgres" in service.get("image", "")]

    assert url.startswith("postgresql://") and f"@{database}:5432/" in url


def test_compose_starts_the_bot_once_postgresql_answers_its_healthcheck():
    database = COMPOSE["services"]["db"]

    assert "pg_isready" in " ".join(database["healthcheck"]["test"])
    assert COMPOSE["services"]["bot"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_builds_this_dockerfile_and_keeps_data_in_named_volumes():
    bot = COMPOSE["services"]["bot"]

    assert bot["build"] == "."
    mounts = [volume.split(":") for volume in bot["volumes"] + COMPOSE["services"]["db"]["volumes"]]
    assert {source for source, *_ in mounts} <= set(COMPOSE["volumes"])
    assert any(target == "/data" for _source, target, *_ in mounts)


def test_compose_keeps_the_token_out_of_the_file():
    text = (ROOT / "compose.yaml").read_text()

    assert "TELEGRAM_BOT_TOKEN:" not in text and COMPOSE["services"]["bot"]["env_file"] == ".env"


# --- the systemd unit -------------------------------------------------------------------------


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)  # Environment= may repeat
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd's keys are case-sensitive
    parser.read(ROOT / "deploy" / "boardmem.service")
    return parser


def test_the_unit_restarts_on_failure_but_not_on_a_bad_setting():
    service = unit()["Service"]

    assert service["Restart"] == "on-failure" and service["RestartPreventExitStatus"] == "2"


def test_the_unit_runs_boardmem_as_a_dedicated_user_with_the_token_from_an_environment_file():
    service = unit()["Service"]

    assert service["User"] not in ("root", "") and service["EnvironmentFile"].startswith("/etc/")
    assert service["ExecStart"].split()[-2:] == ["boardmem", "run"] or service["ExecStart"].endswith("/boardmem run")


def test_the_unit_is_installed_for_the_multi_user_target():
    assert unit()["Install"]["WantedBy"] == "multi-user.target"


# --- logs ---------------------------------------------------------------------------------------


@pytest.fixture
def root_log():
    """The root logger writing into a buffer; its handlers and level put back after."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    buffer = io.StringIO()
    root.handlers[:] = [logging.StreamHandler(buffer)]
    yield buffer
    root.handlers[:], level = saved
    root.setLevel(level)


def test_json_logs_are_one_object_per_line_with_time_level_logger_and_message(root_log):
    configure_logging("123:SECRET", as_json=True)

    logging.getLogger("bot.test").info("Sent reminder %s", 7)
    logging.getLogger("bot.test").warning("second line")

    lines = [json.loads(line) for line in root_log.getvalue().splitlines()]
    assert [(entry["level"], entry["logger"], entry["message"]) for entry in lines] == [
        ("INFO", "bot.test", "Sent reminder 7"),
        ("WARNING", "bot.test", "second line"),
    ]
    assert all(set(entry) == {"time", "level", "logger", "message"} for entry in lines)
    assert lines[0]["time"].endswith("+00:00")


def test_json_logs_never_show_the_token(root_log):
    configure_logging("123:SECRET", as_json=True)

    try:
        raise RuntimeError("https://api.telegram.org/bot123:SECRET/getMe failed")
    except RuntimeError:
        logging.getLogger("bot.test").exception("request to bot123:SECRET failed")

    (entry,) = [json.loads(line) for line in root_log.getvalue().splitlines()]
    assert "SECRET" not in root_log.getvalue() and "RuntimeError" in entry["exception"]


def test_log_level_leaves_out_less_severe_lines(root_log):
    configure_logging("123:SECRET", level="WARNING")

    logging.getLogger("bot.test").info("quiet")
    logging.getLogger("bot.test").warning("heard")

    assert "quiet" not in root_log.getvalue() and "heard" in root_log.getvalue()
