"""Kernkompas: an open-source platform for vital town and city centres."""

__version__ = "0.1.0"
