from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "cspmonitor.reviews.duties"
    label = "duties"
    verbose_name = "Statutory calendar"
