"""Tell whether the process that started a piece of work is still running.

A record of long work (an import) keeps ``host:pid:start`` of the process doing it. The start
time (from /proc, in clock ticks since boot) guards against a new process that happens to
reuse the same pid after the first has died.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def _start_time(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # Field 22 is the start time; the command name (field 2) may hold spaces, so count from ')'.
    return stat.rsplit(")", 1)[-1].split()[19]


def current_process() -> str:
    """This process as ``host:pid:start``."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def is_gone(process: str) -> bool:
    """True when ``process`` (from `current_process`) ran on this host and no longer runs.

    A process on another host cannot be checked from here, so it is never called gone.
    """
    host, _, rest = process.partition(":")
    pid_text, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it exists, under another user
    return bool(started) and _start_time(pid) != started
