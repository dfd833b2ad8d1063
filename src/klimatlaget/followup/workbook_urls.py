"""The follow-up workbook: a period as Excel (``2025-q2.xlsx`` a quarter, ``2025.xlsx`` the
whole year), and the page to upload it filled in."""

from django.urls import URLPattern, path, register_converter

from klimatlaget.followup import workbook_views as views


class WorkbookPeriodConverter:
    """``2025-q2`` → (2025, 2), ``2025`` → (2025, 0) (the whole year), and back: the period as
    the follow-up pages write it."""

    regex = r"[0-9]{4}(?:-q[1-4])?"

    def to_python(self, value: str) -> tuple[int, int]:
        year, _q, quarter = value.partition("-q")
        return int(year), int(quarter or 0)

    def to_url(self, value: tuple[int, int]) -> str:
        year, quarter = value
        return f"{year}-q{quarter}" if quarter else str(year)


register_converter(WorkbookPeriodConverter, "workbook_period")

urlpatterns: list[URLPattern] = [
    path(
        "o/<str:code>/follow-up/<workbook_period:period>.xlsx",
        views.period_workbook,
        name="follow-up-xlsx",
    ),
    path(
        "o/<str:code>/follow-up/<workbook_period:period>/upload/",
        views.upload_page,
        name="follow-up-upload",
    ),
]
