"""Crime statistics for community safety partnerships.

Plain Python (NumPy, SciPy, DuckDB): this package never imports Django. The web
application calls it; it never calls the web application.
"""
