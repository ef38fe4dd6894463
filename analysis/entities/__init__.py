"""Named entities merged into canonical ones, and the countries that names point to."""

from analysis import lazy_exports

_EXPORTS = {
    "EntityIndex": "analysis.entities.canonical",
    "countries_in": "analysis.entities.countries",
    "extract_entities": "analysis.entities.canonical",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
