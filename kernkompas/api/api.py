"""The public API, version 1: the root that the site mounts at /api/v1/ (schema at /api/v1/openapi.json, docs at
/api/v1/docs).

Each part owns its endpoints in its own ``api.py`` and names its router in its app configuration
(:class:`kernkompas.core.parts.PartConfig`); this module only collects them, so adding a part adds its API without
an edit here. Errors, their schema and the bounded id parameters are the kernel's (:mod:`kernkompas.core.api`).
"""

from __future__ import annotations

from django.shortcuts import render
from ninja.openapi.docs import Swagger

from kernkompas.core import parts
from kernkompas.core.api import KernkompasAPI


class SwaggerDocs(Swagger):
    """Ninja's Swagger UI, with its settings written by ``json_script`` (escaped for a script element) instead of
    ninja's ``|safe``. The API's only authentication is a counter key in a header, so the page needs no CSRF token."""

    def render_page(self, request, api, **kwargs):
        config = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_config": config})


api = KernkompasAPI(
    title="Kernkompas API",
    version="1",
    description=(
        "Public data of Kernkompas. Vitrine: published inspiring examples (cases) for vital town centres, with the "
        "same search, filters and facets as the site. Kernmonitor: indicators and units of the shopping areas whose "
        "municipality made the dashboard public. Reading needs no authentication; only an automatic footfall counter "
        "posts, with the counter key its municipality made in the back office (Authorization: Bearer <key>). "
        "Texts (labels, error messages) are in the language the request asks for with Accept-Language (nl or en), "
        "Dutch when it asks for neither. Every error is JSON with a `detail` sentence; a request that is not valid "
        "(422) also says per field what is wrong (`problems` in words, `errors` for programs)."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    # Swagger UI is served from our own static files ("ninja" is in INSTALLED_APPS); no online validator badge,
    # which would make every visitor's browser call validator.swagger.io.
    docs=SwaggerDocs(settings={"validatorUrl": None}),
)


for prefix, router in parts.api_routers():
    api.add_router(prefix, router)
