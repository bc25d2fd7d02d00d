"""The named operation behind "Deel je voorbeeld": a public submission becomes a draft case in the editors' review
queue, in one transaction with its audit event.

:mod:`kernkompas.vitrine.submissions` holds what the form needs besides (cleaning, the photo check, the fields of
the draft).
"""

from __future__ import annotations

from django.db import transaction

from kernkompas.core import audit
from kernkompas.vitrine import submissions
from kernkompas.vitrine.actions.editorial import ensure_editorial_workflow, ensure_vitrine_index
from kernkompas.vitrine.models import CasePage


def submit_case(submission, *, user=None):
    """Turn a public "Deel je voorbeeld" submission into a DRAFT case under the Vitrine index and put it in the
    editors' review queue. It never goes live by itself: only an editor's approval publishes it.

    ``submission`` is a kernkompas.vitrine.submissions.Submission (plain text already checked by the form).
    """
    index = ensure_vitrine_index()
    if index is None:
        raise RuntimeError("The Vitrine has no index page; run 'kernkompas migrate' first.")
    ensure_editorial_workflow()
    submitter = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        case = CasePage(**submissions.page_fields(submission), live=False, submitter_user=submitter)
        case.slug = submissions.unique_slug(index, submission.title)
        if submission.photo is not None:
            case.hero_image = submissions.store_photo(submission)
        case.themes = list(submission.themes)
        case.audiences = list(submission.audiences)
        index.add_child(instance=case)
        case.save_revision(user=submitter, log_action=True)
        workflow = case.get_workflow()
        if workflow is not None:
            workflow.start(case, submitter)
        # The submitter's name and address are personal data: the log names the case, not the person.
        audit.record(submitter, "vitrine.case_submitted", case, label=case.title)
    return case
