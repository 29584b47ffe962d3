// Optional help on the review page; without JavaScript the reviewer types words, characters or times.
// - Selecting words in the text (#review-text, or the timed transcript #review-transcript) fills in
//   the "mark by character position" form. Offsets count code points, as the server does.
// - "Start here" / "End here" take the player's position into the "mark by time" stretch.
(function () {
  var form = document.getElementById("add-span");
  var boxes = ["review-text", "review-transcript"].map(function (id) { return document.getElementById(id); })
    .filter(Boolean);

  function offset(node, at) {
    var el = node.nodeType === 3 ? node.parentNode : node;
    var part = el && el.closest ? el.closest("[data-at]") : null;
    if (!part || !boxes.some(function (b) { return b.contains(part); })) return null;
    var root = part.querySelector(".tx") || part;
    if (root !== node && !root.contains(node)) return null;
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, at);
    return parseInt(part.getAttribute("data-at"), 10) + Array.from(range.toString()).length;
  }

  function fill() {
    var sel = window.getSelection();
    if (!form || !sel || sel.isCollapsed || sel.rangeCount === 0) return;
    var range = sel.getRangeAt(0);
    var start = offset(range.startContainer, range.startOffset);
    var end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    form.querySelector("[name=start]").value = start;
    form.querySelector("[name=end]").value = end;
    form.querySelector("[name=words]").value = ""; // the form prefers words: the selection wins here
    document.getElementById("by-position").open = true;
    var note = document.getElementById("selection");
    note.textContent = "Selected: “" + sel.toString() + "” (characters " + start + "–" + end + ").";
    note.hidden = false;
  }

  boxes.forEach(function (box) {
    box.addEventListener("mouseup", fill);
    box.addEventListener("keyup", fill);
    box.addEventListener("touchend", function () { window.setTimeout(fill, 0); });
  });
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (sel && !sel.isCollapsed && boxes.some(function (b) { return b.contains(sel.anchorNode); })) fill();
  });

  var timeForm = document.getElementById("mark-time");
  var audio = document.querySelector("audio[data-player]");
  if (timeForm && audio) {
    var bar = timeForm.querySelector(".now-buttons");
    var field = timeForm.querySelector("[name=stretch]");
    bar.hidden = false;
    var fmt = function (t) {
      var m = Math.floor(t / 60), s = (t - m * 60).toFixed(1);
      return m + ":" + (s < 10 ? "0" : "") + s;
    };
    bar.addEventListener("click", function (e) {
      var which = e.target.getAttribute && e.target.getAttribute("data-now");
      if (!which) return;
      var parts = (field.value || "").split(/\s*[-–]\s*/);
      if (which === "start") parts = [fmt(audio.currentTime), parts[1] || ""];
      else parts = [parts[0] || "", fmt(audio.currentTime)];
      field.value = parts[0] + "-" + parts[1];
    });
  }
})();
