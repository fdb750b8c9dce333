from django.urls import path

from cspmonitor.panels import views

app_name = "panels"

_BASE = "<slug:slug>/panels/"
_PANEL = _BASE + "<int:panel_pk>/"

urlpatterns = [
    path(_BASE, views.panel_list, name="list"),
    path(_BASE + "locations.geojson", views.locations, name="locations"),
    path(_PANEL, views.panel_detail, name="panel"),
    path(_PANEL + "refer/", views.refer, name="refer"),
    path(_PANEL + "actions/", views.actions, name="actions"),
    path(_PANEL + "actions/<int:pk>/done/", views.action_done, name="action_done"),
    path(_PANEL + "meetings/new/", views.meeting_create, name="meeting_create"),
    path(_PANEL + "meetings/<int:pk>/", views.meeting, name="meeting"),
    path(_PANEL + "meetings/<int:pk>/cases/<int:case_pk>/", views.minute, name="minute"),
    path(_PANEL + "cases/<int:pk>/", views.case_detail, name="case"),
    path(_PANEL + "cases/<int:pk>/risk/", views.risk, name="risk"),
    path(_PANEL + "cases/<int:pk>/close/", views.close, name="close"),
    path(_PANEL + "cases/<int:pk>/case-file.pdf", views.export, name="export"),
    path(_PANEL + "cases/<int:pk>/disclosures/new/", views.disclosure, name="disclosure"),
]
