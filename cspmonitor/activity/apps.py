from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "cspmonitor.activity"
    label = "activity"
    verbose_name = "Outputs partners deliver"
