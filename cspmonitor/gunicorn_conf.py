"""gunicorn's settings for `make serve`, taken from the site's own settings (and so from the
environment: WEB_WORKERS, WEB_THREADS, PORT, LOG_LEVEL)."""

from cspmonitor import settings

bind = [f"0.0.0.0:{settings.PORT}"]
workers = settings.WEB_WORKERS
threads = settings.WEB_THREADS  # the gthread worker: threads share each process's memory
worker_class = "gthread"
# An assessment or report runs in the background worker, never in a request; a request this
# slow is stuck, and its worker is replaced.
timeout = 60
graceful_timeout = 30
# Load the site before forking, so workers share its memory and a broken start fails at once.
preload_app = True
accesslog = "-"
errorlog = "-"
loglevel = settings.env_str("LOG_LEVEL", "INFO").lower()
# Behind a reverse proxy (which terminates TLS and sets X-Forwarded-Proto), trust only it.
forwarded_allow_ips = "127.0.0.1,::1"
