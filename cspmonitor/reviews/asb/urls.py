from django.urls import path

from cspmonitor.reviews.asb import views

app_name = "asb"

_BASE = "<slug:slug>/asb-case-reviews/"

urlpatterns = [
    path(_BASE, views.application_list, name="list"),
    path(_BASE + "new/", views.application_create, name="create"),
    path(_BASE + "figures/", views.figures, name="figures"),
    path(_BASE + "figures.csv", views.figures_csv, name="figures_csv"),
    path(_BASE + "<int:pk>/", views.application_detail, name="application"),
    path(_BASE + "<int:pk>/edit/", views.application_edit, name="edit"),
    path(_BASE + "<int:pk>/decision/", views.decision, name="decision"),
    path(_BASE + "<int:pk>/complaints/new/", views.complaint_create, name="complaint_create"),
    path(_BASE + "<int:pk>/complaints/<int:item>/edit/", views.complaint_edit, name="complaint_edit"),
    path(_BASE + "<int:pk>/recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path(
        _BASE + "<int:pk>/recommendations/<int:item>/edit/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
]
