// Trix on the staff pages that write news and pages. Loaded before Trix itself,
// so that its settings are in place when the first editor starts.
(function () {
  "use strict";

  // Headings inside the text are h2: the page's own title is its only h1.
  document.addEventListener("trix-before-initialize", function () {
    window.Trix.config.blockAttributes.heading1.tagName = "h2";
  });

  // No files in the text: a news picture has its own field, checked by the server.
  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault();
  });
  document.addEventListener("trix-attachment-add", function (event) {
    event.attachment.remove();
  });
})();
