from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.outbox.models import Message


class StateFilter(admin.SimpleListFilter):
    title = _("สถานะ")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("pending", _("รอส่ง")), ("sent", _("ส่งแล้ว")), ("failed", _("เลิกส่ง"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        if self.value() == "failed":
            return queryset.filter(failed_at__isnull=False)
        return queryset


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """What the instance still owes, and what it gave up on with the last error."""

    list_display = ["task", "created_at", "attempts", "sent_at", "failed_at", "last_error"]
    list_filter = [StateFilter]
    readonly_fields = [f.name for f in Message._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("ส่งใหม่ตั้งแต่ต้น (ข้อความที่เลิกส่ง)"), permissions=["change"])
    def send_again(self, request, queryset):
        # The sweep takes them at its next run, with the whole retry schedule again.
        queryset.filter(failed_at__isnull=False).update(
            failed_at=None, attempts=0, due_at=timezone.now()
        )
