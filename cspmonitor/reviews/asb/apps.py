from django.apps import AppConfig


class AsbConfig(AppConfig):
    name = "cspmonitor.reviews.asb"
    label = "asb"
    verbose_name = "ASB Case Reviews"
