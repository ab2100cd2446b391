"""Lessons of the linear algebra area."""
