from django.contrib import admin
from django.db import transaction

from prongsai.orgs import audit
from prongsai.orgs.models import (
    ApiToken,
    AuditEvent,
    Division,
    ItasLink,
    Membership,
    Organization,
    Position,
    Village,
)


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin go to the audit log like any other change."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                action="admin_change" if change else "admin_add",
                request=request,
                target=obj,
                detail={"fields": form.changed_data},
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(action="admin_delete", request=request, target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record(action="admin_delete", request=request, target=obj)
            super().delete_queryset(request, queryset)


class ItasLinkInline(admin.TabularInline):
    model = ItasLink
    extra = 0


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name_th", "slug", "kind", "province", "is_active"]
    list_filter = ["kind", "province", "is_active"]
    search_fields = ["name_th", "name_en", "slug"]
    inlines = [ItasLinkInline, VillageInline]


@admin.register(Division)
class DivisionAdmin(AuditedAdmin):
    list_display = ["name", "org", "order"]
    list_filter = ["org"]
    search_fields = ["name"]


@admin.register(Position)
class PositionAdmin(AuditedAdmin):
    list_display = ["name", "org", "division", "is_executive", "heads_division"]
    list_filter = ["org", "is_executive"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "org", "role", "division", "position", "is_active"]
    list_filter = ["org", "role", "is_active"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "org", "actor_name", "action", "target_repr", "ip_address"]
    list_filter = ["action", "org"]
    search_fields = ["actor_name", "target_repr", "target_id"]
    date_hierarchy = "created_at"

    # The trail is evidence: nobody edits or deletes it, not even superusers.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their owners; here they can only be seen and revoked."""

    list_display = ["prefix", "label", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "label", "user__username"]
    fields = ["user", "label", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "label", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
