"""Grow the stance-cue lexicon from the PolNeAR training split.

For each construction of ``models/cue_lexicon.json`` (``dobj``, ``vprep``, ``aprep``,
``passive``, ``complement``, ...) every word of the training articles is tried
as a cue of that construction. A try counts as a hit when its content matches a
gold attribution that the extractor, as it stands, misses (the shared scorer's
rule: overlap at least 0.3 of the longer span), as a repeat when it mostly
covers something the extractor reports already, and as a miss otherwise. A key
(a lemma, or "lemma preposition") joins the lexicon when it has at least
:data:`MIN_HITS` hits and a smoothed share ``hits / (hits + misses + 1)`` of at
least :data:`MIN_SHARE`: above the share at which one more attribution raises F1.

Usage::

    .venv/bin/python scripts/learn_cue_lexicon.py GOLD.jsonl DOCBIN [--kinds aprep] [--write]

Run it on the training split only; dev is for reporting.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.tokens import DocBin  # noqa: E402

from analysis.entities.canonical import extract_entities  # noqa: E402
from analysis.nlp import get_nlp  # noqa: E402
from analysis.quotes.cues.object_cues import LEXICON, token_cues  # noqa: E402
from analysis.quotes.extractor import attribute  # noqa: E402
from analysis.quotes.passages.framing import char_span  # noqa: E402

#: Hits a key needs on the training split.
MIN_HITS = 3
#: Smoothed share of hits among a key's new attributions.
MIN_SHARE = 0.5
#: The scorer's overlap rule, and the share of a span that makes it a repeat.
MATCH_SHARE = 0.3
REPEAT_SHARE = 0.5
KINDS = ("dobj", "vprep", "ccomp", "xcomp", "nprep", "nclause", "aprep", "passive", "complement")


class _Every(frozenset):
    """A lexicon that holds every key."""

    def __contains__(self, key: object) -> bool:
        return True


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return _overlap(a, b) >= MATCH_SHARE * max(a[1] - a[0], b[1] - b[0], 1)


def _key(kind: str, cue) -> str | None:
    """The lexicon key of a cue tried as ``kind``: its lemma, or lemma and preposition.

    None when the cue came from another construction that the open lexicon let in
    (an object framed by a phrase, tried as a prepositional cue).
    """
    lemma = cue.cue.lemma_.lower()
    if kind in ("vprep", "nprep", "aprep"):
        prep = cue.cue.doc[cue.content[0] : cue.content[1]].root.head
        if prep.dep_ != "prep" or prep.head.i != cue.cue.i:
            return None
        return f"{lemma} {prep.lower_}"
    return lemma


def count(gold: list[dict], docs, kinds: list[str]) -> dict[tuple[str, str], list[int]]:
    """``(kind, key) -> [hits, misses, repeats]`` over the articles."""
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for record, doc in zip(gold, docs, strict=True):
        found = [(a.start, a.end) for a in attribute(doc, extract_entities(doc)).layer]
        spans = [(q["start"], q["end"]) for q in record["quotes"]]
        free = [g for g in spans if not any(_matches(g, p) for p in found)]
        for kind in kinds:
            tried = set()
            for token in doc:
                for cue in token_cues(token, {kind: _Every()}):
                    span, key = char_span(doc, cue.content), (kind, _key(kind, cue))
                    if key[1] is None or (key, span) in tried:
                        continue
                    tried.add((key, span))
                    length = span[1] - span[0]
                    if any(_overlap(span, p) > REPEAT_SHARE * length for p in found):
                        stats[key][2] += 1
                    elif any(_matches(span, g) for g in free):
                        stats[key][0] += 1
                    else:
                        stats[key][1] += 1
    return stats


def chosen(stats: dict[tuple[str, str], list[int]], lexicon: dict) -> dict[str, list[str]]:
    """The keys that pass the rule and are not in the lexicon yet, by kind, sorted."""
    out: dict[str, list[str]] = defaultdict(list)
    for (kind, key), (hits, misses, _) in sorted(stats.items()):
        if key in lexicon.get(kind, ()) or hits < MIN_HITS:
            continue
        if hits / (hits + misses + 1) >= MIN_SHARE:
            out[kind].append(key)
    return dict(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("docbin", type=Path)
    ap.add_argument("--kinds", nargs="*", default=list(KINDS))
    ap.add_argument("--write", action="store_true", help="add the chosen keys to the lexicon")
    args = ap.parse_args(argv)
    with args.gold.open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    docs = list(DocBin().from_disk(args.docbin).get_docs(get_nlp().vocab))
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    new = chosen(count(gold, docs, args.kinds), data["cues"])
    for kind, keys in sorted(new.items()):
        print(f"{kind}: {', '.join(keys)}")
    if args.write:
        for kind, keys in new.items():
            data["cues"][kind] = sorted(set(data["cues"].get(kind, [])) | set(keys))
        LEXICON.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
