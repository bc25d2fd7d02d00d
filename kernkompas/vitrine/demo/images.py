"""Illustrations for the demo cases, drawn with Pillow: a stylised street or square, coloured by theme.

Nothing is downloaded and nothing is a photograph of a real place. Every drawing is seeded by the case's slug and
the image's number, so a run on any machine produces the same bytes, and the alternative text is composed from
what was actually drawn.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 750
SCALE = 2  # drawn at twice the size and scaled down: smooth edges without an anti-aliasing library
STREET_Y = 560  # where the facades meet the pavement
ROAD_Y = 615  # where the pavement meets the road


@dataclass(frozen=True)
class Palette:
    name: str  # the colours in words, for the alternative text
    sky_top: str
    sky_bottom: str
    accent: str
    accent_light: str
    green: str


PALETTES = {
    "beleid-visie": Palette("blauwe tinten", "#6f9ccf", "#d9e7f5", "#2f5d8c", "#a9c6e6", "#5f9a5a"),
    "mobiliteit": Palette("rode en blauwe tinten", "#7fb0d8", "#e6f0f8", "#c2413a", "#f0b3ad", "#5f9a5a"),
    "ruimtelijke-ordening": Palette("okerkleurige tinten", "#e0b979", "#f8ecd6", "#a8662a", "#ecc89a", "#6a9c55"),
    "duurzaamheid": Palette("groene tinten", "#8fcfa6", "#eaf6ee", "#2e7d4f", "#a7d9b7", "#3f8f4f"),
    "samenwerking": Palette("paarse tinten", "#a99ad6", "#eeeaf8", "#5b4a9e", "#c9bfe9", "#5f9a5a"),
    "beleving-aantrekking": Palette("warme oranje tinten", "#f4a261", "#fdebd8", "#d1495b", "#f7c59f", "#5f9a5a"),
    "trends-ontwikkelingen": Palette("turquoise tinten", "#6cc4c4", "#e3f5f5", "#1f7a7a", "#a5dede", "#5f9a5a"),
    "data": Palette("blauwgroene tinten", "#5fa8b8", "#e0f0f3", "#264653", "#9fd0da", "#5f9a5a"),
}
FACADES = ["#e9dcc9", "#d98c6a", "#c9735a", "#f1e6d0", "#b9c4c9", "#e7cf9a", "#d7b8a6", "#a9694f", "#efe9e1"]
PEOPLE = ["#264653", "#e76f51", "#2a9d8f", "#8d5a97", "#f4a261", "#3d5a80"]


@dataclass(frozen=True)
class Scene:
    """What to draw: the case's kind of core, its first theme and a few extras the text asks for."""

    key: str  # unique per image: the case slug and the image number; it seeds every random choice
    theme: str
    core_type: str
    extras: tuple[str, ...] = ()


@dataclass
class Drawing:
    jpeg: bytes
    alt_text: str


@dataclass
class _Canvas:
    draw: ImageDraw.ImageDraw
    rng: random.Random
    palette: Palette
    seen: list[str] = field(default_factory=list)  # phrases for the alternative text, in drawing order

    def box(self, x0, y0, x1, y1, fill, outline=None, width=0, radius=0):
        xy = [x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE]
        if radius:
            self.draw.rounded_rectangle(xy, radius * SCALE, fill=fill, outline=outline, width=width * SCALE)
        else:
            self.draw.rectangle(xy, fill=fill, outline=outline, width=width * SCALE)

    def oval(self, cx, cy, rx, ry, fill, outline=None, width=0):
        xy = [(cx - rx) * SCALE, (cy - ry) * SCALE, (cx + rx) * SCALE, (cy + ry) * SCALE]
        self.draw.ellipse(xy, fill=fill, outline=outline, width=width * SCALE)

    def poly(self, points, fill, outline=None):
        self.draw.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=fill, outline=outline)

    def line(self, points, fill, width):
        self.draw.line([(x * SCALE, y * SCALE) for x, y in points], fill=fill, width=width * SCALE, joint="curve")


def draw_scene(scene: Scene) -> Drawing:
    """The illustration as JPEG bytes with its alternative text (Dutch, like the cases)."""
    return _draw_cached(scene)


@lru_cache(maxsize=256)
def _draw_cached(scene: Scene) -> Drawing:
    # Cached: the same scene is asked for again by every demo load in one process (tests load the demo often).
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), "white")
    canvas = _Canvas(ImageDraw.Draw(image), random.Random(scene.key), PALETTES.get(scene.theme, PALETTES["data"]))
    _sky(canvas)
    layout = _LAYOUTS.get(scene.core_type, _street_layout)
    layout(canvas, scene)
    image = image.reduce(SCALE)  # a box filter is enough to smooth edges, and ten times faster than Lanczos
    _label(image)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)  # as small as PNG here and twenty times faster to encode
    return Drawing(out.getvalue(), _alt_text(scene, canvas))


ALT_TEXT_MAX = 250  # SiteImage.alt_text holds 255; a screen reader user is served by short texts anyway


def _alt_text(scene: Scene, canvas: _Canvas) -> str:
    parts = list(dict.fromkeys(canvas.seen))  # keep order, drop repeats
    # Name the main things drawn, as many as fit: the scene first, then details in the order they were drawn.
    while True:
        listed = ", ".join(parts[:-1]) + f" en {parts[-1]}" if len(parts) > 1 else "".join(parts)
        text = f"Getekende illustratie (fictief demobeeld): {listed}, in {canvas.palette.name}."
        if len(text) <= ALT_TEXT_MAX or len(parts) == 1:
            return text[:ALT_TEXT_MAX]
        parts = parts[:-1]


# --- Layouts per kind of core ---------------------------------------------------------------------------------
def _street_layout(c: _Canvas, scene: Scene) -> None:
    """A shopping street: a row of shop fronts with awnings, pavement and road."""
    floors = (3, 5) if scene.core_type == "binnenstad" else (2, 4)
    count = _facades(
        c, floors, stepped=scene.core_type in ("stadskern", "binnenstad"), empty="leegstand" in scene.extras
    )
    c.seen.insert(0, f"een winkelstraat met {_number(count)} gevels en gestreepte luifels")
    _pavement(c)
    _road(c, scene)
    _foreground(c, scene)


def _square_layout(c: _Canvas, scene: Scene) -> None:
    """A village square: a church tower behind low houses, a wide open square in front."""
    _church(c, 140 + c.rng.randint(0, 820))
    count = _facades(c, (1, 3), stepped=False, empty="leegstand" in scene.extras)
    c.seen.insert(0, f"een dorpsplein met een kerktoren achter {_number(count)} lage gevels")
    _pavement(c)
    _square_floor(c, scene)
    _foreground(c, scene)


def _neighbourhood_layout(c: _Canvas, scene: Scene) -> None:
    """A neighbourhood centre: a low modern shopping block with flats above and a small square."""
    x = 40
    while x < WIDTH - 120:
        w = c.rng.randint(260, 380)
        _modern_block(c, x, min(w, WIDTH - 40 - x), c.rng.randint(2, 4))
        x += w + c.rng.randint(20, 50)
    c.seen.insert(0, "een wijkcentrum met moderne winkelblokken en appartementen erboven")
    _pavement(c)
    _square_floor(c, scene)
    _foreground(c, scene)


def _retail_strip_layout(c: _Canvas, scene: Scene) -> None:
    """Big-box stores along a main road with a car park in front."""
    x = 30
    while x < WIDTH - 150:
        w = c.rng.randint(280, 420)
        _big_box(c, x, min(w, WIDTH - 30 - x))
        x += w + c.rng.randint(30, 70)
    c.seen.insert(0, "een baanwinkelgebied met grote winkelhallen langs een steenweg")
    c.box(0, STREET_Y, WIDTH, ROAD_Y + 40, "#b9b9b4")
    for x in range(60, WIDTH, 110):
        c.line([(x, STREET_Y + 8), (x - 20, ROAD_Y + 32)], "#f4f4f0", 2)
    if "groen" not in scene.extras:
        for x in range(80, WIDTH, 220):
            _car(c, x + c.rng.randint(0, 40), STREET_Y + 38)
        c.seen.append("een parking vol auto's")
    c.box(0, ROAD_Y + 40, WIDTH, HEIGHT, "#6b6e70")
    for x in range(0, WIDTH, 90):
        c.box(x, ROAD_Y + 88, x + 50, ROAD_Y + 94, "#f1f1ea")
    _foreground(c, scene)


_LAYOUTS = {
    "binnenstad": _street_layout,
    "stadskern": _street_layout,
    "winkelstraat": _street_layout,
    "dorpskern": _square_layout,
    "wijkcentrum": _neighbourhood_layout,
    "baanwinkelgebied": _retail_strip_layout,
}


# --- Backdrop -------------------------------------------------------------------------------------------------
def _sky(c: _Canvas) -> None:
    top, bottom = _rgb(c.palette.sky_top), _rgb(c.palette.sky_bottom)
    for y in range(0, STREET_Y + 1, 4):
        t = y / STREET_Y
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        c.box(0, y, WIDTH, y + 4, colour)
    c.oval(c.rng.randint(820, 1100), c.rng.randint(70, 120), 42, 42, "#fff4c7")
    for _ in range(c.rng.randint(2, 4)):
        x, y = c.rng.randint(40, 1000), c.rng.randint(40, 160)
        for dx, r in ((0, 26), (30, 34), (64, 24)):
            c.oval(x + dx, y, r * 1.3, r * 0.8, "#ffffff")


def _harbour(c: _Canvas) -> None:
    """A quay: water with sailing boats where the road would be, for the maritime town."""
    c.box(0, ROAD_Y + 2, WIDTH, HEIGHT, "#4f8fbf")
    for x in range(20, WIDTH, 70):
        c.line([(x, ROAD_Y + 40 + x % 3 * 30), (x + 30, ROAD_Y + 40 + x % 3 * 30)], "#9cc5e3", 2)
    for bx in (c.rng.randint(60, 360), c.rng.randint(640, 980)):
        y = ROAD_Y + 80
        c.poly([(bx, y), (bx + 150, y), (bx + 128, y + 28), (bx + 20, y + 28)], "#f1f1ea", outline="#5b4636")
        c.line([(bx + 75, y), (bx + 75, y - 120)], "#5b4636", 3)
        c.poly([(bx + 79, y - 114), (bx + 79, y - 8), (bx + 140, y - 8)], "#fbfbf5", outline="#9aa3a8")
        c.poly([(bx + 71, y - 100), (bx + 71, y - 8), (bx + 22, y - 8)], c.palette.accent_light)
    c.seen.append("een kade met zeilboten op het water")


def _church(c: _Canvas, x: int) -> None:
    c.box(x, 120, x + 80, STREET_Y, "#c7bfb3", outline="#8c8478", width=1)
    c.poly([(x - 6, 120), (x + 40, 12), (x + 86, 120)], "#6d7a86")
    c.oval(x + 40, 156, 17, 17, "#f6f1e6", outline="#6d7a86", width=2)
    c.line([(x + 40, 156), (x + 40, 145)], "#333333", 2)
    c.line([(x + 40, 156), (x + 49, 156)], "#333333", 2)


# --- Buildings ------------------------------------------------------------------------------------------------
def _facades(c: _Canvas, floors: tuple[int, int], *, stepped: bool, empty: bool) -> int:
    x, count, vacant_done = -20, 0, False
    while x < WIDTH:
        w = c.rng.randint(130, 210)
        n = c.rng.randint(*floors)
        vacant = empty and not vacant_done and count >= 1 and c.rng.random() < 0.5
        vacant_done = vacant_done or vacant
        _facade(c, x, w, n, roof=c.rng.choice(("flat", "gable", "stepped" if stepped else "gable")), vacant=vacant)
        x += w
        count += 1
    if empty and vacant_done:
        c.seen.append("één leeg pand met een affiche in de etalage")
    return min(count, 9)


def _facade(c: _Canvas, x: int, w: int, floors: int, *, roof: str, vacant: bool) -> None:
    storey = 78
    top = STREET_Y - 120 - floors * storey
    colour = c.rng.choice(FACADES)
    c.box(x, top, x + w, STREET_Y, colour, outline="#7a6a5a", width=1)
    _roof(c, x, w, top, colour, roof)
    for f in range(floors):
        y = top + 22 + f * storey
        cols = 2 if w < 170 else 3
        gap = (w - cols * 34) / (cols + 1)
        for i in range(cols):
            wx = x + gap + i * (34 + gap)
            c.box(wx, y, wx + 34, y + 48, "#33495e", outline="#f4efe6", width=3)
            c.line([(wx + 6, y + 40), (wx + 20, y + 8)], "#6f8aa3", 2)
    _shopfront(c, x, w, vacant)


def _roof(c: _Canvas, x: int, w: int, top: int, colour: str, kind: str) -> None:
    if kind == "gable":
        c.poly([(x, top), (x + w / 2, top - 70), (x + w, top)], colour, outline="#7a6a5a")
    elif kind == "stepped":
        steps, step_w = 4, w / 8
        for i in range(steps):
            c.box(x + i * step_w, top - (i + 1) * 22, x + w - i * step_w, top - i * 22, colour, outline="#7a6a5a")
    else:
        c.box(x - 4, top - 12, x + w + 4, top, "#8c7b6b")


def _shopfront(c: _Canvas, x: int, w: int, vacant: bool) -> None:
    y0 = STREET_Y - 110
    window = "#f3f1ea" if vacant else "#bcd9ea"
    c.box(x + 12, y0 + 20, x + w - 52, STREET_Y - 6, window, outline="#3d3d3d", width=3)
    c.box(x + w - 44, y0 + 28, x + w - 12, STREET_Y, "#5b4636", outline="#3d3d3d", width=2)
    if vacant:
        c.box(x + 28, y0 + 40, x + w - 72, y0 + 78, c.palette.accent_light, outline="#3d3d3d", width=2)
        return
    c.line([(x + 24, STREET_Y - 16), (x + 60, y0 + 30)], "#ffffff", 3)
    stripes = max(3, round(w / 26))
    step = w / stripes
    for i in range(stripes):
        fill = c.palette.accent if i % 2 == 0 else "#fbfaf6"
        c.poly(
            [
                (x + i * step, y0),
                (x + (i + 1) * step, y0),
                (x + (i + 1) * step + 6, y0 + 26),
                (x + i * step + 6, y0 + 26),
            ],
            fill,
        )
    for i in range(stripes):
        c.oval(x + i * step + step / 2 + 6, y0 + 26, step / 2, 6, c.palette.accent if i % 2 == 0 else "#fbfaf6")


def _modern_block(c: _Canvas, x: int, w: int, floors: int) -> None:
    storey = 64
    top = STREET_Y - 110 - floors * storey
    c.box(
        x, top, x + w, STREET_Y, c.rng.choice(("#d9d4cc", "#c9b8a8", "#e6e2da", "#b7c2c8")), outline="#6b6b6b", width=1
    )
    c.box(x - 6, top - 10, x + w + 6, top, "#6b6b6b")
    for f in range(floors):
        y = top + 14 + f * storey
        c.box(x + 14, y, x + w - 14, y + 38, "#3f5566")
        c.box(x + 10, y + 40, x + w - 10, y + 46, "#9aa3a8")
    c.box(x + 10, STREET_Y - 96, x + w - 10, STREET_Y - 4, "#bcd9ea", outline="#3d3d3d", width=3)
    c.box(x, STREET_Y - 112, x + w, STREET_Y - 96, c.palette.accent)
    for wx in range(x + 70, x + w - 20, 90):
        c.line([(wx, STREET_Y - 96), (wx, STREET_Y - 4)], "#3d3d3d", 2)


def _big_box(c: _Canvas, x: int, w: int) -> None:
    top = STREET_Y - c.rng.randint(170, 230)
    c.box(x, top, x + w, STREET_Y, c.rng.choice(("#d8d8d2", "#c7ccd1", "#e3ddd1")), outline="#6b6b6b", width=2)
    c.box(x, top, x + w, top + 34, c.palette.accent)
    c.box(x + w / 2 - 60, top + 8, x + w / 2 + 60, top + 26, "#fbfaf6", radius=4)
    c.box(x + w / 2 - 50, STREET_Y - 80, x + w / 2 + 50, STREET_Y, "#bcd9ea", outline="#3d3d3d", width=3)


# --- Ground ---------------------------------------------------------------------------------------------------
def _pavement(c: _Canvas) -> None:
    c.box(0, STREET_Y, WIDTH, ROAD_Y, "#d6d2ca")
    for x in range(0, WIDTH, 40):
        c.line([(x, STREET_Y), (x, ROAD_Y)], "#c4bfb5", 1)
    c.box(0, ROAD_Y - 4, WIDTH, ROAD_Y + 2, "#a9a49a")


def _road(c: _Canvas, scene: Scene) -> None:
    if "water" in scene.extras:
        _harbour(c)
        return
    if "fietsstraat" in scene.extras:
        c.box(0, ROAD_Y + 2, WIDTH, HEIGHT, "#b5473a")
        for x in range(120, WIDTH, 360):
            _bicycle(c, x, ROAD_Y + 80, "#fbfaf6", width=3)
        c.seen.append("een rode fietsstraat met fietssymbolen")
        return
    if "autovrij" in scene.extras or "groen" in scene.extras:
        _square_floor(c, scene)
        return
    c.box(0, ROAD_Y + 2, WIDTH, HEIGHT, "#6b6e70")
    for x in range(0, WIDTH, 120):
        c.box(x, ROAD_Y + 66, x + 60, ROAD_Y + 72, "#f1f1ea")


def _square_floor(c: _Canvas, scene: Scene) -> None:
    c.box(0, ROAD_Y + 2, WIDTH, HEIGHT, "#cfc6b4")
    for y in range(ROAD_Y + 20, HEIGHT, 26):
        c.line([(0, y), (WIDTH, y)], "#bdb3a0", 1)
    for x in range(0, WIDTH, 52):
        c.line([(x, ROAD_Y + 2), (x - 30, HEIGHT)], "#bdb3a0", 1)
    if "groen" in scene.extras:
        for x in range(40, WIDTH, 300):
            c.oval(x + 110, ROAD_Y + 80, 120, 30, "#7fbf6a")
            for fx in range(x + 20, x + 200, 26):
                c.oval(fx, ROAD_Y + 74 + (fx % 3) * 6, 5, 5, c.rng.choice(("#f4d35e", "#ee6c4d", "#ffffff")))
        c.seen.append("ontharde plantvakken met bloemen waar vroeger steen lag")
    else:
        c.seen.append("een autovrij plein met kasseien")


# --- Street furniture and people ------------------------------------------------------------------------------
def _foreground(c: _Canvas, scene: Scene) -> None:
    """Trees, benches, bicycles and people; what is drawn depends on the theme and the extras."""
    theme, extras = scene.theme, scene.extras
    if "bunting" in extras or theme == "beleving-aantrekking":
        _bunting(c)
    if "markt" in extras:
        for x in range(60, WIDTH - 200, 280):
            _stall(c, x + c.rng.randint(0, 40))
        c.seen.append("marktkramen met gestreepte daken")
    trees = 5 if theme == "duurzaamheid" or "groen" in extras else 3
    # Evenly spread slots with a little jitter, shuffled: trees and lamps never pile up on one side.
    slots = [round((i + 0.5) * WIDTH / (trees + 2)) + c.rng.randint(-30, 30) for i in range(trees + 2)]
    c.rng.shuffle(slots)
    for x in slots[:trees]:
        _tree(c, x, STREET_Y + 40, c.rng.randint(46, 66))
    c.seen.append("bomen" if trees > 3 else "een paar bomen")
    for x in slots[trees:]:
        _lamp(c, x)
    if theme == "mobiliteit" or "fietsen" in extras:
        base = c.rng.randint(80, 700)
        for i in range(4):
            _bicycle(c, base + i * 56, STREET_Y + 42, "#2b2d42")
        c.seen.append("geparkeerde fietsen op de stoep")
    if theme == "data" or "teller" in extras:
        _counter(c, c.rng.randint(760, 1080))
        c.seen.append("een paal met een passantenteller en een staafgrafiek")
    if theme == "trends-ontwikkelingen" or "pakjes" in extras:
        _lockers(c, c.rng.randint(880, 1040))
        c.seen.append("een afhaalkast voor online bestellingen")
    if "terras" in extras:
        for x in range(c.rng.randint(60, 200), 620, 140):
            _table(c, x)
        c.seen.append("een terras met tafeltjes en parasols")
    _bench(c, c.rng.randint(500, 700))
    people = 5 if theme in ("samenwerking", "beleving-aantrekking") else 3
    # On a quay people walk on the pavement, not on the water.
    low, high = (STREET_Y + 46, ROAD_Y) if "water" in extras else (ROAD_Y + 20, HEIGHT - 30)
    for _ in range(people):
        _person(c, c.rng.randint(40, WIDTH - 40), c.rng.randint(low, high))
    c.seen.append("wandelende mensen" if people > 3 else "enkele voorbijgangers")


def _tree(c: _Canvas, x: int, ground: int, size: int) -> None:
    c.box(x - 6, ground - size * 1.6, x + 6, ground, "#6b4f3a")
    for dx, dy, r in ((0, -2.2, 1.0), (-0.6, -1.7, 0.75), (0.6, -1.7, 0.75)):
        c.oval(x + dx * size, ground + dy * size, r * size, r * size * 0.9, c.palette.green)
    c.oval(x - 0.3 * size, ground - 2.4 * size, 0.35 * size, 0.3 * size, "#8cc084")


def _lamp(c: _Canvas, x: int) -> None:
    c.box(x - 3, STREET_Y - 150, x + 3, STREET_Y + 40, "#2f3e46")
    c.poly(
        [(x - 16, STREET_Y - 150), (x + 16, STREET_Y - 150), (x + 8, STREET_Y - 168), (x - 8, STREET_Y - 168)],
        "#2f3e46",
    )
    c.oval(x, STREET_Y - 146, 9, 6, "#ffe8a3")


def _bicycle(c: _Canvas, x: int, y: int, colour: str, width: int = 3) -> None:
    for wx in (x - 20, x + 20):
        c.oval(wx, y, 16, 16, None, outline=colour, width=width)
    c.line([(x - 20, y), (x - 4, y - 24), (x + 14, y - 24), (x + 20, y)], colour, width)
    c.line([(x - 20, y), (x, y), (x - 4, y - 24)], colour, width)
    c.line([(x, y), (x + 14, y - 24), (x + 10, y - 34)], colour, width)
    c.line([(x - 10, y - 30), (x + 2, y - 30)], colour, width)


def _bench(c: _Canvas, x: int) -> None:
    c.box(x, STREET_Y + 20, x + 90, STREET_Y + 28, "#8a5a3b")
    c.box(x, STREET_Y + 6, x + 90, STREET_Y + 13, "#8a5a3b")
    for leg in (x + 8, x + 78):
        c.box(leg, STREET_Y + 28, leg + 5, STREET_Y + 44, "#2f3e46")


def _person(c: _Canvas, x: int, y: int) -> None:
    colour = c.rng.choice(PEOPLE)
    c.box(x - 11, y - 58, x + 11, y - 10, colour, radius=9)
    c.box(x - 9, y - 14, x - 2, y + 10, "#2f3e46")
    c.box(x + 2, y - 14, x + 9, y + 10, "#2f3e46")
    c.oval(x, y - 72, 11, 12, c.rng.choice(("#f1c27d", "#c68642", "#8d5524", "#ffdbac")))


def _bunting(c: _Canvas) -> None:
    y = 250
    c.line([(0, y), (WIDTH / 2, y + 40), (WIDTH, y)], "#555555", 1)
    colours = [c.palette.accent, c.palette.accent_light, "#f4d35e", "#2a9d8f"]
    for i, x in enumerate(range(10, WIDTH, 40)):
        sag = y + 40 * (1 - abs(x - WIDTH / 2) / (WIDTH / 2))
        c.poly([(x, sag), (x + 26, sag), (x + 13, sag + 26)], colours[i % len(colours)])
    c.seen.append("feestelijke vlaggetjes boven de straat")


def _stall(c: _Canvas, x: int) -> None:
    y = ROAD_Y + 110
    c.box(x, y - 50, x + 150, y, "#f1e6d0", outline="#5b4636", width=2)
    for i in range(5):
        fill = c.palette.accent if i % 2 == 0 else "#fbfaf6"
        c.poly(
            [
                (x - 10 + i * 34, y - 100),
                (x + 24 + i * 34, y - 100),
                (x + 24 + i * 34, y - 70),
                (x - 10 + i * 34, y - 70),
            ],
            fill,
        )
    for post in (x + 2, x + 144):
        c.box(post, y - 70, post + 4, y, "#5b4636")
    for fx in range(x + 16, x + 140, 22):
        c.oval(fx, y - 56, 8, 7, c.rng.choice(("#e63946", "#f4a261", "#8ac926", "#ffca3a")))


def _car(c: _Canvas, x: int, y: int) -> None:
    colour = c.rng.choice(("#3d5a80", "#e07a5f", "#81b29a", "#f2cc8f", "#6d6875"))
    c.box(x, y - 22, x + 90, y, colour, radius=8)
    c.box(x + 18, y - 40, x + 70, y - 20, colour, radius=8)
    c.box(x + 24, y - 36, x + 64, y - 24, "#bcd9ea", radius=4)
    for wx in (x + 20, x + 70):
        c.oval(wx, y, 10, 10, "#222222")


def _counter(c: _Canvas, x: int) -> None:
    c.box(x - 4, STREET_Y - 120, x + 4, STREET_Y + 40, "#2f3e46")
    c.box(x - 60, STREET_Y - 210, x + 60, STREET_Y - 120, "#fbfaf6", outline="#2f3e46", width=3, radius=8)
    for i, h in enumerate((26, 44, 34, 60, 50)):
        c.box(x - 48 + i * 20, STREET_Y - 130 - h, x - 34 + i * 20, STREET_Y - 130, c.palette.accent)


def _lockers(c: _Canvas, x: int) -> None:
    c.box(x, STREET_Y - 120, x + 110, STREET_Y + 30, c.palette.accent, outline="#2f3e46", width=2, radius=4)
    for row in range(4):
        for col in range(3):
            c.box(
                x + 8 + col * 34,
                STREET_Y - 110 + row * 34,
                x + 36 + col * 34,
                STREET_Y - 82 + row * 34,
                c.palette.accent_light,
            )


def _table(c: _Canvas, x: int) -> None:
    y = STREET_Y + 36
    c.poly([(x - 44, y - 70), (x + 44, y - 70), (x, y - 96)], c.palette.accent)
    c.box(x - 2, y - 70, x + 2, y, "#5b4636")
    c.box(x - 26, y - 20, x + 26, y - 14, "#5b4636")
    for sx in (x - 34, x + 28):
        c.box(sx, y - 12, sx + 6, y + 4, "#5b4636")


def _label(image: Image.Image) -> None:
    """A small caption in the corner, so a screenshot of the image still says it is invented."""
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    text = "Illustratie · fictief demovoorbeeld"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x, y = 16, HEIGHT - (bottom - top) - 26
    draw.rounded_rectangle([x - 8, y - 6, x + right - left + 8, y + bottom - top + 10], 6, fill=(255, 255, 255))
    draw.text((x - left, y - top + 2), text, font=font, fill=(40, 40, 40))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _number(n: int) -> str:
    words = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
    return words[n] if n < len(words) else str(n)
