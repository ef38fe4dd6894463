"""Person names as the tagger found them, with what is not the name cut off their fronts.

The tagger takes a role in front of a name ("Browns DL Sheldon Richardson") and a
sentence-opening participle before a surname ("Hosting Cook at Dreamforce") into
the person's name; :func:`clean_people` cuts them off before entities are grouped.
"""

from __future__ import annotations

from spacy.tokens import Span

from analysis.entities.countries import countries_in
from analysis.entities.voices import GROUP_NOUNS, PEOPLE_NOUNS

#: Longest abbreviation that reads as a role in front of a name ("DL", "QB", "CEO").
MAX_ROLE_LETTERS = 4
#: Tokens a person's name keeps at least after a role is cut off its front.
MIN_NAME_TOKENS = 2
#: Labels the tagger gives a person's name by mistake ("executive chair Marcelo Claure": ORG).
MISREAD_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP"})
#: Shortest sentence-opening "-ing" word that may be a participle, not a first name.
MIN_PARTICIPLE_LETTERS = 6


def _role_abbreviation(token) -> bool:
    return token.is_alpha and token.is_upper and 2 <= len(token) <= MAX_ROLE_LETTERS


def _without_role(ent: Span) -> Span:
    """Cut a role off the front of a person's name: "Browns DL Sheldon Richardson".

    A team or employer and a position abbreviation ("DL", "QB") before a full name
    are the person's role, which the entity's descriptor then reads from the words in
    front of the name. A line in capitals is left alone, and so is a name that
    would keep fewer than two words ("TJ Watt").
    """
    if ent.label_ != "PERSON" or all(t.is_upper for t in ent if t.is_alpha):
        return ent
    for k in range(len(ent) - MIN_NAME_TOKENS - 1, -1, -1):
        if _role_abbreviation(ent[k]):
            return Span(ent.doc, ent.start + k + 1, ent.end, label=ent.label_)
    return ent


def _without_participle(ent: Span, people: list[Span]) -> Span:
    """Cut a sentence-opening participle off a surname: "Hosting Cook at Dreamforce ...".

    The tagger reads a capitalised "-ing" word before a surname as a first name.
    It is taken for a participle only when the surname is another person's in the
    same text ("Tim Cook") and the pair never stands inside a sentence, where a
    real first name ("Irving Kristol") would also appear.
    """
    if ent.label_ != "PERSON" or len(ent) != MIN_NAME_TOKENS:
        return ent
    first, last = ent[0], ent[1]
    if not first.is_sent_start or not first.lower_.endswith("ing"):
        return ent
    if len(first) < MIN_PARTICIPLE_LETTERS:
        return ent
    same = [p for p in people if p.text == ent.text]
    if any(not p[0].is_sent_start for p in same):
        return ent
    others = {p.text for p in people if p.text != ent.text and len(p) >= MIN_NAME_TOKENS}
    if not any(name.split()[-1] == last.text for name in others):
        return ent
    return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_)


def _titled_person(ent: Span) -> Span:
    """Read a name after a person's role as a person: "executive chair Marcelo Claure".

    The tagger sometimes labels a full name an organisation or a place. Right after
    a noun for a person ("chair", "spokeswoman", "analyst") that the name is the
    compound or apposition of, a name of two or more capitalised words that names no
    country or nationality is that person.
    """
    if ent.label_ not in MISREAD_PERSON_LABELS or len(ent) < MIN_NAME_TOKENS or ent.start == 0:
        return ent
    role = ent.doc[ent.start - 1]
    if role.pos_ != "NOUN" or role.lemma_.lower() not in PEOPLE_NOUNS - {"member"}:
        return ent
    linked = role.head.i in range(ent.start, ent.end) or (
        ent.root.head.i == role.i and ent.root.dep_ in ("appos", "compound")
    )
    if not linked:
        return ent
    if not all(t.pos_ == "PROPN" and t.tag_ == "NNP" and t.is_title for t in ent):
        return ent  # "immigrant New Yorkers" names a group
    if any(t.lower_.rstrip(".") in GROUP_NOUNS for t in ent) or countries_in(ent.text):
        return ent  # "member Federal Council", "spokesman Navy Capt"
    return Span(ent.doc, ent.start, ent.end, label="PERSON")


def clean_people(kept: list[Span]) -> list[Span]:
    """Relabel titled names as people, and cut roles and participles off their fronts."""
    roleless = [_without_role(_titled_person(ent)) for ent in kept]
    people = [ent for ent in roleless if ent.label_ == "PERSON"]
    return [_without_participle(ent, people) for ent in roleless]
