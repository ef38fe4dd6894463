"""Span look-ups by bisection: which spans hold, overlap or sit around an offset.

The quote passes ask the same questions of every quote, mark and cue: is this
offset inside a quotation, does a longer report hold this one, which cue's clause
overlaps this passage. Asked by scanning every span each time, an article of
thousands of quotes costs millions of comparisons; these indexes sort the spans
once and answer each question in logarithmic time, with exactly the answers the
scans gave. Offsets are integers and spans are ``(start, end)`` with ``start <= end``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate


class SpanIndex:
    """A fixed set of spans, sorted by start, for containment questions.

    Args:
        spans: The spans, in any order; they may overlap.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # The farthest end among the spans up to each one, and the nearest end among
        # the spans from each one on.
        self._reach = list(accumulate((e for _, e in ordered), max))
        self._least = list(accumulate((e for _, e in reversed(ordered)), min))[::-1]

    def __len__(self) -> int:
        return len(self._starts)

    def reaches(self, start: int, end: int) -> bool:
        """Whether some span starts at or before ``start`` and ends at or after ``end``."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end

    def around(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly inside some span: ``start < pos < end``."""
        return self.reaches(pos - 1, pos + 1)

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` falls in some span: ``start <= pos < end``."""
        return self.reaches(pos, pos + 1)

    def holds(self, start: int, end: int) -> bool:
        """Whether some span lies within ``[start, end]``: it starts and ends inside."""
        k = bisect_left(self._starts, start)
        return k < len(self._least) and self._least[k] <= end


class OverlapIndex:
    """A growing set of spans that says whether a new span overlaps one by more than a share.

    The offsets where spans may start must be known beforehand (``starts``), so that
    a segment tree over them answers in logarithmic time: the farthest end of the
    spans starting up to an offset, and the longest span starting in a range.

    Args:
        starts: Every offset at which a span may be added.
    """

    def __init__(self, starts: Iterable[int]):
        self._coords = sorted(set(starts))
        size = 1
        while size < max(1, len(self._coords)):
            size *= 2
        self._size = size
        self._end = [-1] * (2 * size)  # farthest end of the spans starting in a node's range
        self._length = [-1] * (2 * size)  # longest of those spans

    def add(self, start: int, end: int) -> None:
        """Add a span; ``start`` must be one of the offsets given at construction."""
        k = bisect_left(self._coords, start)
        if k == len(self._coords) or self._coords[k] != start:
            raise ValueError(f"span start {start} was not announced")
        node = k + self._size
        while node:
            self._end[node] = max(self._end[node], end)
            self._length[node] = max(self._length[node], end - start)
            node //= 2

    def _max(self, table: list[int], lo: int, hi: int) -> int:
        """The largest value over leaves ``[lo, hi)``; -1 when empty."""
        best = -1
        lo += self._size
        hi += self._size
        while lo < hi:
            if lo & 1:
                best = max(best, table[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = max(best, table[hi])
            lo //= 2
            hi //= 2
        return best

    def overlaps(self, start: int, end: int, share: float) -> bool:
        """Whether some span overlaps ``[start, end)`` by more than ``share`` of its length.

        The overlap with ``(s, e)`` is ``min(end, e) - max(start, s)``. A span starting
        at or before ``start`` overlaps most when it ends farthest; one starting inside
        overlaps by ``min(end, e) - s``, which beats the limit exactly when both
        ``end - s`` and its own length ``e - s`` do.
        """
        limit = share * (end - start)
        upto = bisect_right(self._coords, start)
        reach = self._max(self._end, 0, upto)
        if reach >= 0 and min(end, reach) - start > limit:
            return True
        # Spans starting after ``start`` and before ``end - limit``.
        last = bisect_left(self._coords, end - limit)
        return upto < last and self._max(self._length, upto, last) > limit


def first_overlapping(
    passages: Sequence[tuple[int, int]], clauses: Sequence[tuple[int, int, int]]
) -> list[int | None]:
    """For each passage, the first clause that overlaps it without its cue inside it.

    Args:
        passages: ``(start, end)`` of each passage, sorted and not overlapping.
        clauses: ``(start, end, cue_offset)`` of each clause, in the order of preference.

    Returns:
        For each passage, the index of the first clause whose span overlaps the
        passage by at least one character and whose cue offset lies outside
        ``[start, end)``; None when there is none.
    """
    starts = [s for s, _ in passages]
    ends = [e for _, e in passages]
    found: list[int | None] = [None] * len(passages)
    # ``free[k]`` leads to the first passage at or after ``k`` still without a clause.
    free = list(range(len(passages) + 1))

    def next_free(k: int) -> int:
        root = k
        while free[root] != root:
            root = free[root]
        while free[k] != root:
            free[k], k = root, free[k]
        return root

    for number, (c_start, c_end, cue_at) in enumerate(clauses):
        if c_end <= c_start:
            continue
        lo = bisect_right(ends, c_start)  # first passage ending after the clause starts
        hi = bisect_left(starts, c_end)  # passages from here on start at or after its end
        home = bisect_right(starts, cue_at) - 1  # the passage the cue may sit in
        k = next_free(lo)
        while k < hi:
            if k == home and starts[k] <= cue_at < ends[k]:
                k = next_free(k + 1)
                continue
            found[k] = number
            free[k] = k + 1
            k = next_free(k + 1)
    return found


def disjoint(spans: Sequence[tuple[int, int]]) -> bool:
    """Whether spans are in order and none overlaps the next."""
    ordered = all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    return ordered and all(s <= e for s, e in spans)
