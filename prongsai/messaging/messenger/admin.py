from django import forms
from django.contrib import admin

from prongsai.messaging.messenger.models import MessengerPage


class MessengerPageForm(forms.ModelForm):
    """Secrets go in once and are stored encrypted; blank keeps what is stored."""

    app_secret = forms.CharField(widget=forms.PasswordInput, required=False)
    page_token = forms.CharField(widget=forms.PasswordInput, required=False)

    class Meta:
        model = MessengerPage
        fields = ["org", "page_id", "verify_token", "is_active"]

    def save(self, commit=True):
        page = super().save(commit=False)
        for name in ("app_secret", "page_token"):
            if self.cleaned_data[name]:
                setattr(page, name, self.cleaned_data[name])
        if commit:
            page.save()
        return page


@admin.register(MessengerPage)
class MessengerPageAdmin(admin.ModelAdmin):
    form = MessengerPageForm
    list_display = ["org", "page_id", "is_active"]
