from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cspmonitor.plans"
    label = "plans"
    verbose_name = "Partnership plan and action plan"
