"""The Vitrine's personal pages: "Voor jou", followed themes, collections, saved searches, "Deel je voorbeeld".

Views parse input, look objects up for their owner (another member gets a 404, never a hint that it exists) and
call the named operations in ``kernkompas.vitrine.actions``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.core.ratelimit import ratelimit
from kernkompas.vitrine import forms, personal, submissions
from kernkompas.vitrine.actions import case_collections, case_submissions, theme_follows

# The functions, not the module: a view below is called saved_searches.
from kernkompas.vitrine.actions.saved_searches import delete_saved_search, save_search, set_search_alerts
from kernkompas.vitrine.models import CaseCollection, CasePage, CollectionItem, SavedSearch, Theme, VitrineIndexPage


def _list_url() -> str:
    index = VitrineIndexPage.objects.first()
    return index.url if index is not None else "/"


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _form_errors(form_or_error) -> str:
    if isinstance(form_or_error, ValidationError):
        return " ".join(form_or_error.messages)
    return " ".join(str(message) for errors in form_or_error.errors.values() for message in errors)


# --- Voor jou ----------------------------------------------------------------------------------------------------


def for_you(request):
    if request.method == "POST":
        return _for_you_post(request)
    profile = personal.profile_from_request(request)
    form = forms.ForYouForm(initial=_initial_of(profile))
    context = {
        "form": form,
        "profile": profile,
        "recommendations": personal.recommend(profile),
        "stored": personal.SESSION_KEY in request.session,
        "list_url": _list_url(),
    }
    return render(request, "vitrine/for_you.html", context)


def _for_you_post(request):
    if "forget" in request.POST:
        personal.forget_profile(request)
        messages.success(request, _("Your choices are forgotten."))
        return redirect("vitrine:for_you")
    form = forms.ForYouForm(request.POST)
    if not form.is_valid():
        profile = personal.profile_from_request(request)
        context = {"form": form, "profile": profile, "recommendations": [], "list_url": _list_url()}
        return render(request, "vitrine/for_you.html", context, status=400)
    data = form.cleaned_data
    profile = personal.make_profile(
        gemeente=data["gemeente"],
        size_class="" if data["gemeente"] else data["size_class"],
        core_type=data["core_type"] or None,
        themes=data["themes"],
        audience=data["audience"] or None,
    )
    personal.store_profile(request, profile)
    return redirect(reverse("vitrine:for_you") + "#voor-jou-resultaten")


def _initial_of(profile: personal.PlaceProfile) -> dict:
    return {
        "gemeente": profile.gemeente,
        "size_class": "" if profile.gemeente else profile.size_class,
        "core_type": profile.core_type or "",
        "themes": profile.themes,
        "audience": profile.audience or "",
    }


# --- Following themes --------------------------------------------------------------------------------------------


@login_required
@require_POST
def follow_theme(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    if request.POST.get("follow") == "0":
        theme_follows.unfollow_theme(request.user, theme)
        messages.success(request, _("You no longer follow the theme %(theme)s.") % {"theme": theme.name})
    else:
        theme_follows.follow_theme(request.user, theme)
        messages.success(request, _("You now follow the theme %(theme)s.") % {"theme": theme.name})
    return redirect(_safe_next(request, reverse("vitrine:for_you")))


# --- Collections -------------------------------------------------------------------------------------------------


def _own_collection(request, pk) -> CaseCollection:
    return get_object_or_404(CaseCollection, pk=pk, user=request.user)


def _live_items(collection: CaseCollection) -> list[CollectionItem]:
    live_ids = CasePage.objects.live().public().values("pk")
    return list(
        CollectionItem.objects.filter(collection=collection, page__in=live_ids)
        .select_related("page", "page__hero_image")
        .order_by("-added_at")
    )


@login_required
def collections(request):
    form = forms.CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            collection = case_collections.create_collection(request.user, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Collection “%(name)s” created.") % {"name": collection.name})
            return redirect("vitrine:collection", pk=collection.pk)
    own = CaseCollection.objects.filter(user=request.user).prefetch_related("items").order_by("name")
    return render(request, "vitrine/collections.html", {"form": form, "collections": own, "list_url": _list_url()})


@login_required
def collection_detail(request, pk):
    collection = _own_collection(request, pk)
    form = forms.CollectionForm(request.POST or None, initial={"name": collection.name})
    if request.method == "POST" and form.is_valid():
        try:
            case_collections.rename_collection(collection, form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Collection renamed."))
            return redirect("vitrine:collection", pk=collection.pk)
    items = _live_items(collection)
    hidden = collection.items.count() - len(items)
    share_url = (
        request.build_absolute_uri(reverse("vitrine:collection_shared", args=[collection.share_token]))
        if collection.share_token
        else ""
    )
    context = {"collection": collection, "items": items, "hidden": hidden, "form": form, "share_url": share_url}
    return render(request, "vitrine/collections_detail.html", context)


@login_required
def collection_delete(request, pk):
    collection = _own_collection(request, pk)
    if request.method == "POST":
        name = collection.name
        case_collections.delete_collection(collection, by=request.user)
        messages.success(request, _("Collection “%(name)s” deleted.") % {"name": name})
        return redirect("vitrine:collections")
    return render(request, "vitrine/collections_confirm_delete.html", {"collection": collection})


@login_required
@require_POST
def collection_share(request, pk):
    collection = _own_collection(request, pk)
    if request.POST.get("share") == "0":
        case_collections.stop_sharing_collection(collection, by=request.user)
        messages.success(request, _("The link no longer works. Nobody can open the collection with it."))
    else:
        case_collections.share_collection(collection, by=request.user)
        messages.success(request, _("Anyone with the link can now read this collection."))
    return redirect("vitrine:collection", pk=collection.pk)


@login_required
@require_POST
def collection_add(request):
    """Save a case from its page: into a chosen collection, or into a new one."""
    form = forms.AddToCollectionForm(request.POST)
    if not form.is_valid():
        raise Http404
    case = get_object_or_404(CasePage.objects.live().public(), pk=form.cleaned_data["page_id"])
    fallback = case.url or _list_url()
    try:
        collection = _collection_for_add(request, form.cleaned_data)
        case_collections.add_to_collection(collection, case, by=request.user)
    except ValidationError as error:
        messages.error(request, _form_errors(error))
        return redirect(_safe_next(request, fallback))
    messages.success(request, _("Saved in “%(name)s”.") % {"name": collection.name})
    return redirect(_safe_next(request, fallback))


def _collection_for_add(request, data) -> CaseCollection:
    if data.get("new_name", "").strip():
        return case_collections.create_collection(request.user, data["new_name"])
    if data.get("collection"):
        return _own_collection(request, data["collection"])
    raise ValidationError(_("Choose a collection or type a name for a new one."))


@login_required
@require_POST
def collection_remove(request, pk, page_id):
    collection = _own_collection(request, pk)
    case = get_object_or_404(CasePage, pk=page_id)
    case_collections.remove_from_collection(collection, case, by=request.user)
    messages.success(request, _("Removed from “%(name)s”.") % {"name": collection.name})
    return redirect(_safe_next(request, reverse("vitrine:collection", args=[collection.pk])))


def collection_shared(request, token):
    """The read-only page behind a secret link: only the collection's live cases, no owner, no buttons."""
    if not token:
        raise Http404
    collection = get_object_or_404(CaseCollection, share_token=token)
    context = {"collection": collection, "items": _live_items(collection)}
    return render(request, "vitrine/collections_shared.html", context)


# --- Saved searches ----------------------------------------------------------------------------------------------


@login_required
def saved_searches(request):
    form = forms.SavedSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            search = save_search(request.user, data["name"], data["query_string"], alerts=data["alerts"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Search “%(name)s” saved.") % {"name": search.name})
            return redirect(_safe_next(request, reverse("vitrine:saved_searches")))
    searches = SavedSearch.objects.filter(user=request.user).order_by("name")
    context = {"form": form, "searches": searches, "list_url": _list_url()}
    return render(request, "vitrine/saved_searches.html", context, status=400 if form.errors else 200)


def _own_search(request, pk) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, user=request.user)


@login_required
@require_POST
def saved_search_delete(request, pk):
    search = _own_search(request, pk)
    name = search.name
    delete_saved_search(search, by=request.user)
    messages.success(request, _("Search “%(name)s” deleted.") % {"name": name})
    return redirect("vitrine:saved_searches")


@login_required
@require_POST
def saved_search_alerts(request, pk):
    search = _own_search(request, pk)
    on = request.POST.get("alerts") == "1"
    set_search_alerts(search, on, by=request.user)
    if on:
        messages.success(request, _("You get an e-mail when new examples match “%(name)s”.") % {"name": search.name})
    else:
        messages.success(request, _("No more e-mails for “%(name)s”.") % {"name": search.name})
    return redirect("vitrine:saved_searches")


# --- Deel je voorbeeld -------------------------------------------------------------------------------------------


@ratelimit("vitrine_submit")
def submit(request):
    if request.method != "POST":
        form = forms.SubmissionForm(initial=forms.submission_initial(request.user))
        return _submit_page(request, form, submissions.form_token())
    form = forms.SubmissionForm(request.POST, request.FILES)
    posted = request.POST.get("started", "")
    started = posted if submissions.token_is_usable(posted) else submissions.form_token()
    if request.POST.get("website"):
        # The honeypot: people never see this field, bots fill it. Answer as if all went well, store nothing.
        return redirect("vitrine:submit_thanks")
    if not form.is_valid():
        return _submit_page(request, form, started, status=400, kept_photo=form.photo_to_show_again())
    case_submissions.submit_case(form.submission(), user=request.user)
    if form.photo_kept_as:
        submissions.forget_kept_photo(form.photo_kept_as)
    return redirect("vitrine:submit_thanks")


def _submit_page(request, form, started: str, status: int = 200, kept_photo=None):
    context = {
        "form": form,
        "started": started,
        "max_mb": submissions.MAX_PHOTO_BYTES // (1024 * 1024),
        "kept_photo": kept_photo,
    }
    return render(request, "vitrine/submit.html", context, status=status)


def submit_thanks(request):
    return render(request, "vitrine/submit_thanks.html", {"list_url": _list_url()})
