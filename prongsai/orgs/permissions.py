"""Who may do what in an org's staff area."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from prongsai.orgs.models import Membership, Organization


def membership_for(user, org: Organization) -> Membership | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        Membership.objects.for_org(org)
        .filter(user=user, is_active=True)
        .select_related("division", "position")
        .first()
    )


def needs_second_factor(user) -> bool:
    """True while a user who has set up TOTP has not entered a code this session."""
    return user_has_device(user) and not user.is_verified()


def login_verified(view: Callable) -> Callable:
    """Signed in and, where the user has TOTP, past the second factor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if needs_second_factor(request.user):
            return redirect_to_login(request.get_full_path(), "accounts:otp_verify")
        return view(request, *args, **kwargs)

    return wrapped


def staff_required(*roles: str) -> Callable:
    """Allow verified, active members of `request.org` (with one of `roles` if given).

    Sets `request.membership`; anyone else gets the login page or 403.
    """

    def decorator(view: Callable) -> Callable:
        @login_verified
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            membership = membership_for(request.user, request.org)
            if membership is None:
                raise PermissionDenied(_("คุณไม่ได้เป็นบุคลากรของหน่วยงานนี้"))
            if roles and membership.role not in roles:
                raise PermissionDenied(_("บทบาทของคุณไม่มีสิทธิ์เข้าถึงหน้านี้"))
            request.membership = membership
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
