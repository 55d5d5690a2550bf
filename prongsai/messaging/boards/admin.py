from django.contrib import admin

from prongsai.messaging.boards.models import AbuseReport, BoardSettings, Question, Reply, Topic
from prongsai.orgs.admin import AuditedAdmin

# For the instance's administrators, e.g. to erase a post on a data subject's
# request; staff moderate on the staff pages, where every action is logged.


@admin.register(BoardSettings)
class BoardSettingsAdmin(AuditedAdmin):
    list_display = ["org", "moderation", "updated_at"]
    raw_id_fields = ["updated_by"]


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ["title", "org", "status", "created_at"]
    list_filter = ["org", "status"]
    search_fields = ["title", "text"]
    raw_id_fields = ["case", "moderated_by"]
    readonly_fields = ["idempotency_key"]


@admin.register(Reply)
class ReplyAdmin(AuditedAdmin):
    list_display = ["__str__", "org", "status", "is_official", "created_at"]
    list_filter = ["org", "status", "is_official"]
    search_fields = ["text"]
    raw_id_fields = ["topic", "author", "case_event", "moderated_by"]
    readonly_fields = ["idempotency_key"]


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["__str__", "org", "status", "is_faq", "faq_group", "created_at"]
    list_filter = ["org", "status", "is_faq"]
    search_fields = ["case__subject", "case__tracking_code"]
    raw_id_fields = ["case", "moderated_by"]


@admin.register(AbuseReport)
class AbuseReportAdmin(AuditedAdmin):
    list_display = ["reason", "org", "created_at", "resolved_at"]
    list_filter = ["org", "reason"]
    raw_id_fields = ["topic", "reply", "question", "resolved_by"]
