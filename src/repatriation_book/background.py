"""The build's background processes: starting them one way (`python -m <module>` with the build's
environment, its cache and prepared-values folders, the output captured for the error report), and
telling whether one still works.

All run at the build's own priority: the downloads are the longest of them and must not wait (a lower
priority for them or for the profiles made the clean build slower, `make bench`). The state profiles,
needed only once the pages are written, start their work when the chapters' process has ended
(`profile_pages.main`), so that the chapters, which the reading waits for, do not share the processor
with them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def start(module: str, *args: str) -> subprocess.Popen:
    """`python -m module args...` beside the build."""
    return subprocess.Popen([sys.executable, "-m", module, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=os.environ.copy())


def running(pid: int) -> bool:
    """Whether the process `pid` still runs: it exists and, where /proc tells, has not ended (a process
    that ended is kept as a zombie until the build collects its output)."""
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc here: the signal's answer stands
    return state != "Z"


def preparing(folder: Path) -> bool:
    """Whether the process preparing the chapters into `folder` (its pid in `folder/pid`) still runs."""
    try:
        return running(int((Path(folder) / "pid").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


def wait_for_chapters(folder: Path | None, limit: float = 900) -> None:
    """Wait (at most `limit` seconds) while the chapters' process of this build still runs."""
    deadline = time.monotonic() + limit
    while folder is not None and preparing(folder) and time.monotonic() < deadline:
        time.sleep(0.1)
