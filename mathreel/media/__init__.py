"""Media: encoder settings, probing and joining videos, the narration track's audio, burned captions, GIFs, frame extraction."""
