from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kernkompas.accounts import wagtail_guards
from kernkompas.core import parts
from kernkompas.site import views as site_views

urlpatterns = [
    # For load balancers and uptime checks: the process answers (through every middleware, without the database).
    path("health/", site_views.health, name="health"),
    path("i18n/setlang/", site_views.set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": parts.sitemaps()}, name="sitemap"),
    # One log-in for the whole site: the back office's own log-in and password-reset forms send people to ours,
    # which are rate-limited (kernkompas.core.ratelimit).
    path("beheer/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("beheer/password_reset/", RedirectView.as_view(pattern_name="accounts:password_reset")),
    # Guards for Wagtail views that named objects to people who may not see them (accounts/wagtail_guards.py).
    path("beheer/", include(wagtail_guards.urlpatterns)),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v1/", include("kernkompas.api.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_static, {"document_root": settings.MEDIA_ROOT}),
    ]

# Dutch lives at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("kernkompas.site.urls")),
    # Each part's pages under the prefix its configuration names (kernkompas/core/parts.py).
    *parts.url_patterns(),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# The site's own error pages: in the visitor's language, branded, with a way on (kernkompas/site/errors.py).
handler404 = "kernkompas.site.errors.page_not_found"
handler403 = "kernkompas.site.errors.permission_denied"
handler500 = "kernkompas.site.errors.server_error"
