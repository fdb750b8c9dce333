from django.core.management.base import BaseCommand

from cspmonitor.demo.loader import demo_logins


class Command(BaseCommand):
    help = "Print the demo accounts, their password, and backup codes for two-factor sign-in."

    def handle(self, *args, **options):
        logins = demo_logins()
        if not logins:
            self.stderr.write("There are no demo accounts: run 'manage.py load_demo' first.")
            return
        self.stdout.write("Demo sign-ins (http://127.0.0.1:8000/accounts/sign-in/):")
        for login in logins:
            self.stdout.write(f"  {login.role:<26} {login.email:<38} password: {login.password}")
            if login.backup_codes:
                self.stdout.write(
                    "  "
                    + " " * 26
                    + " two-step sign-in backup codes (each works once): "
                    + " ".join(login.backup_codes[:5])
                )
