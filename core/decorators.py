"""The one way views ask the permission rules (see each app's ``rules.py``)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


def permission_required(
    perm: str, get_object: Callable[..., Any] | None = None
) -> Callable[[View], View]:
    """Run the view only when ``request.user`` holds ``perm`` (on the object, if any).

    ``get_object`` receives the URL's keyword arguments and returns the object the
    rule is asked about (raising 404 when missing); the view then receives that
    object instead of the keyword arguments. Anonymous visitors are sent to sign
    in; a signed-in user without the right gets 403.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if get_object is None:
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, *args, **kwargs)
            obj = get_object(**kwargs)
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, obj)

        return wrapped

    return decorator
