"""The benchmark's own measures (the benchmark itself runs by hand: scripts/bench)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks import bench


def test_ssim_is_one_for_equal_images_and_drops_with_noise():
    rng = np.random.default_rng(3)
    image = np.tile(np.linspace(40, 200, 96), (64, 1)).astype(np.uint8)

    def noisy(sigma):
        noise = rng.normal(0, sigma, image.shape)
        return np.clip(image + noise, 0, 255).astype(np.uint8)

    assert bench.ssim(image, image) == pytest.approx(1.0)
    assert 1.0 > bench.ssim(image, noisy(5)) > bench.ssim(image, noisy(40))
    assert bench.ssim(image, noisy(40)) < 0.5


def test_unknown_parts_are_refused(capsys):
    with pytest.raises(SystemExit):
        bench.main(["--parts", "cold,speed"])
    assert "unknown --parts speed" in capsys.readouterr().err


def test_parts_not_run_leave_no_rows(tmp_path, capsys):
    # no runs at all: every measure is left out, none is reported as failing
    figures = tmp_path / "bench.json"
    assert (
        bench.main(["--parts", "single", "--repeat", "0", "--json", str(figures)]) == 0
    )
    data = json.loads(figures.read_text())
    assert data["results"] == {} and data["cold_manim_s"] == []
    assert "cold render" not in capsys.readouterr().out
