"""The org's Site record: reading it, the staff form that edits it, and saving it."""

from urllib.parse import urlsplit

from django import forms
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.portal.models import Site

LINE_HOSTS = ("line.me", "lin.ee", "page.line.me")
FACEBOOK_HOSTS = ("facebook.com", "fb.com", "fb.me")
YOUTUBE_HOSTS = ("youtube.com", "youtu.be")


def site_of(*, org: Organization) -> Site:
    """The org's Site, or an unsaved blank one: an org that never saved it still has a home."""
    return Site.objects.filter(org=org).first() or Site(org=org)


def _on_hosts(url: str, hosts: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def _formfield(field: models.Field, **kwargs) -> forms.Field | None:
    # An address typed without a scheme is taken as https://, as Django 6 will.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        formfield_callback = _formfield
        fields = [
            "intro",
            "office_hours",
            "line_oa_url",
            "facebook_url",
            "youtube_url",
            "privacy_contact",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "privacy_contact": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            name: {"invalid": _("กรอกที่อยู่เว็บให้ครบ เช่น https://…")}
            for name in ("line_oa_url", "facebook_url", "youtube_url")
        }

    # Each link is shown as "add us on LINE", "our page" …: a link elsewhere would mislead.
    def _link_on(self, name: str, hosts: tuple[str, ...], message: str) -> str:
        url = self.cleaned_data[name]
        if url and not _on_hosts(url, hosts):
            raise forms.ValidationError(message)
        return url

    def clean_line_oa_url(self) -> str:
        return self._link_on(
            "line_oa_url",
            LINE_HOSTS,
            _("ลิงก์เพิ่มเพื่อนต้องเป็นของ LINE เช่น https://line.me/R/ti/p/@prtong"),
        )

    def clean_facebook_url(self) -> str:
        return self._link_on(
            "facebook_url",
            FACEBOOK_HOSTS,
            _("ลิงก์เพจต้องเป็นของ Facebook เช่น https://www.facebook.com/…"),
        )

    def clean_youtube_url(self) -> str:
        return self._link_on(
            "youtube_url",
            YOUTUBE_HOSTS,
            _("ลิงก์ช่องต้องเป็นของ YouTube เช่น https://www.youtube.com/@…"),
        )


def save_site(*, form: SiteForm, request: HttpRequest) -> Site:
    """Save the staff's changes to the Site and audit which fields changed."""
    with transaction.atomic():
        site = form.save()
        audit.record(
            action="site_settings_changed",
            request=request,
            target=site,
            detail={"fields": sorted(form.changed_data)},
        )
    return site
