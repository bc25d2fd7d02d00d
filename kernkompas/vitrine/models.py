"""The Vitrine: an inspiration library of cases ("inspiratievoorbeelden") that teach.

A case is a Wagtail page with structured fields (concept, context, approach, results, learnings, tips, do's and
don'ts, cost, duration, partners, sources, photos, video), so that cases can be compared, filtered and matched to
a place. Themes and audiences are editable vocabularies; the kind of place a case fits (size class, type of core,
country) and its cost class are fixed vocabularies, so they can be counted as facets with one query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from kernkompas.core.pagecache import mark_for_visitors
from kernkompas.places.models import CountryCode, SizeClass
from kernkompas.vitrine.panels import StillToCompletePanel

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class Theme(models.Model):
    """A theme of the Vitrine (seed 001): beleid & visie, mobiliteit, … Editors can add more."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Audience(models.Model):
    """Who a case is written for: lokale besturen first, then ondernemers, investeerders, ontwikkelaars, vastgoed."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CoreType(models.TextChoices):
    BINNENSTAD = "binnenstad", _("city centre")
    STADSKERN = "stadskern", _("town centre")
    DORPSKERN = "dorpskern", _("village centre")
    WIJKCENTRUM = "wijkcentrum", _("neighbourhood centre")
    WINKELSTRAAT = "winkelstraat", _("shopping street")
    BAANWINKELGEBIED = "baanwinkelgebied", _("retail strip along a road")


class CostClass(models.TextChoices):
    LOW = "lt10k", _("less than €10,000")
    MEDIUM = "10k-50k", _("€10,000–50,000")
    HIGH = "50k-250k", _("€50,000–250,000")
    VERY_HIGH = "gte250k", _("€250,000 or more")


class Synonym(models.Model):
    """Words the search treats as the same ("horeca" ~ "cafés en restaurants"). Editable by editors."""

    term = models.CharField(_("word"), max_length=100, unique=True)
    alternatives = models.TextField(
        _("means the same as"), help_text=_("One word or phrase per line, e.g. 'cafés en restaurants'.")
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def alternative_list(self) -> list[str]:
        return [line.strip() for line in self.alternatives.splitlines() if line.strip()]


class VitrineIndexPage(Page):
    """The Vitrine's home: the list with filters, search and "Voor jou". There is one."""

    intro = models.TextField(_("introduction"), blank=True)

    max_count = 1
    subpage_types = ["vitrine.CasePage"]
    content_panels = [*Page.content_panels, "intro"]
    #: The view that draws the list (``views.case_list``). The Vitrine's AppConfig.ready sets it, because models do
    #: not import views (views import models); live pages reach the same view through wagtail_hooks.py.
    list_view = None

    class Meta:
        verbose_name = _("Vitrine")

    # Served as the list with filters and search (views.case_list): /vitrine/ by the Vitrine's own URL, and by
    # Wagtail wherever else the page is reached through the hook in wagtail_hooks.py, so the model needs no view.

    def serve_preview(self, request, mode_name):
        # The list is drawn by a view, not by a template of the page's own: Wagtail's default preview renders
        # vitrine/vitrine_index_page.html, which does not exist, and the editor's preview was a server error.
        # Served like the live page, the preview shows the list with the unsaved introduction.
        return type(self).list_view(request, self)


class CasePage(Page):
    """An inspiring example ("inspiratievoorbeeld"), written to teach."""

    summary = models.CharField(_("summary"), max_length=300, help_text=_("One line: what was done, where."))
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What kind of place it happened in: the basis for "fits a place like yours".
    place_name = models.CharField(
        _("where"), max_length=200, help_text=_("Town or area, e.g. 'Lommel, Stationsstraat'.")
    )
    country = models.CharField(_("country"), max_length=2, choices=CountryCode.choices, default=CountryCode.BE)
    size_class = models.CharField(_("size class of the municipality"), max_length=20, choices=SizeClass.choices)
    core_type = models.CharField(_("type of core"), max_length=20, choices=CoreType.choices)
    year_started = models.PositiveSmallIntegerField(_("year started"), null=True, blank=True)
    gemeenten = ParentalManyToManyField(
        "places.Gemeente", verbose_name=_("municipalities concerned"), blank=True, related_name="cases"
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="cases")
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audiences"), related_name="cases")

    concept = RichTextField(_("the concept"), features=RICH_FEATURES)
    context = RichTextField(_("context"), features=RICH_FEATURES, blank=True)
    approach = RichTextField(_("approach"), features=RICH_FEATURES)
    results = RichTextField(_("results"), features=RICH_FEATURES, blank=True)
    key_figures = StreamField(
        [
            (
                "figure",
                blocks.StructBlock(
                    [
                        ("value", blocks.CharBlock(label=_("figure"), max_length=40)),
                        ("label", blocks.CharBlock(label=_("what it measures"), max_length=120)),
                    ],
                    label=_("key figure"),
                ),
            )
        ],
        verbose_name=_("results in figures"),
        blank=True,
    )
    learnings = RichTextField(_("learnings"), features=RICH_FEATURES, blank=True)
    tips = RichTextField(_("tips & tricks"), features=RICH_FEATURES, blank=True)
    dos = models.TextField(_("do's"), blank=True, help_text=_("One per line."))
    donts = models.TextField(_("don'ts"), blank=True, help_text=_("One per line."))
    cost_class = models.CharField(_("cost class"), max_length=20, choices=CostClass.choices, blank=True)
    cost_note = models.CharField(
        _("cost"), max_length=200, blank=True, help_text=_("e.g. '€ 35.000, half subsidised'.")
    )
    duration = models.CharField(_("duration"), max_length=100, blank=True, help_text=_("e.g. '8 months'."))
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    contact = models.TextField(_("contact"), blank=True, help_text=_("Who to ask, as they agreed to be shown."))
    sources = StreamField(
        [
            (
                "source",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(label=_("title"), max_length=200)),
                        ("url", blocks.URLBlock(label=_("address"), required=False)),
                    ],
                    label=_("source"),
                ),
            )
        ],
        verbose_name=_("sources"),
        blank=True,
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("YouTube or Vimeo. Nothing loads from the video site until a visitor clicks play."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An uploaded MP4 or WebM file."),
    )
    related_cases = ParentalManyToManyField(
        "self", verbose_name=_("related cases (chosen by the editors)"), blank=True, symmetrical=False
    )
    # Counted without cookies or personal data: one increment per page view.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # Who submitted it through "Deel je voorbeeld" (personal data; never shown on the site).
    submitter_name = models.CharField(_("submitted by"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("submitter's e-mail"), blank=True)
    submitter_organisation = models.CharField(_("submitter's organisation"), max_length=200, blank=True)
    submitter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    # The back-office form, in the order a case is read. Without these panels Wagtail shows only the title.
    content_panels = [
        StillToCompletePanel(heading=_("Still to complete")),
        *Page.content_panels,
        "summary",
        "hero_image",
        MultiFieldPanel(
            ["place_name", "country", "size_class", "core_type", "year_started", "gemeenten"],
            heading=_("Where it happened: the kind of place it fits"),
        ),
        MultiFieldPanel(["themes", "audiences"], heading=_("Themes and audiences")),
        "concept",
        "context",
        "approach",
        "results",
        "key_figures",
        "learnings",
        "tips",
        "dos",
        "donts",
        MultiFieldPanel(["cost_class", "cost_note", "duration", "partners"], heading=_("Cost, duration, partners")),
        "contact",
        "sources",
        MultiFieldPanel(["video_url", "video_file"], heading=_("Video")),
        InlinePanel("gallery", label=_("photos")),
        "related_cases",
        MultiFieldPanel(
            [
                FieldPanel("submitter_name", read_only=True),
                FieldPanel("submitter_email", read_only=True),
                FieldPanel("submitter_organisation", read_only=True),
            ],
            heading=_("Submitted through “Share your example” (never shown on the site)"),
        ),
    ]

    parent_page_types = ["vitrine.VitrineIndexPage"]
    subpage_types: list[str] = []

    def serve(self, request, *args, **kwargs):
        # The same for every visitor who is not signed in: answered from the cache (kernkompas/core/pagecache.py).
        return mark_for_visitors(super().serve(request, *args, **kwargs))

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # Facet counts and filters on the list page.
            models.Index(fields=["size_class", "core_type", "country", "cost_class"], name="case_facets_idx"),
            # Sort by "most viewed".
            models.Index(fields=["-view_count"], name="case_views_idx"),
        ]

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]


class CaseGalleryImage(Orderable):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name=_("image"), on_delete=models.CASCADE)
    caption = models.CharField(_("caption"), max_length=250, blank=True)


class SearchTerm(models.Model):
    """The Vitrine's own inverted index: one row per (case, normalised term) with a weight.

    Built by kernkompas.vitrine.search from the Dutch analyser in kernkompas.lib.dutch, so that word forms,
    compounds, typos and synonyms work the same on SQLite and PostgreSQL.
    """

    page = models.ForeignKey(CasePage, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=80)
    weight = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "page"], name="searchterm_unique")]
        # The unique constraint's index (term, page) serves "which cases contain these terms?".

    def __str__(self):
        return f"{self.term} ({self.weight:g})"


class ThemeFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_themes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "theme"], name="themefollow_unique")]

    def __str__(self):
        return f"{self.user} → {self.theme}"


class CaseCollection(ClusterableModel):
    """A named collection of saved cases ("Leegstand aanpakken"), private unless shared by link."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_collections")
    name = models.CharField(_("name"), max_length=120)
    share_token = models.CharField(max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="collection_name_per_user")]

    def __str__(self):
        return self.name


class CollectionItem(models.Model):
    collection = models.ForeignKey(CaseCollection, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(CasePage, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at"]
        constraints = [models.UniqueConstraint(fields=["collection", "page"], name="collection_item_unique")]

    def __str__(self):
        return f"{self.collection}: {self.page}"


class SavedSearch(models.Model):
    """A filter state a member wants to hear about: new matching cases are e-mailed, once each."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=120)
    query_string = models.CharField(_("filters"), max_length=1000)
    alerts = models.BooleanField(_("e-mail me new cases"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The alert job sends cases first published after this moment, then moves it forward: idempotent.
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]

    def __str__(self):
        return self.name
