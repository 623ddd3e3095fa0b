"""Application settings: defaults < settings.yaml < environment variables.

Every setting has a typed default. Environment variables named ``APP_<SECTION>__<KEY>``
override the YAML file, e.g. ``APP_DATABASE__POOL_SIZE=20``. Unknown keys are
rejected so typos do not silently fall back to defaults.
"""
import os
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

ENV_PREFIX = "APP_"


@dataclass
class DatabaseSettings:
    url: str = "postgresql://localhost:5432/library"
    pool_size: int = 5
    statement_timeout_ms: int = 15_000


@dataclass
class MailSettings:
    smtp_host: str = "localhost"
    smtp_port: int = 587
    sender: str = "no-reply@library.example"


@dataclass
class Settings:
    debug: bool = False
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    mail: MailSettings = field(default_factory=MailSettings)


def _coerce(value: str, target_type: type) -> Any:
    if target_type is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return target_type(value)


def _apply(obj: Any, values: Mapping[str, Any], where: str) -> None:
    known = {f.name: f for f in fields(obj)}
    for key, value in values.items():
        if key not in known:
            raise KeyError(f"unknown setting {where}{key}")
        current = getattr(obj, key)
        if is_dataclass(current):
            _apply(current, value, f"{where}{key}.")
        elif isinstance(value, str) and not isinstance(current, str):
            setattr(obj, key, _coerce(value, type(current)))
        else:
            setattr(obj, key, value)


def _env_overrides(environ: Mapping[str, str]) -> Dict[str, Any]:
    nested: Dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        path = name[len(ENV_PREFIX):].lower().split("__")
        node = nested
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return nested


def load_settings(path: Path = Path("settings.yaml"), environ: Mapping[str, str] = os.environ) -> Settings:
    settings = Settings()
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            _apply(settings, yaml.safe_load(fh) or {}, "")
    _apply(settings, _env_overrides(environ), "env:")
    return settings
