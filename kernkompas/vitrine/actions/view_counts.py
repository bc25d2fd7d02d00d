"""Counting the views of a published case.

No cookie, no personal data, no race. A view is counted in this process's memory and written in one short
transaction every ``VITRINE_VIEW_COUNT_SECONDS`` (10 by default; 0 writes each view at once, as the tests do): one
write per case per interval instead of one per visit, which on the embedded SQLite database would queue every
visitor behind the single writer. Views still counted when a process stops are written on its way out; a process
that is killed loses at most that interval's views. The writes are not changes of content for the page cache
(``kernkompas.core.pagecache.unseen_writes``): a popular case must not throw every cached page away on each view.
Views answered from the page cache are counted too (``VISIT_HOOK``).
"""

from __future__ import annotations

import atexit
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F

from kernkompas.core import pagecache
from kernkompas.vitrine.models import CasePage

VISIT_HOOK = "vitrine.case_view"
_pending: Counter[int] = Counter()
_lock = threading.Lock()
_last_write = time.monotonic()


def record_view(page: CasePage, request=None) -> None:
    """Count one view of a published case; with the request, its cached copy counts its visitors as well."""
    if request is not None:
        pagecache.on_visit(request, VISIT_HOOK, page.pk)
    else:
        count_view_of(page.pk)


def count_view_of(page_id: int) -> None:
    global _last_write
    with _lock:
        _pending[page_id] += 1
        due = time.monotonic() - _last_write >= settings.VITRINE_VIEW_COUNT_SECONDS
        if due:
            _last_write = time.monotonic()
    if due:
        write_views()


def write_views() -> None:
    """Write the views counted so far (each case's number in one UPDATE), all in one transaction."""
    with _lock:
        counted = dict(_pending)
        _pending.clear()
    if not counted:
        return
    with pagecache.unseen_writes(), transaction.atomic():
        for page_id, views in sorted(counted.items()):
            CasePage.objects.filter(pk=page_id).update(view_count=F("view_count") + views)


pagecache.VISIT_HOOKS[VISIT_HOOK] = count_view_of
atexit.register(write_views)
