"""Poppler's command-line tools for reading PDFs in tests (make test installs poppler-utils)."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install poppler-utils (make test installs it)")
    return path


def run(*args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(args, input=data, capture_output=True, check=True, timeout=60).stdout  # noqa: S603


def pdf_text(path) -> str:
    return run(tool("pdftotext"), str(path), "-").decode()
