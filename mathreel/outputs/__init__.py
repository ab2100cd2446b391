"""Outputs built from lesson records: previews, the course page and lesson pages, the course video."""
