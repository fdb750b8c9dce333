from django.urls import path

from cspmonitor.members import views

app_name = "members"

urlpatterns = [
    path("p/<slug:slug>/members/", views.members, name="members"),
    path("p/<slug:slug>/members/invite/", views.invite, name="invite"),
    path(
        "p/<slug:slug>/members/<int:user_id>/reset-second-factor/",
        views.reset_second_factor,
        name="reset_second_factor",
    ),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("account/backup-codes/", views.backup_codes, name="backup_codes"),
    path("account/backup-codes/download/", views.backup_codes_download, name="backup_codes_download"),
]
