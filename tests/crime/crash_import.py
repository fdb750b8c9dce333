"""Kill real import processes at chosen moments (run by test_import_crash.py, not by pytest).

Usage: python crash_import.py SPEC.json. The spec names the inputs, the stores (one copy of the
'before' store per kill) and the kills. Django is set up once here; each import then runs in a
forked child process, which is killed with SIGKILL either by itself, just before its Nth
filesystem step (or after writing half a file: a torn write), or by this process after a delay.
Prints one JSON line per kill: the store and the child's exit status.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

import django

STEPS = ("write_table", "fsync", "replace", "unlink", "rmdir")
COUNT: list[list[str]] = []


def _arm(kill_at: int, torn: bool) -> None:
    """Count the store's filesystem steps and SIGKILL this process at step ``kill_at``."""
    import pyarrow.parquet as pq

    count = [0]
    names: list[str] = []

    def wrap(module, name):
        original = getattr(module, name)

        def step(*args, **kwargs):
            count[0] += 1
            names.append(name)
            if count[0] == kill_at:
                if torn and name == "write_table":
                    with open(args[1], "wb") as handle:  # half a file, as a power cut leaves it
                        handle.write(b"PAR1" + os.urandom(100))
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)

        setattr(module, name, step)

    wrap(pq, "write_table")
    for name in STEPS[1:]:
        wrap(os, name)

    COUNT[:] = [names]


def main() -> None:
    spec = json.loads(open(sys.argv[1], encoding="utf-8").read())  # noqa: SIM115
    django.setup()
    from django.db import connections

    from cspmonitor.crime import services  # noqa: F401  (imported before forking)

    connections.close_all()
    for kill in spec["kills"]:
        pid = os.fork()
        if pid == 0:  # the import process
            os.environ["CRIME_STORE_DIR"] = kill["store"]
            from django.conf import settings

            settings.CRIME_STORE_DIR = kill["store"]
            if kill.get("step"):
                _arm(kill["step"], kill.get("torn", False))
            elif kill.get("count"):
                _arm(10**9, False)
            services.run_import(spec["inputs"])
            if COUNT:
                print(json.dumps({"steps": COUNT[0]}), flush=True)
            os._exit(0)
        if kill.get("after_seconds") is not None:
            time.sleep(kill["after_seconds"])
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        print(json.dumps({"store": kill["store"], "exit": code}), flush=True)


if __name__ == "__main__":
    main()
