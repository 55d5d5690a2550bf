// "Copy link" on a news item: the button shows only where this script runs.
(function () {
  "use strict";

  function copyByHand(text) {
    // Older browsers, and pages not served over HTTPS, have no clipboard API.
    var scratch = document.createElement("textarea");
    scratch.value = text;
    scratch.setAttribute("readonly", "");
    scratch.className = "share__scratch";
    document.body.appendChild(scratch);
    scratch.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    scratch.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var status = document.getElementById(button.dataset.status);
    button.hidden = false;
    button.addEventListener("click", function () {
      var link = button.dataset.copyLink;
      var copying = navigator.clipboard
        ? navigator.clipboard.writeText(link).catch(function () { return copyByHand(link); })
        : copyByHand(link);
      copying.then(
        function () { status.textContent = button.dataset.copied; },
        function () { status.textContent = button.dataset.failed + " " + link; }
      );
    });
  });
})();
