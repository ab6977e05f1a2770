// Một Văn Phòng: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Preview files chosen in a file input, before they are uploaded.
  function filePreview(root) {
    root.querySelectorAll("input[type=file][data-preview]").forEach(function (input) {
      var target = document.getElementById(input.dataset.preview);
      if (!target) { return; }
      input.addEventListener("change", function () {
        target.replaceChildren();
        Array.prototype.forEach.call(input.files, function (file, index) {
          var url = URL.createObjectURL(file);
          var title = document.createElement("div");
          title.className = "small text-muted mt-2";
          title.textContent = (index + 1) + ". " + file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
          target.appendChild(title);
          if (index > 0) { return; }
          var el;
          if (file.type === "application/pdf") {
            el = document.createElement("iframe");
            el.className = "preview-frame";
            el.title = "Xem trước " + file.name;
          } else if (file.type.indexOf("image/") === 0) {
            el = document.createElement("img");
            el.className = "preview-img";
            el.alt = "Xem trước " + file.name;
          }
          if (el) { el.src = url; target.appendChild(el); }
        });
      });
    });
  }

  // Ctrl+Enter submits the form the cursor is in (fast registration).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target.form || event.target.closest("form");
      if (form) { event.preventDefault(); form.requestSubmit(); }
    }
  });

  // Place what the server sizes by data attributes (the CSP forbids inline styles):
  // highlight boxes over a page image (percent of the page) and progress bars.
  function place(root) {
    root.querySelectorAll("[data-box]").forEach(function (el) {
      var v = el.dataset.box.split(",");
      el.style.left = v[0] + "%"; el.style.top = v[1] + "%";
      el.style.width = v[2] + "%"; el.style.height = v[3] + "%";
    });
    root.querySelectorAll("[data-percent]").forEach(function (el) {
      el.style.width = el.dataset.percent + "%";
    });
  }

  // Focusing a proposed field shows where on the page it was read.
  function linkFields(root) {
    root.querySelectorAll(".proposed[data-field]").forEach(function (box) {
      var boxes = document.querySelectorAll(".hl-box[data-field=" + box.dataset.field + "]");
      box.addEventListener("focusin", function () {
        boxes.forEach(function (b) { b.classList.add("hl-active"); });
      });
      box.addEventListener("focusout", function () {
        boxes.forEach(function (b) { b.classList.remove("hl-active"); });
      });
    });
  }

  // After a failed submit: the page title says "Lỗi:" and focus moves to the error summary,
  // whose links move focus to the field in error (issue 18 §5.1).
  function errorSummary(root, onLoad) {
    var summaries = root.querySelectorAll("[data-error-summary]");
    summaries.forEach(function (summary) {
      summary.querySelectorAll("a[href^='#']").forEach(function (link) {
        link.addEventListener("click", function (event) {
          var target = document.getElementById(link.getAttribute("href").slice(1));
          if (!target) { return; }
          var field = target.matches("input, select, textarea, button") ? target
            : target.querySelector("input:not([type=hidden]), select, textarea");
          if (field) { event.preventDefault(); field.focus(); field.scrollIntoView({block: "center"}); }
        });
      });
    });
    // A small form without a summary (one or two fields on a detail page): its first field
    // in error takes the focus, next to its message.
    var first = summaries.length ? summaries[0] : root.querySelector("[aria-invalid=true]");
    if (first && (onLoad || root !== document)) {
      if (document.title.indexOf("Lỗi: ") !== 0) { document.title = "Lỗi: " + document.title; }
      first.focus();
      // A page reached at an address with #main (the skip link) moves focus there once
      // loaded: take it back to the errors.
      if (onLoad) { window.addEventListener("load", function () { first.focus(); }, {once: true}); }
    }
  }

  function init(root, onLoad) { errorSummary(root, onLoad); filePreview(root); place(root); linkFields(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document, true); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
  document.addEventListener("htmx:load", function (event) { place(event.detail.elt); });
})();
