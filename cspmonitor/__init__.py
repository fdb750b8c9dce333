"""CSP Monitor: runs a Community Safety Partnership's statutory cycle from one source of data."""
