from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cspmonitor.analysis.geography import ReferenceDataError
from cspmonitor.partnership import onboarding


class Command(BaseCommand):
    help = (
        "Create a Community Safety Partnership from the ONS lookups (districts, county, police "
        "force area and police.uk force filled in) and print its slug. Refuses a code that is "
        "not in the lookup and a partnership that already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ons-code", required=True, help="The partnership's ONS code, such as E22000373."
        )
        parser.add_argument(
            "--admin",
            metavar="EMAIL",
            help="Make this person its administrator (an account is made if none exists; its "
            "owner sets a password through 'Forgot your password?').",
        )

    def handle(self, *args, ons_code, admin=None, **options):
        try:
            proposal = onboarding.propose(ons_code)
            user = _user(admin) if admin else None
            partnership = onboarding.create(proposal, administrator=user)
        except (onboarding.OnboardingError, ReferenceDataError) as error:
            raise CommandError(str(error)) from error
        districts = ", ".join(name for _, name in proposal.districts)
        self.stderr.write(
            f"Created {partnership.name}: {districts}; police.uk force {proposal.police_uk_force}"
            + (f"; administrator {user.email}" if user else "")
        )
        self.stdout.write(partnership.slug)


def _user(email: str):
    model = get_user_model()
    user = model.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        user = model.objects.create_user(email=email.strip())
        user.set_unusable_password()
        user.save()
    return user
