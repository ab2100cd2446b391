"""Lessons of the probability area."""
