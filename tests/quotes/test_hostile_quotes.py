"""Hostile articles of moderate size: many quotes, bare marks, one endless line.

The costs are measured by ``benchmarks/quote_scaling.py``; these tests check the
answers: the look-ups that replaced scans agree with the scans, and the hostile
articles come out attributed as a reader would attribute them.
"""

from __future__ import annotations

import pytest

from analysis import nlp
from analysis.article import Article
from analysis.entities.canonical import extract_entities
from analysis.pipeline import analyze, entity_records, sentence_records
from analysis.quotes.cues.trees import walk_subtree
from analysis.quotes.passages.framing import _before_closers

TEXT = (
    "WASHINGTON (AP) — Senator Ann Weir said on Monday that the bill, which the House "
    "passed in May after a long fight over its cost, would fail unless the Treasury, the "
    "Defense Department and the two state agencies that run the ports agreed to share "
    "the burden, and that she would say so again.\n\n"
    "“It will not pass,” Weir said, “and the Defense Department knows it.” The department "
    "said it had no comment. Its spokesman, Tom Reyes, said the ministry of the navy and "
    "the Treasury Department had met. “Nobody wants this,” he said.\n\n"
    "Reyes told reporters the talks would go on, according to the department."
)


@pytest.fixture(scope="module")
def doc():
    return nlp.parse(TEXT)


def test_subtree_walk_matches_spacy(doc):
    for token in doc:
        assert walk_subtree(token) == list(token.subtree)


def test_mention_lookups_match_the_scans(doc):
    entities = extract_entities(doc)
    everything = sorted((s, e, ent) for ent in entities for s, e in ent.mentions)
    for offset in range(0, len(TEXT) + 1, 7):
        before = [m for m in everything if m[1] <= offset]
        assert entities.mentions_before(offset) == before
        assert list(entities.mentions_back(offset)) == before[::-1]
        for word in ("department", "treasury", "weir", "nothing"):
            named = [m for m in before if word in m[2].name.lower().split()]
            assert list(entities.mentions_back(offset, word)) == named[::-1]
        for end in (offset + 5, offset + 60):
            within = [m for m in everything if offset <= m[0] < end and m[1] <= end]
            assert entities.mentions_within(offset, end) == within
    for name in ("Weir", "Reyes", "Defense Department", "Department", "the Treasury", "Tom", ""):
        tokens = name.replace("the ", "").split()
        naive = next(
            (
                e
                for e in entities
                if len(tokens) < len(e.name.split())
                and any(
                    e.name.split()[i : i + len(tokens)] == tokens
                    for i in range(len(e.name.split()) - len(tokens) + 1)
                )
            ),
            None,
        )
        exact = {e.name.lower(): e for e in entities}.get(name.replace("the ", "").lower())
        assert entities.resolve_name(name) is (exact or naive)


def test_entity_tones_match_the_scan(doc):
    entities = extract_entities(doc)
    sentences = sentence_records(doc)
    for entity, row in zip(entities, entity_records(entities, sentences), strict=True):
        tones = {
            (s["start"], s["end"]): s["polarity"]
            for m_start, _ in entity.mentions
            for s in sentences
            if s["start"] <= m_start < s["end"]
        }
        assert row["polarity"] == (round(sum(tones.values()) / len(tones), 4) if tones else 0.0)


def test_closing_marks_are_looked_past_as_rstrip_does(doc):
    for end in range(len(TEXT) + 1):
        assert _before_closers(doc, end) == TEXT[:end].rstrip("”\"'’ ")[-1:]
    marks = nlp.parse('" " "a," " ’ x')
    text = nlp.doc_text(marks)
    for end in range(len(text) + 1):
        assert _before_closers(marks, end) == text[:end].rstrip("”\"'’ ")[-1:]


def test_many_said_pairs_keep_their_speaker():
    n = 120
    text = "John Weir arrived on Monday.\n\n" + "\n\n".join('"a," he said.' for _ in range(n))
    quotes = analyze(Article(id="pairs", text=text)).quotes
    assert len(quotes) == n
    assert set(quotes["kind"]) == {"direct"} and set(quotes["text"]) == {'"a,"'}
    assert set(quotes["speaker"]) == {"John Weir"} and set(quotes["cue"]) == {"said"}


def test_bare_marks_are_no_quotes():
    text = " ".join('"' for _ in range(1500))
    analysis = analyze(Article(id="marks", text=text))
    assert analysis.quotes.empty


def test_an_endless_line_is_cut_into_bounded_sentences():
    words = "the minister said that the plan would work and he told them it was".split()
    text = " ".join(words[k % len(words)] for k in range(3 * nlp.MAX_SENTENCE_TOKENS))
    doc = nlp.parse(text)
    assert max(len(s) for s in doc.sents) <= nlp.MAX_SENTENCE_TOKENS
    assert len(list(doc.sents)) >= 3
    analysis = analyze(Article(id="line", text=text))
    assert not analysis.quotes.empty


def test_long_paragraphs_are_cut_where_a_sentence_ends():
    sentence = "The minister said the plan would work and that “the port” would open. "
    text = sentence * (2 * nlp.MAX_SENTENCE_TOKENS // 15)
    doc = nlp.get_nlp().make_doc(text)
    cuts = nlp._capped(doc, [])
    assert cuts and all(doc[i].text == "The" for i in cuts)
    bounds = [0, *cuts, len(doc)]
    assert max(b - a for a, b in zip(bounds, bounds[1:], strict=False)) <= nlp.MAX_SENTENCE_TOKENS
    # An opening mark glued to the next sentence's first word goes with it.
    quoted = nlp.get_nlp().make_doc("“The minister said so.” " * nlp.MAX_SENTENCE_TOKENS)
    assert all(quoted[i].text == "“" for i in nlp._capped(quoted, []))


def test_surname_owners_match_the_scan():
    from analysis.entities.full_names import FullNames, clean_name

    text = (
        "Bill Clinton spoke first. Hillary Clinton spoke next. Clinton said it would pass. "
        "Then Chelsea Clinton Smith arrived, and Clinton left. Ann Lee and Bo Lee met Lee."
    )
    doc = nlp.parse(text)
    kept = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    names = FullNames(kept)
    starts: dict[str, list[int]] = {}
    for ent in kept:
        starts.setdefault(clean_name(ent.text), []).append(ent.start_char)

    def naive(word, at):
        found = sorted(n for n in starts if word in n.split() and len(n.split()) > 1)
        if len(found) <= 1:
            return found[0] if found else None
        before = [
            (max(s for s in starts[n] if s < at), n)
            for n in found
            if any(s < at for s in starts[n])
        ]
        if before:
            return max(before, key=lambda item: (item[0], len(item[1].split()), item[1]))[1]
        return min(
            ((min(starts[n]), n) for n in found), key=lambda i: (i[0], -len(i[1].split()), i[1])
        )[1]

    for word in ("Clinton", "Lee", "Smith", "Bill", "Nobody"):
        for at in range(0, len(text) + 1, 5):
            assert names.owner(word, at) == naive(word, at)
