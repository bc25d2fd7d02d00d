"""The Content-Security-Policy header: django-csp's middleware, with the back office's own exception.

The policies themselves are in :mod:`kernkompas.lib.csp` and ``settings.CONTENT_SECURITY_POLICY``; this middleware
only decides which one a response gets: everything under ``CSP_BACK_OFFICE_PREFIX`` (Wagtail's admin) gets the
site's policy with ``CSP_BACK_OFFICE_CHANGES`` replacing the directives named there, every other page the site's
policy unchanged.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.replace is None and is_back_office(request.path_info):
            parts.replace = settings.CSP_BACK_OFFICE_CHANGES
        return parts


def is_back_office(path: str) -> bool:
    return path.startswith(settings.CSP_BACK_OFFICE_PREFIX)
