#!/usr/bin/env python3
"""Start-up time of `dg run` on an empty script against other commands, spawned in turn.

Each round starts every command once, so the machine's drift reaches them all alike; prints the
median, quartiles and mean user/system time of each. The driver in benches/run.sh rounds w0 to the
millisecond and adds its own spawn of GNU time; this tells differences of a tenth of that.

    python3 benches/startup.py                      # dg against lua5.4, luajit -joff, /bin/true
    python3 benches/startup.py -n 5000 "dg run x.dg" "python3 -S -c pass"
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPTY = "// Empty script: measures process start-up + interpreter set-up only.\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rounds", type=int, default=2000)
    parser.add_argument("commands", nargs="*")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dg-startup-"))
    (work / "w.dg").write_text(EMPTY)
    (work / "w.lua").write_text("-- empty: start-up cost only\n")
    dg = ROOT / "target" / "release" / "dg"
    commands = args.commands or [f"{dg} run w.dg", "lua5.4 w.lua", "luajit -joff w.lua", "true"]
    argvs = []
    for command in commands:
        argv = command.split()
        found = shutil.which(argv[0])
        if found is None:
            print(f"skipped (not found): {command}", file=sys.stderr)
            continue
        argvs.append([found] + argv[1:])
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    walls = [[] for _ in argvs]
    user = [0.0] * len(argvs)
    system = [0.0] * len(argvs)
    os.chdir(work)
    for _ in range(args.rounds):
        for i, argv in enumerate(argvs):
            start = time.perf_counter_ns()
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
            _, _, usage = os.wait4(pid, 0)
            walls[i].append((time.perf_counter_ns() - start) / 1e6)
            user[i] += usage.ru_utime
            system[i] += usage.ru_stime
    print(f"{args.rounds} rounds, wall ms: median (p25-p75); mean user/sys ms")
    for i, argv in enumerate(argvs):
        q1, median, q3 = statistics.quantiles(walls[i], n=4)
        print(
            f"{median:7.3f} ({q1:.3f}-{q3:.3f})  user {user[i] / args.rounds * 1e3:.3f}"
            f" sys {system[i] / args.rounds * 1e3:.3f}  {' '.join(argv)}"
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
