"""Lessons of the calculus area."""
