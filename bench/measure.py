"""Shared helpers for the benchmarks: child processes with their own peak memory, machine facts.

Every contender whose memory matters runs in a child process of its own, so its peak resident
set size is its own and not the parent's (which holds generated data, esda, numba and so on).
The peak comes from ``os.wait4``, which returns the resource usage of exactly the child waited
for, unlike ``RUSAGE_CHILDREN``, a running maximum over every child the parent ever had. One
catch: Linux starts a new process's peak at the RSS of the process that forked it (the peak
survives ``exec``), so a child forked straight from this benchmark, which holds hundreds of MB,
would report at least that. Children are therefore started by a tiny launcher process (Python
with only ``os`` loaded, about 10 MB), which spawns the command, waits for it and reports its
peak RSS and wall time.

A child prints a JSON object as its last line of output: its own timings of the work alone
(imports and interpreter start excluded). The parent adds the wall time of the whole process.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
LIBRARIES = (
    "duckdb",
    "pyarrow",
    "polars",
    "pandas",
    "numpy",
    "scipy",
    "esda",
    "libpysal",
    "numba",
    "django",
    "matplotlib",
    "shapely",
)


# argv: usage file, then the command. Only `os`, `sys` and `time` are loaded, so the command
# starts from a small process; the launcher exits with the command's own exit code.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
if code == 0:
    with open(sys.argv[1], "w") as handle:
        handle.write(f"{usage.ru_maxrss} {wall}")
sys.exit(code)
"""


def python() -> str:
    """The project's interpreter when it exists (``make bench``), else the one running this."""
    return str(PYTHON) if PYTHON.exists() else sys.executable


def run_child(argv: list[str], *, workdir: Path, env: dict[str, str] | None = None, label: str) -> dict:
    """Run ``argv`` to completion; return wall time, peak RSS (MB) and its last JSON line, if any.

    Output goes to files under ``workdir`` (a pipe could fill and block the child).
    """
    out_path, err_path = workdir / f"{label}.out", workdir / f"{label}.err"
    usage_path = workdir / f"{label}.rusage"
    child_env = dict(os.environ, **(env or {}))
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), child_env.get("PYTHONPATH")]))
    launcher = [sys.executable, "-S", "-c", _LAUNCHER, str(usage_path), *argv]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        done = subprocess.run(launcher, stdout=out, stderr=err, cwd=REPO, env=child_env)  # noqa: S603
    returncode = done.returncode
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    if returncode != 0 or not usage_path.exists():
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"{label} failed ({returncode}): {' '.join(argv)}\n{stderr[-3000:]}")
    maxrss_kb, wall = usage_path.read_text().split()
    report = None
    lines = [line for line in stdout.splitlines() if line.strip()]
    if lines and lines[-1].startswith("{"):
        report = json.loads(lines[-1])
    # ru_maxrss is in kilobytes on Linux.
    return {"wall_s": float(wall), "peak_rss_MB": int(maxrss_kb) / 1024, "report": report, "stdout": stdout}


def machine() -> dict:
    """CPU count and model, memory, OS and Python: enough to compare runs across machines."""
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    os_name = platform.platform()
    try:
        release = dict(
            line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line
        )
        os_name = f"{release.get('PRETTY_NAME', '').strip(chr(34))} ({platform.release()})"
    except OSError:
        pass
    return {
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": model or platform.processor() or None,
        "memory_GB": memory_gb,
        "os": os_name,
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
    }


def versions() -> dict:
    """Installed versions of the libraries compared or used (None when missing)."""
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def emit(report: dict) -> None:
    """A child's report: one JSON line, last on stdout."""
    sys.stdout.write("\n" + json.dumps(report) + "\n")
    sys.stdout.flush()
