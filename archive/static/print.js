// Print buttons (data-print) show only where a script can press "print" for the user; without
// JavaScript the page says to use the browser's own Print command.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
