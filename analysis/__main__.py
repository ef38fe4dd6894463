"""``python -m analysis`` runs the ``newsbrief`` command line."""

from analysis.cli import run

run()
