from django.contrib import admin

from prongsai.orgs.admin import AuditedAdmin
from prongsai.surveys.models import Choice, Project, ProjectPhoto, Question, Survey


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ["title", "org", "status", "formula"]
    list_filter = ["status", "org"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["text", "survey", "kind", "order"]
    inlines = [ChoiceInline]


class PhotoInline(admin.TabularInline):
    model = ProjectPhoto
    extra = 0


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["title", "org", "starts_on", "participants"]
    list_filter = ["fiscal_year", "org"]
    inlines = [PhotoInline]
