"""Cue finding: the words in the parse that introduce what someone said, thought or wants.

Clause cues and their reported content (:mod:`.clauses`, with the parser's usual
misreadings in :mod:`.misparse` and the writer's asides trimmed by
:mod:`.content_edges`), object and stance cues whose content is a noun phrase
(:mod:`.object_cues`, :mod:`.stance_cues`), speaker labels before a colon
(:mod:`.labels`), Title Case headlines parsed a second time (:mod:`.headlines`), and
the subtree walks they share (:mod:`.trees`).
"""
