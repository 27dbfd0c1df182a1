"""What every command needs: the settings, the store, and one way to print results."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from corridor.settings import Settings, get_settings
from corridor.store.database import Database

console = Console()
errors = Console(stderr=True)


def settings() -> Settings:
    return get_settings()


def database() -> Database:
    return Database(settings().database_url)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str, indent=2) + "\n")
