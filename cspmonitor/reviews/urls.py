from django.urls import path

from cspmonitor.reviews import views

app_name = "reviews"

urlpatterns = [
    path("<slug:slug>/reviews/", views.review_list, name="list"),
    path("<slug:slug>/reviews/dhr/new/", views.dhr_create, name="dhr_create"),
    path("<slug:slug>/reviews/dhr/<int:pk>/", views.dhr_detail, name="dhr"),
    path("<slug:slug>/reviews/dhr/<int:pk>/edit/", views.dhr_edit, name="dhr_edit"),
    path("<slug:slug>/reviews/dhr/<int:pk>/pauses/new/", views.pause_create, name="pause_create"),
    path("<slug:slug>/reviews/dhr/<int:pk>/pauses/<int:pause>/end/", views.pause_end, name="pause_end"),
    path(
        "<slug:slug>/reviews/dhr/<int:pk>/actions/new/", views.action_item_create, name="action_item_create"
    ),
    path(
        "<slug:slug>/reviews/dhr/<int:pk>/actions/<int:item>/edit/",
        views.action_item_edit,
        name="action_item_edit",
    ),
    path("<slug:slug>/reviews/dhr/<int:pk>/access-log/", views.access_log, name="access_log"),
    path("<slug:slug>/reviews/serious-violence-duty/", views.svd, name="svd"),
    path(
        "<slug:slug>/reviews/serious-violence-duty/updates/new/", views.svd_update_create, name="svd_update"
    ),
    path(
        "<slug:slug>/reviews/serious-violence-duty/milestones/<int:pk>/",
        views.svd_milestone_edit,
        name="svd_milestone",
    ),
]
