from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "cspmonitor.partnership"
    label = "partnership"
    verbose_name = "Partnership registry"
