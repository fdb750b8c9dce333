from django.apps import AppConfig


class CrimeConfig(AppConfig):
    name = "cspmonitor.crime"
    label = "crime"
    verbose_name = "Crime data and the strategic assessment"
