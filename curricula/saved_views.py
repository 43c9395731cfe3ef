"""Saved programmes and saved searches: the save button, the saved page, saving and
removing a search, and the unsubscribe link of its alert e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.decorators import permission_required

from . import saved_services
from .models import Programme, SavedSearch
from .views import MAX_COMPARED


def _next(request: HttpRequest, default: str) -> str:
    """The page to go back to: ``next`` when it is of this site, else ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _published_programme(*, university: str, slug: str) -> Programme:
    return get_object_or_404(
        Programme.objects.published().select_related("university"),
        university__slug=university,
        slug=slug,
    )


@require_POST
@permission_required("curricula.save", _published_programme)
def programme_save(request, programme):
    # The button says which state it asks for, so that a second click of the same
    # button (sent twice) changes nothing; without it the state is toggled.
    wanted = {"1": True, "0": False}.get(request.POST.get("save", ""))
    saved = saved_services.programme_save_toggle(
        user=request.user, programme=programme, save=wanted
    )
    if saved:
        messages.success(request, _("Saved"))
    else:
        messages.success(request, _("Removed from your saved programmes"))
    return HttpResponseRedirect(_next(request, programme.get_absolute_url()))


def _saved_page(request, confirm_search=None):
    rows = saved_services.saved_programmes(request.user)
    searches = list(request.user.saved_searches.order_by("-created_at", "pk"))
    first = [("p", row.programme.pk) for row in rows[:MAX_COMPARED]]
    compare_url = ""
    if len(first) > 1:
        compare_url = f"{reverse('curricula:programme_compare')}?{urlencode(first)}"
    return render(
        request,
        "curricula/saved.html",
        {
            "rows": rows,
            "searches": searches,
            "max_compared": MAX_COMPARED,
            "compare_url": compare_url,
            "confirm_search": confirm_search,
        },
    )


@login_required
def saved(request):
    return _saved_page(request)


@require_POST
@permission_required("curricula.save")
def search_save(request):
    query = request.POST.get("query", "")
    try:
        search = saved_services.search_save(
            user=request.user, query=query, name=request.POST.get("name", "")
        )
    except saved_services.SearchRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(
            request,
            _("Search “%(name)s” saved: new programmes and approaching deadlines will be "
              "e-mailed to you once a week at most.") % {"name": search.name},
        )  # fmt: skip
    catalogue = reverse("curricula:programme_list")
    normalised = saved_services.query_normalise(query)
    return HttpResponseRedirect(
        _next(request, f"{catalogue}?{normalised}" if normalised else catalogue)
    )


def _own_search(*, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk)


@permission_required("curricula.edit_saved_search", _own_search)
def search_remove(request, search):
    if request.method == "POST":
        saved_services.search_remove(search=search)
        messages.success(
            request, _("The saved search “%(name)s” is removed.") % {"name": search.name}
        )
        return redirect("curricula:saved")
    # The confirmation is asked on the saved page itself, above the list.
    return _saved_page(request, confirm_search=search)


@csrf_exempt  # the secret is the token in the address; mail programs post without a form
def search_unsubscribe(request, token):
    search = SavedSearch.objects.filter(token=token).first()
    if request.method == "POST":
        if search is not None:
            saved_services.search_remove(search=search)
        return render(request, "curricula/search_unsubscribe.html", {"done": True})
    if search is None:
        raise Http404
    return render(request, "curricula/search_unsubscribe.html", {"search": search})
