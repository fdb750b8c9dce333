from django.urls import path

from cspmonitor.partnership import views

app_name = "partnership"

urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/districts.geojson", views.districts_geojson, name="districts_geojson"),
    path("<slug:slug>/organisations/new/", views.organisation_create, name="organisation_create"),
    path("<slug:slug>/organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/groups/new/", views.group_create, name="group_create"),
    path("<slug:slug>/groups/<int:pk>/", views.group_detail, name="group"),
    path("<slug:slug>/groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
]
