/* mathreel lesson page: captions and chapters from the page's own data (no
 * fetch, so file:// works), player controls, keyboard shortcuts, deep links
 * (#t=42, #chapter=3), the transcript following the video, and practice
 * checked with mathreelPractice.check (practice.js). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lesson-data").textContent);
  var video = document.getElementById("player");
  var status = document.getElementById("status");
  var speeds = data.speeds;

  function clock(seconds) {
    var whole = Math.floor(seconds + 1e-6), m = Math.floor(whole / 60), s = whole % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function say(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  // --- captions and chapters, attached with the TextTrack API -----------------
  var captions = video.addTextTrack("captions", "English", "en");
  data.cues.forEach(function (c) { captions.addCue(new VTTCue(c[0], c[1], c[2])); });
  captions.mode = "showing";
  var chapterTrack = video.addTextTrack("chapters", "Chapters", "en");
  data.chapters.forEach(function (c, k) {
    var end = k + 1 < data.chapters.length ? data.chapters[k + 1][1] : data.duration;
    if (end > c[1]) { chapterTrack.addCue(new VTTCue(c[1], end, c[0])); }
  });
  chapterTrack.mode = "hidden";

  // --- controls -----------------------------------------------------------------
  var controls = document.querySelector(".controls");
  var play = document.getElementById("play");
  var cc = document.getElementById("cc");
  var speed = document.getElementById("speed");
  controls.hidden = false;

  function seek(time, announce) {
    var end = isFinite(video.duration) ? video.duration : data.duration;
    time = Math.max(0, Math.min(end, time));
    video.currentTime = time;
    if (announce) { say(announce + " " + clock(time)); }
  }
  function toggle() {
    if (video.paused || video.ended) {
      var playing = video.play();
      if (playing && playing.catch) { playing.catch(function () {}); }
    } else {
      video.pause();
    }
  }
  function captionsLabel() {
    var on = captions.mode === "showing";
    cc.setAttribute("aria-pressed", on ? "true" : "false");
    cc.textContent = on ? "Captions on" : "Captions off";
  }
  function showCaptions(on) {
    captions.mode = on ? "showing" : "hidden";
    captionsLabel();
    say(on ? "Captions on" : "Captions off");
  }
  function setSpeed(value) {
    video.playbackRate = value;
    speed.value = String(value);
    say("Speed " + value + "×");
  }
  function stepSpeed(direction) {
    var now = speeds.indexOf(video.playbackRate);
    if (now < 0) { now = speeds.indexOf(1); }
    var next = Math.max(0, Math.min(speeds.length - 1, now + direction));
    setSpeed(speeds[next]);
  }
  speed.value = "1";
  Array.prototype.forEach.call(speed.options, function (o) {
    if (Number(o.value) === 1) { speed.value = o.value; }
  });

  play.addEventListener("click", toggle);
  document.getElementById("back").addEventListener("click", function () {
    seek(video.currentTime - 5, "Back to");
  });
  document.getElementById("forward").addEventListener("click", function () {
    seek(video.currentTime + 5, "Forward to");
  });
  cc.addEventListener("click", function () {
    showCaptions(captions.mode !== "showing");
  });
  speed.addEventListener("change", function () { setSpeed(Number(speed.value)); });
  video.addEventListener("play", function () { play.textContent = "Pause"; say("Playing"); });
  video.addEventListener("pause", function () {
    play.textContent = "Play";
    say("Paused at " + clock(video.currentTime));
  });
  video.addEventListener("ratechange", function () {
    var option = Array.prototype.find.call(speed.options, function (o) {
      return Number(o.value) === video.playbackRate;
    });
    if (option) { speed.value = option.value; }
  });
  video.textTracks.addEventListener("change", captionsLabel);  // the player's own menu

  // --- keyboard -----------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) {
      return;
    }
    var onControl = tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || tag === "VIDEO";
    var key = event.key;
    if (key === "k" || key === "K" || (key === " " && !onControl)) {
      toggle();
    } else if (key === "j" || key === "J" || (key === "ArrowLeft" && tag !== "VIDEO")) {
      seek(video.currentTime - 5, "Back to");
    } else if (key === "l" || key === "L" || (key === "ArrowRight" && tag !== "VIDEO")) {
      seek(video.currentTime + 5, "Forward to");
    } else if (key === "c" || key === "C") {
      showCaptions(captions.mode !== "showing");
    } else if (key === "<" || key === ",") {
      stepSpeed(-1);
    } else if (key === ">" || key === ".") {
      stepSpeed(1);
    } else if (/^[0-9]$/.test(key)) {
      seek((isFinite(video.duration) ? video.duration : data.duration) * Number(key) / 10, "At");
    } else {
      return;
    }
    event.preventDefault();
  });

  // --- chapters, transcript and deep links ------------------------------------
  var chapterLinks = Array.prototype.slice.call(document.querySelectorAll("ol.chapters a.seek"));
  var beats = Array.prototype.slice.call(document.querySelectorAll("li.beat"));

  function fromHash() {
    var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var match = /^t=(?:(\d+):)?(\d+(?:\.\d+)?)s?$/.exec(hash);
    if (match) {
      return (match[1] ? Number(match[1]) * 60 : 0) + Number(match[2]);
    }
    match = /^chapter=(\d+)$/.exec(hash);
    if (match && data.chapters[Number(match[1]) - 1]) {
      return data.chapters[Number(match[1]) - 1][1];
    }
    return null;
  }
  function followHash() {
    var time = fromHash();
    if (time === null) { return; }
    if (video.readyState >= 1) {
      seek(time, "At");
    } else {
      video.addEventListener("loadedmetadata", function once() {
        video.removeEventListener("loadedmetadata", once);
        seek(time, "At");
      });
    }
  }
  window.addEventListener("hashchange", followHash);
  followHash();

  chapterLinks.forEach(function (link) {
    link.addEventListener("click", function () {
      seek(Number(link.getAttribute("data-time")), "Chapter at");
    });
  });
  beats.forEach(function (beat) {
    beat.addEventListener("click", function () {
      seek(Number(beat.getAttribute("data-start")), "At");
    });
  });
  var currentBeat = null, currentChapter = null;
  video.addEventListener("timeupdate", function () {
    var now = video.currentTime + 0.01, beat = null, chapter = null;
    beats.forEach(function (b) {
      if (Number(b.getAttribute("data-start")) <= now) { beat = b; }
    });
    chapterLinks.forEach(function (a) {
      if (Number(a.getAttribute("data-time")) <= now) { chapter = a; }
    });
    if (beat !== currentBeat) {
      if (currentBeat) { currentBeat.classList.remove("current"); currentBeat.removeAttribute("aria-current"); }
      if (beat) { beat.classList.add("current"); beat.setAttribute("aria-current", "true"); }
      currentBeat = beat;
    }
    if (chapter !== currentChapter) {
      if (currentChapter) { currentChapter.removeAttribute("aria-current"); }
      if (chapter) { chapter.setAttribute("aria-current", "true"); }
      currentChapter = chapter;
    }
  });

  // --- practice -------------------------------------------------------------------
  var practice = data.practice;
  var list = document.getElementById("exercises");
  function typeset(element) {
    if (window.renderMathInElement) {
      window.renderMathInElement(element, {
        delimiters: [{ left: "$", right: "$", display: false }],
        throwOnError: false
      });
    }
  }
  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function exerciseItem(ex, k) {
    var n = k + 1, li = element("li", { "class": "exercise", "data-index": String(k) });
    li.appendChild(element("p", { "class": "prompt", id: "ex-" + n + "-prompt" }, ex.prompt));
    if (ex.choices.length) {
      var choices = element("ol", { "class": "choices" });
      ex.choices.forEach(function (c, j) {
        var item = element("li");
        item.appendChild(element("span", { "class": "letter" }, String.fromCharCode(97 + j) + ")"));
        item.appendChild(document.createTextNode(" " + c));
        choices.appendChild(item);
      });
      li.appendChild(choices);
    }
    var form = element("form", { "class": "check" });
    form.appendChild(element("label", { "for": "ex-" + n + "-input" }, "Your answer"));
    form.appendChild(element("input", {
      id: "ex-" + n + "-input", name: "answer", type: "text", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false",
      "aria-describedby": "ex-" + n + "-prompt ex-" + n + "-format"
    }));
    form.appendChild(element("button", { type: "submit" }, "Check"));
    form.appendChild(element("span", { "class": "format", id: "ex-" + n + "-format" }, ex.format));
    li.appendChild(form);
    li.appendChild(element("p", { "class": "feedback", role: "status", "aria-live": "polite" }));
    var hint = element("p", { "class": "hint" });
    hint.hidden = true;
    hint.appendChild(element("strong", {}, "Hint:"));
    hint.appendChild(document.createTextNode(" " + ex.hint));
    li.appendChild(hint);
    var details = element("details", { "class": "solution" });
    details.appendChild(element("summary", {}, "Answer and worked solution"));
    var answer = element("p");
    answer.appendChild(element("strong", {}, "Answer:"));
    answer.appendChild(document.createTextNode(" "));
    answer.appendChild(element("code", {}, ex.answer_text));
    if (ex.tolerance) { answer.appendChild(document.createTextNode(" (within ±" + ex.tolerance + ")")); }
    details.appendChild(answer);
    details.appendChild(element("p", {}, ex.solution));
    li.appendChild(details);
    return li;
  }
  function wire(li, ex) {
    var form = li.querySelector("form.check");
    var input = form.querySelector("input");
    var feedback = li.querySelector(".feedback");
    var hint = li.querySelector(".hint");
    var details = li.querySelector("details.solution");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      if (!text.trim()) {
        feedback.className = "feedback wrong";
        feedback.textContent = "Type an answer first: " + ex.format + ".";
        return;
      }
      if (window.mathreelPractice.check(ex, text)) {
        feedback.className = "feedback right";
        feedback.textContent = "Right. The worked solution is below.";
        input.setAttribute("aria-invalid", "false");
        details.open = true;
      } else {
        feedback.className = "feedback wrong";
        feedback.textContent = "Not quite. Here is a hint; try again.";
        input.setAttribute("aria-invalid", "true");
        hint.hidden = false;
      }
    });
  }
  var setIndex = 0;
  function wireAll() {
    var set = practice.sets[setIndex];
    Array.prototype.forEach.call(list.querySelectorAll("li.exercise"), function (li, k) {
      wire(li, set[k]);
    });
  }
  if (practice && list) {
    wireAll();
    var fresh = document.getElementById("fresh");
    if (practice.sets.length > 1) {
      fresh.parentNode.hidden = false;
      fresh.addEventListener("click", function () {
        setIndex = (setIndex + 1) % practice.sets.length;
        var set = practice.sets[setIndex];
        list.textContent = "";
        set.forEach(function (ex, k) { list.appendChild(exerciseItem(ex, k)); });
        wireAll();
        typeset(list);
        document.getElementById("set-number").textContent = String(setIndex + 1);
        document.getElementById("seed").textContent = String(practice.seeds[setIndex]);
        document.getElementById("practice-status").textContent =
          "New numbers: set " + (setIndex + 1) + " of " + practice.sets.length + ".";
      });
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("section.practice");
    if (section) { typeset(section); }
  });
})();
