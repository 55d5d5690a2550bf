from django.contrib import admin

from prongsai.eservices.models import Booking, Resource, Service
from prongsai.orgs.admin import AuditedAdmin


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "code", "org", "kind", "division", "time_limit_days", "is_active"]
    list_filter = ["org", "kind", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Resource)
class ResourceAdmin(AuditedAdmin):
    list_display = ["name", "org", "kind", "is_active"]
    list_filter = ["org", "kind"]


@admin.register(Booking)
class BookingAdmin(AuditedAdmin):
    list_display = ["resource", "start_date", "end_date", "status", "case"]
    list_filter = ["status", "resource"]
    raw_id_fields = ["case"]
