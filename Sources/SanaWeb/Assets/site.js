// Suggestions while typing in the question box. The page works without this script: the box is
// an ordinary form that submits to /search.
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !window.fetch) return;
  var form = input.form;
  var list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var timer = null, latest = "";

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
  }

  function show(items) {
    list.textContent = "";
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "q-option-" + i;
      var a = document.createElement("a");
      a.textContent = item.text;
      a.href = item.href;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  input.addEventListener("input", function () {
    var text = input.value.trim();
    clearTimeout(timer);
    if (text.length < 2) { close(); return; }
    timer = setTimeout(function () {
      latest = text;
      fetch("/suggest?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (latest === text) show(items); })
        .catch(close);
    }, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") close();
    if (e.key === "ArrowDown" && !list.hidden) { e.preventDefault(); var first = list.querySelector("a"); if (first) first.focus(); }
  });
  list.addEventListener("keydown", function (e) {
    var items = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at < items.length - 1) { e.preventDefault(); items[at + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); if (at > 0) items[at - 1].focus(); else input.focus(); }
    if (e.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
})();
