from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "cspmonitor.members"
    verbose_name = "Members and invitations"
