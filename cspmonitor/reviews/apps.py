from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "cspmonitor.reviews"
    label = "reviews"
    verbose_name = "Statutory reviews"
