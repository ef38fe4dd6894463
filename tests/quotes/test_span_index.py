"""The span indexes give the answers of the scans they replace, on random spans."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from analysis.quotes.candidates import REPEAT_SHARE, Candidate, drop_nested, one_per_clause
from analysis.quotes.spans import OverlapIndex, SpanIndex, disjoint, first_overlapping

SEEDS = range(12)


def _spans(rng: random.Random, n: int, width: int = 60, longest: int = 25) -> list:
    spans = []
    for _ in range(n):
        start = rng.randrange(width)
        spans.append((start, start + rng.randrange(longest)))
    return spans


@pytest.mark.parametrize("seed", SEEDS)
def test_span_index_matches_the_scans(seed):
    rng = random.Random(seed)
    spans = _spans(rng, rng.randrange(0, 30))
    index = SpanIndex(spans)
    for a in range(-2, 90):
        assert index.around(a) == any(s < a < e for s, e in spans)
        assert index.covers(a) == any(s <= a < e for s, e in spans)
        for b in range(a, a + 30, 3):
            assert index.reaches(a, b) == any(s <= a and b <= e for s, e in spans)
            assert index.holds(a, b) == any(a <= s and e <= b for s, e in spans)


@pytest.mark.parametrize("seed", SEEDS)
def test_overlap_index_matches_the_scan(seed):
    rng = random.Random(seed)
    taken = _spans(rng, rng.randrange(0, 15))
    offered = _spans(rng, 40)
    index = OverlapIndex([s for s, _ in taken + offered])
    for s, e in taken:
        index.add(s, e)
    kept = list(taken)
    for start, end in offered:
        naive = any(min(end, e) - max(start, s) > REPEAT_SHARE * (end - start) for s, e in kept)
        assert index.overlaps(start, end, REPEAT_SHARE) == naive
        if not naive:
            index.add(start, end)
            kept.append((start, end))


def test_overlap_index_refuses_an_unannounced_start():
    with pytest.raises(ValueError):
        OverlapIndex([1, 5]).add(3, 4)


def _naive_first(passages, clauses):
    found = []
    for ps, pe in passages:
        found.append(
            next(
                (
                    n
                    for n, (cs, ce, at) in enumerate(clauses)
                    if not ps <= at < pe and min(ce, pe) - max(cs, ps) > 0
                ),
                None,
            )
        )
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_first_overlapping_matches_the_scan(seed):
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(200), 2 * rng.randrange(0, 12)))
    passages = list(zip(cuts[::2], cuts[1::2], strict=True))
    assert disjoint(passages)
    clauses = [(s, e, rng.randrange(-5, 220)) for s, e in _spans(rng, 30, 200, 60)]
    assert first_overlapping(passages, clauses) == _naive_first(passages, clauses)


def test_disjoint():
    assert disjoint([]) and disjoint([(0, 3), (3, 5)])
    assert not disjoint([(0, 4), (3, 5)]) and not disjoint([(4, 5), (0, 1)])


class _Doc(list):
    """Tokens with an offset, as ``drop_nested`` reads a cue's position."""


def _candidates(rng: random.Random, n: int) -> tuple[_Doc, list[Candidate]]:
    doc = _Doc(SimpleNamespace(idx=3 * k) for k in range(40))
    found = []
    for start, end in _spans(rng, n, 100, 40):
        cue = None
        if rng.random() < 0.8:
            cue = SimpleNamespace(cue=SimpleNamespace(i=rng.randrange(len(doc))))
        found.append(Candidate(rng.choice(["direct", "mixed"]), start, end, cue))
    return doc, sorted(found, key=lambda c: c.span)


def _naive_nested(doc, candidates):
    keep = []
    for item in candidates:
        cue_at = doc[item.cue.cue.i].idx if item.cue is not None else item.start
        nested = any(
            o.start <= item.start
            and item.end <= o.end
            and o.end - o.start > item.end - item.start
            and o.start <= cue_at < o.end
            for o in candidates
        )
        if not nested:
            keep.append(item)
    return keep


def _naive_one_per_clause(candidates):
    keep = []
    for item in sorted(candidates, key=lambda item: item.start - item.end):
        twin = any(
            item.cue is not None
            and o.cue is not None
            and o.cue.cue.i == item.cue.cue.i
            and (
                min(o.end, item.end) - max(o.start, item.start) > REPEAT_SHARE * (o.end - o.start)
                or o.start <= item.start <= item.end <= o.end
            )
            for o in keep
        )
        if not twin:
            keep.append(item)
    return sorted(keep, key=lambda item: item.span)


@pytest.mark.parametrize("seed", SEEDS)
def test_candidate_passes_match_the_scans(seed):
    rng = random.Random(seed)
    doc, candidates = _candidates(rng, rng.randrange(0, 40))
    assert drop_nested(doc, candidates) == _naive_nested(doc, candidates)
    assert one_per_clause(candidates) == _naive_one_per_clause(candidates)
