"""What the briefing and explore notebooks import: views, charts, summary, highlight.

The kernel side: nothing here imports spaCy or the target model; it reads an
:class:`~analysis.tables.Analysis` (usually from ``analysis.json``).
"""
