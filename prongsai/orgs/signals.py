"""Receivers of the orgs app: caches of orgs and domains, and account events for the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prongsai.orgs import audit, hosts, tenancy
from prongsai.orgs.models import Organization


@receiver(post_save, sender=Organization)
def remember_org(sender, instance, **kwargs) -> None:
    # Read by every request at once, not on commit, like the domains below.
    tenancy.remember_org(instance)


@receiver(post_delete, sender=Organization)
def forget_org(sender, instance, **kwargs) -> None:
    tenancy.forget_org(instance.slug)


@receiver([post_save, post_delete], sender=Organization)
def reload_domains(sender, **kwargs) -> None:
    # An org's domain may have been added, changed or removed. Read at once, not on
    # commit: a rolled-back change is forgotten when the map times out.
    hosts.load_domains()


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    if request is not None:
        audit.record(action="login", request=request, actor=user)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs) -> None:
    if request is not None and user is not None:
        audit.record(action="logout", request=request, actor=user)


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if request is None:
        return
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        action="login_failed",
        request=request,
        target=_account(username),
        detail={"username": username},
    )


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    username = (username or "")[:150]
    audit.record(
        action="lockout", request=request, target=_account(username), detail={"username": username}
    )


def _account(username: str):
    """The account a sign-in tried, if it exists, so its orgs' admins see the attempt."""
    return get_user_model()._default_manager.filter(username=username).first()
