"""The benchmark: mathreel against plain manim, side by side (run it with scripts/bench)."""
