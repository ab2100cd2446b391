"""The course page, merging CI shards, the local server and the page's commands.

The page's HTML is checked by parsing it (structure, escaping, links); the page
in a real browser is ``tests/test_page_browser.py``. Lessons here are tiny
synthetic videos with real caption files, so these tests take a second or two.
"""

from __future__ import annotations

import json
import os
import shlex
import threading
import urllib.request
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import av
import numpy as np
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from record_data import complete, complete_manifest

from mathreel.core.course import load_course
from mathreel.core.errors import MathreelError
from mathreel.narration.captions import Cue, vtt
from mathreel.outputs.page import build_page, find_rendered, make_server, merge_shards
from mathreel.outputs.previews import make_all_previews
from render import cli

FPS = 10
SIZE = (64, 36)
EVIL = '<script>alert("x")</script> & co'


def tiny_video(path: Path, frames: int) -> None:
    """An H.264 MP4 of ``frames`` grey frames."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as output:
        stream = output.add_stream("libx264", rate=FPS)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for n in range(frames):
            pixels = np.full((SIZE[1], SIZE[0], 3), 40 + 5 * n % 200, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts = n
            frame.time_base = Fraction(1, FPS)
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)


def lesson(
    folder: Path, number: int, slug: str, area: str, cue: str = "First words", **extra
) -> dict:
    """A rendered lesson's files and record (30 frames, 3 beats, 2 chapters)."""
    stem = f"{number:02d}-{slug}"
    tiny_video(folder / f"{stem}.mp4", 30)
    cues = [
        Cue(0.0, 1.0, (cue,), 0, 0),
        Cue(1.0, 2.0, ("Second", "two lines"), 1, 10),
        Cue(2.0, 3.0, ("Third",), 2, 20),
    ]
    (folder / f"{stem}.vtt").write_text(vtt(cues))
    (folder / f"{stem}.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nx\n")
    (folder / f"{stem}.chapters.vtt").write_text("WEBVTT\n")
    record = {
        "lesson": slug,
        "number": number,
        "title": f"Lesson {slug}",
        "area": area,
        "summary": f"What {slug} shows.",
        "params": {"x0": 1.5, "matrix": [[2, 1], [1, 3]]},
        "given": {"x0": 1.5},
        "quality": "36p10",
        "width": SIZE[0],
        "height": SIZE[1],
        "fps": FPS,
        "decoded_frames": 30,
        "planned_frames": 30,
        "duration": 3.0,
        "video": f"{stem}.mp4",
        "captions": {"vtt": f"{stem}.vtt", "srt": f"{stem}.srt"},
        "chapters_vtt": f"{stem}.chapters.vtt",
        "voice": "none",
        "has_audio": False,
        "sha256": f"sha-{slug}",
        "beats": [
            {"index": k, "start_frame": 10 * k, "frames": 10, "text": f"Beat {k}."}
            for k in range(3)
        ],
        "chapters": [
            {"title": "Introduction", "start_frame": 0},
            {"title": "The idea", "start_frame": 15},
        ],
        "manim_version": "0.22.0",
    }
    record.update(extra)
    record = complete(record, cues)
    (folder / f"{stem}.json").write_text(json.dumps(record))
    return record


def manifest(folder: Path, records: list[dict], **extra) -> None:
    data = {
        "course": "mathreel",
        "quality": "36p10",
        "width": SIZE[0],
        "height": SIZE[1],
        "fps": FPS,
        "generated_at": "2026-05-01T10:00:00+00:00",
        "lessons": records,
    }
    data.update(extra)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps(complete_manifest(data)))


class Tree(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **wanted) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k) == v for k, v in wanted.items())
        ]


def parse(path: Path) -> Tree:
    tree = Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    return tree


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("page") / "36p10"
    records = [
        lesson(root, 1, "vectors", "linear-algebra"),
        lesson(
            root, 4, "evil", "linear-algebra", cue=EVIL, title=EVIL, params={"f": EVIL}
        ),
        lesson(root, 11, "derivatives", "calculus"),
    ]
    manifest(root, records)
    make_all_previews(root)
    return root


def test_page_lists_the_course_in_order_grouped_by_area(folder):
    page = build_page(folder)
    assert page == folder / "index.html"
    tree = parse(page)
    ids = [a["id"] for a in tree.all("article", **{"class": "lesson"})]
    assert ids == ["lesson-vectors", "lesson-evil", "lesson-derivatives"]
    areas = [a["id"] for a in tree.all("h2", **{"class": "area"})]
    assert areas == ["area-linear-algebra", "area-calculus"]
    text = " ".join(tree.text)
    assert "Linear algebra" in text and "Calculus" in text
    assert "What vectors shows." in text and "0:03" in text
    toc = [a["href"] for a in tree.all("a") if (a["href"] or "").startswith("#lesson-")]
    assert toc == ["#lesson-vectors", "#lesson-evil", "#lesson-derivatives"]


def test_each_lesson_has_a_player_captions_chapters_and_links(folder):
    tree = parse(build_page(folder))
    videos = tree.all("video")
    assert [v["src"] for v in videos] == [
        "01-vectors.mp4",
        "04-evil.mp4",
        "11-derivatives.mp4",
    ]
    for video in videos:
        assert "controls" in video and video["preload"] == "metadata"
        assert video["poster"].startswith("previews/") and video["poster"].endswith(
            ".poster.png"
        )
        assert float(video["data-duration"]) == 3.0
    # no <track> (Chromium refuses one from file://): each player's cues are in
    # the page, attached by its script with the TextTrack API
    assert tree.all("track") == []
    html = (folder / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    cues = [json.loads(s.string) for s in soup.select("div.player script.cues")]
    assert [len(c) for c in cues] == [3, 3, 3]
    assert cues[0][1] == [1.0, 2.0, "Second\ntwo lines"]
    assert "addTextTrack" in html
    seeks = [float(a["data-time"]) for a in tree.all("button", **{"class": "seek"})]
    assert seeks == [0.0, 1.5] * 3
    hrefs = {a["href"] for a in tree.all("a")}
    for name in (
        "01-vectors.mp4",
        "01-vectors.vtt",
        "01-vectors.srt",
        "previews/01-vectors.sheet.png",
        "previews/01-vectors.key.webp",
    ):
        assert name in hrefs
    cc = tree.all("button", **{"class": "cc"})
    assert len(cc) == 3 and all(b["aria-pressed"] == "true" for b in cc)
    assert tree.all("meta", name="viewport")
    html = (folder / "index.html").read_text()
    assert "http://" not in html and "https://" not in html  # nothing from the network


def test_titles_and_parameters_are_escaped(folder):
    html = build_page(folder).read_text()
    assert EVIL not in html
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    tree = parse(folder / "index.html")
    text = "".join(tree.text)
    assert EVIL in text  # shown to the reader exactly as written
    assert html.count("<script") == 4  # the page's script and three lessons' cues
    given = [a for a in tree.all("span", **{"class": "set"})]
    assert len(given) == 2  # x0 was given with --set in two lessons


def test_parameters_are_listed(folder):
    """Each lesson's parameter list holds its names and values, --set ones marked."""
    html = build_page(folder).read_text(encoding="utf-8")
    listed = {}
    for article in BeautifulSoup(html, "html.parser").select("article.lesson"):
        rows = article.select("dl.params > div")
        listed[article["id"]] = {
            row.dt.contents[0].strip(): (row.dd.get_text(), bool(row.dt.select(".set")))
            for row in rows
        }
    given = {"x0": ("1.5", True), "matrix": ("[[2,1],[1,3]]", False)}
    assert listed == {
        "lesson-vectors": given,
        "lesson-evil": {"f": (json.dumps(EVIL), False)},  # strings shown quoted
        "lesson-derivatives": given,
    }


def test_bad_folders_are_one_clear_line(tmp_path):
    with pytest.raises(MathreelError, match="does not exist"):
        build_page(tmp_path / "none")
    manifest(tmp_path / "empty", [])
    with pytest.raises(MathreelError, match="no rendered lessons"):
        build_page(tmp_path / "empty")
    record = lesson(tmp_path / "gone", 1, "vectors", "linear-algebra")
    manifest(tmp_path / "gone", [record])
    (tmp_path / "gone" / "01-vectors.mp4").unlink()
    with pytest.raises(MathreelError, match=r"01-vectors\.mp4 is missing"):
        build_page(tmp_path / "gone")
    assert not (tmp_path / "gone" / "index.html").exists()


def shards(root: Path) -> list[Path]:
    """Two shard folders as CI downloads them: shard-1 and shard-2."""
    first = root / "shard-1" / "36p10"
    second = root / "shard-2" / "36p10"
    manifest(first, [lesson(first, 4, "evil", "linear-algebra")])
    manifest(
        second,
        [
            lesson(second, 1, "vectors", "linear-algebra"),
            lesson(second, 11, "derivatives", "calculus"),
        ],
    )
    make_all_previews(first)
    return [first, second]


def test_merging_shards_gives_one_course(tmp_path):
    sources = shards(tmp_path / "shards")
    assert find_rendered(tmp_path / "shards") == sources
    target = tmp_path / "site" / "36p10"
    path = merge_shards(sources, target)
    merged = json.loads(path.read_text())
    assert [r["lesson"] for r in merged["lessons"]] == [
        "vectors",
        "evil",
        "derivatives",
    ]
    assert merged["fps"] == FPS and merged["merged_from"] == 2
    first, second = sources
    for folder, name in (
        (second, "01-vectors.mp4"),
        (first, "04-evil.vtt"),
        (second, "11-derivatives.json"),
        (first, "previews/04-evil.sheet.png"),
    ):
        assert (target / name).read_bytes() == (folder / name).read_bytes()
    source = sources[0] / "04-evil.mp4"
    assert (target / "04-evil.mp4").stat().st_mtime_ns == source.stat().st_mtime_ns
    page = parse(build_page(target))
    assert [a["id"] for a in page.all("article", **{"class": "lesson"})] == [
        "lesson-vectors",
        "lesson-evil",
        "lesson-derivatives",
    ]
    again = merge_shards([*sources, target], target)  # merging into a source is fine
    assert len(json.loads(again.read_text())["lessons"]) == 3


def test_merging_refuses_mixed_settings_and_conflicts(tmp_path):
    sources = shards(tmp_path / "a")
    other = tmp_path / "b" / "36p10"
    manifest(other, [lesson(other, 2, "dot", "linear-algebra")], fps=5)
    with pytest.raises(MathreelError, match="merge folders of one quality"):
        merge_shards([*sources, other], tmp_path / "out")
    clash = tmp_path / "c" / "36p10"
    manifest(clash, [lesson(clash, 4, "evil", "linear-algebra", sha256="other")])
    with pytest.raises(MathreelError, match="'evil' is in both"):
        merge_shards([*sources, clash], tmp_path / "out")
    with pytest.raises(MathreelError, match="nothing to merge"):
        merge_shards([], tmp_path / "out")


def test_preview_merge_command(tmp_path):
    shards(tmp_path / "shards")
    result = CliRunner().invoke(
        cli,
        [
            "preview",
            "--merge",
            str(tmp_path / "shards"),
            "--out",
            str(tmp_path / "site"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Merged 3 lesson(s) from 2 folder(s)" in result.output
    site = tmp_path / "site" / "36p10"
    page = parse(site / "index.html")
    assert len(page.all("article", **{"class": "lesson"})) == 3
    assert len(list((site / "previews").glob("*.sheet.png"))) == 3
    result = CliRunner().invoke(
        cli, ["preview", "--merge", str(tmp_path / "site"), "vectors"]
    )
    assert result.exit_code == 1 and "--merge renders nothing" in result.output
    (tmp_path / "nothing").mkdir()
    result = CliRunner().invoke(cli, ["preview", "--merge", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no rendered folder")


def get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_server_serves_byte_ranges(folder):
    build_page(folder)
    server = make_server(folder, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        status, headers, body = get(base)
        assert status == 200 and b"<!doctype html>" in body
        video = (folder / "01-vectors.mp4").read_bytes()
        status, headers, body = get(base + "01-vectors.mp4", {"Range": "bytes=4-11"})
        assert status == 206 and body == video[4:12]
        assert headers["Content-Range"] == f"bytes 4-11/{len(video)}"
        assert headers["Content-Type"] == "video/mp4"
        status, _, body = get(base + "01-vectors.mp4", {"Range": "bytes=-5"})
        assert status == 206 and body == video[-5:]
        status, _, body = get(base + "01-vectors.mp4", {"Range": "bytes=10-"})
        assert status == 206 and body == video[10:]
        status, _, _ = get(base + "01-vectors.mp4", {"Range": f"bytes={len(video)}-"})
        assert status == 416
        status, headers, _ = get(base + "01-vectors.vtt")
        assert status == 200 and headers["Content-Type"] == "text/vtt"
    finally:
        server.shutdown()
        server.server_close()


def test_server_port_in_use_is_one_line(folder):
    server = make_server(folder, port=0)
    try:
        with pytest.raises(MathreelError, match="pass another --port"):
            make_server(folder, port=server.server_address[1])
    finally:
        server.server_close()


def test_serve_command_builds_the_page_and_serves_it(folder, monkeypatch):
    import mathreel.outputs.page

    calls = []

    def fake_serve(where, host, port, *, ready):
        calls.append((where, host, port))
        ready(f"http://{host}:{port}/")

    monkeypatch.setattr(mathreel.outputs.page, "serve", fake_serve)
    (folder / "index.html").unlink(missing_ok=True)
    result = CliRunner().invoke(cli, ["serve", "--dir", str(folder), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [(folder, "127.0.0.1", 8123)]
    assert f"Serving {folder}/ at http://127.0.0.1:8123/index.html" in result.output
    assert (folder / "index.html").exists()
    result = CliRunner().invoke(cli, ["serve", "--out", str(folder / "nope")])
    assert result.exit_code == 1 and result.output.count("\n") == 1


def test_new_commands_have_help():
    for command in ("serve", "course", "preview"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Usage: " in result.output


@pytest.mark.slow
def test_preview_command_renders_previews_and_page(rendered):
    out = rendered.parent
    stem = load_course().get("linear-transformations").stem  # its number in the course
    before = (rendered / f"{stem}.mp4").stat().st_mtime_ns
    args = ["preview", "linear-transformations", "--resolution", "192x108"]
    args += ["--fps", "5", "--out", str(out), "--shard", "1/1", "--jobs", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Shard 1/1: linear-transformations" in result.output
    assert "cached" in result.output  # the same engine as 'render': current is kept
    assert f"Page:     {rendered / 'index.html'}" in result.output
    assert (rendered / f"{stem}.mp4").stat().st_mtime_ns == before
    for kind in ("poster.png", "key.webp", "sheet.png"):
        assert (rendered / "previews" / f"{stem}.{kind}").exists()
    tree = parse(rendered / "index.html")
    assert len(tree.all("video")) >= 2
    assert os.path.getsize(rendered / "index.html") > 5000


WORKFLOW = Path(__file__).parents[3] / ".github" / "workflows" / "preview.yml"


def mathreel_calls(workflow: dict) -> list[list[str]]:
    """The mathreel command lines of every ``run`` step, ``${{ matrix.shard }}`` as 1."""
    calls = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                words = shlex.split(line.replace("${{ matrix.shard }}", "1"))
                if words and words[0].endswith("bin/mathreel"):
                    calls.append(words[1:])
    return calls


def test_preview_workflow_is_valid_and_its_commands_exist(tmp_path, monkeypatch):
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers
    render, page = workflow["jobs"]["render"], workflow["jobs"]["page"]
    shards = render["strategy"]["matrix"]["shard"]
    assert page["needs"] == "render"
    calls = mathreel_calls(workflow)
    assert [c[0] for c in calls] == [
        "preview",
        "preview",
        "course",
        "practice",
        "practice",
    ]
    worksheets = [c for c in calls if c[0] == "practice"]
    assert all("--all" in c and "--out" in c for c in worksheets)
    assert all(c[c.index("--out") + 1].startswith("site/preview/") for c in worksheets)
    assert f"1/{len(shards)}" in calls[0] and shards == list(range(1, len(shards) + 1))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shards").mkdir()
    for args in calls:
        command = cli.commands[args[0]]
        with command.make_context(args[0], args[1:]) as context:  # parses every option
            assert context.params
    uploads = [
        s["with"]["path"]
        for job in (render, page)
        for s in job["steps"]
        if "upload-artifact" in s.get("uses", "")
    ]
    assert uploads == ["out/preview/", "site/preview/"]
