"""Starting the build's background processes, one way: `python -m <module>` with the build's
environment (its cache and prepared-values folders), its output captured for the error report.

All run at the build's own priority: the downloads are the longest of them and must not wait (a lower
priority for them or for the profiles made the clean build slower, `make bench`).
"""

from __future__ import annotations

import os
import subprocess
import sys


def start(module: str, *args: str) -> subprocess.Popen:
    """`python -m module args...` beside the build."""
    return subprocess.Popen([sys.executable, "-m", module, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=os.environ.copy())
