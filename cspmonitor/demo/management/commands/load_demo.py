from django.core.management.base import BaseCommand

from cspmonitor.demo.loader import load_western_suffolk


class Command(BaseCommand):
    help = (
        "Load the Western Suffolk CSP demo (partnership, areas, partners, groups, meetings and "
        "a user for every role). Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        partnership = load_western_suffolk()
        self.stdout.write(self.style.SUCCESS(
            f"Loaded the demo partnership '{partnership.name}' (slug {partnership.slug})."
        ))
