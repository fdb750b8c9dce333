def service(request):
    """Values every page's layout needs: the service's name and, on a partnership's pages, the
    year in view that the header shows and lets officers change."""
    values = {"service_name": "CSP Monitor"}
    partnership = getattr(request, "partnership", None)
    if partnership is not None:
        from cspmonitor.partnership.year_views import years_to_view

        values["year_in_view"] = partnership.year()
        values["years_to_view"] = years_to_view(partnership)
    return values
