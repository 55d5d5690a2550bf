from django.contrib import admin
from django.db import transaction

from prongsai.ita.models import (
    Assessment,
    FrameworkYear,
    Indicator,
    IndicatorScore,
    OitItem,
    Tool,
)
from prongsai.orgs import audit
from prongsai.orgs.admin import AuditedAdmin


class InlineAuditedAdmin(AuditedAdmin):
    """Also logs what the inlines of the page changed, not only the parent object."""

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects:
                audit.record(action="admin_add", request=request, target=obj)
            for obj, fields in formset.changed_objects:
                audit.record(
                    action="admin_change", request=request, target=obj, detail={"fields": fields}
                )
            for obj in formset.deleted_objects:
                audit.record(action="admin_delete", request=request, target=obj)


class YearChildInline(admin.TabularInline):
    """An inline whose foreign keys offer only the rows of the same framework year."""

    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        self._year = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in {"tool", "indicator"} and field is not None:
            year = getattr(self, "_year", None)
            field.queryset = field.queryset.filter(year=year) if year else field.queryset.none()
        return field


class ToolInline(admin.TabularInline):
    model = Tool
    extra = 0


class IndicatorInline(YearChildInline):
    model = Indicator
    fields = ["number", "name", "tool", "suggested_measures"]


class OitItemInline(YearChildInline):
    model = OitItem
    fields = ["number", "code", "title", "indicator", "evidence"]


@admin.register(FrameworkYear)
class FrameworkYearAdmin(InlineAuditedAdmin):
    """Each fiscal year's framework; normally loaded from a file with `load_framework`."""

    list_display = ["fiscal_year", "target", "source"]
    search_fields = ["fiscal_year", "source"]
    inlines = [ToolInline, IndicatorInline, OitItemInline]


@admin.register(OitItem)
class OitItemAdmin(AuditedAdmin):
    list_display = ["code", "title", "year", "indicator", "evidence"]
    list_filter = ["year", "evidence"]
    search_fields = ["code", "title"]
    list_select_related = ["year", "indicator"]
    ordering = ["-year__fiscal_year", "number"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "indicator":
            kwargs["queryset"] = Indicator.objects.select_related("year")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["number", "name", "tool", "year"]
    list_filter = ["year", "tool__code"]
    search_fields = ["name"]
    list_select_related = ["year", "tool__year"]
    ordering = ["-year__fiscal_year", "number"]


class IndicatorScoreInline(admin.TabularInline):
    model = IndicatorScore
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        self._year_id = obj.year_id if obj else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "indicator" and getattr(self, "_year_id", None):
            field.queryset = field.queryset.filter(year_id=self._year_id)
        return field


@admin.register(Assessment)
class AssessmentAdmin(InlineAuditedAdmin):
    list_display = ["org", "year", "total", "updated_at"]
    list_filter = ["year", "org"]
    list_select_related = ["org", "year"]
    inlines = [IndicatorScoreInline]
