"""Narration: voice engines behind one interface, the pronunciation layer, beat timing, captions."""
