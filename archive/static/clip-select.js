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

  story.addEventListener("mouseup", fill);
  story.addEventListener("keyup", fill);
  story.addEventListener("touchend", fill);
})();
