"""The core model: errors, safe files and locks, parameters, the timeline and plan, the course registry, quality presets, typed records."""
