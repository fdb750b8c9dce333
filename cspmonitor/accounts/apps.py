from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cspmonitor.accounts"
    label = "accounts"
    verbose_name = "People and roles"
