from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Division, Membership, Organization, Position


class _PlaceFields(forms.Form):
    role = forms.ChoiceField(label=_("บทบาท"), choices=Membership.Role.choices)
    division = forms.ModelChoiceField(label=_("สังกัด"), queryset=None, required=False)
    position = forms.ModelChoiceField(label=_("ตำแหน่ง"), queryset=None, required=False)

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["position"].queryset = Position.objects.for_org(org)


class NewMemberForm(_PlaceFields):
    username = forms.CharField(
        label=_("ชื่อผู้ใช้สำหรับเข้าระบบ"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("ตัวอักษรภาษาอังกฤษ ตัวเลข และ @ . + - _ เช่น somchai.k"),
    )
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    field_order = ["username", "first_name", "last_name", "email", "role", "division", "position"]


class MemberForm(_PlaceFields):
    is_active = forms.BooleanField(label=_("ใช้งานอยู่"), required=False)
