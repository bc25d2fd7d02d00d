"""The geography everything else hangs on: countries, provinces, municipalities, cores, areas and regions.

Geometry is stored as GeoJSON (WGS84) in JSON fields, so that the embedded default needs no GIS libraries in
the database; shapely does the operations in Python. A bounding box and a representative point are kept as
plain columns for map extents and distance queries.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kernkompas.lib.geo import describe_geometry
from kernkompas.lib.sizeclass import size_class_for
from kernkompas.lib.text import fold


class CountryCode(models.TextChoices):
    """The two countries the product is for. Others (e.g. Liechtenstein, imported from OpenStreetMap boundaries to
    profile a region the same way) are rows of :class:`Country` with any ISO 3166-1 alpha-2 code."""

    BE = "BE", _("Belgium")
    NL = "NL", _("Netherlands")


country_code_validator = RegexValidator(
    r"^[A-Z]{2}\Z", _("A country code is two capital letters (ISO 3166-1 alpha-2), e.g. BE, NL or LI.")
)


class SizeClass(models.TextChoices):
    LT10K = "lt10k", _("fewer than 10,000 inhabitants")
    K10_25 = "10k-25k", _("10,000–25,000 inhabitants")
    K25_50 = "25k-50k", _("25,000–50,000 inhabitants")
    K50_100 = "50k-100k", _("50,000–100,000 inhabitants")
    GTE100K = "gte100k", _("100,000 inhabitants or more")


class GeoMixin(models.Model):
    """GeoJSON geometry plus derived columns (bounding box, representative point)."""

    geometry = models.JSONField(_("boundary"), null=True, blank=True, help_text=_("GeoJSON geometry in WGS84."))
    point_lat = models.FloatField(_("latitude"), null=True, blank=True)
    point_lon = models.FloatField(_("longitude"), null=True, blank=True)
    bbox = models.JSONField(_("bounding box"), null=True, blank=True, help_text=_("[west, south, east, north]"))

    class Meta:
        abstract = True

    def set_geometry(self, geometry: dict | None) -> None:
        """Store a GeoJSON geometry and derive its bounding box and a point inside it."""
        self.geometry = geometry
        if geometry is None:
            self.bbox = None
            return
        info = describe_geometry(geometry)
        self.bbox = list(info.bbox)
        self.point_lon, self.point_lat = info.point


class Country(models.Model):
    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[country_code_validator],
        help_text=_("ISO 3166-1 alpha-2, e.g. BE, NL or LI."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return self.name_nl

    @property
    def label(self) -> str:
        """The country's name in the page's language (Belgium and the Netherlands through their translations)."""
        if self.code in CountryCode.values:
            return str(CountryCode(self.code).label)
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_nl or self.code


class Province(models.Model):
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT)
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("NIS code (BE) or CBS PVxx (NL)."))
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name_nl"]

    def __str__(self):
        return self.name_nl


class GemeenteQuerySet(models.QuerySet):
    def current(self):
        """Municipalities that exist today (not merged away)."""
        return self.filter(merged_into__isnull=True, valid_until__isnull=True)

    def search(self, query: str):
        folded = fold(query)
        if not folded:
            return self.none()
        return self.filter(search_text__contains=folded)


class Gemeente(GeoMixin):
    """A municipality, identified by its official code (Belgian NIS/REFNIS or Dutch CBS ``GMxxxx``)."""

    code = models.CharField(_("official code"), max_length=12, unique=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT)
    province = models.ForeignKey(Province, verbose_name=_("province"), null=True, blank=True, on_delete=models.SET_NULL)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    # Both names without accents or case, for the search box: "Liège", "Luik" and "liege" all match.
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Most recent figure; history in population figures."),
    )
    population_year = models.PositiveSmallIntegerField(_("year of population figure"), null=True, blank=True)
    size_class = models.CharField(_("size class"), max_length=20, choices=SizeClass.choices, blank=True)
    urbanity = models.PositiveSmallIntegerField(
        _("urbanity"),
        null=True,
        blank=True,
        help_text=_("CBS degree of urbanity: 1 very strongly urban … 5 not urban."),
    )
    valid_from = models.DateField(_("exists since"), null=True, blank=True)
    valid_until = models.DateField(_("existed until"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        # Current municipalities first, then those merged away: in every list and chooser the one a user means is
        # today's ("Tongeren-Borgloon" before the ended "Tongeren").
        # (An F() rather than a Q(): Django prefixes a related model's default ordering when a query orders by the
        # relation, which a Q() cannot take.) The importer sets valid_until on every merged-away municipality.
        ordering = [models.F("valid_until").asc(nulls_first=True), "name_nl"]
        indexes = [
            # Similar municipalities: candidates of the same country and size class.
            models.Index(fields=["country", "size_class"], name="gemeente_country_size_idx"),
        ]

    def __str__(self):
        return self.name_nl

    def get_absolute_url(self):
        return reverse("places:gemeente", kwargs={"slug": self.slug})

    @property
    def is_current(self) -> bool:
        return self.merged_into_id is None and self.valid_until is None

    @property
    def ended_text(self) -> str:
        """For a municipality that no longer exists: since when and what it is now ("opgeheven op 31-12-2024, nu
        Tongeren-Borgloon"); empty for a current one."""
        if self.is_current:
            return ""
        successor = self.merged_into.name_nl if self.merged_into_id else ""
        if self.valid_until and successor:
            return gettext("ended on %(date)s, now %(successor)s") % {
                "date": self.valid_until.strftime("%d-%m-%Y"),
                "successor": successor,
            }
        if self.valid_until:
            return gettext("ended on %(date)s") % {"date": self.valid_until.strftime("%d-%m-%Y")}
        return gettext("ended, now %(successor)s") % {"successor": successor}

    @property
    def chooser_label(self) -> str:
        """The name as lists and choosers show it: an ended municipality says so ("Tongeren — opgeheven op …")."""
        ended = self.ended_text
        return f"{self.name_nl} — {ended}" if ended else self.name_nl

    @property
    def density(self) -> float | None:
        if not self.population or not self.area_km2:
            return None
        return self.population / self.area_km2

    def refresh_derived(self) -> None:
        """Recompute the search text and size class from names and population."""
        self.search_text = " ".join(filter(None, [fold(self.name_nl), fold(self.name_fr), self.code.lower()]))
        self.size_class = size_class_for(self.population) or ""


class PopulationFigure(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="population_figures"
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("Population on 1 January of this year."))
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    # True when the figure is the sum of the predecessors of a merged municipality, not an official count.
    derived = models.BooleanField(_("derived from predecessors"), default=False)

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["gemeente", "year"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "year"], name="population_one_per_year")]

    def __str__(self):
        return f"{self.gemeente} {self.year}: {self.population}"


class KernKind(models.TextChoices):
    HOOFDKERN = "hoofdkern", _("main core")
    DEELKERN = "deelkern", _("sub-core")
    DEELGEMEENTE = "deelgemeente", _("former municipality")


class Kern(GeoMixin):
    """A town core: the centre of a municipality or of a deelgemeente."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="kernen"
    )
    code = models.CharField(_("code"), max_length=30, unique=True, help_text=_("e.g. Statbel core 72020_1."))
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=KernKind.choices, default=KernKind.DEELKERN)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("core")
        verbose_name_plural = _("cores")
        ordering = ["gemeente__name_nl", "-kind", "name"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "slug"], name="kern_slug_per_gemeente")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:kern", kwargs={"gemeente": self.gemeente.slug, "slug": self.slug})

    @property
    def is_hoofdkern(self) -> bool:
        return self.kind == KernKind.HOOFDKERN

    @property
    def name_with_kind(self) -> str:
        """The name, marked "(hoofdkern)" for the main core, the same in every list, chooser and form."""
        if self.is_hoofdkern:
            return f"{self.name} ({KernKind.HOOFDKERN.label})"
        return self.name

    @property
    def chooser_label(self) -> str:
        """The core as choosers show it: name, main-core mark and municipality (with its end if it ended)."""
        return f"{self.name_with_kind} · {self.gemeente.chooser_label}"

    def refresh_derived(self) -> None:
        self.search_text = " ".join(filter(None, [fold(self.name), self.code.lower()]))


class GebiedKind(models.TextChoices):
    KERNWINKELGEBIED = "kernwinkelgebied", _("core shopping area")
    WINKELGEBIED = "winkelgebied", _("shopping area")
    WINKELSTRAAT = "winkelstraat", _("shopping street")
    WIJK = "wijk", _("district")
    CUSTOM = "custom", _("custom area")


class Gebied(GeoMixin):
    """An area inside or around a core, the unit the monitor counts in."""

    kern = models.ForeignKey(Kern, verbose_name=_("core"), on_delete=models.CASCADE, related_name="gebieden")
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=GebiedKind.choices, default=GebiedKind.WINKELGEBIED)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Only public areas are shown to visitors and other municipalities."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kern", "name"]
        constraints = [models.UniqueConstraint(fields=["kern", "slug"], name="gebied_slug_per_kern")]

    def __str__(self):
        return f"{self.name} ({self.kern})"

    @property
    def gemeente(self) -> Gemeente:
        return self.kern.gemeente


class OldSlug(models.Model):
    """A slug a municipality, core or area had before it was renamed, so that its old address redirects (301).

    Exactly one of ``gemeente``, ``kern`` and ``gebied`` is the object that had the slug; ``parent_id`` is the
    municipality (for a core) or core (for an area) it belonged to then, since slugs are unique only there.
    """

    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs")
    kern = models.ForeignKey(Kern, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs")
    gebied = models.ForeignKey(Gebied, null=True, blank=True, on_delete=models.CASCADE, related_name="old_slugs")
    parent_id = models.PositiveBigIntegerField(null=True, blank=True)
    slug = models.SlugField(max_length=160)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        indexes = [
            # find_gemeente / find_kern / find_gebied: an old slug within its parent.
            models.Index(fields=["slug", "parent_id"], name="oldslug_slug_parent_idx"),
        ]

    def __str__(self):
        return self.slug


class Regio(models.Model):
    """A named set of municipalities or cores, e.g. "IJmond" or "Naar de Kern 2018"."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    gemeenten = models.ManyToManyField(Gemeente, verbose_name=_("municipalities"), blank=True, related_name="regios")
    kernen = models.ManyToManyField(Kern, verbose_name=_("cores"), blank=True, related_name="regios")
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name
