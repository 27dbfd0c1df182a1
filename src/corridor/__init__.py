"""Corridor: the cooperation platform for immigration and police agencies."""

__version__ = "0.1.0"
