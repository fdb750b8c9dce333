"""Background work of the reports app, on Django's Tasks framework (django-tasks-db)."""

from django.tasks import task


@task
def generate_report(report_id: int) -> str:
    """Generate one queued report; its page polls the record for progress."""
    from cspmonitor.background import lease
    from cspmonitor.reports.models import GeneratedReport
    from cspmonitor.reports.services import generate

    with lease(GeneratedReport, report_id):
        report = generate(GeneratedReport.objects.select_related("partnership").get(pk=report_id))
    return report.status
