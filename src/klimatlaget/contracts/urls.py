from django.urls import URLPattern, path

from klimatlaget.contracts import (
    compare_views,
    comparing_views,
    export_views,
    template_views,
    views,
)

_CONTRACT = "o/<str:code>/contracts/<int:year>"
_CSV = {"table_format": "csv"}
_XLSX = {"table_format": "xlsx"}

urlpatterns: list[URLPattern] = [
    path("contracts/template/", template_views.template_page, name="contracts-template"),
    path(
        "contracts/template/subjects.json",
        template_views.template_json,
        name="contracts-template-json",
    ),
    path(
        "contracts/template/<str:key>/edit/",
        template_views.edit_subject,
        name="contracts-template-subject",
    ),
    path("contracts/compare/", comparing_views.compare, name="contracts-compare"),
    path("contracts/compare.csv", comparing_views.compare, _CSV, name="contracts-compare-csv"),
    path("contracts/compare.xlsx", comparing_views.compare, _XLSX, name="contracts-compare-xlsx"),
    path("contracts/search/", comparing_views.search_page, name="contracts-search"),
    path("contracts/coverage/", comparing_views.coverage, name="contracts-coverage"),
    path("contracts/coverage.csv", comparing_views.coverage, _CSV, name="contracts-coverage-csv"),
    path(
        "contracts/coverage.xlsx", comparing_views.coverage, _XLSX, name="contracts-coverage-xlsx"
    ),
    path(f"{_CONTRACT}/coverage/", comparing_views.city_coverage, name="contract-coverage"),
    path(
        f"{_CONTRACT}/coverage.csv",
        comparing_views.city_coverage,
        _CSV,
        name="contract-coverage-csv",
    ),
    path("o/<str:code>/contracts/", views.contract_list, name="contracts"),
    path("o/<str:code>/contracts/import/", views.import_contract, name="contract-import"),
    path(
        "o/<str:code>/contracts/import/confirm/",
        views.confirm_import,
        name="contract-import-confirm",
    ),
    path(f"{_CONTRACT}/", views.contract_page, name="contract"),
    path(f"{_CONTRACT}/compare/", compare_views.compare_page, name="contract-compare"),
    path(f"{_CONTRACT}/compare.csv", compare_views.compare_csv, name="contract-compare-csv"),
    path(f"{_CONTRACT}/contract.json", export_views.contract_json, name="contract-json"),
    path(f"{_CONTRACT}/contract.docx", export_views.contract_docx_view, name="contract-docx"),
    path(f"{_CONTRACT}/contract.pdf", export_views.contract_pdf_view, name="contract-pdf"),
    path(f"{_CONTRACT}/edit/", views.edit_contract, name="contract-edit"),
    path(f"{_CONTRACT}/new-version/", views.new_version, name="contract-new-version"),
    path(
        f"{_CONTRACT}/sections/<int:section_id>/edit/",
        views.edit_section,
        name="contract-section-edit",
    ),
    path(
        f"{_CONTRACT}/sections/<int:section_id>/links/",
        views.section_links,
        name="contract-section-links",
    ),
    path(
        f"{_CONTRACT}/sections/<int:section_id>/links/<int:link_id>/remove/",
        views.remove_link,
        name="contract-link-remove",
    ),
    path(f"{_CONTRACT}/parties/", views.parties, name="contract-parties"),
    path(f"{_CONTRACT}/commitments/", views.commitments, name="contract-commitments"),
    path(
        f"{_CONTRACT}/commitments/<int:commitment_id>/status/",
        views.commitment_status,
        name="contract-commitment-status",
    ),
]
