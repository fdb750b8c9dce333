from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "cspmonitor.demo"
    label = "demo"
    verbose_name = "Western Suffolk demo"
