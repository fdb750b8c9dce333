"""Background work of the crime app, on Django's Tasks framework (django-tasks-db)."""

from django.tasks import task


@task
def run_assessment(assessment_id: int) -> str:
    """Compute one queued assessment; its page polls the record for progress."""
    # Imported here: the statistics stack (SciPy) is heavy, and every management command
    # loads this module through the URL checks.
    from cspmonitor.background import lease
    from cspmonitor.crime.assessment import compute
    from cspmonitor.crime.models import Assessment

    with lease(Assessment, assessment_id):
        assessment = compute(Assessment.objects.select_related("partnership").get(pk=assessment_id))
    return assessment.status
