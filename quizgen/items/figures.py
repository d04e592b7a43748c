"""Numbers offered as options without a cue to the key.

A test-wise learner reads four numbers for three cues, and a generator that
draws wrong numbers "near the key" hands them all over:

- **the key's rank**: drawn around the key, it sits in the middle; kept on one
  side of a bound, it is always the smallest. Here the rank is drawn first,
  uniformly among all of them, and the wrong numbers fill exactly that many
  places below the key and the rest above. A key with too little room below it
  for every rank (a count of 2 or 3) is not offered as numbers at all, so the
  rank is uniform for every item, not only on average.
- **a cluster whose middle is the key** (44, 45, 46; or 10, 20, 40): no two
  options lie at (nearly) the same distance or the same ratio on either side of
  the key.
- **the odd figure**: one precise number among round ones ("74,100" beside
  "60,000" and "90,000") is the key. Wrong numbers keep the key's roundness
  where there is room, and stay far enough apart that "about 74,100" does not
  make "74,000" true as well.

Pure arithmetic on whole numbers; writing them as the key is written is the
caller's (:mod:`quizgen.items.distractors`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from random import Random
from typing import TypeVar

from quizgen.items.shuffles import shuffle

T = TypeVar("T")

ATTEMPTS = 40
EXACT_GAP = 1.1
"""Options of 10 or more differ from each other by at least this ratio (a count of 57 is
not offered beside 55)."""
APPROXIMATE_GAP = 1.2
"""The ratio for a figure the text gives as approximate ("about 74,100", "nearly 400 km"):
a wrong option within it might be true as well."""
SPREAD = 2.5
"""Wrong numbers lie within this ratio of the key (above 10): plausible, of its magnitude."""
SMALL = 10
"""Below this, numbers differ by whole units and the ratios above do not apply."""
POOL = 200
"""At most about this many candidates on each side of a key."""
SYMMETRY = 0.1
"""Two options whose distances (or ratios) to the key on either side differ by less than
this share of the larger make the key the middle of a cluster."""


def _trailing_zeros(n: int) -> int:
    count = 0
    while n and n % 10 == 0:
        n //= 10
        count += 1
    return count


def _grains(key: int) -> list[int]:
    """Steps to draw wrong numbers on, the key's own roundness first, finer after."""
    grain = 10 ** _trailing_zeros(key) if key >= SMALL else 1
    out = [grain]
    for finer in (grain // 2, grain // 5, grain // 10):
        if finer >= 1 and finer not in out:
            out.append(finer)
    return out


def _far_enough(a: int, b: int, gap: float) -> bool:
    if a == b:
        return False
    low, high = min(a, b), max(a, b)
    return high < SMALL or high >= low * gap


def _pool(key: int, below: bool, grain: int, round_like_key: bool) -> list[int]:
    """Whole numbers on one side of the key, of its magnitude, on steps of ``grain`` (and
    not on ten times it, with ``round_like_key``)."""
    if key < SMALL:
        return list(range(1, key) if below else range(key + 1, max(2 * key, key + 6) + 1))
    low = max(1, int(key / SPREAD)) if below else key + 1
    high = key - 1 if below else int(key * SPREAD)
    start = -(-low // grain) * grain
    # A large key on a fine grain has millions of candidates: every so many of them
    # are plenty to draw from (a stride that is no multiple of ten keeps every ending).
    stride = max(1, -(-(high - start) // (grain * POOL)))
    stride += stride % 10 == 0
    # round like the key: 74,100 among 61,300 and 88,700, not among 60,000 and 90,000
    return [
        v
        for v in range(start, high + 1, grain * stride)
        if v > 0 and not (round_like_key and v % (grain * 10) == 0)
    ]


def _room(key: int, pool: Sequence[int], gap: float, count: int) -> bool:
    """Whether ``count`` of ``pool`` (all on one side of the key, in order) fit together,
    each far enough from the key and the others: walking out from the key, taking each
    value far enough from the last taken, takes the most that fit."""
    last, taken = key, 0
    # nearest the key first: the pool ascends, so that is its order above the key and
    # the reverse below it (what sorting by distance gives, without a key call each)
    for v in reversed(pool) if pool and pool[-1] < key else pool:
        if _far_enough(v, last, gap):
            last, taken = v, taken + 1
            if taken == count:
                return True
    return count == 0


def pools(
    key: int, count: int, gap: float, exclude: Iterable[int] = ()
) -> tuple[list[int], list[int]] | None:
    """The numbers to draw from below the key and above it, each with room for ``count``
    options; None when there is no room for that many below (or above) the key.

    Each side takes the key's own roundness if it has room enough, else a finer
    grain; ``exclude`` are numbers never to offer.
    """
    banned = set(exclude)
    out: list[list[int]] = []
    for below in (True, False):
        chosen = None
        for grain in _grains(key):
            for round_like_key in (True, False) if key >= SMALL else (False,):
                pool = [v for v in _pool(key, below, grain, round_like_key) if v not in banned]
                if _room(key, pool, gap, count):
                    chosen = pool
                    break
            if chosen is not None:
                break
        if chosen is None:
            return None
        out.append(chosen)
    return out[0], out[1]


def centred(key: int, values: Iterable[int]) -> tuple[int, int] | None:
    """Two of ``values`` on either side of ``key`` at nearly the same distance or ratio
    (44 and 46 about 45; 10 and 40 about 20): the key would be the middle of a cluster."""
    below = [v for v in values if 0 < v < key]
    above = [v for v in values if v > key]
    for a in below:
        for b in above:
            down, up = key - a, b - key
            if abs(down - up) <= SYMMETRY * max(down, up):
                return a, b
            log_down, log_up = math.log(key / a), math.log(b / key)
            if abs(log_down - log_up) <= SYMMETRY * max(log_down, log_up):
                return a, b
    return None


def evenly_about(values: Sequence[int]) -> int | None:
    """A value that lies (nearly) evenly between two others, by distance (on a calendar,
    where ratios mean nothing), else None: shown in order, the middle of such a cluster
    looks like the figure the others were drawn about."""
    ordered = sorted(set(values))
    for i, middle in enumerate(ordered):
        for low in ordered[:i]:
            for high in ordered[i + 1 :]:
                down, up = middle - low, high - middle
                if abs(down - up) <= SYMMETRY * max(down, up):
                    return middle
    return None


def _draw(
    pool: Sequence[int], wanted: int, rng: Random, taken: Sequence[int], gap: float
) -> list[int]:
    """Up to ``wanted`` of ``pool`` in a random order, each far enough from ``taken`` and
    from each other."""
    order = list(pool)
    shuffle(rng, order)
    out: list[int] = []
    for v in order:
        if len(out) == wanted:
            break
        if all(_far_enough(v, t, gap) for t in (*taken, *out)):
            out.append(v)
    return out


def options(
    key: int,
    count: int,
    rng: Random,
    *,
    gap: float = EXACT_GAP,
    fixed: Sequence[int] = (),
    exclude: Iterable[int] = (),
) -> list[int] | None:
    """``count`` wrong numbers for ``key``, the key's rank among them uniform; None if the
    key cannot take every rank (too little room below it) or no fair set is found.

    ``fixed`` are wrong numbers a person chose: they are used first, on the side
    the drawn rank leaves room for; ``exclude`` are numbers never to offer (those
    the stem or the statement already gives).
    """
    room = pools(key, count, gap, exclude)
    if room is None:
        return None
    below, above = room
    rank = rng.randrange(count + 1)  # how many options lie below the key
    chosen_below = [v for v in fixed if 0 < v < key][:rank]
    chosen_above = [v for v in fixed if v > key][: count - rank]
    for _ in range(ATTEMPTS):
        taken = [key, *chosen_below, *chosen_above]
        low = _draw(below, rank - len(chosen_below), rng, taken, gap)
        high = _draw(above, count - rank - len(chosen_above), rng, [*taken, *low], gap)
        made = [*chosen_below, *low, *chosen_above, *high]
        if len(made) == count and centred(key, made) is None:
            return made
    return None


def split(
    count: int,
    rng: Random,
    fixed_below: Sequence[T],
    fixed_above: Sequence[T],
    room_below: int,
    room_above: int,
) -> tuple[list[T], list[T], int, int] | None:
    """The key's rank drawn first, uniformly among ``count + 1``, for any options in an
    order (dates, times, periods, ordinals): (the fixed options below the key and above
    it that the rank takes, how many more to make below, how many above); None when a
    side cannot hold ``count`` (fixed ones and ``room`` to make more together), for then
    the key could not take every rank and its place among the options would tell.

    ``fixed`` are options a person chose, in their order of preference: they count
    toward the rank they take, as in :func:`options`, and the rest are made.
    """
    below, above = len(fixed_below) + room_below, len(fixed_above) + room_above
    if below < count or above < count:
        return None
    rank = rng.randrange(count + 1)  # how many options lie below the key
    low, high = list(fixed_below[:rank]), list(fixed_above[: count - rank])
    return low, high, rank - len(low), count - rank - len(high)


def any_wrong(
    key: int, count: int, rng: Random, *, gap: float = EXACT_GAP, exclude: Iterable[int] = ()
) -> list[int]:
    """Up to ``count`` wrong numbers of the key's magnitude on either side (for a false
    statement, where no rank is shown), none of ``exclude``."""
    banned = set(exclude)
    room = pools(key, 1, gap, banned)
    values = (
        [*room[0], *room[1]] if room else _pool(key, True, 1, False) + _pool(key, False, 1, False)
    )
    return _draw([v for v in values if v not in banned], count, rng, [key], gap)


def side(
    key: int, below: bool, count: int, rng: Random, *, exclude: Iterable[int] = ()
) -> list[int]:
    """Up to ``count`` numbers on one side of the key, within half its size or twice it, of
    its roundness where there are some (the false side of a bound: "fewer than five"
    where the text has "at least nine", "fewer than 120" where it has "more than 170")."""
    banned = set(exclude)
    for grain in _grains(key):
        for round_like_key in (True, False) if key >= SMALL else (False,):
            near = [
                v
                for v in _pool(key, below, grain, round_like_key)
                if key <= 2 * v and v <= 2 * key and v not in banned
            ]
            if near:
                return _draw(near, count, rng, [key], EXACT_GAP)
    return []
