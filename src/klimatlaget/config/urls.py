from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from klimatlaget.api.routes import api
from klimatlaget.audit import views as audit_views
from klimatlaget.emissions import views as emissions_views
from klimatlaget.organisations import views as organisation_views
from klimatlaget.web import start
from klimatlaget.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("start/", start.start, name="start"),
    path("search.json", web_views.search_suggestions, name="search-suggestions"),
    path("method/", web_views.method, name="method"),
    path("method/documentation/", web_views.method_documentation, name="method-documentation"),
    path("healthz", web_views.healthz, name="healthz"),
    path("compare/", emissions_views.comparison, name="comparison"),
    path("compare.csv", emissions_views.comparison_csv, name="comparison-csv"),
    path("o/<str:code>/", emissions_views.organisation_page, name="organisation"),
    path(
        "o/<str:code>/emissions.csv",
        emissions_views.emissions_csv,
        name="organisation-emissions-csv",
    ),
    path(
        "o/<str:code>/pathways.csv",
        emissions_views.pathways_csv,
        name="organisation-pathways-csv",
    ),
    path("", include("klimatlaget.targets.urls")),
    path("", include("klimatlaget.associations.urls")),
    path("", include("klimatlaget.fees.urls")),
    path("", include("klimatlaget.surveys.urls")),
    path("", include("klimatlaget.measures.urls")),
    path("", include("klimatlaget.followup.urls")),
    path("", include("klimatlaget.budgets.urls")),
    path("", include("klimatlaget.investments.urls")),
    path("", include("klimatlaget.contracts.urls")),
    path("", include("klimatlaget.reporting.urls")),
    path("", include("klimatlaget.energy.urls")),
    path("", include("klimatlaget.reporting.exports_urls")),
    path("", include("klimatlaget.opendata.urls")),
    path("o/<str:code>/edit/", organisation_views.edit_profile, name="organisation-edit"),
    path("o/<str:code>/history/", audit_views.organisation_history, name="organisation-history"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switch sets nothing but the visitor's own language cookie, so it needs no
    # CSRF token; without one a public page holds nothing of its visitor and is cached whole.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "klimatlaget.web.errors.page_not_found"
handler500 = "klimatlaget.web.errors.server_error"
