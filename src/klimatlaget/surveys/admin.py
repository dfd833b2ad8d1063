"""Surveys in Django's admin, read-only: sections, questions and answers are changed only through
the services (the secretariat's pages and the API), which check permissions and record every
change."""

from django.contrib import admin

from klimatlaget.audit.admin import ReadOnly
from klimatlaget.surveys.models import Question, Response, Section, Survey


class SectionInline(ReadOnly, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "key", "title", "description"]


class QuestionInline(ReadOnly, admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        ("section", "order", "key", "kind", "required"),
        "text",
        "help_text",
        ("unit", "minimum", "maximum"),
        "choices",
        "columns",
        ("condition_question", "condition_value", "prefill"),
        ("max_rows", "max_file_bytes", "file_types"),
    ]


@admin.register(Survey)
class SurveyAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "association", "year", "kind", "state", "deadline"]
    list_filter = ["association", "kind", "state", "year"]
    search_fields = ["title"]
    inlines = [SectionInline, QuestionInline]


@admin.register(Response)
class ResponseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["member", "survey", "status", "submitted_at", "reviewed_at"]
    list_filter = ["survey", "status"]
    search_fields = ["member__name", "member__code"]
