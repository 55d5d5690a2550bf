"""The org admin's page of Open311 keys: issue one (shown once), revoke one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.eservices.models import Open311Key
from prongsai.eservices.open311 import keys
from prongsai.eservices.open311.views import root_url
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org


class KeyForm(forms.Form):
    name = forms.CharField(
        label=_("ชื่อผู้ใช้คีย์"),
        max_length=200,
        help_text=_("เช่น ชื่อแอปหรือหน่วยงานที่จะส่งคำร้องเข้ามา"),
        error_messages={"required": _("กรุณาระบุชื่อผู้ใช้คีย์")},
    )


@never_cache  # the answer to a POST holds the new key: no cache may keep it
@staff_required(Membership.Role.ADMIN)
def key_list(request):
    new_key = ""
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _key, new_key = keys.issue_key(
            org=request.org, name=form.cleaned_data["name"], actor=request.user, request=request
        )
        form = KeyForm()
    context = {
        "form": form,
        "new_key": new_key,
        "keys": keys.org_keys(org=request.org),
        "endpoint": root_url(request),
    }
    return render(request, "open311/keys.html", context)


@require_POST
@staff_required(Membership.Role.ADMIN)
def revoke(request, pk: int):
    key = get_for_org(Open311Key.objects.all(), request.org, pk=pk)
    try:
        keys.revoke_key(key=key, actor=request.user, request=request)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    else:
        messages.success(request, _("ยกเลิกคีย์ของ %(name)s แล้ว") % {"name": key.name})
    return redirect("org:open311_keys", request.org.slug)
