/* mathreel course page: each player's captions come from cue text embedded in
 * the page and are attached with the TextTrack API (no track file to fetch: Chromium
 * refuses those from file://); captions toggle; chapter buttons seek. */
(function () {
  "use strict";
  document.querySelectorAll("article.lesson").forEach(function (box) {
    var video = box.querySelector("video");
    if (!video) { return; }
    var data = box.querySelector("script.cues");
    var cues = data ? JSON.parse(data.textContent) : [];
    var track = video.addTextTrack("captions", "English", "en");
    cues.forEach(function (c) { track.addCue(new VTTCue(c[0], c[1], c[2])); });
    track.mode = "showing";
    var buttons = Array.prototype.slice.call(box.querySelectorAll("button.seek"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        video.currentTime = parseFloat(button.getAttribute("data-time"));
        var playing = video.play();
        if (playing && playing.catch) { playing.catch(function () {}); }
      });
    });
    video.addEventListener("timeupdate", function () {
      var now = video.currentTime + 0.01, current = null;
      buttons.forEach(function (b) {
        if (parseFloat(b.getAttribute("data-time")) <= now) { current = b; }
      });
      buttons.forEach(function (b) {
        if (b === current) { b.setAttribute("aria-current", "true"); }
        else { b.removeAttribute("aria-current"); }
      });
    });
    var cc = box.querySelector("button.cc");
    if (!cc) { return; }
    cc.hidden = false;
    function label() {
      var on = track.mode === "showing";
      cc.setAttribute("aria-pressed", on ? "true" : "false");
      cc.textContent = on ? "Captions on" : "Captions off";
    }
    cc.addEventListener("click", function () {
      track.mode = track.mode === "showing" ? "hidden" : "showing";
      label();
    });
    video.textTracks.addEventListener("change", label);
  });
})();
