"""Load on ``quizgen live``: 100 simulated phones play a 10-question game on 127.0.0.1.

The server runs in its own process (as ``quizgen live`` does), so its memory
is its own; the host and the 100 students are WebSocket clients in this one
process, bounded in count and time (the whole run stops after ``--limit``
seconds whatever happens). Reports: every answer recorded (results CSV and
JSON), the time from the host's "next" to the last phone receiving the
question (median and 99th percentile over the questions; target p99 under
200 ms), the same per phone, and the server's memory.

    python bench/live.py [--students 100] [--questions 10]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STUDENTS_MAX = 200
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


async def play(port: int, students: int, questions: int) -> dict[str, Any]:
    from websockets.asyncio.client import connect

    url = f"ws://127.0.0.1:{port}/ws"
    sent_at: dict[int, float] = {}
    received: dict[int, list[float]] = {i: [] for i in range(questions)}
    answered = 0

    async def student(n: int, ready: asyncio.Event, joined: list[int]) -> None:
        nonlocal answered
        async with connect(url, max_size=2**20, max_queue=None, compression=None) as ws:
            await ws.send(json.dumps({"type": "join", "code": CODE, "name": f"Student {n}"}))
            while True:
                message = json.loads(await ws.recv())
                if message["type"] == "joined":
                    joined.append(n)
                    if len(joined) == students:
                        ready.set()
                if message["type"] != "state":
                    continue
                view = message["view"]
                if view["phase"] == "end":
                    return
                q = view["question"]
                if view["phase"] == "question" and not view["answered"]:
                    received[q["index"]].append(time.perf_counter())
                    value: Any = "no idea" if q["shape"] == "text" else n % len(q["options"])
                    await ws.send(
                        json.dumps({"type": "answer", "question": q["index"], "value": value})
                    )
                    answered += 1

    ready = asyncio.Event()
    joined: list[int] = []
    async with connect(url, max_size=2**22, max_queue=None, compression=None) as host:
        await host.send(json.dumps({"type": "host", "token": TOKEN}))
        tasks = [asyncio.create_task(student(n, ready, joined)) for n in range(students)]
        await ready.wait()
        for index in range(questions + 1):
            if index < questions:
                sent_at[index] = time.perf_counter()
            await host.send(json.dumps({"type": "next"}))
            while True:  # the reveal (everyone answered), or the podium
                view = json.loads(await host.recv())["view"]
                if view["phase"] in ("reveal", "end") and (
                    view["phase"] == "end" or view["question"]["index"] == index
                ):
                    break
        await asyncio.gather(*tasks)
    last = [max(received[i]) - sent_at[i] for i in range(questions)]
    each = [t - sent_at[i] for i in range(questions) for t in received[i]]
    return {
        "answers_sent": answered,
        "last_phone_ms": [x * 1000 for x in last],
        "each_phone_ms": [x * 1000 for x in each],
    }


def memory(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])  # kB
    return fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--limit", type=float, default=120.0, help="stop after this many s")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        import os

        if os.environ.get("BENCH_PROFILE"):
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
    students = min(args.students, STUDENTS_MAX)
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
                str(args.questions),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            assert server.stdout is not None
            server.stdout.readline()
            before = None
            for _ in range(200):
                try:
                    before = memory(server.pid)
                    with socket.create_connection(("127.0.0.1", port), 0.2):
                        break
                except OSError:
                    time.sleep(0.05)
            started = time.perf_counter()
            figures = asyncio.run(
                asyncio.wait_for(play(port, students, args.questions), args.limit)
            )
            took = time.perf_counter() - started
            after = memory(server.pid)
        finally:
            server.send_signal(2)
            server.communicate(timeout=30)
        rows = list(csv.DictReader(next(out.glob("live-*.csv")).open(encoding="utf-8")))
        document = json.loads(next(out.glob("live-*.json")).read_text(encoding="utf-8"))
    expected = students * args.questions
    last, each = figures["last_phone_ms"], figures["each_phone_ms"]
    print(f"{students} students, {args.questions} questions, {took:.1f} s in all")
    print(
        f"answers: {figures['answers_sent']} sent, {len(rows)} in the CSV, "
        f"{len(document['answers'])} in the JSON (expected {expected})"
    )
    print(
        f"host 'next' -> last phone has the question: median {statistics.median(last):.1f} ms, "
        f"p99 {percentile(last, 99):.1f} ms, max {max(last):.1f} ms (target p99 < 200 ms)"
    )
    print(
        f"host 'next' -> each phone: median {statistics.median(each):.1f} ms, "
        f"p99 {percentile(each, 99):.1f} ms over {len(each)} deliveries"
    )
    print(
        f"server memory: {before and before['VmRSS'] // 1024} MiB at start, "
        f"{after['VmRSS'] // 1024} MiB after, peak {after['VmHWM'] // 1024} MiB"
    )
    ok = len(rows) == len(document["answers"]) == expected and percentile(last, 99) < 200
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
