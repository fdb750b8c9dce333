from django.urls import path

from cspmonitor.plans import plan_views, views

app_name = "plans"

urlpatterns = [
    path("<slug:slug>/plan/", views.dashboard, name="dashboard"),
    path("<slug:slug>/plan/actions.svg", views.dashboard_chart, name="dashboard_chart"),
    path("<slug:slug>/plan/changes/", views.changes, name="changes"),
    path("<slug:slug>/plan/plans/", plan_views.plan_list, name="plans"),
    path("<slug:slug>/plan/plans/new/", plan_views.plan_create, name="plan_create"),
    path("<slug:slug>/plan/plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("<slug:slug>/plan/plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("<slug:slug>/plan/plans/<int:pk>/refresh/<str:year>/", plan_views.plan_refresh, name="plan_refresh"),
    path("<slug:slug>/plan/priorities/new/", views.priority_create, name="priority_create"),
    path("<slug:slug>/plan/priorities/<int:pk>/", views.priority_detail, name="priority"),
    path("<slug:slug>/plan/priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("<slug:slug>/plan/priorities/<int:pk>/outputs.svg", views.priority_chart, name="priority_chart"),
    path("<slug:slug>/plan/objectives/new/", views.objective_create, name="objective_create"),
    path("<slug:slug>/plan/objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("<slug:slug>/plan/actions/new/", views.action_create, name="action_create"),
    path("<slug:slug>/plan/actions/<int:pk>/", views.action_detail, name="action"),
    path("<slug:slug>/plan/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("<slug:slug>/plan/actions/<int:pk>/update/", views.update_create, name="update_create"),
    path("<slug:slug>/plan/actions/<int:pk>/declassify/", views.action_declassify, name="action_declassify"),
    path("<slug:slug>/plan/actions/<int:pk>/history/", views.action_history, name="action_history"),
    path("<slug:slug>/plan/export/<slug:table>.csv", views.export_csv, name="export"),
]
