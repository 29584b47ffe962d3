// Optional: select a passage in the story's text to fill in the clip form. Without JavaScript the
// educator copies the passage into the form, or types its times; the server finds it in the text.
(function () {
  var form = document.getElementById("clip-form");
  var story = form && form.closest("article");
  if (!story) return;
  var tools = form.closest(".story-tools");

  function fill() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
    var range = sel.getRangeAt(0);
    // Only a selection in the story itself: not in the tools, the form or the citation.
    if (!story.contains(range.commonAncestorContainer)) return;
    if (tools && tools.contains(range.commonAncestorContainer)) return;
    var text = sel.toString().replace(/\s+/g, " ").trim();
    if (!text) return;
    form.querySelector("[name=phrase]").value = text;
    var details = form.closest("details");
    if (details) details.open = true;
    var note = document.getElementById("clip-selection");
    note.textContent = "Selected " + Array.from(text).length + " characters for the clip. Give it a title to make it.";
    note.hidden = false;
  }

  // With a player on the page: "Start/End where the player is" take its position (paused or playing),
  // and a report of a problem says where the listener was. Without JavaScript the buttons stay hidden.
  var audio = story.querySelector("audio");
  function clock(seconds) {
    var tenths = Math.floor(seconds * 10) / 10;
    var m = Math.floor(tenths / 60), s = (tenths - m * 60).toFixed(1);
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  if (audio) {
    form.querySelectorAll("[data-clip-now]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.getAttribute("data-clip-now"));
        input.value = clock(audio.currentTime || 0);
        document.getElementById("clip-now-said").textContent =
          (input.id === "clip-start" ? "Start" : "End") + " set to " + input.value + ".";
      });
    });
    var report = story.querySelector("#report form");
    if (report) {
      report.addEventListener("submit", function () {
        if (audio.currentTime > 0) report.querySelector("[name=at]").value = audio.currentTime.toFixed(1);
      });
    }
  }

  story.addEventListener("mouseup", fill);
  story.addEventListener("keyup", fill);
  story.addEventListener("touchend", fill);
})();
