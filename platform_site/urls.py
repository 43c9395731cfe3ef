from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from accounts.views import switch_language
from core.pagecache import cache_for_visitors
from industry.audiences import needs_audience

from . import views
from .search import search_audience

# The admin signs in through allauth like every other page, so that its rate limits and
# the second factor apply there too: no second, weaker sign-in form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path(
        "",
        cache_for_visitors(  # counts, the next events, the newest needs, featured items
            views.HomeView.as_view(),
            scopes=("directory", "catalogue", "needs", "events", "knowledge"),
            audience=needs_audience,
        ),
        name="home",
    ),
    path("language/", switch_language, name="switch_language"),
    # Every kind of content; people whose memberships show them drafts or members-only
    # needs get their own page (search_audience).
    path("search/", cache_for_visitors(views.search, audience=search_audience), name="search"),
    path(
        "privacy/",
        cache_for_visitors(
            TemplateView.as_view(template_name="platform_site/privacy.html"), scopes=()
        ),
        name="privacy",
    ),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # The includes under a prefix of their own first: an address is matched against
    # every pattern of each unprefixed include before it, on every request.
    path("universities/", include("universities.urls")),
    path("events/", include("events.urls")),
    path("", include("insights.urls")),
    path("", include("curricula.urls")),
    path("", include("industry.urls")),
    path("", include("knowledge.urls")),
    path("", include("newsletter.urls")),
    path("", include("programme.urls")),
    path("", include("certificates.urls")),
    prefix_default_language=False,
)

# Uploaded logos are re-encoded PNG files (core.uploads), small and public;
# they are served by Django itself so that a deployment needs no other server.
urlpatterns += [
    re_path(
        r"^media/(?P<path>(?:logos/[\w./-]+\.png|slides/[\w./-]+\.pdf))$",
        views.media_logo,
        name="media_logo",
    )
]

if settings.BENCH_ENDPOINTS:
    urlpatterns += [path("bench/bare", views.bare, name="bench_bare")]

handler403 = "platform_site.views.permission_denied"
handler404 = "platform_site.views.page_not_found"
handler500 = "platform_site.views.server_error"
