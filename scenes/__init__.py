"""The course content: one lesson module per concept, grouped by area.

``scenes/course.toml`` lists the lessons in course order; ``scenes/style.py`` is
the one module lessons share (palette, type sizes, title and recap cards).
Lesson modules never import each other.
"""
