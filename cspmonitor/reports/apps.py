from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "cspmonitor.reports"
    label = "reports"
    verbose_name = "Reports generated from the partnership's records"
