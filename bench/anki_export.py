"""The Anki export at scale, against bare genanki writing the same number of notes.

Run: python bench/anki_export.py [--facts 100000] [--runs 3] [--check]

Each side runs in its own process (so peak memory, the child's maximum
resident set, is its own), the two interleaved run after run. The quizgen
side exports the synthetic fact base (bench/synth.py) as one deck of
question-and-answer and cloze notes, as the shipped complete deck does; the
baseline writes exactly as many notes, with two plain fields each, through
genanki's own Package.write_to_file. Building the synthetic facts is not
timed on either side. Targets: at most 1.5 times the baseline's median time,
and under 1 GiB peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

RATIO_TARGET = 1.5
MEMORY_TARGET = 1 << 30


def quizgen_side(n: int, out: Path) -> dict[str, float]:
    from synth import TOPICS, synthetic_base

    from quizgen.export import anki
    from quizgen.factfile.decks import DeckDef, Part, Selection

    base = synthetic_base(n)
    deck = DeckDef(
        "synthetic",
        "",
        "Synthetic",
        1234567890,
        None,
        (Part("", None, Selection(topics=tuple(TOPICS)), ("qa", "cloze"), "file"),),
    )
    start = time.perf_counter()
    written = anki.export(deck, base, out)
    return {"seconds": time.perf_counter() - start, "notes": written.notes}


def baseline_side(n: int, out: Path, notes: int) -> dict[str, float]:
    import genanki
    from synth import synthetic_base

    base = synthetic_base(n)
    pairs = [(f.question, f.answer) for f in base.facts] * (notes // n + 1)
    start = time.perf_counter()
    model = genanki.Model(
        1607392319,
        "Simple",
        fields=[{"name": "Q"}, {"name": "A"}],
        templates=[{"name": "Card 1", "qfmt": "{{Q}}", "afmt": "{{FrontSide}}<hr id=answer>{{A}}"}],
    )
    deck = genanki.Deck(2059400110, "Baseline")
    for question, answer in pairs[:notes]:
        deck.add_note(genanki.Note(model=model, fields=[question, answer]))
    genanki.Package(deck).write_to_file(str(out / "baseline.apkg"))
    return {"seconds": time.perf_counter() - start, "notes": notes}


def child(side: str, n: int, notes: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", side, "--facts", str(n), "--notes", str(notes)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--child", choices=["quizgen", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--notes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        with tempfile.TemporaryDirectory() as tmp:
            result = (
                quizgen_side(args.facts, Path(tmp))
                if args.child == "quizgen"
                else baseline_side(args.facts, Path(tmp), args.notes)
            )
        result["peak_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps(result))
        return 0

    samples: dict[str, list[dict[str, float]]] = {"quizgen": [], "baseline": []}
    notes = 0
    for _ in range(args.runs):
        ours = child("quizgen", args.facts, 0)
        notes = int(ours["notes"])
        samples["quizgen"].append(ours)
        samples["baseline"].append(child("baseline", args.facts, notes))
    med = {side: statistics.median(s["seconds"] for s in runs) for side, runs in samples.items()}
    peak = {side: max(s["peak_bytes"] for s in runs) for side, runs in samples.items()}
    ratio = med["quizgen"] / med["baseline"]
    print(
        f"Anki export of {args.facts:,} synthetic facts ({notes:,} notes), median of "
        f"{args.runs} interleaved runs"
    )
    for side in ("quizgen", "baseline"):
        print(f"  {side:<9} {med[side]:7.2f} s   peak memory {peak[side] / 2**20:7.0f} MiB")
    ok_ratio, ok_memory = ratio <= RATIO_TARGET, peak["quizgen"] < MEMORY_TARGET
    print(
        f"  ratio quizgen/baseline: {ratio:.2f}  (target <= {RATIO_TARGET}: "
        f"{'ok' if ok_ratio else 'OVER'})"
    )
    print(
        f"  quizgen peak memory: {peak['quizgen'] / 2**20:.0f} MiB  (target < 1024 MiB: "
        f"{'ok' if ok_memory else 'OVER'})"
    )
    return 1 if args.check and not (ok_ratio and ok_memory) else 0


if __name__ == "__main__":
    sys.exit(main())
