from django.contrib import admin

from prongsai.messaging.livechat.models import Chat, ChatMessage, OfficeHours
from prongsai.orgs.admin import AuditedAdmin


class ChatMessageInline(admin.TabularInline):
    model = ChatMessage
    extra = 0
    fields = ["created_at", "sender", "agent", "event", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Chat)
class ChatAdmin(AuditedAdmin):
    """For the instance's administrators; staff work chats in the console, where it is logged."""

    list_display = ["__str__", "org", "status", "agent", "started_at", "last_message_at"]
    list_filter = ["org", "status"]
    raw_id_fields = ["case", "agent"]
    readonly_fields = ["token_digest", "started_at", "last_message_at", "closed_at"]
    inlines = [ChatMessageInline]


@admin.register(OfficeHours)
class OfficeHoursAdmin(AuditedAdmin):
    list_display = ["org", "weekday", "is_open", "opens", "closes"]
    list_filter = ["org"]
