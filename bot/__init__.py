"""Garant: the guarantor of the editorial line."""

__version__ = "0.1.0"
