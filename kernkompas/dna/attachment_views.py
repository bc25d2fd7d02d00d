"""The attachments of a step: uploading, renaming, making public or not and removing them (on the step's edit page,
for those who may edit the trajectory), and the download (for everyone when the attachment and its trajectory are
public, otherwise only for the municipality's team and administrators; 404 for anyone else).

Files are served as downloads only (``Content-Disposition: attachment`` with a name we made safe, our own content
type, ``nosniff`` and a sandboxing CSP), so no uploaded file is ever shown as a page of this site.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.dna import attachments, selectors
from kernkompas.dna.actions import attachments as attachment_actions
from kernkompas.dna.forms import AttachmentForm, AttachmentUploadForm
from kernkompas.dna.models import StepAttachment
from kernkompas.dna.views import _staff_only, render_step_form, step_of


def _back(found, step):
    return redirect("dna:edit_step", pk=found.pk, step_pk=step.pk)


def _attachment(request, pk: int, step_pk: int, attachment_pk: int):
    found, step = step_of(request, pk, step_pk)
    return found, step, get_object_or_404(StepAttachment, pk=attachment_pk, step=step)


@_staff_only
@require_POST
def upload(request, pk: int, step_pk: int):
    found, step = step_of(request, pk, step_pk)
    form = AttachmentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_actions.add_attachment(
                request.user,
                step,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                is_public=form.cleaned_data["is_public"],
            )
        except attachment_actions.AttachmentLimit:
            form.add_error(
                None,
                _("This step has %(max)s attachments already: remove one first.") % {"max": attachments.MAX_PER_STEP},
            )
        else:
            messages.success(request, _("The attachment was added."))
            return _back(found, step)
    return render_step_form(request, found, step, upload_form=form, status=400)


@_staff_only
@require_POST
def change(request, pk: int, step_pk: int, attachment_pk: int):
    found, step, attachment = _attachment(request, pk, step_pk, attachment_pk)
    form = AttachmentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(found, step)
    attachment_actions.change_attachment(request.user, attachment, **form.cleaned_data)
    messages.success(request, _("The attachment was saved."))
    return _back(found, step)


@_staff_only
def remove(request, pk: int, step_pk: int, attachment_pk: int):
    found, step, attachment = _attachment(request, pk, step_pk, attachment_pk)
    if request.method == "POST":
        attachment_actions.remove_attachment(request.user, attachment)
        messages.success(request, _("The attachment was removed."))
        return _back(found, step)
    return render(request, "dna/attachment_remove.html", {"trajectory": found, "step": step, "attachment": attachment})


def download(request, attachment_pk: int):
    found = selectors.attachment_for(request.user, attachment_pk)
    try:
        handle = found.file.open("rb")
    except OSError as exc:
        raise Http404 from exc
    kind = attachments.KINDS.get(found.extension)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachments.safe_name(found.original_name, found.extension),
        content_type=kind[0] if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A public attachment may be cached by anyone; any other is kept by no cache at all.
    response["Cache-Control"] = "public, max-age=3600" if selectors.attachment_is_public(found) else "private, no-store"
    return response
