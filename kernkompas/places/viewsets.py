"""Back-office screens (Wagtail snippets) for municipalities, cores, areas, regions, provinces and countries.

Who may do what comes from the role table (accounts/backends.py) and the scoped permission policies
(accounts/policies.py, registered in wagtail_hooks.py). The scoped base ``accounts.viewsets.ScopedSnippetViewSet``
keeps every listing, chooser and screen about one object to the user's municipalities (another municipality's
object is a 404, even by direct URL); the area form only offers the user's own cores. Choosers offer every
municipality and core (public reference data) and the public areas plus the user's own.

Saves and deletions go through the named operations in ``places/actions/back_office.py`` (audit log).
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts import permissions
from kernkompas.accounts.viewsets import ScopedSnippetViewSet, YesNoColumn
from kernkompas.core import parts
from kernkompas.lib.geo import GeometryError, check_geometry, round_coordinates
from kernkompas.lib.outline import MAX_OUTLINE_BYTES, OutlineError, is_near, parse_outline
from kernkompas.lib.text import fold, natural_key
from kernkompas.places.actions import back_office
from kernkompas.places.importers.base import geometry_reason
from kernkompas.places.models import Country, Gebied, Gemeente, Kern, Province, Regio

# Fields only administrators see and change: adding a municipality is theirs alone (accounts/backends.py). Staff
# may add cores and areas since issue 11, so "add_kern" no longer marks an administrator.
ADMIN_ONLY_GEMEENTE = "places.add_gemeente"
ADMIN_ONLY_KERN = "places.add_gemeente"
ADMIN_ONLY_GEBIED = "places.delete_gebied"

# What an outline that cannot be used gets as its message (codes of kernkompas.lib.outline.OutlineError).
OUTLINE_MESSAGES = {
    "too_large": _("The outline is too large (%(size)s bytes; at most %(maximum)s)."),
    "not_utf8": _("The outline is not a text file in UTF-8; export it from QGIS as GeoJSON."),
    "not_json": _("The outline is not valid JSON: %(reason)s (line %(line)s, column %(column)s)."),
    "not_geojson": _("The outline is not GeoJSON: expected a Polygon, a Feature or a FeatureCollection."),
    "no_polygon": _("The outline contains no polygon (an empty FeatureCollection, or only points or lines)."),
    "not_polygon": _("The outline must consist of polygons; it contains a “%(kind)s”."),
    "too_many_vertices": _(
        "The outline has %(found)s corner points; at most %(maximum)s are allowed. Simplify it first (in QGIS: "
        "Vector › Geometry tools › Simplify)."
    ),
    "projected": _(
        "The coordinates are not longitude/latitude (WGS84) and the file does not say its coordinate system. "
        "Export it from QGIS as GeoJSON in WGS84 (EPSG:4326), or keep its “crs” member (Lambert 72, RD New)."
    ),
    "unknown_crs": _(
        "The coordinate system “%(crs)s” of the outline is not known; use WGS84 (EPSG:4326), Lambert 72 "
        "(EPSG:31370) or RD New (EPSG:28992)."
    ),
    "invalid": _("The outline is not a usable polygon: %(reason)s."),
}


# --- Form fields -------------------------------------------------------------------------------------------


class GeoJSONField(forms.JSONField):
    """A boundary as GeoJSON text (WGS84): a geometry, or a Feature whose geometry is used."""

    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                'GeoJSON in longitude/latitude (WGS84), e.g. {"type": "Polygon", "coordinates": [...]}. '
                "Paste a geometry or one feature exported from QGIS or geojson.io. Leave empty for no boundary."
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"rows": 6, "spellcheck": "false", "class": "monospace"})

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            # Not exc.msg: Python's JSON reader says why in English ("Expecting value").
            raise ValidationError(
                _("The boundary is not valid JSON at line %(line)s, column %(column)s."),
                code="invalid_json",
                params={"line": exc.lineno, "column": exc.colno},
            ) from exc

    def clean(self, value):
        geometry = super().clean(value)
        if geometry is None:
            return None
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "FeatureCollection":
            raise ValidationError(
                _("The boundary is a FeatureCollection; paste the geometry of one feature only."), code="collection"
            )
        try:
            return round_coordinates(check_geometry(geometry))
        except GeometryError as exc:
            raise ValidationError(
                _("The boundary cannot be used: %(reason)s."),
                code="invalid_geometry",
                params={"reason": geometry_reason(exc)},  # lib/geo speaks English; this says it in the user's words
            ) from exc

    def bound_data(self, data, initial):
        # Keep the text the user typed when the form is shown again with an error, so nothing is lost.
        return data

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        return "" if value is None else json.dumps(value, ensure_ascii=False)


class KernChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The same label as the core chooser and lists: "Tongeren – kern 13 (hoofdkern) · Tongeren-Borgloon".
        return obj.chooser_label


class GemeenteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.chooser_label


def outline_message(error: OutlineError) -> str:
    params = dict(error.params)
    message = str(OUTLINE_MESSAGES.get(error.code, OUTLINE_MESSAGES["invalid"])) % {"reason": error.code, **params}
    if params.get("feature"):
        message = _("Feature %(number)s: %(message)s") % {"number": params["feature"], "message": message}
    return message


class OutlineField(GeoJSONField):
    """An area's outline as GeoJSON text: drawn on the map (the editor writes it here), pasted, or a Feature or
    FeatureCollection of polygons, in WGS84 or with a ``crs`` member (Lambert 72, RD New)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "Draw the outline on the map, upload a GeoJSON file below, or paste GeoJSON here: a polygon, a "
                "feature or a feature collection (as QGIS exports it), in WGS84, Lambert 72 or RD New. Leave empty "
                "for no outline."
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"data-outline-text": "", "aria-describedby": "outline-map-help"})

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            return value
        try:
            return parse_outline(value)
        except OutlineError as exc:
            raise ValidationError(outline_message(exc), code=exc.code) from exc

    def clean(self, value):
        return forms.Field.clean(self, value)


def free_slug(queryset, base: str, exclude_pk=None) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever no other object of ``queryset`` has."""
    taken = set(queryset.exclude(pk=exclude_pk).values_list("slug", flat=True))
    base = base[:150]
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def follow_name(form, name_field: str, queryset, fallback: str) -> None:
    """Give a new object a slug from its name, and let the address follow a rename unless the slug itself was
    changed in the same save (the old address is kept and redirects: places.actions.back_office)."""
    cleaned, instance = form.cleaned_data, form.instance
    has_field = "slug" in form.fields
    chosen = cleaned.get("slug") if has_field else ""
    if chosen and (not instance.pk or "slug" in form.changed_data):
        return  # a slug typed by the user
    emptied = has_field and not chosen
    if instance.pk and instance.slug and name_field not in form.changed_data and not emptied:
        return  # neither renamed nor cleared: the address stays
    name = cleaned.get(name_field) or getattr(instance, name_field, "")
    slug = free_slug(queryset, slugify(name) or fallback, exclude_pk=instance.pk)
    cleaned["slug"] = instance.slug = slug


# --- Forms -------------------------------------------------------------------------------------------------


class PlaceAdminForm(WagtailAdminModelForm):
    """Derives the bounding box and point from a changed boundary, and the search text from the names."""

    geometry = GeoJSONField(label=_("Boundary (GeoJSON)"))

    def save(self, commit=True):
        instance = super().save(commit=False)
        if "geometry" in self.changed_data:
            instance.set_geometry(self.cleaned_data.get("geometry"))
        if hasattr(instance, "refresh_derived"):
            instance.refresh_derived()
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class GemeenteAdminForm(PlaceAdminForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name_nl"):
            follow_name(self, "name_nl", Gemeente.objects.all(), "gemeente")
        return cleaned


class KernAdminForm(PlaceAdminForm):
    """Staff create and describe the cores of their own municipalities; the code and slug are made for them
    (administrators may set them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not permissions.is_beheerder(self.for_user):
            # A plain list of the user's own municipalities (usually one) instead of the chooser of all ~900.
            gemeenten = permissions.scope_queryset(self.for_user, Gemeente.objects.select_related("merged_into"), "")
            self.fields["gemeente"] = GemeenteChoiceField(
                label=_("Municipality"), queryset=gemeenten, initial=gemeenten.first() if not self.instance.pk else None
            )
        for name in ("code", "slug"):
            if name in self.fields:  # administrators: empty means "make one"
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        gemeente, name = cleaned.get("gemeente") or self._current_gemeente(), cleaned.get("name")
        if gemeente is None or not name:
            return cleaned
        follow_name(self, "name", Kern.objects.filter(gemeente=gemeente), "kern")
        if not (cleaned.get("code") or self.instance.code):
            cleaned["code"] = self.instance.code = self._free_code(gemeente)
        return cleaned

    def _current_gemeente(self):
        return self.instance.gemeente if self.instance.gemeente_id else None

    @staticmethod
    def _free_code(gemeente) -> str:
        # "<municipality code>-<n>": unique, and says at a glance the core was made here, not imported.
        taken = set(Kern.objects.filter(code__startswith=f"{gemeente.code}-").values_list("code", flat=True))
        number = Kern.objects.filter(gemeente=gemeente).count() + 1
        while f"{gemeente.code}-{number}" in taken:
            number += 1
        return f"{gemeente.code}-{number}"


class GebiedAdminForm(PlaceAdminForm):
    kern = KernChoiceField(label=_("Core"), queryset=Kern.objects.none())
    slug = forms.SlugField(
        label=_("Slug"),
        required=False,
        max_length=160,
        help_text=_("The last part of the web address. Leave empty to derive it from the name; it follows a rename."),
    )
    geometry = OutlineField(label=_("Outline (GeoJSON)"))
    outline_file = forms.FileField(
        label=_("Upload an outline"),
        required=False,
        # The 5 MB is MAX_OUTLINE_BYTES (lib/outline.py), written out: a lazy text cannot take it at import.
        help_text=_("A GeoJSON file (for example exported from QGIS), at most 5 MB; it replaces the outline."),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json,application/json"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the cores of the user's own municipalities can hold a new or moved area.
        kernen = Kern.objects.select_related("gemeente", "gemeente__merged_into").order_by(
            "gemeente__name_nl", "-kind", "name"
        )
        field = self.fields["kern"]
        field.queryset = permissions.scope_queryset(self.for_user, kernen, "gemeente")
        # Per municipality the main core first, then "kern 2" before "kern 10" (the database sorts "kern 10" first);
        # validation still goes through the queryset.
        ordered = sorted(
            field.queryset, key=lambda k: (fold(k.gemeente.name_nl), not k.is_hoofdkern, natural_key(k.name))
        )
        field.choices = [("", field.empty_label), *((kern.pk, field.label_from_instance(kern)) for kern in ordered)]
        if not self.instance.pk and len(ordered) == 1:
            field.initial = ordered[0].pk  # a municipality with one core: nothing to choose

    def clean_outline_file(self):
        upload = self.files.get(self.add_prefix("outline_file"))
        if not upload:
            return None
        if upload.size > MAX_OUTLINE_BYTES:
            raise ValidationError(
                _("The file “%(name)s” is too large (%(size)s bytes; at most %(maximum)s)."),
                params={"name": upload.name, "size": upload.size, "maximum": MAX_OUTLINE_BYTES},
            )
        try:
            return parse_outline(upload.read(MAX_OUTLINE_BYTES + 1))
        except OutlineError as exc:
            raise ValidationError(
                _("The file “%(name)s”: %(message)s"), params={"name": upload.name, "message": outline_message(exc)}
            ) from exc

    def clean(self):
        cleaned = super().clean()
        kern, name = cleaned.get("kern"), cleaned.get("name")
        if cleaned.get("outline_file"):
            cleaned["geometry"] = cleaned["outline_file"]
            if "geometry" not in self.changed_data:
                self.changed_data.append("geometry")
        if kern and name:
            follow_name(self, "name", Gebied.objects.filter(kern=kern), "gebied")
        outline = cleaned.get("geometry")
        if kern and outline and not is_near(outline, kern.gemeente.geometry):
            field = "outline_file" if cleaned.get("outline_file") else "geometry"
            self.add_error(
                field,
                _(
                    "The outline lies outside %(gemeente)s (more than about 2 km from its boundary). Check the "
                    "core, or the coordinate system of the file."
                )
                % {"gemeente": kern.gemeente.name_nl},
            )
        return cleaned


class AreaLinksPanel(Panel):
    """On a saved area's edit screen: what other parts offer about it (its dashboard, its import wizard), from
    the parts registry (``core.parts.area_links``); places does not know the monitor's addresses."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "places/admin/area_links_panel.html"

        @cached_property
        def links(self):
            if not self.instance.pk:
                return []
            return parts.area_links(self.instance, self.request.user)

        def is_shown(self):
            return bool(self.links)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["links"] = self.links
            return context


class OutlineMapPanel(Panel):
    """The map on which an area's outline is drawn (places/static/places/outline-editor.js writes the GeoJSON
    into the outline field). The core and municipality outlines are drawn as reference, since the back office has
    no background tiles. Without JavaScript, or by keyboard, the outline is pasted or uploaded instead."""

    MAX_REFERENCE_CORES = 60  # administrators see the reference of the area's own core only

    class BoundPanel(Panel.BoundPanel):
        template_name = "places/admin/outline_map_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["reference"] = outline_reference(self.form, self.panel.MAX_REFERENCE_CORES)
            return context


def outline_reference(form, limit: int) -> dict:
    """{"kernen": {id: {name, geometry, gemeente}}, "gemeenten": {id: {name, geometry}}} for the map editor."""
    kernen = form.fields["kern"].queryset
    if kernen.count() > limit:
        kernen = kernen.filter(pk=form.instance.kern_id) if form.instance.kern_id else kernen.none()
    found = {"kernen": {}, "gemeenten": {}}
    for kern in kernen:
        found["kernen"][kern.pk] = {"name": kern.name, "geometry": kern.geometry, "gemeente": kern.gemeente_id}
        gemeente = kern.gemeente
        found["gemeenten"].setdefault(gemeente.pk, {"name": gemeente.name_nl, "geometry": gemeente.geometry})
    return found


# --- Views -------------------------------------------------------------------------------------------------


class LinkButtonsMixin:
    """The success message after saving an area links to what the other parts offer about it."""

    def get_success_buttons(self):
        buttons = super().get_success_buttons()
        if isinstance(self.object, Gebied):
            buttons += [messages.button(url, label) for label, url in parts.area_links(self.object, self.request.user)]
        return buttons


class CreateView(LinkButtonsMixin, snippet_views.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        # The workspace's "Maak je eerste gebied" links here with ?kern=<id>: the core is chosen already. The
        # form's own list still holds only the user's cores, so another municipality's id selects nothing.
        kern = self.request.GET.get("kern", "")
        if self.model is Gebied and kern.isdigit():
            initial["kern"] = int(kern)
        return initial

    def save_instance(self):
        return back_office.save_place(self.form, by=self.request.user, created=True)


class EditView(LinkButtonsMixin, snippet_views.EditView):
    def save_instance(self):
        return back_office.save_place(self.form, by=self.request.user, created=False)


class PlaceIndexView(snippet_views.IndexView):
    """A listing searched word by word, as the choosers are ("Borgloon kern 13" finds "Tongeren – kern 13" of
    Tongeren-Borgloon; Wagtail looks for the whole text in one field), whose first (linked) column may show
    ``title_accessor`` instead of the bare name."""

    title_accessor = None

    def _get_title_column(self, *args, **kwargs):
        column = super()._get_title_column(*args, **kwargs)
        if self.title_accessor:
            column.accessor = self.title_accessor
        return column

    def search_queryset(self, queryset):
        if not self.is_searching or not self.search_fields:
            return super().search_queryset(queryset)
        for word in self.search_query.split()[:10]:
            matches = Q()
            for name in self.search_fields:
                matches |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset


class GemeenteIndexView(PlaceIndexView):
    title_accessor = "chooser_label"  # "Tongeren — opgeheven op 31-12-2024, nu Tongeren-Borgloon"


class KernIndexView(PlaceIndexView):
    title_accessor = "name_with_kind"  # "Tongeren – kern 13 (hoofdkern)"


class PlaceViewSet(ScopedSnippetViewSet):
    """Shared set-up: the scoped base (accounts/viewsets.py), audit-logged saves and deletions, an inspect
    screen."""

    index_view_class = PlaceIndexView
    add_view_class = CreateView
    edit_view_class = EditView
    inspect_view_enabled = True
    # Wagtail's reference index would re-scan a place on every save (thousands per import) to fill the "usage"
    # screen, which places do not need: their links are plain foreign keys.
    add_to_reference_index = False

    def delete_instance(self, instance, *, by):
        back_office.delete_place(instance, by=by)


class GemeenteViewSet(PlaceViewSet):
    model = Gemeente
    icon = "site"
    menu_label = _("Municipalities")
    menu_name = "gemeenten"  # stable in every language (tests and hooks use it)
    url_prefix = "plaatsen/gemeenten"
    index_view_class = GemeenteIndexView
    list_display = [
        "name_nl",
        "code",
        "province",
        "population",
        "size_class",
    ]
    list_filter = ["country", "size_class"]
    search_fields = ["name_nl", "name_fr", "code"]
    inspect_view_fields = ["name_nl", "name_fr", "code", "country", "province", "population", "population_year"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("name_nl"), FieldPanel("name_fr")]),
                    FieldRowPanel([FieldPanel("population"), FieldPanel("population_year")]),
                    FieldRowPanel([FieldPanel("area_km2"), FieldPanel("urbanity")]),
                    FieldPanel("source"),
                ],
                heading=_("Description"),
            ),
            FieldPanel("geometry"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("code", permission=ADMIN_ONLY_GEMEENTE),
                            FieldPanel("slug", permission=ADMIN_ONLY_GEMEENTE),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("country", permission=ADMIN_ONLY_GEMEENTE),
                            FieldPanel("province", permission=ADMIN_ONLY_GEMEENTE),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("valid_from", permission=ADMIN_ONLY_GEMEENTE),
                            FieldPanel("valid_until", permission=ADMIN_ONLY_GEMEENTE),
                        ]
                    ),
                    FieldPanel("merged_into", permission=ADMIN_ONLY_GEMEENTE),
                    FieldPanel("is_demo", permission=ADMIN_ONLY_GEMEENTE),
                ],
                heading=_("Official identity (administrators)"),
            ),
        ],
        base_form_class=GemeenteAdminForm,
    )


class KernViewSet(PlaceViewSet):
    model = Kern
    icon = "home"
    menu_label = _("Cores")
    menu_name = "kernen"  # stable in every language (tests and hooks use it)
    url_prefix = "plaatsen/kernen"
    index_view_class = KernIndexView
    list_display = [
        "name",
        Column("gemeente", label=_("Municipality"), accessor=lambda kern: kern.gemeente.chooser_label),
        "kind",
        "population",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "code", "gemeente__name_nl"]
    inspect_view_fields = ["name", "gemeente", "code", "kind", "population", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("gemeente"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldPanel("population"),
            FieldPanel("description"),
            FieldPanel("geometry"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("code", permission=ADMIN_ONLY_KERN), FieldPanel("slug", permission=ADMIN_ONLY_KERN)]
                    ),
                    FieldPanel("source", permission=ADMIN_ONLY_KERN),
                    FieldPanel("is_demo", permission=ADMIN_ONLY_KERN),
                ],
                heading=_("Official identity (administrators)"),
            ),
        ],
        base_form_class=KernAdminForm,
    )


class GebiedViewSet(PlaceViewSet):
    model = Gebied
    icon = "crosshairs"
    menu_label = _("Areas")
    menu_name = "gebieden"  # stable in every language (tests and hooks use it)
    url_prefix = "plaatsen/gebieden"
    list_display = [
        "name",
        Column("kern", label=_("Core"), accessor=lambda gebied: gebied.kern.name_with_kind, sort_key="kern__name"),
        "kind",
        YesNoColumn(
            "is_public", label=_("Public"), sort_key="is_public", yes_label=_("Public"), no_label=_("Not public")
        ),
    ]
    list_filter = ["kind", "is_public"]
    search_fields = ["name"]
    inspect_view_fields = ["name", "kern", "kind", "is_public", "description"]
    edit_handler = ObjectList(
        [
            AreaLinksPanel(),
            FieldPanel("kern"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("kind"),
            FieldPanel("description"),
            # Publishing happens on the dashboard, which asks first and says what becomes public (issue 11); a
            # checkbox here published the figures, the map of units and the downloads in one click.
            FieldPanel(
                "is_public",
                read_only=True,
                help_text=_(
                    "Publish or unpublish on the area's dashboard (“Make public”): it asks first and says what "
                    "becomes public. A new area is not public."
                ),
            ),
            OutlineMapPanel(),
            FieldPanel("geometry"),
            FieldPanel("outline_file"),
            FieldPanel("is_demo", permission=ADMIN_ONLY_GEBIED),
        ],
        base_form_class=GebiedAdminForm,
    )


class RegioViewSet(PlaceViewSet):
    model = Regio
    icon = "list-ul"
    menu_label = _("Regions")
    menu_name = "regios"  # stable in every language (tests and hooks use it)
    url_prefix = "plaatsen/regios"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    inspect_view_fields = ["name", "description", "gemeenten", "kernen"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldPanel("gemeenten"),
        FieldPanel("kernen"),
        FieldPanel("is_demo"),
    ]


class ProvinceViewSet(PlaceViewSet):
    model = Province
    icon = "folder-open-1"
    menu_label = _("Provinces")
    menu_name = "provincies"  # stable in every language (tests and hooks use it)
    url_prefix = "plaatsen/provincies"
    list_display = ["name_nl", "code", "country"]
    search_fields = ["name_nl", "name_fr", "code"]
    inspect_view_fields = ["name_nl", "name_fr", "code", "country"]
    panels = [FieldPanel("name_nl")]  # never shown: the policy makes provinces read-only


class CountryViewSet(PlaceViewSet):
    model = Country
    icon = "globe"
    menu_label = _("Countries")
    menu_name = "landen"  # stable in every language (tests and hooks use it)
    url_prefix = "plaatsen/landen"
    list_display = ["name_nl", "code"]
    search_fields = ["name_nl", "code"]
    inspect_view_fields = ["name_nl", "name_fr", "name_en", "code"]
    panels = [FieldPanel("name_nl")]  # never shown: the policy makes countries read-only


class PlacesViewSetGroup(snippet_views.SnippetViewSetGroup):
    items = (GemeenteViewSet, KernViewSet, GebiedViewSet, RegioViewSet, ProvinceViewSet, CountryViewSet)
    menu_label = _("Places")
    menu_name = "plaatsen"  # stable in every language (tests and hooks use it)
    menu_icon = "site"
    menu_order = 200


# --- Dashboard ---------------------------------------------------------------------------------------------


class MyMunicipalitiesPanel(Component):
    """On the back office's home: the municipalities the user works for, with their cores and areas."""

    name = "kk_my_municipalities"
    template_name = "places/admin/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        gemeenten = permissions.scope_queryset(user, Gemeente.objects.all(), "").annotate(
            kern_count=Count("kernen", distinct=True),
            gebied_count=Count("kernen__gebieden", distinct=True),
            public_count=Count("kernen__gebieden", filter=Q(kernen__gebieden__is_public=True), distinct=True),
        )
        rows = [
            {"gemeente": gemeente, "can_manage_members": permissions.can_manage_members(user, gemeente)}
            for gemeente in gemeenten.order_by("name_nl")
        ]
        return {"rows": rows, "areas_url": reverse(Gebied.snippet_viewset.get_url_name("list"))}


def add_home_panel(request, panels):
    # Administrators work for every municipality; a list of ~900 helps nobody, so they get none.
    ids = permissions.staff_gemeente_ids(request.user)
    if ids:
        panels.append(MyMunicipalitiesPanel())
