"""The template of subjects: a public page listing the subjects as a tree with their title
keywords, where the programme office adds a subject and edits a subject's names and keywords,
and the template in use as ``subjects.json``."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import runs_contract_programme
from klimatlaget.calc.contract_subjects import Subject
from klimatlaget.contracts import template_services
from klimatlaget.contracts.choices import Writer
from klimatlaget.contracts.exporters import TEMPLATE
from klimatlaget.contracts.forms import NewSubjectForm, SubjectForm
from klimatlaget.contracts.models import TemplateSubject
from klimatlaget.contracts.subjects import current_data, current_template, in_file
from klimatlaget.contracts.template import parse_template, read_data
from klimatlaget.exports.registry import ExportFormat, ExportRequest, run_export
from klimatlaget.exports.responses import download
from klimatlaget.measures.views.common import saved


def _name(subject: Subject) -> str:
    return subject.name_sv if (get_language() or "sv").startswith("sv") else subject.name_en


def _tree(edited: set[str]) -> list[dict[str, Any]]:
    """The subjects in the programme's order (parents before children), each with its depth,
    names, keywords, children and whether the programme office added (not in the file) or
    edited it."""
    data = current_data()
    template = parse_template(data)
    entries = {entry["id"]: entry for entry in data["subjects"]}
    file_ids = {entry.get("id") for entry in read_data().get("subjects", [])}
    found: list[dict[str, Any]] = []

    def walk(parent: str | None) -> list[dict[str, Any]]:
        nodes = []
        for subject in template.children(parent):
            keywords = entries[subject.id].get("keywords", {})
            node: dict[str, Any] = {
                "id": subject.id,
                "depth": subject.depth,
                "name": _name(subject),
                "party": Writer(subject.party).label,
                "keywords_sv": keywords.get("sv", []),
                "keywords_en": keywords.get("en", []),
                "added": subject.id not in file_ids,
                "edited": subject.id in edited and subject.id in file_ids,
            }
            found.append(node)
            nodes.append(node)
            node["children"] = walk(subject.id)
        return nodes

    walk(None)
    return found


def template_page(request: HttpRequest) -> HttpResponse:
    """The tree for everyone; the form to add a subject for the programme office."""
    may_extend = runs_contract_programme(request.user)
    if request.method == "POST" and not may_extend:
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        raise PermissionDenied("contract template")
    edited = set(TemplateSubject.objects.values_list("key", flat=True))
    tree = _tree(edited)
    form = None
    if may_extend:
        parents = [(row["id"], ("– " * (row["depth"] - 1)) + row["name"]) for row in tree]
        form = NewSubjectForm(request.POST or None, parents=parents)
        if request.method == "POST" and form.is_valid():
            user: Any = request.user
            if saved(form, lambda values: template_services.add_subject(user, values)):
                messages.success(request, _("The subject was added."))
                return redirect("contracts-template")
    top = [row for row in tree if row["depth"] == 1]
    context = {"subjects": top, "count": len(tree), "form": form, "may_extend": may_extend}
    return render(request, "contracts/template.html", context)


@login_required
def edit_subject(request: HttpRequest, key: str) -> HttpResponse:
    """The programme office changes a subject's names and keywords (as of the version it
    opened)."""
    if not runs_contract_programme(request.user):
        raise PermissionDenied("contract template")
    subject = current_template().get(key)
    if subject is None:
        raise Http404(key)
    entry = next(e for e in current_data()["subjects"] if e["id"] == key)
    keywords = entry.get("keywords", {})
    initial = {
        "name_sv": subject.name_sv,
        "name_en": subject.name_en,
        "keywords_sv": "\n".join(keywords.get("sv", [])),
        "keywords_en": "\n".join(keywords.get("en", [])),
        "version": template_services.version_of(key),
    }
    form = SubjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: template_services.change_subject(user, key, values)):
            messages.success(request, _("Saved."))
            return redirect(f"/contracts/template/#subject-{key}")
    context = {"form": form, "subject": subject, "name": _name(subject), "in_file": in_file(key)}
    return render(request, "contracts/template_subject.html", context)


def template_json(request: HttpRequest) -> HttpResponse:
    """The template in use as ``subjects.json`` (to be committed back to the repository)."""
    written = run_export(
        request.user, TEMPLATE, ExportRequest(ExportFormat.JSON, reader=request.user)
    )
    return download(written.content, written.file_name, written.content_type)
