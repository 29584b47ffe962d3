// Optional: select words in the review page's marked text to fill in the "mark by character position"
// form. Without JavaScript the reviewer types the words or the characters instead.
(function () {
  var box = document.getElementById("review-text");
  var form = document.getElementById("add-span");
  if (!box || !form) return;

  // The character offset in the story's text of a point in the page, or null outside the text.
  // Offsets count code points, as the server does (a JavaScript string counts UTF-16 units).
  function offset(node, at) {
    var part = node.nodeType === 3 ? node.parentNode : node;
    if (!part || !part.hasAttribute || !part.hasAttribute("data-at") || !box.contains(part)) return null;
    // A point between a part's children (some browsers give those) counts the text before it.
    var before = node.nodeType === 3 ? node.data.slice(0, at) : (at > 0 ? node.textContent : "");
    return parseInt(part.getAttribute("data-at"), 10) + Array.from(before).length;
  }

  function fill() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
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

  box.addEventListener("mouseup", fill);
  box.addEventListener("keyup", fill);
})();
