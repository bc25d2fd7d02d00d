"""The Kernmonitor's register: units per area, counts of their state, footfall, thresholds.

Vocabulary (Dutch in the interface):
- a *unit* (pand / verkooppunt) is a ground-floor premises in an area (``places.Gebied``); it keeps its identity
  across counts (matched by the municipality's own id, else by its normalised address);
- a *count* (telling) records the state of every unit of one area on one date (:class:`UnitState`); a unit that
  has no state in a count did not exist (or was not counted) then;
- vacancy start (``UnitState.vacant_since``) is derived from the counts by
  :func:`kernkompas.monitor.actions.vacancy.derive_vacancy`, never typed in;
- indicators are computed by one module, :mod:`kernkompas.monitor.indicators`, and stored per area and count in
  :class:`AreaIndicators`, so every page, download and API answer shows the same numbers.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernkompas.lib import colour
from kernkompas.monitor.indicator_catalogue import INDICATORS, format_value
from kernkompas.places.models import Gebied, Gemeente


class Sector(models.TextChoices):
    """The broad sectors the function groups roll up into (Locatus; wonen and werken for non-commercial use)."""

    DETAILHANDEL = "detailhandel", _("retail")
    LEISURE = "leisure", _("leisure and hospitality")
    DIENSTEN = "diensten", _("services")
    LEEGSTAND = "leegstand", _("vacancy")
    WONEN = "wonen", _("housing")
    WERKEN = "werken", _("work")


# A function group's colour goes into SVG fill attributes and the map script: a hex colour and nothing else.
validate_colour = RegexValidator(
    rf"\A{colour.HEX_COLOUR.pattern}\Z",
    _("Enter a colour as # and six characters 0–9 or a–f, e.g. #1f77b4."),
    code="colour",
)


class FunctionGroup(models.Model):
    """A function group (branchegroep), e.g. Dagelijks or Mode & Luxe. The default taxonomy follows Locatus.

    ``gemeente`` empty: part of the default taxonomy, for everyone. A municipality may add groups of its own.
    Exactly the groups with sector ``leegstand`` mean "vacant".
    """

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    colour = models.CharField(
        _("colour"), max_length=7, validators=[validate_colour], help_text=_("Map and chart colour, e.g. #1f77b4.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty for the default taxonomy."),
    )

    class Meta:
        verbose_name = _("function group")
        verbose_name_plural = _("function groups")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=models.Q(gemeente=None), name="functiongroup_code"),
            models.UniqueConstraint(fields=["gemeente", "code"], name="functiongroup_code_per_gemeente"),
        ]

    def __str__(self):
        return self.name

    @property
    def safe_colour(self) -> str:
        """The colour to draw: a value stored before the validator (or past it) that is not a hex colour is grey."""
        return colour.safe(self.colour)

    @property
    def is_vacancy(self) -> bool:
        return self.sector == Sector.LEEGSTAND

    @property
    def is_retail(self) -> bool:
        return self.sector == Sector.DETAILHANDEL


class Branch(models.Model):
    """A branch (branche) within a function group, e.g. Supermarkt in Dagelijks."""

    group = models.ForeignKey(
        FunctionGroup, verbose_name=_("function group"), on_delete=models.CASCADE, related_name="branches"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=100)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty for the default taxonomy."),
    )

    class Meta:
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        ordering = ["group__position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=models.Q(gemeente=None), name="branch_code"),
            models.UniqueConstraint(fields=["gemeente", "code"], name="branch_code_per_gemeente"),
        ]

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A ground-floor premises in an area; its identity outlives occupants, functions and counts."""

    # Indexed by (gebied, address_key) below, which also serves every lookup by area.
    gebied = models.ForeignKey(
        Gebied, verbose_name=_("area"), on_delete=models.CASCADE, related_name="units", db_index=False
    )
    external_id = models.CharField(
        _("own id"),
        max_length=100,
        blank=True,
        help_text=_("The municipality's own id of the premises (e.g. BAG or CRAB id, or an OSM id)."),
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    address_key = models.CharField(
        max_length=300,
        editable=False,
        help_text="Normalised street + number (+ postcode) used to match a unit across counts without an own id.",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    geometry = models.JSONField(_("outline"), null=True, blank=True, help_text=_("GeoJSON geometry in WGS84."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["gebied", "address_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebied", "external_id"], condition=~models.Q(external_id=""), name="unit_external_id"
            ),
        ]
        indexes = [models.Index(fields=["gebied", "address_key"], name="unit_area_address")]

    def __str__(self):
        address = " ".join(p for p in (self.street, self.house_number) if p)
        return address or self.external_id or f"#{self.pk}"


class UnitLink(models.Model):
    """A unit that came from others: two premises merged into one, or one split into several."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("merged")
        SPLIT = "split", _("split")

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessor_links")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    count = models.ForeignKey("Count", verbose_name=_("count"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("unit link")
        verbose_name_plural = _("unit links")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="unitlink_unique")]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class Count(models.Model):
    """A count (telling): the state of every unit of one area on one date."""

    gebied = models.ForeignKey(Gebied, verbose_name=_("area"), on_delete=models.CASCADE, related_name="counts")
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("File or survey it came from."))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("count")
        verbose_name_plural = _("counts")
        ordering = ["gebied", "date"]
        constraints = [models.UniqueConstraint(fields=["gebied", "date"], name="count_per_area_and_date")]

    def __str__(self):
        return f"{self.gebied.name} {self.date:%d-%m-%Y}"


class UnitState(models.Model):
    """What one unit was on the date of one count."""

    # count and unit are indexed by the two composite indexes in Meta (a separate index on each would only slow
    # down the import of a large count).
    count = models.ForeignKey(
        Count, verbose_name=_("count"), on_delete=models.CASCADE, related_name="states", db_index=False
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="states", db_index=False
    )
    group = models.ForeignKey(FunctionGroup, verbose_name=_("function group"), on_delete=models.PROTECT)
    branch = models.ForeignKey(Branch, verbose_name=_("branch"), null=True, blank=True, on_delete=models.PROTECT)
    is_vacant = models.BooleanField(_("vacant"), default=False, help_text="Copy of group.sector == leegstand.")
    floor_area = models.PositiveIntegerField(_("floor area (WVO, m²)"), null=True, blank=True)
    occupant = models.CharField(_("occupant"), max_length=200, blank=True)
    is_chain = models.BooleanField(_("chain store"), null=True, blank=True, help_text=_("Empty when unknown."))
    occupied_since = models.DateField(_("occupied since"), null=True, blank=True)
    # Derived from the counts by actions.vacancy.derive_vacancy: the date of the first count of the unbroken run of
    # vacant states that ends in this one. ``vacant_since_open`` is true when that run starts at the unit's first
    # count, so the real start may be earlier (the duration is then "at least").
    vacant_since = models.DateField(_("vacant since"), null=True, blank=True, editable=False)
    vacant_since_open = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("unit state")
        verbose_name_plural = _("unit states")
        constraints = [models.UniqueConstraint(fields=["count", "unit"], name="unitstate_per_count")]
        indexes = [models.Index(fields=["unit", "count"], name="unitstate_unit_count")]

    def __str__(self):
        return f"{self.unit} @ {self.count.date:%d-%m-%Y}"


class OwnerContact(models.Model):
    """Who owns a unit, for the area team. Personal data: never public, scoped to the municipality."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="owner_contacts")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("owner contact")
        verbose_name_plural = _("owner contacts")
        ordering = ["unit", "name"]

    def __str__(self):
        return self.name


class AreaIndicators(models.Model):
    """The indicators of one area at one count, as computed by :mod:`kernkompas.monitor.indicators`."""

    count = models.OneToOneField(Count, on_delete=models.CASCADE, related_name="indicators")
    gebied = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="indicator_rows")
    date = models.DateField()
    values = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicators")
        verbose_name_plural = _("indicators")
        ordering = ["gebied", "date"]
        indexes = [models.Index(fields=["gebied", "date"], name="areaindicators_area_date")]

    def __str__(self):
        return f"{self.gebied_id} {self.date}"


# --- Footfall ---------------------------------------------------------------------------------------------------


class CountingPoint(models.Model):
    """A place where passers-by are counted (a sensor, or a spot for manual counts)."""

    gebied = models.ForeignKey(Gebied, verbose_name=_("area"), on_delete=models.CASCADE, related_name="counting_points")
    name = models.CharField(_("name"), max_length=200)
    external_id = models.CharField(_("own id"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("counting point")
        verbose_name_plural = _("counting points")
        ordering = ["gebied", "name"]
        constraints = [models.UniqueConstraint(fields=["gebied", "name"], name="countingpoint_name_per_area")]

    def __str__(self):
        return self.name


class Resolution(models.TextChoices):
    HOUR = "hour", _("hourly")
    DAY = "day", _("daily")


class FootfallCount(models.Model):
    """Passers-by counted at one point in one hour or on one day (local time of the area).

    A missing hour or day has no row: gaps are shown as gaps, never filled in. The hour the autumn clock change
    repeats may have two rows, one per time the clocks showed it (``fold`` 0 and 1), when a counter sent them with
    their UTC offset; everything that reads counts adds them up into the one local hour.
    """

    point = models.ForeignKey(CountingPoint, on_delete=models.CASCADE, related_name="footfall")
    start = models.DateTimeField(_("start"), help_text=_("Start of the hour or day, in local time."))
    resolution = models.CharField(_("resolution"), max_length=4, choices=Resolution.choices)
    # 1 only for the second time the clocks show the repeated autumn hour; 0 for that hour as a whole and for
    # every other hour and day (Python's datetime.fold).
    fold = models.PositiveSmallIntegerField(default=0)
    value = models.PositiveIntegerField(_("passers-by"))

    class Meta:
        verbose_name = _("footfall count")
        verbose_name_plural = _("footfall counts")
        constraints = [
            models.UniqueConstraint(
                fields=["point", "resolution", "start", "fold"], name="footfall_per_point_start_and_fold"
            )
        ]

    def __str__(self):
        return f"{self.point_id} {self.start:%Y-%m-%d %H:%M} {self.value}"


class CounterToken(models.Model):
    """A key with which an automatic counter posts footfall for the counting points of one municipality.

    Only a hash is stored; the key itself is shown once, when it is made.
    """

    gemeente = models.ForeignKey(Gemeente, verbose_name=_("municipality"), on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("counter key")
        verbose_name_plural = _("counter keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return "kk_" + secrets.token_urlsafe(32)


# --- Thresholds -------------------------------------------------------------------------------------------------


class Threshold(models.Model):
    """A signal value for one indicator of one area, e.g. vacancy above 10%.

    ``direction`` ``above``/``below`` compares the indicator with ``value``; ``rising`` fires when the indicator
    went up since the previous count by more than ``value`` (0 = any rise).
    """

    class Direction(models.TextChoices):
        ABOVE = "above", _("above")
        BELOW = "below", _("below")
        RISING = "rising", _("rising by more than")

    gebied = models.ForeignKey(Gebied, verbose_name=_("area"), on_delete=models.CASCADE, related_name="thresholds")
    indicator = models.CharField(_("indicator"), max_length=50)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    value = models.FloatField(_("value"))
    is_active = models.BooleanField(_("active"), default=True)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("area team"),
        blank=True,
        related_name="monitor_thresholds",
        help_text=_("Who gets an e-mail when the threshold is crossed."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["gebied", "indicator"]

    def __str__(self):
        # In words, as the back office, the audit log and the e-mails name it: "leegstand boven 12,0 %".
        indicator = INDICATORS.get(self.indicator)
        if indicator is None:
            return f"{self.indicator} {self.get_direction_display()} {self.value}"
        return f"{indicator.label} {self.get_direction_display()} {format_value(indicator, self.value)}"


class ThresholdCrossing(models.Model):
    """One crossing of a threshold: opened at the count where it was crossed, closed when it no longer holds.

    The e-mail goes out once per crossing (``notified_at``).
    """

    threshold = models.ForeignKey(Threshold, on_delete=models.CASCADE, related_name="crossings")
    opened_count = models.ForeignKey(Count, on_delete=models.CASCADE, related_name="+")
    closed_count = models.ForeignKey(Count, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    value = models.FloatField()
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("threshold crossing")
        verbose_name_plural = _("threshold crossings")
        ordering = ["-opened_count__date"]

    def __str__(self):
        return f"{self.threshold} @ {self.opened_count_id}"


# --- Imports ----------------------------------------------------------------------------------------------------


class ImportKind(models.TextChoices):
    UNITS = "units", _("units")
    FOOTFALL = "footfall", _("footfall")


class ImportRun(models.Model):
    """One file that was imported (or refused), for the history and to say "this file was imported before"."""

    gebied = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="import_runs")
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=20)
    count = models.ForeignKey(Count, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # A units import: of the file's units, how many were new to the register, recognised from earlier counts, and
    # recognised with another function, branch, vacancy or floor area than at the area's previous count.
    units_new = models.PositiveIntegerField(default=0)
    units_recognised = models.PositiveIntegerField(default=0)
    units_changed = models.PositiveIntegerField(default=0)
    # What undoing this import needs (the replaced states, the units it created or changed, its links and owner
    # contacts; see actions.import_undo). Kept for the area's last units import only, and only up to
    # import_undo.UNDO_MAX_ROWS rows; empty when the import cannot be undone.
    undo = models.JSONField(null=True, blank=True, editable=False)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name


class PrivateUploadStorage(FileSystemStorage):
    """Files under ``settings.MONITOR_UPLOAD_ROOT``, outside MEDIA_ROOT: no URL, never served by anyone."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.MONITOR_UPLOAD_ROOT

    @property
    def location(self):
        return str(settings.MONITOR_UPLOAD_ROOT)

    def url(self, name):
        raise ValueError("pending uploads have no URL")


def private_upload_storage():
    return PrivateUploadStorage()


class PendingUpload(models.Model):
    """A file uploaded in the browser wizard, waiting for its column mapping and confirmation.

    The file lives in ``MONITOR_UPLOAD_ROOT/monitor-uploads/`` (not served); uploads older than a day are removed.
    """

    gebied = models.ForeignKey(Gebied, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    file = models.FileField(upload_to="monitor-uploads/", storage=private_upload_storage)
    file_name = models.CharField(max_length=300)
    count_date = models.DateField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.file_name


class BranchAlias(models.Model):
    """A name a municipality's files use for a function group or branch, and what it means there.

    Made when an officer resolves a name the taxonomy does not know (the import wizard or ``import-units
    --map``), and applied to every later file of the same municipality, never to another's. The keys are the
    file's texts folded as :func:`kernkompas.monitor.taxonomy.name_key` folds them:

    - a *branch alias* (``group_key`` empty): the branch text, whatever the file says for the group;
    - a *group alias* (``branch_key`` empty): the group text;
    - a *pair alias* (both): this group text with this branch text, the answer to a file that puts a branch in
      another group than the taxonomy does (follow the file, or follow the taxonomy).
    """

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="branch_aliases"
    )
    group_key = models.CharField(_("function group in the file (folded)"), max_length=200, blank=True)
    branch_key = models.CharField(_("branch in the file (folded)"), max_length=200, blank=True)
    source_text = models.CharField(_("name in the file"), max_length=300)
    group = models.ForeignKey(
        FunctionGroup, verbose_name=_("function group"), on_delete=models.CASCADE, related_name="aliases"
    )
    branch = models.ForeignKey(
        Branch, verbose_name=_("branch"), null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("name from a file")
        verbose_name_plural = _("names from files")
        ordering = ["source_text"]
        constraints = [
            # Also the index of the Resolver's one query per file: all aliases of a municipality.
            models.UniqueConstraint(fields=["gemeente", "group_key", "branch_key"], name="branchalias_per_gemeente"),
        ]

    def __str__(self):
        target = self.branch.name if self.branch_id else self.group.name
        return f"{self.source_text} → {target}"
