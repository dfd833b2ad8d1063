"""The follow-up pages: an organisation's periods, and a period (``2025-q2`` a quarter, ``2025``
the whole year) with its reports, approving and deleting it, its CSV and its workbook (download
pre-filled, upload filled in)."""

from django.urls import URLPattern, path, register_converter

from klimatlaget.followup import views, workbook_views


class PeriodConverter:
    """``2025-q2`` → (2025, 2), ``2025`` → (2025, 0) (the whole year), and back."""

    regex = r"[0-9]{4}(?:-q[1-4])?"

    def to_python(self, value: str) -> tuple[int, int]:
        year, _q, quarter = value.partition("-q")
        return int(year), int(quarter or 0)

    def to_url(self, value: tuple[int, int]) -> str:
        year, quarter = value
        return f"{year}-q{quarter}" if quarter else str(year)


register_converter(PeriodConverter, "period")

urlpatterns: list[URLPattern] = [
    path("o/<str:code>/follow-up/", views.period_list, name="follow-up-list"),
    path("o/<str:code>/follow-up/<period:period>/", views.period_page, name="follow-up"),
    path("o/<str:code>/follow-up/<period:period>.csv", views.period_csv, name="follow-up-csv"),
    path(
        "o/<str:code>/follow-up/<period:period>/approve/",
        views.approve,
        name="follow-up-approve",
    ),
    path("o/<str:code>/follow-up/<period:period>/delete/", views.delete, name="follow-up-delete"),
    path(
        "o/<str:code>/follow-up/<period:period>.xlsx",
        workbook_views.period_workbook,
        name="follow-up-xlsx",
    ),
    path(
        "o/<str:code>/follow-up/<period:period>/upload/",
        workbook_views.upload_page,
        name="follow-up-upload",
    ),
]
