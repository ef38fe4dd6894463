"""Speakers: the mention an attribution hangs on, and who it refers to.

A speaker token from the parse becomes a mention span ("Song", "the ministry",
"he") and a canonical name: a surname resolves to the full name, a pronoun to
the nearest earlier speaker or entity that fits it, and a definite description
such as "the ministry" to the nearest earlier organisation whose name holds
that word ("the Chinese Defense Ministry").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analysis.entities.canonical import Entity, EntityIndex
from analysis.entities.voices import can_speak
from analysis.nlp import doc_text, span_head
from analysis.quotes.limits import (
    MENTION_LEFT_TOKENS,
    POSSESSOR_LEFT_TOKENS,
    PRONOUN_REACH_CHARS,
    PRONOUN_WINDOW_TOKENS,
)
from analysis.quotes.spans import SpanIndex
from analysis.quotes.speakers.coreference import (
    DEFINITE,
    PRONOUN_GENDER,
    SELF_DEFINING_DEPS,
    appositive,
    described,
    names_a_role,
    relative_antecedent,
    title_genders,
)

_PERSONAL = frozenset({"he", "she", "him", "her", "i", "me"})
_NEUTER = frozenset({"it"})
_PLURAL = frozenset({"they", "them", "we", "us"})
_ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")
_NP_LEFT = ("det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "advmod")
#: Documents that speak for their author ("the statement says ...").
DOCUMENT_NOUNS = frozenset(
    "statement communique communiqué release letter memo notice readout transcript".split()
)
#: Documents and data sets that speak for whoever they are from ("data from X", "a study by X").
VOICED_DOCUMENTS = frozenset(
    "data datum figure figures statistic statistics study survey poll report analysis research"
    " estimate estimates forecast".split()
)
#: Prepositions that name where a document comes from.
OWNER_PREPOSITIONS = frozenset({"from", "by"})
#: Words by which an article points back to a company it has named ("the company said").
COMPANY_NOUNS = frozenset("company firm startup carrier airline utility retailer".split())
#: How far back, in characters, "the actor" looks for the person quoted last.
DESCRIBED_REACH_CHARS = 600
#: How far back, in characters, "the company" looks for the company it means.
COMPANY_REACH_CHARS = 600
#: Determiners of a coordination rather than of its first noun.
COORDINATING_DETERMINERS = frozenset({"both", "either", "neither"})
#: Common nouns that "it" can stand for when they speak.
ORG_NOUNS = frozenset(
    """ministry department government agency company committee campaign group report
    statement newspaper paper poll survey study council court administration office firm
    party union bank police commission board organization organisation embassy army navy
    military network station magazine website team club association bureau authority
    institute university school center centre foundation study""".split()
)


@dataclass
class Speaker:
    """A resolved speaker mention.

    Attributes:
        name: Canonical name (entity name, or the noun phrase for an unnamed voice).
        text: The mention as written.
        start: Offset of the mention.
        end: Offset just past the mention.
        entity: The canonical entity, when the mention resolves to one.
        plural: Whether the mention is plural ("experts", "they").
    """

    name: str | None
    text: str
    start: int
    end: int
    entity: Entity | None = None
    plural: bool = False


def _entity_span(token: Token) -> tuple[int, int] | None:
    if token.ent_iob_ == "O":
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def mention_span(token: Token) -> tuple[int, int]:
    """Return the token range ``[start, end)`` of the noun phrase headed by ``token``."""
    if token.pos_ == "PRON":
        return token.i, token.i + 1
    ent = _entity_span(token)
    if ent:
        return ent
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ in _NP_LEFT and child.i < start and child.i >= start - MENTION_LEFT_TOKENS:
            if all(t.dep_ in _NP_LEFT or t.ent_iob_ != "O" for t in token.doc[child.i : start]):
                # A possessor brings its own determiners: "the two countries' leaders".
                edge = child.left_edge.i if child.dep_ == "poss" else child.i
                start = edge if edge >= child.i - POSSESSOR_LEFT_TOKENS else child.i
    for child in token.rights:
        if child.dep_ == "compound" and child.i == end:
            end += 1
    doc = token.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    coordinated = any(c.dep_ == "conj" for c in token.rights)
    if coordinated and doc[start].lower_ in COORDINATING_DETERMINERS:
        start += 1  # "both analysts and residents": "both" belongs to the "and", not the noun
    return start, end


def _modifies(entity: Entity, mention: Speaker, head: Token) -> bool:
    """Whether an entity named in a mention is only a modifier of its head ("Syrian refugee")."""
    inside = [(s, e) for s, e in entity.mentions if s < mention.end and mention.start < e]
    return bool(inside) and not any(s <= head.idx < e for s, e in inside)


def voiced(doc: Doc, speaker: Speaker | None, entities: EntityIndex) -> bool:
    """Whether a speaker mention can be someone who speaks, not a thing or nobody.

    The one judgement for a speaker's mention: whether a statement can be its act
    (:func:`analysis.quotes.acts.act_of`) and whether a later pronoun can stand for
    it. The mention's entity label is the one it resolved to, else the one found at
    its words. A pronoun is judged by what it stands for, which the resolver has
    settled, and a mention with no words claims nothing; both count as voiced.
    """
    head = None if speaker is None else span_head(doc, speaker.start, speaker.end)
    if head is None or head.pos_ == "PRON":
        return True
    entity = speaker.entity or entities.entity_at(speaker.start, speaker.end)
    return can_speak(head, entity.label if entity is not None else None)


def _unlabelled_name(doc: Doc, lower: str, speaker: Speaker) -> bool:
    """Whether "he" or "she" may stand for an earlier speaker named without an entity.

    A name the entity recogniser missed ("Claure said ... He said") is still a
    name; one that speaks is most often a person.
    """
    if lower not in _PERSONAL or speaker.entity is not None or speaker.plural:
        return False
    head = span_head(doc, speaker.start, speaker.end)
    return head is not None and head.pos_ == "PROPN"


class Resolver:
    """Resolve speaker tokens in text order, remembering earlier speakers.

    Args:
        doc: The parsed article.
        entities: Its canonical entities.
        quoted: Spans of quoted passages, whose words are never antecedents.
    """

    def __init__(self, doc: Doc, entities: EntityIndex, quoted: list[tuple[int, int]] = ()):
        self.doc = doc
        self.entities = entities
        self.quoted = SpanIndex(quoted)
        self.history: list[Speaker] = []
        #: ``entity_id -> "m" | "f"``: from titles, then from the pronouns resolved to it.
        self.genders = title_genders(doc, entities)
        # The speakers resolved so far, by the offset their mention starts at.
        self._by_start: dict[int, list[Speaker]] = {}

    def resolve(self, token: Token) -> Speaker:
        """Turn a speaker token into a :class:`Speaker` and remember it.

        Args:
            token: The head token of the speaker mention.

        Returns:
            The resolved speaker.
        """
        doc = self.doc
        antecedent = relative_antecedent(token)
        if antecedent is not None:
            return self._relative(token, antecedent)
        i, j = mention_span(token)
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        text = doc_text(doc)[start:end]
        lower = token.lower_
        plural = token.tag_ in ("NNS", "NNPS") or lower in _PLURAL
        entity = None
        name: str | None = text
        if token.pos_ == "PRON":
            entity, name = self._pronoun(lower, start)
            if entity is not None and lower in PRONOUN_GENDER:
                self.genders.setdefault(entity.entity_id, PRONOUN_GENDER[lower])
        else:
            # "another witness, Fiona Smith": the name in apposition is the speaker.
            entity = appositive(token, self.entities) or self.entities.entity_at(start, end)
            if entity is not None and entity.label in ("DATE", "CARDINAL"):
                entity = None
            if entity is None and token.pos_ == "PROPN":
                entity = self.entities.resolve_name(text)
            if entity is None and token.pos_ == "NOUN" and not plural:
                entity = self._definite(token, start) or described(token, self.entities)
                if entity is None:
                    name = self._described_speaker(token, start) or name
                if entity is None and name == text and names_a_role(token):
                    # A profile goes on quoting its subject as "the actor".
                    entity = self._last_person(start)
            if entity is None and token.lemma_.lower() in VOICED_DOCUMENTS:
                entity = self._owner(token)  # "data from MarketAxess" speaks for MarketAxess
            if entity is None and token.lemma_.lower() in DOCUMENT_NOUNS:
                entity = self._author(start)
            if entity is not None:
                name = entity.name
        speaker = Speaker(name, text, start, end, entity, plural)
        self.history.append(speaker)
        self._by_start.setdefault(start, []).append(speaker)
        return speaker

    def _pronoun(self, lower: str, offset: int) -> tuple[Entity | None, str | None]:
        """Walk back over earlier subjects and speakers to the nearest one that fits."""
        doc = self.doc
        index = doc.char_span(offset, offset + 1, alignment_mode="expand")
        first = index.start if index is not None else len(doc)
        for k in range(first - 1, max(-1, first - PRONOUN_WINDOW_TOKENS), -1):
            token = doc[k]
            if offset - token.idx > PRONOUN_REACH_CHARS:
                break
            if self._quoted(token.idx):
                continue
            earlier = self._spoken_at(token.idx, offset)
            if earlier is not None and earlier.name:
                fits = self._fits(lower, earlier.entity, earlier.plural, earlier.name)
                fits = fits or _unlabelled_name(doc, lower, earlier)
                if fits and voiced(doc, earlier, self.entities):
                    return earlier.entity, earlier.name
                continue
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            entity = self.entities.entity_at(token.idx, token.idx + len(token))
            entity = entity or appositive(token, self.entities)  # "the engineer Ann Roe"
            plural = token.tag_ in ("NNS", "NNPS")
            label = entity.label if entity is not None else None
            if self._fits(lower, entity, plural, token.lemma_.lower()) and can_speak(token, label):
                if entity is not None:
                    return entity, entity.name
                i, j = mention_span(token)
                definite = self._definite(token, token.idx)
                if definite is not None:
                    return definite, definite.name
                return None, doc_text(doc)[doc[i].idx : doc[j - 1].idx + len(doc[j - 1])]
        for _s, end, entity in self.entities.mentions_back(offset):
            if offset - end > PRONOUN_REACH_CHARS:
                break
            if not self._quoted(_s) and self._fits(lower, entity, False, ""):
                return entity, entity.name
        return None, None

    def _fits(self, lower: str, entity: Entity | None, plural: bool, word: str) -> bool:
        if lower in _PERSONAL:
            if entity is None or entity.label != "PERSON" or plural:
                return False
            gender = self.genders.get(entity.entity_id)
            return gender is None or lower not in PRONOUN_GENDER or gender == PRONOUN_GENDER[lower]
        if lower in _NEUTER:
            if plural:
                return False
            if entity is not None:
                return entity.label in _ORG_LABELS
            return word in ORG_NOUNS
        if plural:
            return True
        return entity is not None and entity.label in ("ORG", "NORP")

    def _author(self, offset: int) -> Entity | None:
        """Resolve "Saturday's statement" to whoever the article last cited, its author."""
        for earlier in reversed(self.history):
            if offset - earlier.end > PRONOUN_REACH_CHARS:
                break
            if earlier.entity is not None and earlier.entity.label in _ORG_LABELS + ("PERSON",):
                return earlier.entity
        return None

    def _relative(self, token: Token, antecedent: Token) -> Speaker:
        """A relative pronoun's speaker: the mention stays the pronoun, the name is the noun's."""
        meant = self.resolve(antecedent)
        name, entity = meant.name, meant.entity
        if entity is not None and _modifies(entity, meant, antecedent):
            name, entity = meant.text, None  # "a Syrian refugee who ...": not Syria's voice
        start, end = token.idx, token.idx + len(token)
        speaker = Speaker(name, token.text, start, end, entity, meant.plural)
        self.history.append(speaker)
        self._by_start.setdefault(start, []).append(speaker)
        return speaker

    def _owner(self, token: Token) -> Entity | None:
        """The named source a document or data set comes from: "a study by X", "data from X"."""
        for prep in token.rights:
            if prep.dep_ != "prep" or prep.lower_ not in OWNER_PREPOSITIONS:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                entity = self.entities.entity_at(noun.idx, noun.idx + len(noun))
                if entity is not None and entity.label in _ORG_LABELS + ("PERSON",):
                    return entity
        return None

    def _quoted(self, offset: int) -> bool:
        return self.quoted.around(offset)

    def _spoken_at(self, start: int, offset: int) -> Speaker | None:
        """The latest speaker resolved at ``start`` whose mention ends by ``offset``."""
        for speaker in reversed(self._by_start.get(start, ())):
            if speaker.end <= offset:
                return speaker
        return None

    def _definite(self, token: Token, offset: int) -> Entity | None:
        """Resolve "the ministry" to the nearest earlier entity whose name holds "Ministry"."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.lefts):
            return None
        word = token.lower_
        for _s, _end, entity in self.entities.mentions_back(offset, word):
            if entity.label in _ORG_LABELS:
                return entity
        return self._salient_company(offset) if word in COMPANY_NOUNS else None

    def _last_person(self, offset: int) -> Entity | None:
        """The named person quoted last, if they were quoted shortly before ``offset``."""
        for earlier in reversed(self.history):
            if offset - earlier.end > DESCRIBED_REACH_CHARS:
                return None
            if earlier.entity is not None and earlier.entity.label == "PERSON":
                return earlier.entity
        return None

    def _described_speaker(self, token: Token, offset: int) -> str | None:
        """The unnamed speaker "the source" points back to: the nearest with that head noun.

        "Ahmado's source inside the camp ... said"; then "the source said": one voice,
        named as it was first. A description that says which one it is ("the nurse who
        ...") introduces someone new.
        """
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.lefts):
            return None
        if any(c.dep_ in SELF_DEFINING_DEPS for c in token.rights):
            return None
        lemma = token.lemma_.lower()
        for earlier in reversed(self.history):
            if offset - earlier.end > PRONOUN_REACH_CHARS:
                break
            if earlier.entity is not None or earlier.plural or not earlier.name:
                continue
            span = self.doc.char_span(earlier.start, earlier.end, alignment_mode="expand")
            if span is not None and span.root.lemma_.lower() == lemma and span.root.i != token.i:
                return earlier.name
        return None

    def _salient_company(self, offset: int) -> Entity | None:
        """The company "the company" means when no name holds the word: the organisation
        the article names most among those named shortly before (the nearest on a tie)."""
        best: Entity | None = None
        for _s, end, entity in self.entities.mentions_back(offset):
            if offset - end > COMPANY_REACH_CHARS:
                break
            if entity.label == "ORG" and (best is None or entity.n_mentions > best.n_mentions):
                best = entity
        return best
