"""Sportello: information, orientation and social tutoring for foreign residents."""

__version__ = "0.1.0"
