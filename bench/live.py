"""Load on ``quizgen live``: a class of phones plays while a pupil's laptop attacks the server.

Two rounds in one run, each against a fresh server in its own process (as
``quizgen live`` runs): the *baseline*, students alone; and *under attack*,
the same students while 1,000 idle connections are held open (half of them
having sent part of a request; each reopened as soon as the server cuts it)
and a client sends a wrong join code about once a second (reconnecting when
cut off). Every client has its own loopback address (127.x.y.z), as every
phone has its own address in a classroom. Bounded in count and time (the
run stops after ``--limit`` seconds whatever happens).

Reports, per round: students joined, answers recorded in the CSV and the JSON
(expected: all), and medians and 99th percentiles of the time from the
host's "next" to each phone having the question and from each answer sent to
its "answer received"; then the ratio of the two rounds, and the machine's
load average before and after (a figure taken on a loaded machine is not a
figure). The attack starts ``--warmup`` seconds before the class arrives.
Targets: every student joins, 100% of the answers recorded, p99
under 200 ms under attack.

    python bench/live.py [--students 300] [--questions 10] [--idle 1000] [--warmup 12]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STUDENTS_MAX = 300
IDLE_MAX = 2000
CODE, TOKEN = "271828", "bench-host-token"


def serve(port: int, questions: int, out: Path) -> None:
    """The child process: a real game server on 127.0.0.1 (mc, tf and typed questions)."""
    from quizgen import factfile
    from quizgen.factfile.paths import bundled_facts
    from quizgen.generation.bank import generate
    from quizgen.live.run import prepare_game
    from quizgen.live.run import serve as run

    base = factfile.load(bundled_facts())
    items = generate(base, ("mc", "tf", "typed"), questions, seed=1)
    live = prepare_game(
        base,
        items,
        title=base.title,
        address="127.0.0.1",
        port=port,
        output=out,
        seconds=60,
        code=CODE,
        host_token=TOKEN,
    )
    run(
        live,
        bind="127.0.0.1",
        port=port,
        open_browser=False,
        echo=lambda line: print(line, flush=True),
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def address(block: int, n: int) -> str:
    """The ``n``-th loopback address of a block: 127.block.x.y, never .0 or .255."""
    return f"127.{block}.{n // 250}.{n % 250 + 1}"


@dataclass
class Figures:
    joined: int = 0
    refused: list[str] = field(default_factory=list)
    answers_sent: int = 0
    delivery_ms: list[float] = field(default_factory=list)
    ack_ms: list[float] = field(default_factory=list)
    idle_opened: int = 0
    wrong_codes: int = 0


async def attack(port: int, idle: int, stop: asyncio.Event, figures: Figures) -> None:
    """Hold ``idle`` connections open (reopening each when cut) and guess codes, until stop."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import WebSocketException

    async def hold(n: int) -> None:
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", port, local_addr=(address(2, n // 10), 0)
                )
            except OSError:
                await asyncio.sleep(0.5)
                continue
            figures.idle_opened += 1
            if n % 2:
                writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")  # and never the rest
            with contextlib.suppress(OSError):
                closed = asyncio.ensure_future(reader.read())
                stopped = asyncio.ensure_future(stop.wait())
                await asyncio.wait([closed, stopped], return_when=asyncio.FIRST_COMPLETED)
                closed.cancel()
                stopped.cancel()
            writer.close()

    async def guess() -> None:
        code = 100_000
        while not stop.is_set():
            try:
                async with connect(
                    f"ws://127.0.0.1:{port}/ws", compression=None, local_addr=(address(3, 0), 0)
                ) as ws:
                    while not stop.is_set():
                        code += 1
                        await ws.send(
                            json.dumps({"type": "join", "code": str(code), "name": "Guesser"})
                        )
                        figures.wrong_codes += 1
                        await ws.recv()
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(stop.wait(), 1.0)
            except (OSError, WebSocketException):
                await asyncio.sleep(0.2)

    await asyncio.gather(guess(), *(hold(n) for n in range(idle)))


async def play(port: int, students: int, questions: int, idle: int, warmup: float) -> Figures:
    from websockets.asyncio.client import connect

    url = f"ws://127.0.0.1:{port}/ws"
    figures = Figures()
    sent_at: dict[int, float] = {}
    stop = asyncio.Event()
    attacker = asyncio.ensure_future(attack(port, idle, stop, figures)) if idle else None
    if attacker is not None:  # the attack is in place (and churning) before the class arrives
        while figures.idle_opened < idle:
            await asyncio.sleep(0.05)
        await asyncio.sleep(warmup)
    ready = asyncio.Event()
    done = asyncio.Event()

    async def student(n: int) -> None:
        async with connect(
            url, max_size=2**20, max_queue=None, compression=None, local_addr=(address(1, n), 0)
        ) as ws:
            await ws.send(json.dumps({"type": "join", "code": CODE, "name": f"Student {n}"}))
            asked = 0.0
            while True:
                message = json.loads(await ws.recv())
                now = time.perf_counter()
                if message["type"] == "error" and figures.joined + len(figures.refused) < students:
                    figures.refused.append(message["message"])
                    ready.set() if figures.joined + len(figures.refused) == students else None
                    return
                if message["type"] == "joined":
                    figures.joined += 1
                    if figures.joined + len(figures.refused) == students:
                        ready.set()
                if message["type"] != "state":
                    continue
                view = message["view"]
                if view["phase"] == "end":
                    return
                q = view["question"]
                if view["phase"] == "question" and view["answered"] and asked:
                    figures.ack_ms.append((now - asked) * 1000)
                    asked = 0.0
                elif view["phase"] == "question" and not view["answered"]:
                    figures.delivery_ms.append((now - sent_at[q["index"]]) * 1000)
                    value: Any = "no idea" if q["shape"] == "text" else n % len(q["options"])
                    asked = time.perf_counter()
                    await ws.send(
                        json.dumps({"type": "answer", "question": q["index"], "value": value})
                    )
                    figures.answers_sent += 1

    async with connect(
        url, max_size=2**22, max_queue=None, compression=None, local_addr=(address(4, 0), 0)
    ) as host:
        await host.send(json.dumps({"type": "host", "token": TOKEN}))
        tasks = [asyncio.ensure_future(student(n)) for n in range(students)]
        await ready.wait()
        for index in range(questions + 1):
            if index < questions:
                sent_at[index] = time.perf_counter()
            await host.send(json.dumps({"type": "next"}))
            while True:  # the reveal (everyone answered), or the podium
                message = json.loads(await host.recv())
                if message["type"] != "state":
                    continue
                view = message["view"]
                if view["phase"] == "end" or (
                    view["phase"] == "reveal" and view["question"]["index"] == index
                ):
                    break
        await asyncio.gather(*tasks)
        done.set()
    stop.set()
    if attacker is not None:
        await attacker
    return figures


def memory(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])  # kB
    return fields


def round_(students: int, questions: int, idle: int, warmup: float, limit: float) -> dict[str, Any]:
    """One game against a fresh server process: the figures and what was recorded."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        server = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                str(port),
                "--out",
                str(out),
                "--questions",
                str(questions),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            assert server.stdout is not None
            server.stdout.readline()
            for _ in range(200):
                try:
                    with socket.create_connection(("127.0.0.1", port), 0.2):
                        break
                except OSError:
                    time.sleep(0.05)
            started = time.perf_counter()
            figures = asyncio.run(
                asyncio.wait_for(play(port, students, questions, idle, warmup), limit)
            )
            took = time.perf_counter() - started
            peak = memory(server.pid)["VmHWM"] // 1024
        finally:
            server.send_signal(2)
            server.communicate(timeout=30)
        rows = list(csv.DictReader(next(out.glob("live-*.csv")).open(encoding="utf-8")))
        document = json.loads(next(out.glob("live-*.json")).read_text(encoding="utf-8"))
    return {
        "figures": figures,
        "csv": len(rows),
        "json": len(document["answers"]),
        "took": took,
        "peak_mib": peak,
    }


def describe(name: str, result: dict[str, Any], students: int, questions: int) -> None:
    f: Figures = result["figures"]
    expected = students * questions
    print(f"{name}: {result['took']:.1f} s, server peak memory {result['peak_mib']} MiB")
    print(
        f"  joined {f.joined} of {students}" + (f" (refused: {f.refused[0]})" if f.refused else "")
    )
    print(
        f"  answers: {f.answers_sent} sent, {result['csv']} in the CSV, {result['json']} "
        f"in the JSON (expected {expected})"
    )
    for label, values in (
        ("'next' -> phone has the question", f.delivery_ms),
        ("answer -> 'answer received'", f.ack_ms),
    ):
        print(
            f"  {label}: median {statistics.median(values):.1f} ms, "
            f"p99 {percentile(values, 99):.1f} ms, max {max(values):.1f} ms "
            f"over {len(values)}"
        )
    if f.idle_opened:
        print(
            f"  held by the attacker: {f.idle_opened} idle connections opened "
            f"(each reopened when cut), {f.wrong_codes} wrong codes sent"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument(
        "--warmup",
        type=float,
        default=12.0,
        help="seconds the attack runs before the class arrives (past the "
        "server's 10 s deadline, so it is cutting and the attacker reopening)",
    )
    parser.add_argument("--limit", type=float, default=300.0, help="stop after this many s")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        if os.environ.get("BENCH_PROFILE"):  # python bench/live.py with a file to profile into
            import cProfile

            cProfile.runctx(
                "serve(args.serve, args.questions, args.out)",
                globals(),
                locals(),
                os.environ["BENCH_PROFILE"],
            )
        else:
            serve(args.serve, args.questions, args.out)
        return
    students, idle = min(args.students, STUDENTS_MAX), min(args.idle, IDLE_MAX)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this process holds them all
    load_before = os.getloadavg()
    print(
        f"{students} students, {args.questions} questions; {os.cpu_count()} cores; "
        f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f}"
    )
    baseline = round_(students, args.questions, 0, 0, args.limit)
    attacked = round_(students, args.questions, idle, args.warmup, args.limit)
    load_after = os.getloadavg()
    describe("baseline (students alone)", baseline, students, args.questions)
    describe(
        f"under attack ({idle} idle connections, a wrong code a second)",
        attacked,
        students,
        args.questions,
    )
    for label, key in (("question delivery", "delivery_ms"), ("answer received", "ack_ms")):
        a, b = getattr(attacked["figures"], key), getattr(baseline["figures"], key)
        print(
            f"ratio under attack / baseline, {label}: median "
            f"{statistics.median(a) / statistics.median(b):.2f}, p99 "
            f"{percentile(a, 99) / percentile(b, 99):.2f}"
        )
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    expected = students * args.questions
    f = attacked["figures"]
    ok = (
        f.joined == students
        and attacked["csv"] == attacked["json"] == expected
        and percentile(f.delivery_ms, 99) < 200
        and percentile(f.ack_ms, 99) < 200
    )
    print("targets met" if ok else "targets NOT met")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
