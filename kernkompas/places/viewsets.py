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
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts import permissions
from kernkompas.accounts.viewsets import ScopedSnippetViewSet
from kernkompas.lib.geo import GeometryError, check_geometry, round_coordinates
from kernkompas.places.actions import back_office
from kernkompas.places.importers.base import geometry_reason
from kernkompas.places.models import Country, Gebied, Gemeente, Kern, Province, Regio

# Fields only administrators see and change: a model's "add" permission is theirs alone (accounts/backends.py).
ADMIN_ONLY_GEMEENTE = "places.add_gemeente"
ADMIN_ONLY_KERN = "places.add_kern"
ADMIN_ONLY_GEBIED = "places.delete_gebied"


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
        return f"{obj.name} ({obj.gemeente})"


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
    pass


class KernAdminForm(PlaceAdminForm):
    pass


class GebiedAdminForm(PlaceAdminForm):
    kern = KernChoiceField(label=_("Core"), queryset=Kern.objects.none())
    slug = forms.SlugField(
        label=_("Slug"),
        required=False,
        max_length=160,
        help_text=_("The last part of the web address. Leave empty to derive it from the name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the cores of the user's own municipalities can hold a new or moved area.
        kernen = Kern.objects.select_related("gemeente").order_by("gemeente__name_nl", "name")
        self.fields["kern"].queryset = permissions.scope_queryset(self.for_user, kernen, "gemeente")

    def clean(self):
        cleaned = super().clean()
        kern, name = cleaned.get("kern"), cleaned.get("name")
        if kern and name and not cleaned.get("slug"):
            cleaned["slug"] = self._free_slug(kern, slugify(name) or "gebied")
        return cleaned

    def _free_slug(self, kern, base: str) -> str:
        taken = set(Gebied.objects.filter(kern=kern).exclude(pk=self.instance.pk).values_list("slug", flat=True))
        candidate, number = base[:150], 2
        while candidate in taken:
            candidate, number = f"{base[:150]}-{number}", number + 1
        return candidate


# --- Views -------------------------------------------------------------------------------------------------


class CreateView(snippet_views.CreateView):
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


class EditView(snippet_views.EditView):
    def save_instance(self):
        return back_office.save_place(self.form, by=self.request.user, created=False)


class PlaceViewSet(ScopedSnippetViewSet):
    """Shared set-up: the scoped base (accounts/viewsets.py), audit-logged saves and deletions, an inspect
    screen."""

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
    list_display = ["name_nl", "code", "province", "population", "size_class"]
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
    list_display = ["name", "gemeente", "kind", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    inspect_view_fields = ["name", "gemeente", "code", "kind", "population", "description"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldPanel("population"),
            FieldPanel("description"),
            FieldPanel("geometry"),
            MultiFieldPanel(
                [
                    FieldPanel("gemeente", permission=ADMIN_ONLY_KERN),
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
    list_display = ["name", "kern", "kind", BooleanColumn("is_public", label=_("Public"), sort_key="is_public")]
    list_filter = ["kind", "is_public"]
    search_fields = ["name"]
    inspect_view_fields = ["name", "kern", "kind", "is_public", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("kern"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("kind"),
            FieldPanel("description"),
            FieldPanel("is_public"),
            FieldPanel("geometry"),
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
