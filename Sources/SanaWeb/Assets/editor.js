// The draft editor's live preview. Without this script the form's Preview button shows the same
// preview by posting the form; with it, the preview follows the text a moment after typing stops.
// The whole form is posted (with its CSRF token) to the preview route, which saves nothing and
// answers the preview panel's HTML, built and escaped on the server.
(function () {
  "use strict";
  var form = document.querySelector("form.draft");
  var panel = document.getElementById("preview-panel");
  if (!form || !panel || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var url = form.getAttribute("data-preview-url");
  var timer = null, sent = 0;

  function refresh() {
    var fields = new URLSearchParams(new FormData(form));
    fields.delete("preview");
    var mine = ++sent;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields.toString()
    })
      .then(function (r) { return r.ok ? r.text() : null; })
      // Only the answer to the latest request is shown: an older one may arrive last.
      .then(function (html) { if (html !== null && mine === sent) panel.innerHTML = html; })
      .catch(function () {});
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
