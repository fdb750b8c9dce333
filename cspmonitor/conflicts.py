"""A write that collides with another at the same moment gets a page that says so, not a 500.

The writes that people can make at the same moment (an action's quarterly update, a return
upload) are made safe where they happen; this is the net beneath every other form: a
uniqueness clash or a database still locked after its timeout is answered 409 with a
message, and logged with its traceback.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)


class WriteConflictMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, IntegrityError) or (
            isinstance(exception, OperationalError) and "locked" in str(exception)
        ):
            logger.warning("Write conflict on %s %s", request.method, request.path, exc_info=exception)
            return render(request, "conflict.html", status=409)
        return None
