"""The analyst's corrections: a small YAML file that fixes speakers and sources before a report.

``newsbrief report ARTICLE --corrections corrections.yaml``, and ``batch`` with a
file named like the article (``story.txt`` -> ``story.corrections.yaml``) beside
it, apply::

    quotes:
      Q7: {speaker: Zhou Chenming}   # set a quote's speaker (a source name or a new one)
      Q10: {drop: true}              # not a statement
    sources:
      Defense experts: {type: expert, country: China}
      Song: {merge_into: Song Zhongping}

Quotes are named by their id (``Q1`` ...), which is the same for the same input
and parameters; ``newsbrief extract ARTICLE --corrections-template`` lists them.
Sources are named by id (``S2``), by name, or by a mention their quotes hang on
("Song"), as long as that names one source. A speaker that names a source joins
it; any other becomes a new source. ``merge_into`` a name that is no source
renames the source. The sources table is then rebuilt from the corrected quotes
(:func:`analysis.sources.regroup.regroup_sources`), so share of voice, the
perspective check and the charts follow, and so does the attribution layer: a
statement's item there has its quote's id and takes its corrected speaker, and
the item of a dropped quote stays as no statement (act ``non_speech``). What was
applied is recorded in ``analysis.json`` (``corrections``) and the manifest, and the
briefing marks the rows it changed. A file that cannot be read, or that names a quote or source the
article does not have, is a :class:`~analysis.parameters.ParameterError` naming it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from analysis.parameters import ParameterError
from analysis.report.options import read_parameters_file
from analysis.sources.regroup import SOURCE_TYPES, regroup_sources
from analysis.tables import Analysis, records_to_frame

#: ``story.txt`` -> ``story.corrections.yaml``: the file batch reads beside an article.
SUFFIX = ".corrections.yaml"
QUOTE_FIELDS = ("speaker", "drop")
SOURCE_FIELDS = ("type", "country", "named", "descriptor", "affiliation", "merge_into")
MAX_TEXT = 300
#: The act a statement the analyst drops takes in the attribution layer: an item that
#: is no statement and links to no quote, so the layer and the quotes table agree.
DROPPED_ACT = "non_speech"
#: Fields of a layer item that follow its corrected quote.
SPEAKER_FIELDS = ("speaker", "speaker_text", "speaker_start", "speaker_end")


class CorrectionsError(ParameterError):
    """A corrections file that is bad, or names what the article does not have; one line."""


def companion_path(article: str | Path) -> Path:
    """The corrections file that batch reads for an article file: ``<stem>.corrections.yaml``."""
    article = Path(article)
    return article.with_name(article.stem + SUFFIX)


def _text(where: str, what: str, value: object, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CorrectionsError(f"{where}: {what} must be text")
    text = " ".join(str(value).split())
    if not text and not optional:
        raise CorrectionsError(f"{where}: {what} is empty")
    if len(text) > MAX_TEXT:
        raise CorrectionsError(f"{where}: {what} is longer than {MAX_TEXT} characters")
    return text or None


def _entry(where: str, key: str, entry: object, allowed: tuple[str, ...]) -> dict:
    if not isinstance(entry, dict) or not entry:
        raise CorrectionsError(f"{where}: {key}: expected a mapping such as {{{allowed[0]}: ...}}")
    unknown = sorted(str(name) for name in entry if name not in allowed)
    if unknown:
        raise CorrectionsError(
            f"{where}: {key}: unknown field {unknown[0]!r} (allowed: {', '.join(allowed)})"
        )
    return entry


def _quote(where: str, quote_id: str, entry: object) -> dict:
    entry = _entry(where, quote_id, entry, QUOTE_FIELDS)
    if "drop" in entry:
        if entry["drop"] is not True or len(entry) > 1:
            raise CorrectionsError(f"{where}: {quote_id}: drop takes true, and nothing beside it")
        return {"drop": True}
    return {"speaker": _text(where, f"{quote_id}: speaker", entry["speaker"])}


def _source(where: str, name: str, entry: object) -> dict:
    entry = _entry(where, name, entry, SOURCE_FIELDS)
    out: dict[str, object] = {}
    if "type" in entry:
        if entry["type"] not in SOURCE_TYPES:
            raise CorrectionsError(
                f"{where}: {name}: type must be one of {', '.join(SOURCE_TYPES)}"
            )
        out["type"] = entry["type"]
    if "named" in entry:
        if not isinstance(entry["named"], bool):
            raise CorrectionsError(f"{where}: {name}: named must be true or false")
        out["named"] = entry["named"]
    for field in ("country", "descriptor", "affiliation"):
        if field in entry:
            out[field] = _text(where, f"{name}: {field}", entry[field], optional=True)
    if "merge_into" in entry:
        out["merge_into"] = _text(where, f"{name}: merge_into", entry["merge_into"])
    return out


def read_corrections(path: str | Path) -> dict:
    """Read and check a corrections file.

    Args:
        path: The YAML file.

    Returns:
        ``{"quotes": {id: entry}, "sources": {name: entry}, "file": path, "sha256": ...}``,
        entries checked and normalised.

    Raises:
        ParameterError: One line naming the file, for a file that cannot be read or
            does not have the shape above.
    """
    where = str(path)
    document = read_parameters_file(where)
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise CorrectionsError(f"{where}: expected a mapping with quotes: and sources:")
    extra = sorted(str(key) for key in document if key not in ("quotes", "sources"))
    if extra:
        raise CorrectionsError(f"{where}: unknown section {extra[0]!r} (quotes: and sources: only)")
    sections = {}
    for section, check in (("quotes", _quote), ("sources", _source)):
        given = document.get(section) or {}
        if not isinstance(given, dict):
            raise CorrectionsError(f"{where}: {section}: expected a mapping")
        sections[section] = {
            str(key): check(where, str(key), entry) for key, entry in given.items()
        }
    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return {**sections, "file": where, "sha256": sha}


def key_part(corrections: dict | None) -> dict | None:
    """What of a corrections file names a report: its entries, not its name or comments."""
    if not corrections or not (corrections["quotes"] or corrections["sources"]):
        return None
    return {"quotes": corrections["quotes"], "sources": corrections["sources"]}


class _Sources:
    """Finding the source an analyst means: by id, by name, or by a mention of it."""

    def __init__(self, sources: list[dict], quotes: list[dict]):
        self.names = {str(s["source_id"]): str(s["name"]) for s in sources}
        self.by_id = {sid.casefold(): sid for sid in self.names}
        self.by_name: dict[str, set[str]] = {}
        for sid, name in self.names.items():
            self.by_name.setdefault(name.casefold(), set()).add(sid)
        self.by_mention: dict[str, set[str]] = {}
        for quote in quotes:
            for said in (quote.get("speaker"), quote.get("speaker_text")):
                if said and quote.get("source_id"):
                    self.by_mention.setdefault(str(said).casefold(), set()).add(quote["source_id"])

    def find(self, where: str, name: str) -> str | None:
        """The id of the one source ``name`` means, None when it means none."""
        key = name.casefold()
        for found in (
            {self.by_id[key]} if key in self.by_id else set(),
            self.by_name.get(key, set()),
            self.by_mention.get(key, set()),
        ):
            if len(found) == 1:
                return next(iter(found))
            if found:
                several = ", ".join(sorted(self.names[sid] for sid in found))
                raise CorrectionsError(f"{where}: {name!r} names several sources ({several})")
        return None


def _rows(frame) -> list[dict]:
    # Contract frames hold plain values with None for null (records_to_frame).
    return frame.to_dict(orient="records")


def _correct_quotes(where, corrections, quotes, index) -> tuple[list[dict], list[str], set[str]]:
    """Apply the quote entries; return the kept rows, what was done, and the changed ids."""
    by_id = {str(q["quote_id"]): q for q in quotes}
    missing = [qid for qid in corrections["quotes"] if qid not in by_id]
    if missing:
        have = f"{quotes[0]['quote_id']} to {quotes[-1]['quote_id']}" if quotes else "none"
        raise CorrectionsError(f"{where}: no quote {missing[0]} in this article (it has {have})")
    applied, changed, dropped = [], set(), set()
    for quote in quotes:
        entry = corrections["quotes"].get(str(quote["quote_id"]))
        if entry is None:
            continue
        qid, was = str(quote["quote_id"]), quote.get("speaker") or "no one"
        if entry.get("drop"):
            dropped.add(qid)
            applied.append(f"{qid}: dropped, not a statement (was attributed to {was})")
            continue
        target = index.find(where, entry["speaker"])
        quote["speaker"] = index.names[target] if target else entry["speaker"]
        quote["source_id"] = target
        changed.add(qid)
        applied.append(f"{qid}: speaker set to {quote['speaker']} (was {was})")
    return [q for q in quotes if str(q["quote_id"]) not in dropped], applied, changed


def _correct_sources(where, corrections, quotes, index, applied, changed) -> tuple[dict, dict]:
    """Apply merges and renames to the quotes; return renames and field overrides by old id."""
    resolved = {}
    for name in corrections["sources"]:
        resolved[name] = index.find(where, name)
        if resolved[name] is None:
            raise CorrectionsError(f"{where}: no source {name!r} in this article")
    renames, overrides = {}, {}
    for name, entry in corrections["sources"].items():
        sid = final = resolved[name]
        if "merge_into" in entry:
            target = index.find(where, entry["merge_into"])
            mine = [q for q in quotes if q.get("source_id") == sid]
            if target == sid:
                applied.append(f"{name}: already the source {index.names[sid]}")
            elif target:
                final = target
                for quote in mine:
                    quote["source_id"], quote["speaker"] = target, index.names[target]
                    changed.add(str(quote["quote_id"]))
                applied.append(f"{name}: merged into {index.names[target]}")
            else:
                renames[sid] = entry["merge_into"]
                for quote in mine:
                    quote["speaker"] = entry["merge_into"]
                    changed.add(str(quote["quote_id"]))
                applied.append(f"{name}: renamed {entry['merge_into']}")
        fields = {k: v for k, v in entry.items() if k != "merge_into"}
        if fields:
            overrides.setdefault(final, {}).update(fields)
            shown = ", ".join(f"{k} {v}" for k, v in fields.items())
            applied.append(f"{name}: {shown}")
    return renames, overrides


def _correct_layer(layer: list[dict], quotes: list[dict]) -> list[dict]:
    """The attribution layer after the corrections: each statement's item follows its quote.

    A statement's item has its quote's id, so it takes the corrected speaker; the
    item of a dropped quote stays in the layer, as no statement.
    """
    by_id = {str(q["quote_id"]): q for q in quotes}
    out = []
    for item in layer:
        item = dict(item)
        if item.get("quote_id") is not None:
            quote = by_id.get(str(item["quote_id"]))
            if quote is None:
                item["act"], item["quote_id"] = DROPPED_ACT, None
            else:
                item.update({field: quote.get(field) for field in SPEAKER_FIELDS})
        out.append(item)
    return out


def apply_corrections(analysis: Analysis, corrections: dict | None) -> Analysis:
    """Apply a corrections file to an analysis, rebuilding its sources from the quotes.

    Args:
        analysis: The analysis as extracted.
        corrections: From :func:`read_corrections`; None or empty changes nothing.

    Returns:
        A new Analysis with corrected quotes, sources and attribution layer (a
        statement's item there follows its quote), and ``corrections`` recording the
        entries, what was done, and which quotes and sources changed.

    Raises:
        ParameterError: Naming the file, for a quote or source the article does not have.
    """
    if key_part(corrections) is None:
        return analysis
    where = corrections["file"]
    quotes, sources = _rows(analysis.quotes), _rows(analysis.sources)
    index = _Sources(sources, quotes)
    kept, applied, changed = _correct_quotes(where, corrections, quotes, index)
    renames, overrides = _correct_sources(where, corrections, kept, index, applied, changed)
    rows, rebuilt, renumbered = regroup_sources(kept, sources, _rows(analysis.entities))
    by_id = {row["source_id"]: row for row in rebuilt}
    marked = {q["source_id"] for q in rows if str(q["quote_id"]) in changed}
    marked |= {renumbered[sid] for sid in [*renames, *overrides] if sid in renumbered}
    for old, name in renames.items():
        if old in renumbered:
            by_id[renumbered[old]]["name"] = name
    for old, fields in overrides.items():
        if old in renumbered:
            by_id[renumbered[old]].update(fields)
    dropped = sorted(set(corrections["quotes"]) - {str(q["quote_id"]) for q in rows})
    record = {
        **key_part(corrections),
        "applied": applied,
        "changed_quotes": [str(q["quote_id"]) for q in rows if str(q["quote_id"]) in changed],
        "dropped_quotes": [q for q in dropped if corrections["quotes"][q].get("drop")],
        "changed_sources": [row["name"] for row in rebuilt if row["source_id"] in marked],
    }
    layer = analysis.attributions
    if layer is not None:
        layer = records_to_frame("attributions", _correct_layer(_rows(layer), rows))
    return dataclasses.replace(
        analysis,
        quotes=records_to_frame("quotes", rows),
        sources=records_to_frame("sources", rebuilt),
        attributions=layer,
        corrections=record,
    )


def manifest_part(corrections: dict | None, applied: dict | None) -> dict | None:
    """The manifest's record of the corrections: the file, its hash, and what was applied.

    Args:
        corrections: From :func:`read_corrections`, or None.
        applied: The corrected analysis's ``corrections`` record, or None when the
            run stopped before they were applied.
    """
    if not corrections:
        return None
    return {"file": corrections["file"], "sha256": corrections["sha256"], **(applied or {})}
