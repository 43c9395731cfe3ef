"""View helpers shared by the apps' pages."""

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import phrases

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def form_page(
    request: HttpRequest,
    *,
    forms: Iterable[BaseForm | BaseFormSet],
    template: str,
    context: Mapping[str, Any],
    on_valid: Callable[[], HttpResponse],
    error: "str | _StrPromise" = phrases.NOTHING_SAVED,
) -> HttpResponse:
    """The page of one or more forms (a form with its formset, say).

    On a POST where every form is valid, ``on_valid`` (which calls the service)
    answers; otherwise the page is shown again, with ``error`` as a message when
    a POST failed validation. Every form is validated, so all errors show at once.
    """
    if request.method == "POST":
        valid = [form.is_valid() for form in forms]
        if all(valid):
            return on_valid()
        messages.error(request, error)
    return render(request, template, context)


def query_without_page(request: HttpRequest) -> str:
    """The query string of the page without its ``page`` number, for pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class PaginatedFilterMixin:
    """Puts ``query_without_page`` in the context of a paginated list view."""

    request: HttpRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["query_without_page"] = query_without_page(self.request)
        return context
