from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "cspmonitor.panels"
    verbose_name = "Multi-agency panels"
