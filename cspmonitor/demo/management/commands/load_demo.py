from django.core.management.base import BaseCommand

from cspmonitor.demo.crime import load_demo_crime
from cspmonitor.demo.loader import load_western_suffolk


class Command(BaseCommand):
    help = (
        "Load the Western Suffolk CSP demo (partnership, areas, partners, groups, meetings and "
        "a user for every role), two years of synthetic Suffolk crime data and its strategic "
        "assessment. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-crime",
            action="store_true",
            help="Load the registry only, without crime data and the assessment.",
        )

    def handle(self, *args, without_crime=False, **options):
        partnership = load_western_suffolk()
        self.stdout.write(
            self.style.SUCCESS(f"Loaded the demo partnership '{partnership.name}' (slug {partnership.slug}).")
        )
        if not without_crime:
            load_demo_crime(partnership, say=self.stdout.write)
