from django.urls import path

from cspmonitor.crime import views

app_name = "crime"

urlpatterns = [
    path("<slug:slug>/assessments/", views.assessment_list, name="assessments"),
    path("<slug:slug>/assessments/run/", views.assessment_run, name="assessment_run"),
    path("<slug:slug>/assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("<slug:slug>/assessments/<int:pk>/status.json", views.assessment_status, name="assessment_status"),
    path("<slug:slug>/assessments/<int:pk>/assessment.json", views.assessment_json, name="assessment_json"),
    path(
        "<slug:slug>/assessments/<int:pk>/charts/<slug:name>.svg",
        views.assessment_chart,
        name="assessment_chart",
    ),
    path(
        "<slug:slug>/assessments/<int:pk>/maps/<slug:layer>.geojson",
        views.assessment_map_layer,
        name="assessment_map_layer",
    ),
]
