from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django.views.static import serve

from core.audit import Action, record
from curricula.models import Programme, Skill
from events.models import Event
from industry.models import Organisation, SkillNeed
from universities.countries import CENTRAL_ASIA
from universities.models import University

from .health import broker_status, database_status
from .search import SECTIONS, search_everything


def search(request: HttpRequest) -> HttpResponse:
    """One search over universities, programmes, skills, needs and events."""
    query = request.GET.get("q", "").strip()[:200]
    only = request.GET.get("type", "")
    if only not in {section.key for section in SECTIONS}:
        only = ""
    found = search_everything(request.user, query, only)
    context = {
        "query": query,
        "only": only,
        "found": found,
        "total": sum(f.count for f in found),
        "sections": SECTIONS,
    }
    return render(request, "platform_site/search.html", context)


class HomeView(TemplateView):
    template_name = "platform_site/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        universities = University.objects.active().in_central_asia()
        context["counts"] = {
            "universities": universities.count(),
            "countries": len(CENTRAL_ASIA),
            "skills": Skill.objects.filter(is_group=False).count(),
            "organisations": Organisation.objects.active().count(),
            "programmes": Programme.objects.published().count(),
        }
        context["next_events"] = (
            Event.objects.filter(status=Event.Status.PUBLISHED)
            .upcoming()
            .select_related("host")
            .order_by("start")[:4]
        )
        context["newest_needs"] = (
            SkillNeed.objects.visible_to(self.request.user)
            .open()
            .select_related("organisation")
            .order_by("-created_at")[:4]
        )
        return context


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    failures = {
        name: reason
        for name, reason in (("database", database_status()), ("broker", broker_status()))
        if reason is not None
    }
    body = {
        "status": "ok" if not failures else "unavailable",
        "database": failures.get("database", "ok"),
        "broker": failures.get("broker", "ok"),
    }
    return JsonResponse(body, status=503 if failures else 200)


def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a vulnerability. Expires a year ahead of each answer,
    so the file is always current while the site is."""
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en, ru",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bare(request: HttpRequest) -> HttpResponse:
    """The smallest Django response: the framework's ceiling for `make bench`."""
    return HttpResponse(b"ok", content_type="text/plain")


def media_logo(request: HttpRequest, path: str) -> HttpResponseBase:
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    record(Action.PERMISSION_REFUSED, request=request)
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponseServerError:
    # Rendered without the request context: the failure may lie in it.
    return HttpResponseServerError(loader.get_template("500.html").render())
