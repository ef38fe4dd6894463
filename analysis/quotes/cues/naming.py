"""Naming cues: "Trump called Cruz “a liar”", where the object and its label are the claim.

The parser reads a label in many ways (an object predicate, a second object, a
clause) and often ends it inside its quotation; the content runs from the object to
the label's closing mark.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from analysis.quotes.cues.clauses import Cue
from analysis.quotes.cues.subjects import subject_of
from analysis.quotes.cues.trees import token_span


def _through_quotation(doc: Doc, start: int, end: int) -> int:
    """Where a label ends once the quotation it is in is closed.

    A label the parse cuts short inside its quotation ("called him “well
    qualified,”", "called the governor “the most extreme pick in a generation”") or
    one that opens a quotation right after the object ("called that “beyond
    preposterous.”") runs to the quotation's closing mark, within the sentence.
    """
    opened = sum(t.is_quote for t in doc[start:end]) % 2 == 1
    if not opened and end < len(doc) and doc[end].is_quote and doc[end].tag_ == "``":
        opened, end = True, end + 1
    if not opened:
        closing = end < len(doc) and doc[end].is_quote and doc[end].is_punct
        return end + 1 if closing else end  # "a gift to the capital”"
    last = doc[start].sent.end
    close = next((t.i for t in doc[end:last] if t.is_quote), None)
    return close + 1 if close is not None else end


#: Verbs that name or label their object ("Trump called Cruz the ultimate hypocrite").
NAMING_VERBS = frozenset({"call", "label", "brand", "dub"})


def naming_cue(token: Token) -> Cue | None:
    """The object and its label: content "Cruz the ultimate hypocrite"."""
    objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
    labels = [c for c in token.children if c.dep_ == "oprd" and c.i > token.i]
    if not objects or not labels:
        return _quoted_label(token)
    end = labels[0].right_edge.i + 1
    doc = token.doc
    end = _through_quotation(doc, objects[0].left_edge.i, end)
    content = token_span(list(doc[objects[0].left_edge.i : end]))
    if content is None:
        return None
    return Cue(token, content, subject_of(token), token.i + 1, "predicate")


#: Dependents the parser gives a naming verb's object and label when it misreads them.
_NAMED = ("dobj", "oprd", "nmod", "ccomp", "xcomp", "attr", "dative", "npadvmod", "acomp")


def _quoted_label(token: Token) -> Cue | None:
    """Read "called Rubio “Little Marco”" when the parse finds no label.

    The words the verb governs after it are object and label together; only a
    quoted label is sure to be one ("called him" alone is a telephone call).
    """
    if any(c.dep_ == "nsubjpass" for c in token.children):
        return None
    named = [c for c in token.rights if c.dep_ in _NAMED]
    if not named:
        return None
    doc = token.doc
    end = _through_quotation(doc, named[0].left_edge.i, named[-1].right_edge.i + 1)
    content = token_span(list(doc[named[0].left_edge.i : end]))
    if content is None or not any(t.is_quote for t in doc[content[0] : content[1]]):
        return None
    return Cue(token, content, subject_of(token), token.i + 1, "predicate")
