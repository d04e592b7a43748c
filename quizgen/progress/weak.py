"""The weak spots a store can tell: facts most often missed, those missed last, lapsed cards.

A mixin of :class:`quizgen.progress.store.ProgressStore`, kept apart so the store
stays about writing and reading progress; every query is of the store's fact set.
"""

from __future__ import annotations

from typing import Any


class WeakSpots:
    def _read(self, sql: str, *before: object, after: tuple[object, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def misses(self, limit: int = 10) -> list[tuple[str, int, int]]:
        """(fact id, times missed, times asked), most missed first, from questions about
        one fact (a missed timeline or matching does not say which fact was wrong).

        The misses come from the (correct, set, fact) index alone, a third or so of the
        answers; how often the most missed were asked, from the same index per fact.
        """
        missed = [
            (f, int(m))
            for f, m in self._read(
                "SELECT fact_ids, count(*) AS missed FROM answers WHERE set_id = ? AND correct = 0"
                " AND fact_ids != '' AND instr(fact_ids, ' ') = 0 GROUP BY fact_ids"
                " ORDER BY missed DESC, fact_ids LIMIT ?",
                after=(limit,),
            )
        ]
        if not missed:
            return []
        marks = ",".join("?" * len(missed))
        asked = dict(
            self._read(
                f"SELECT fact_ids, count(*) FROM answers WHERE set_id = ? AND correct IN (0, 1)"
                f" AND fact_ids IN ({marks}) GROUP BY fact_ids",
                after=tuple(f for f, _ in missed),
            )
        )
        return [(f, m, int(asked.get(f, m))) for f, m in missed]

    def last_missed(self) -> list[str]:
        """Facts whose latest answer (to a question about that fact alone) was wrong, the
        latest miss first: what a drill of missed facts asks."""
        rows = self._read(
            "SELECT fact_ids, max(id), correct FROM answers WHERE set_id = ?"
            " AND fact_ids != '' AND instr(fact_ids, ' ') = 0 GROUP BY fact_ids"
        )
        return [f for f, _, _ in sorted((r for r in rows if not r[2]), key=lambda r: -r[1])]

    def lapses(self) -> dict[str, int]:
        """fact id -> how often its card was forgotten after it had graduated, most first."""
        return {
            f: int(n)
            for f, n in self._read(
                "SELECT fact_id, lapses FROM cards WHERE set_id = ? AND lapses > 0"
                " ORDER BY lapses DESC, fact_id"
            )
        }
