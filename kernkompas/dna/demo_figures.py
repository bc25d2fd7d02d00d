"""Invented OpenStreetMap figures for the demo cores, so the analysis pages have numbers to show.

A deterministic, synthetic extract: for every demo core with an outline, tagged points inside its outline, as many
as an ordinary core of its size would have (per 1,000 inhabitants or per km²), varied a little per core and
multiplied where the core has its own character (Veldrode-Dorp heritage and green, Maasdijk-Centrum shopping and
horeca, …). It is written with pyosmium to a temporary ``.osm.pbf`` whose name says it is demo data, and measured
with :func:`kernkompas.dna.actions.figures.measure_extract` and ``store_figures``: the same way as the command.

Idempotent: a core whose OpenStreetMap figures come from the demo extract already is left alone, so is a core
measured from a real extract.
"""

from __future__ import annotations

import hashlib
import random
import tempfile
from datetime import date
from pathlib import Path

import shapely

from kernkompas.dna.actions import figures
from kernkompas.dna.models import CoreFigures, FiguresSource
from kernkompas.lib.dna.osm import area_km2
from kernkompas.lib.dna.osm_writer import write_points
from kernkompas.places.models import Kern

DEMO_FILE = "demo-kernkompas-synthetisch.osm.pbf"
MEASURED_ON = date(2026, 10, 1)

PEOPLE, GROUND = "per_1000", "per_km2"

# (tags, denominator, ordinary number per 1,000 inhabitants or per km², dimension it shapes)
ITEMS: tuple[tuple[dict[str, str], str, float, str], ...] = (
    ({"shop": "clothes"}, PEOPLE, 0.55, "winkelen"),
    ({"shop": "shoes"}, PEOPLE, 0.2, "winkelen"),
    ({"shop": "jewelry"}, PEOPLE, 0.1, "winkelen"),
    ({"shop": "bakery"}, PEOPLE, 0.3, "winkelen"),
    ({"shop": "supermarket"}, PEOPLE, 0.2, "winkelen"),
    ({"shop": "butcher"}, PEOPLE, 0.12, "winkelen"),
    ({"shop": "books"}, PEOPLE, 0.1, "winkelen"),
    ({"shop": "gift"}, PEOPLE, 0.15, "winkelen"),
    ({"shop": "antiques"}, PEOPLE, 0.06, "winkelen"),
    ({"amenity": "restaurant"}, PEOPLE, 0.8, "horeca"),
    ({"amenity": "fast_food"}, PEOPLE, 0.3, "horeca"),
    ({"amenity": "cafe"}, PEOPLE, 0.5, "horeca"),
    ({"amenity": "bar"}, PEOPLE, 0.35, "horeca"),
    ({"tourism": "hotel"}, PEOPLE, 0.1, "horeca"),
    ({"tourism": "guest_house"}, PEOPLE, 0.12, "horeca"),
    ({"tourism": "museum"}, PEOPLE, 0.06, "cultuur-erfgoed"),
    ({"amenity": "library"}, PEOPLE, 0.06, "cultuur-erfgoed"),
    ({"amenity": "theatre"}, PEOPLE, 0.04, "cultuur-erfgoed"),
    ({"historic": "memorial"}, GROUND, 2.0, "cultuur-erfgoed"),
    ({"historic": "building"}, GROUND, 1.2, "cultuur-erfgoed"),
    ({"tourism": "artwork"}, GROUND, 1.5, "cultuur-erfgoed"),
    ({"amenity": "place_of_worship"}, GROUND, 0.8, "cultuur-erfgoed"),
    ({"tourism": "viewpoint"}, GROUND, 0.6, "vrije-tijd"),
    ({"tourism": "attraction"}, GROUND, 0.6, "vrije-tijd"),
    ({"tourism": "picnic_site"}, GROUND, 0.5, "vrije-tijd"),
    ({"leisure": "playground"}, PEOPLE, 0.3, "vrije-tijd"),
    ({"leisure": "pitch"}, PEOPLE, 0.3, "vrije-tijd"),
    ({"leisure": "sports_centre"}, PEOPLE, 0.1, "vrije-tijd"),
    ({"amenity": "bank"}, PEOPLE, 0.1, "diensten-werken"),
    ({"amenity": "doctors"}, PEOPLE, 0.25, "diensten-werken"),
    ({"amenity": "pharmacy"}, PEOPLE, 0.12, "diensten-werken"),
    ({"amenity": "dentist"}, PEOPLE, 0.1, "diensten-werken"),
    ({"shop": "hairdresser"}, PEOPLE, 0.4, "diensten-werken"),
    ({"shop": "beauty"}, PEOPLE, 0.2, "diensten-werken"),
    ({"office": "company"}, PEOPLE, 0.4, "diensten-werken"),
    ({"craft": "carpenter"}, PEOPLE, 0.2, "diensten-werken"),
    ({"leisure": "park"}, GROUND, 1.5, "groen-water"),
    ({"leisure": "garden"}, GROUND, 1.0, "groen-water"),
    ({"natural": "water"}, GROUND, 0.8, "groen-water"),
    ({"amenity": "fountain"}, GROUND, 0.5, "groen-water"),
    ({"amenity": "marketplace"}, PEOPLE, 0.05, "markten-evenementen"),
    ({"amenity": "community_centre"}, PEOPLE, 0.12, "markten-evenementen"),
    ({"amenity": "events_venue"}, PEOPLE, 0.06, "markten-evenementen"),
    ({"highway": "bus_stop"}, GROUND, 5.0, "bereikbaarheid"),
    ({"railway": "station"}, GROUND, 0.15, "bereikbaarheid"),
    ({"amenity": "parking"}, GROUND, 4.0, "bereikbaarheid"),
    ({"amenity": "bicycle_parking"}, GROUND, 4.0, "bereikbaarheid"),
    ({"building": "house"}, GROUND, 60.0, "wonen"),
    ({"building": "apartments"}, GROUND, 10.0, "wonen"),
)

# Each demo core's own character: a factor per dimension (1 where it is ordinary).
CHARACTER: dict[tuple[str, str], dict[str, float]] = {
    ("maasdijk", "centrum"): {"winkelen": 2.4, "horeca": 2.2, "groen-water": 0.6},
    ("maasdijk", "kiezelberg"): {"vrije-tijd": 2.0, "winkelen": 0.6},
    ("maasdijk", "moerheide"): {"groen-water": 1.8, "horeca": 0.5},
    # Veldrode-Dorp as its demo DNA describes it: heritage, green, the market square with its cafés, the cyclists.
    ("veldrode", "dorp"): {
        "cultuur-erfgoed": 2.6,
        "groen-water": 2.3,
        "markten-evenementen": 3.0,
        "horeca": 1.6,
        "bereikbaarheid": 1.4,
        "winkelen": 0.9,
    },
    ("veldrode", "beukenrode"): {"vrije-tijd": 1.7, "horeca": 1.5, "diensten-werken": 0.5},
    ("bremhout", "centrum"): {"diensten-werken": 1.9, "bereikbaarheid": 2.0, "wonen": 1.6},
    ("bremhout", "haverloo"): {"wonen": 1.5, "bereikbaarheid": 0.6},
    ("bremhout", "rietdonk"): {"diensten-werken": 1.5, "cultuur-erfgoed": 0.5},
    ("lindeloo", "centrum"): {"markten-evenementen": 2.5, "cultuur-erfgoed": 1.4},
    ("lindeloo", "vennebroek"): {"groen-water": 1.4, "markten-evenementen": 0.6},
}


def _rng(kern: Kern) -> random.Random:
    seed = hashlib.sha256(f"{kern.gemeente.slug}/{kern.slug}".encode()).digest()
    return random.Random(int.from_bytes(seed[:8], "big"))


def _points_in(shape, n: int, rng: random.Random):
    west, south, east, north = shape.bounds
    shapely.prepare(shape)
    found, tries = 0, 0
    while found < n and tries < n * 200:
        tries += 1
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if shapely.contains_xy(shape, lon, lat):
            found += 1
            yield round(lon, 7), round(lat, 7)


def demo_points(kern: Kern, shape) -> list[tuple[float, float, dict[str, str]]]:
    """The invented tagged points of one core (always the same for the same core and outline)."""
    rng = _rng(kern)
    character = CHARACTER.get((kern.gemeente.slug, kern.slug), {})
    people = (kern.population or 0) / 1000
    ground = area_km2(shape)
    points = []
    for tags, per, rate, dimension in ITEMS:
        expected = rate * (people if per == PEOPLE else ground) * character.get(dimension, 1.0) * rng.uniform(0.7, 1.3)
        for lon, lat in _points_in(shape, round(expected), rng):
            points.append((lon, lat, tags))
    return points


def write_demo_extract(path: Path, kernen: list[Kern]) -> int:
    shapes = {kern.pk: figures.outline(kern) for kern in kernen}
    points = [p for kern in kernen if shapes[kern.pk] is not None for p in demo_points(kern, shapes[kern.pk])]
    union = shapely.union_all([shape for shape in shapes.values() if shape is not None])
    west, south, east, north = union.bounds
    return write_points(path, points, (west - 0.01, south - 0.01, east + 0.01, north + 0.01))


def load_demo_figures(by=None) -> int:
    """Figures for the demo cores that have none from OpenStreetMap yet; returns how many cores got them."""
    measured_already = CoreFigures.objects.filter(source=FiguresSource.OSM).values_list("kern_id", flat=True)
    kernen = [
        kern
        for kern in Kern.objects.select_related("gemeente").filter(is_demo=True).exclude(pk__in=measured_already)
        if figures.outline(kern) is not None
    ]
    if not kernen:
        return 0
    with tempfile.TemporaryDirectory(prefix="kernkompas-dna-demo-") as folder:
        path = Path(folder) / DEMO_FILE
        write_demo_extract(path, kernen)
        measured = figures.measure_extract(path, kernen, chosen=True)
    figures.store_figures(by, measured, source_label=DEMO_FILE, measured_on=MEASURED_ON)
    return len(measured)
