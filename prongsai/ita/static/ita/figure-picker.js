/* The figure picker of a step's result: put the placeholder the server checked at the cursor.
 *
 * htmx swaps in the server's answer; an answer to "insert" carries the placeholder in
 * data-figure-insert, and this script writes it into the result textarea where the
 * cursor was (or at the end, if the textarea was never touched). No inline script:
 * CSP allows scripts from this site only.
 */
(function () {
  "use strict";

  function touched(textarea) {
    textarea.setAttribute("data-figure-cursor", "1");
  }

  function insertAt(textarea, text) {
    var value = textarea.value;
    var start = value.length;
    var end = value.length;
    if (textarea.hasAttribute("data-figure-cursor")) {
      start = textarea.selectionStart;
      end = textarea.selectionEnd;
    }
    var before = value.slice(0, start);
    var after = value.slice(end);
    // Keep the figure a word of its own: "จำนวน ๑๗ ราย", not "จำนวน๑๗ราย".
    if (before && !/\s$/.test(before)) { text = " " + text; }
    if (after && !/^\s/.test(after)) { text = text + " "; }
    textarea.focus();
    textarea.setRangeText(text, start, end, "end");
    touched(textarea);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-figure-target]")) {
      touched(event.target);
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var marker = event.detail.target.querySelector("[data-figure-insert]");
    if (!marker) { return; }
    var form = marker.closest("form");
    var textarea = form && form.querySelector("textarea[data-figure-target]");
    if (!textarea) { return; }
    insertAt(textarea, marker.getAttribute("data-figure-insert"));
    // Swapped again (say, by a second preview), the same answer must not insert twice.
    marker.removeAttribute("data-figure-insert");
  });
})();
