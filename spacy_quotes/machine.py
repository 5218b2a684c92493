"""The machine a benchmark ran on: CPU, software, commit and load, for its report."""
import os
import platform
import subprocess
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Dict

import spacy

from .pipeline import resolve_base_pipeline


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _git_commit() -> str:
    """`git describe --always --dirty` of this checkout, or "unknown"."""
    try:
        return subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def machine_info() -> Dict[str, str]:
    base = resolve_base_pipeline()
    return {
        "CPU": f"{_cpu_model()}, {os.cpu_count()} cores",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "git commit": _git_commit(),
        "software": (
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
            f"{base} {package_version(base)}, textacy {package_version('textacy')}"
        ),
        "load average (1, 5, 15 min) at start": load_average(),
    }
