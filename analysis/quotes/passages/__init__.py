"""Quoted passages: where quotation marks open and close, and which cue claims each passage.

Marks are paired into passages (:mod:`.marks`); a passage is read as the cue's words
or the writer's (:mod:`.shape`), claimed by the cue before, after or around it
(:mod:`.framing`), and joined to the other parts of a split quote (:mod:`.splits`),
whose narration reports on its own (:mod:`.narration`).
"""
