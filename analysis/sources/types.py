"""Source types: official, military, expert, politician, media, organization, public, other.

A source's type is read from the words of its descriptor first ("a former PLA
instructor" -> expert), then of its name ("the Defense Ministry" -> official),
then from its entity label: a place speaking is its government, an
organisation without telling words is an organization.
"""

from __future__ import annotations

import functools
import re

from analysis.sources.type_words import (
    COMPOUND_ROLES,
    GENERIC_ROLES,
    INTERNATIONAL,
    TYPE_WORDS,
    UNDISCLOSED,
)

_ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})


@functools.cache
def _word_pattern(stem: str) -> re.Pattern:
    # One compiled pattern per stem, kept: the role tables hold more stems than
    # the re module's own cache, which would otherwise recompile them on every call.
    forms = [re.escape(stem) + "s?"]
    if stem.endswith("y"):
        forms.append(re.escape(stem[:-1]) + "ies")
    if stem.endswith("man"):
        forms.append(re.escape(stem[:-3]) + "men")
    return re.compile(rf"(?<![\w.])(?:{'|'.join(forms)})(?!\w)")


def _has(text: str, stem: str) -> bool:
    """Whether ``text`` holds ``stem`` as a word, singular or plural ("ministries")."""
    return _word_pattern(stem).search(text) is not None


def _kind(text: str, table: list[tuple[str, tuple[str, ...]]]) -> str | None:
    lowered = text.lower()
    for pattern, replacement in COMPOUND_ROLES:
        lowered = pattern.sub(replacement, lowered)
    for kind, stems in table:
        if any(_has(lowered, stem) for stem in stems):
            return kind
    return None


def role_type(roles: list[str], employers: list[str] = ()) -> str | None:
    """The type the roles a text gives a source point to, or None.

    First a role that decides alone ("professor", "minister", "reporter", "CEO");
    then the employer a role names ("Emirates President": the company's type, an
    international body an organization); then the bare role ("spokesman": official).

    Args:
        roles: Descriptions of the source, in text order.
        employers: Names of the organisations (not governments) the roles mention.

    Returns:
        A type, or None when the roles say nothing.
    """
    if any(UNDISCLOSED.search(role) for role in roles):
        return "other"
    for role in roles:
        kind = _kind(role, TYPE_WORDS)
        if kind:
            return kind
    for role in roles:
        if INTERNATIONAL.search(role):
            return "organization"
        if any(employer and employer in role for employer in employers):
            return "organization"
    for role in roles:
        kind = _kind(role, GENERIC_ROLES)
        if kind:
            return kind
    return None


def name_type(name: str, label: str | None) -> str:
    """The type a source's own name and entity label point to ("Defense Ministry": official)."""
    if _has(name.lower(), "court"):
        return "official"
    if INTERNATIONAL.search(name):
        return "organization"
    kind = _kind(name, TYPE_WORDS) or _kind(name, GENERIC_ROLES)
    if kind:
        return kind
    if label == "NORP" and name.endswith("s"):
        return "public"  # a people speaking: "South Dakotans", "Israelis"
    if label == "GPE":
        return "official"  # a country or capital speaking is its government
    if label in _ORG_LABELS:
        return "organization"
    return "other"


def source_type(
    name: str,
    descriptor: str | None,
    label: str | None,
    roles: list[str] = (),
    employers: list[str] = (),
) -> str:
    """Classify a source from its roles, its name and its entity label.

    Args:
        name: Canonical name or, for an unnamed voice, its noun phrase.
        descriptor: Apposition or title, if any: the first role.
        label: spaCy label of the entity, if the name is one.
        roles: Further descriptions the text gives the source anywhere.
        employers: Organisations the roles name (see :func:`role_type`).

    Returns:
        One of official, military, expert, politician, media, organization, public, other.
    """
    described = ([descriptor] if descriptor else []) + [r for r in roles if r != descriptor]
    return role_type(described, list(employers)) or name_type(name, label)
