from django.contrib import admin

from prongsai.messaging.line.models import LineAccount


@admin.register(LineAccount)
class LineAccountAdmin(admin.ModelAdmin):
    """Credentials are entered by the org's admin on the staff page, never shown here."""

    list_display = ["org", "basic_id", "is_active", "updated_at"]
    fields = ["org", "basic_id", "is_active"]
    readonly_fields = ["org"]

    def has_add_permission(self, request):
        return False
