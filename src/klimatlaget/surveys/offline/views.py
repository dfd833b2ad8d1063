"""Answering a survey offline: download the member's questionnaire as Excel, fill it in, and
upload it again. Only the member's editors and the secretariat see these pages (others get a
404); the upload saves every answer or none."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from klimatlaget.accounts.resolvers import answers_as_member
from klimatlaget.exports.responses import xlsx_response
from klimatlaget.surveys import services
from klimatlaget.surveys.offline import upload as offline
from klimatlaget.surveys.offline.reading import Rejected
from klimatlaget.surveys.offline.writing import file_name


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in questionnaire (.xlsx)"),
        help_text=gettext_lazy("The file downloaded from this page, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


@login_required
@require_GET
def questionnaire_xlsx(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey, member = offline.survey_and_member(request.user, survey_id, code)
    upload_url = request.build_absolute_uri(
        reverse("survey-upload", kwargs={"code": member.code, "survey_id": survey.pk})
    )
    data = offline.download(request.user, survey, member, upload_url)
    return xlsx_response(data, file_name(survey, member))


@login_required
@require_http_methods(["GET", "POST"])
def upload_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey, member = offline.survey_and_member(request.user, survey_id, code)
    user: Any = request.user
    context: dict[str, Any] = {
        "survey": survey,
        "member": member,
        "response": services.response_for(survey, member),
        "may_answer": answers_as_member(user, survey, member),
        "not_editable": offline.editable_problem(survey, member),
    }
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if not context["may_answer"]:
            context["rejected"] = _("You may not answer for this member.")
            status = 403
        elif form.is_valid():
            try:
                saved = offline.upload(user, survey, member, form.cleaned_data["file"])
            except Rejected as rejected:
                context["rejected"] = rejected.message
                context["errors"] = rejected.errors
            else:
                messages.success(
                    request,
                    _("The file was read and %(count)s answer(s) were saved.") % {"count": saved},
                )
                return redirect("survey-upload", code=member.code, survey_id=survey.pk)
    context["form"] = form
    return render(request, "surveys/offline/upload.html", context, status=status)
