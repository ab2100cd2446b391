"""Rendering one lesson in a worker: the render options and output paths, the content keys and caches, the worker itself.

Everything here, with core, lesson, media, narration and patches, can change a lesson's frames, sound or captions, so its source is part of every render's cache key (:mod:`mathreel.render.cache`)."""
