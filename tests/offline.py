"""Run a command with no network but loopback, in a new network namespace (`unshare -n`)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

# Run inside `unshare -n`: bring up the namespace's own loopback (Jupyter kernels talk to the build over
# 127.0.0.1), then exec the command. No other interface exists there, so nothing outside is reachable.
LOOPBACK_THEN_EXEC = (
    "import fcntl, os, socket, struct, sys\n"
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
    "ifr = fcntl.ioctl(s, 0x8913, struct.pack('16sh22x', b'lo', 0))\n"  # SIOCGIFFLAGS
    "flags = struct.unpack('16sh22x', ifr)[1]\n"
    "fcntl.ioctl(s, 0x8914, struct.pack('16sh22x', b'lo', flags | 1))\n"  # SIOCSIFFLAGS: IFF_UP
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)
def unshare() -> str:
    """The `unshare` binary, checked to work; a missing or failing one FAILS the test (never skips it):
    without it the offline claim is untested."""
    exe = shutil.which("unshare")
    if exe is None:
        pytest.fail("`unshare` (util-linux) is not installed: the offline build and tests cannot be checked. "
                    "Install util-linux (apt-get install util-linux) and run as root or with user namespaces.")
    probe = subprocess.run([exe, "-n", "true"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.fail(f"`unshare -n` does not work here ({probe.returncode}: {probe.stderr.strip()}): run the tests as "
                    "root or enable unprivileged user namespaces to check the offline build.")
    return exe


def offline(*cmd: str) -> list[str]:
    """`cmd` run in a new network namespace: loopback only, no route to any other host."""
    return [unshare(), "-n", sys.executable, "-c", LOOPBACK_THEN_EXEC, *cmd]


