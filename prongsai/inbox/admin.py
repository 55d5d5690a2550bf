from django.contrib import admin

from prongsai.inbox.models import Attachment, Case, CaseEvent
from prongsai.orgs.admin import AuditedAdmin


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["created_at", "kind", "actor", "is_public", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(AuditedAdmin):
    """For the instance's administrators; staff work cases in the inbox, where it is logged."""

    list_display = ["tracking_code", "org", "kind", "channel", "status", "received_at"]
    list_filter = ["org", "kind", "channel", "status"]
    search_fields = ["tracking_code", "subject"]
    date_hierarchy = "received_at"
    raw_id_fields = ["assignee", "service", "division"]
    readonly_fields = ["tracking_code", "received_at", "closed_at", "idempotency_key"]
    inlines = [CaseEventInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "case", "content_type", "size", "is_public", "created_at"]
    raw_id_fields = ["case", "event", "uploaded_by"]
    readonly_fields = ["file", "stored_name", "content_type", "size"]
