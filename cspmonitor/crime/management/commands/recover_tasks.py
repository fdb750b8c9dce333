from django.core.management.base import BaseCommand

from cspmonitor.background import recover_all
from cspmonitor.crime.services import mark_interrupted_imports


class Command(BaseCommand):
    help = (
        "Find background work whose worker died (assessments and reports left 'running', crime "
        "imports whose process is gone): queue it again or fail it with a message. Run at start-up."
    )

    def handle(self, *args, **options):
        tasks = recover_all()
        imports = mark_interrupted_imports()
        self.stdout.write(f"{tasks} abandoned tasks recovered; {imports} interrupted imports marked.")
