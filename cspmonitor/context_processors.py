def service(request):
    """Values every page's layout needs."""
    return {"service_name": "CSP Monitor"}
