"""Background work of crime data uploads, on Django's Tasks framework (django-tasks-db)."""

from django.tasks import task


@task
def import_upload(upload_id: int) -> str:
    """Import one queued upload; its page polls the record for progress."""
    from cspmonitor.crimedata.services import run

    return run(upload_id).status


@task
def fetch_due_months() -> str:
    """The monthly police.uk fetch for every partnership that switched it on."""
    from cspmonitor.crimedata.monthly import fetch_due

    return "\n".join(fetch_due())
