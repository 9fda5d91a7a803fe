"""Cleaned figures and charts on the repatriation of ISIS-era detainees from Syria and Iraq."""

from importlib.metadata import version as _version

__version__ = _version("repatriation")
