from django.urls import path

from cspmonitor.activity import views

app_name = "activity"

urlpatterns = [
    path("<slug:slug>/outputs/", views.outputs, name="outputs"),
    path("<slug:slug>/outputs/<slug:kind>/new/", views.output_create, name="output_create"),
    path("<slug:slug>/outputs/<slug:kind>/<int:pk>/edit/", views.output_edit, name="output_edit"),
    path("<slug:slug>/outputs/<slug:kind>/<int:pk>/delete/", views.output_delete, name="output_delete"),
    path("<slug:slug>/services/", views.services, name="services"),
    path("<slug:slug>/returns/", views.returns_start, name="returns"),
    path("<slug:slug>/returns/<int:org>/<str:quarter>/", views.return_detail, name="return"),
    path(
        "<slug:slug>/returns/<int:org>/<str:quarter>/template.xlsx",
        views.return_template,
        name="return_template",
    ),
    path("<slug:slug>/returns/<int:org>/<str:quarter>/upload/", views.return_upload, name="return_upload"),
    path("<slug:slug>/returns/<int:org>/<str:quarter>/confirm/", views.return_confirm, name="return_confirm"),
    path(
        "<slug:slug>/returns/<int:org>/<str:quarter>/withdraw/", views.return_withdraw, name="return_withdraw"
    ),
]
