"""Personal API tokens: a staff member creates one (shown once) and revokes it."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.orgs import tokens
from prongsai.orgs.models import ApiToken
from prongsai.orgs.permissions import login_verified


class TokenLabelForm(forms.Form):
    label = forms.CharField(
        label=_("ชื่อโทเค็น"),
        max_length=100,
        help_text=_("ตั้งชื่อให้จำได้ว่าใช้กับงานใด เช่น สคริปต์สรุปรายงานประจำเดือน"),
        error_messages={
            "required": _("กรุณาตั้งชื่อโทเค็น"),
            "max_length": _("ชื่อโทเค็นยาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
        },
    )


@never_cache  # the page that shows a new token must not linger in any cache
@login_verified
def token_list(request):
    """The user's tokens; a POST creates one and shows it this once."""
    form = TokenLabelForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _api_token, new_token = tokens.issue_token(
            user=request.user, label=form.cleaned_data["label"], request=request
        )
        form = TokenLabelForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=request.user),
    }
    return render(request, "accounts/tokens.html", context)


@require_POST
@login_verified
def token_revoke(request, token_id: int):
    api_token = ApiToken.objects.filter(user=request.user, pk=token_id).first()
    if api_token is None:
        raise Http404(_("ไม่พบโทเค็นนี้"))
    tokens.revoke_token(api_token=api_token, request=request)
    messages.success(request, _("ยกเลิกโทเค็น “%(label)s” แล้ว") % {"label": api_token.label})
    return redirect("accounts:tokens")
