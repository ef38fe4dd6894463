"""The garbled-sentence rules, under their earlier name.

They read the parse, so they live after parsing, in :mod:`analysis.quality`; this
name stays so that code importing it from here keeps working.
"""

from analysis.quality import REASONS, garbled_sentences, sentence_problems

__all__ = ["REASONS", "garbled_sentences", "sentence_problems"]
