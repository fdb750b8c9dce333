"""Builders: plain functions that read the ORM and return a ``blocks.Document``."""

from cspmonitor.reports.builders.annual import build_annual_report

__all__ = ["build_annual_report"]
