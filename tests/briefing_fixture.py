"""A small hand-built Analysis for the briefing tests, hostile text included.

Offsets are computed from the text, so the tables always slice the article
exactly as the pipeline's would.
"""

from __future__ import annotations

from analysis.article import Article
from analysis.tables import Analysis, records_to_frame

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(1)">click</a> {{7*7}} {% if x %}$x${% endif %} '
    "__import__('os').system('touch /tmp/pwned')"
)
HOSTILE_SPEAKER = "Evil <img src=x onerror=alert(2)>"

PARAGRAPHS = [
    "Officials in Beijing said on Saturday that the naval drills would go ahead.",
    "“We will not be deterred by anyone,” said Li Wei, a spokesman for the Chinese Defense "
    "Ministry. He said the exercise was routine and peaceful.",
    "Wang Fang, a professor at Peking University, said the timing was deliberate. "
    "“It is a clear message to Washington,” Wang said.",
    "Tokyo said two missiles landed in its waters last month.",
    f"A post read “{HOSTILE}” according to {HOSTILE_SPEAKER}.",
]
TEXT = "\n\n".join(PARAGRAPHS)


def span(fragment: str, after: int = 0) -> tuple[int, int]:
    """Offsets of ``fragment`` in the fixture text, searching from ``after``."""
    start = TEXT.index(fragment, after)
    return start, start + len(fragment)


def _sentences() -> list[dict]:
    texts = [
        PARAGRAPHS[0],
        "“We will not be deterred by anyone,” said Li Wei, a spokesman for the Chinese Defense "
        "Ministry.",
        "He said the exercise was routine and peaceful.",
        "Wang Fang, a professor at Peking University, said the timing was deliberate.",
        "“It is a clear message to Washington,” Wang said.",
        PARAGRAPHS[3],
        PARAGRAPHS[4],
    ]
    paragraphs = [1, 2, 2, 3, 3, 4, 5]
    polarity = [0.0, 0.0, 0.1, 0.0, 0.1, 0.0, -0.3]
    rows, after = [], 0
    for number, (text, paragraph, tone) in enumerate(
        zip(texts, paragraphs, polarity, strict=True), 1
    ):
        start, end = span(text, after)
        after = end
        rows.append({"sentence_id": number, "paragraph_id": paragraph, "start": start,
                     "end": end, "text": text, "polarity": tone, "subjectivity": 0.2})  # fmt: skip
    return rows


def _quote(qid, kind, text, speaker, speaker_text, cue, source_id, speaker_after=0, cue_after=None):
    start, end = span(text)
    s_start, s_end = span(speaker_text, speaker_after)
    c_start, c_end = span(cue, end if cue_after is None else cue_after)
    return {"quote_id": qid, "kind": kind, "text": text, "start": start, "end": end,
            "speaker": speaker, "speaker_text": speaker_text, "speaker_start": s_start,
            "speaker_end": s_end, "cue": cue, "cue_start": c_start, "cue_end": c_end,
            "source_id": source_id, "polarity": 0.0, "subjectivity": 0.0}  # fmt: skip


def make_analysis(published: str | None = "2023-07-17", with_sentiment: bool = False) -> Analysis:
    """Build the fixture Analysis.

    Args:
        published: The article's published date.
        with_sentiment: Give two entities a target-dependent sentiment.

    Returns:
        An Analysis with two Chinese named sources, a reported claim from Tokyo and
        one unnamed source whose quote and name are hostile markup.
    """
    wang_sentence = TEXT.index("Wang Fang")
    quotes = [
        _quote("Q1", "direct", "“We will not be deterred by anyone,”", "Li Wei", "Li Wei",
               "said", "S1"),
        _quote("Q2", "indirect", "the timing was deliberate", "Wang Fang", "Wang Fang", "said",
               "S2", speaker_after=wang_sentence, cue_after=wang_sentence),
        _quote("Q3", "direct", "“It is a clear message to Washington,”", "Wang Fang", "Wang",
               "said", "S2", speaker_after=TEXT.index("Washington")),
        _quote("Q4", "indirect", "two missiles landed in its waters last month", "Tokyo",
               "Tokyo", "said", "S3", cue_after=TEXT.index("Tokyo")),
        _quote("Q5", "direct", f"“{HOSTILE}”", HOSTILE_SPEAKER, HOSTILE_SPEAKER,
               "according to", "S4"),
    ]  # fmt: skip
    sources = [
        {"source_id": "S1", "name": "Li Wei", "type": "official", "named": True,
         "descriptor": "a spokesman for the Chinese Defense Ministry",
         "affiliation": "Chinese Defense Ministry", "country": "China", "n_quotes": 1,
         "n_words": 7, "share_of_voice": 0.2, "polarity": 0.0},
        {"source_id": "S2", "name": "Wang Fang", "type": "expert", "named": True,
         "descriptor": "a professor at Peking University", "affiliation": "Peking University",
         "country": "China", "n_quotes": 2, "n_words": 11, "share_of_voice": 0.3,
         "polarity": 0.1},
        {"source_id": "S3", "name": "Tokyo", "type": "official", "named": True,
         "descriptor": None, "affiliation": None, "country": None, "n_quotes": 1,
         "n_words": 8, "share_of_voice": 0.15, "polarity": 0.0},
        {"source_id": "S4", "name": HOSTILE_SPEAKER, "type": "other", "named": False,
         "descriptor": HOSTILE, "affiliation": None, "country": None, "n_quotes": 1,
         "n_words": 12, "share_of_voice": 0.35, "polarity": -0.3},
    ]  # fmt: skip
    entities = []
    for number, (name, label, mentions) in enumerate(
        [("Beijing", "GPE", 1), ("Li Wei", "PERSON", 1), ("Chinese Defense Ministry", "ORG", 1),
         ("Wang Fang", "PERSON", 2), ("Peking University", "ORG", 1),
         ("Washington", "GPE", 1), ("Tokyo", "GPE", 1), ("Japanese", "NORP", 0),
         (HOSTILE_SPEAKER, "PERSON", 1)], start=1):  # fmt: skip
        first = TEXT.find(name)
        entities.append({"entity_id": f"E{number}", "name": name, "label": label,
                         "mentions": mentions or 1, "first_start": max(first, 0),
                         "descriptor": None, "polarity": 0.0})  # fmt: skip
    if with_sentiment:
        entities[1].update(sentiment="positive", sentiment_score=0.6)
        entities[5].update(sentiment="negative", sentiment_score=-0.4)
    article = Article(id="fixture", text=TEXT, title=f"Drills go ahead {HOSTILE}",
                      byline="A. Reporter <b>x</b>", published=published,
                      outlet="The Fixture Times", source_path="fixture.txt")  # fmt: skip
    return Analysis(
        article=article,
        sentences=records_to_frame("sentences", _sentences()),
        entities=records_to_frame("entities", entities),
        quotes=records_to_frame("quotes", quotes),
        sources=records_to_frame("sources", sources),
    )


def empty_analysis() -> Analysis:
    """An article with text but no sentences, entities, quotes or sources."""
    article = Article(id="empty", text="Nothing here.", title=None)
    tables = ("sentences", "entities", "quotes", "sources")
    return Analysis(article=article, **{t: records_to_frame(t, []) for t in tables})
