from django.apps import AppConfig


class CrimeDataConfig(AppConfig):
    name = "cspmonitor.crimedata"
    verbose_name = "Crime data uploads and downloads"
