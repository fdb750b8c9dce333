"""Background work of the crime app, on Django's Tasks framework (django-tasks-db)."""

from django.tasks import task

from cspmonitor.crime.assessment import compute
from cspmonitor.crime.models import Assessment


@task
def run_assessment(assessment_id: int) -> str:
    """Compute one queued assessment; its page polls the record for progress."""
    assessment = compute(Assessment.objects.select_related("partnership").get(pk=assessment_id))
    return assessment.status
