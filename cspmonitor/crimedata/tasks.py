"""Background work of crime data uploads, on Django's Tasks framework (django-tasks-db)."""

from django.tasks import task


@task
def import_upload(upload_id: int) -> str:
    """Import one queued upload; its page polls the record for progress."""
    from cspmonitor.crimedata.services import run

    return run(upload_id).status
