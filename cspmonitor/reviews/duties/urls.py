from django.urls import path

from cspmonitor.reviews.duties import views

app_name = "duties"

urlpatterns = [
    path("<slug:slug>/calendar/", views.calendar, name="calendar"),
    path("<slug:slug>/calendar/statutory-calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("<slug:slug>/calendar/statutory-calendar.csv", views.calendar_csv, name="calendar_csv"),
    path("<slug:slug>/calendar/settings/", views.calendar_settings, name="settings"),
    path("<slug:slug>/calendar/owners/<slug:key>/", views.owner_edit, name="owner_edit"),
    path("<slug:slug>/calendar/done/<slug:key>/<str:due>/", views.mark_done, name="mark_done"),
]
