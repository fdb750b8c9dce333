from django.urls import path

from cspmonitor.crimedata import views

app_name = "crimedata"

urlpatterns = [
    path("<slug:slug>/crime-data/", views.crime_data, name="crime_data"),
    path("<slug:slug>/crime-data/upload/", views.upload, name="upload_files"),
    path("<slug:slug>/crime-data/monthly/", views.monthly_fetch, name="monthly_fetch"),
    path("<slug:slug>/crime-data/uploads/<int:pk>/", views.upload_detail, name="upload"),
    path("<slug:slug>/crime-data/uploads/<int:pk>/confirm/", views.upload_confirm, name="upload_confirm"),
    path("<slug:slug>/crime-data/uploads/<int:pk>/status.json", views.upload_status, name="upload_status"),
    path("<slug:slug>/crime-data/uploads/<int:pk>/rejects.csv", views.upload_rejects, name="upload_rejects"),
]
