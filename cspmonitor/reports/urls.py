from django.urls import path

from cspmonitor.reports import description_views, narrative_views, views

app_name = "reports"

urlpatterns = [
    path("<slug:slug>/reports/", views.report_list, name="list"),
    path("<slug:slug>/reports/generate/", views.report_generate, name="generate"),
    path("<slug:slug>/reports/<int:pk>/", views.report_detail, name="report"),
    path("<slug:slug>/reports/<int:pk>/status.json", views.report_status, name="status"),
    path("<slug:slug>/reports/<int:pk>/download/", views.report_download, name="download"),
    path("<slug:slug>/reports/<int:pk>/read/", views.report_read, name="read"),
    path("<slug:slug>/reports/<int:pk>/compare/<int:other>/", views.report_compare, name="compare"),
    path("<slug:slug>/reports/wording/", narrative_views.text_overview, name="text"),
    path("<slug:slug>/reports/descriptions/", description_views.description_list, name="descriptions"),
    path("<slug:slug>/reports/descriptions/add/", description_views.description_edit, name="description_add"),
    path(
        "<slug:slug>/reports/descriptions/<int:pk>/",
        description_views.description_edit,
        name="description_edit",
    ),
    path(
        "<slug:slug>/reports/wording/<str:year>/<slug:section>/", narrative_views.text_edit, name="text_edit"
    ),
    path(
        "<slug:slug>/reports/wording/<str:year>/<slug:section>/history/",
        narrative_views.text_history,
        name="text_history",
    ),
]
