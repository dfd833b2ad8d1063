"""Surveys in Django's admin, where a superuser edits individual questions and sections.

Responses are shown read-only: answers are changed only through the services, which check
permissions and record every change.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klimatlaget.surveys.models import Question, Response, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "key", "title", "description"]


class QuestionInline(admin.StackedInline):
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

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Offer only the sections of the survey being edited."""
        if db_field.name == "section":
            match = request.resolver_match
            survey_id = match.kwargs.get("object_id") if match else None
            sections = Section.objects.all()
            kwargs["queryset"] = (
                sections.filter(survey_id=survey_id) if survey_id else sections.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "association", "year", "kind", "state", "deadline"]
    list_filter = ["association", "kind", "state", "year"]
    search_fields = ["title"]
    readonly_fields = ["copied_from", "created_at"]
    inlines = [SectionInline, QuestionInline]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["member", "survey", "status", "submitted_at", "reviewed_at"]
    list_filter = ["survey", "status"]
    search_fields = ["member__name", "member__code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
