"""Kern-DNA analysis, framework-free: an indicator catalogue, OpenStreetMap counts per core, peer comparison with
candidate strengths ("troeven") and complementarity in a region.

- :mod:`.catalogue` — the indicators in nine dimensions, each with its OSM tag rule;
- :mod:`.stats` — median, robust spread, robust z, mean-rank percentile, cosine similarity (hand-checkable);
- :mod:`.osm` — an extract (PBF/XML, pyosmium) → features per indicator → counts per core polygon (shapely);
- :mod:`.profiles` — a table of core profiles, one core against its peers, and a region's complementarity.

Labels are English msgids (the Django layer wraps them in ``gettext``); the Dutch names of the dimensions are the
msgid's translations.
"""
