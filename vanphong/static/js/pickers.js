/* Tree pickers (vanphong/widgets.py TreePicker) and typed date boxes.
   Without this file the picker is plain nested checkboxes and dates are plain text. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ");
  }

  function choices(scope) {
    return Array.from(scope.querySelectorAll("input[type=checkbox][name]"));
  }

  function ownText(node) {
    var row = node.querySelector(":scope > .form-check");
    return row ? fold(row.textContent) : "";
  }

  function children(node) {
    return Array.from(node.querySelectorAll(":scope > ul > [data-tree-node]"));
  }

  /* Shows a node when it, a heading above it or a row below it matches. */
  function filterNode(node, query, headingMatched) {
    var own = headingMatched || ownText(node).indexOf(query) !== -1;
    var anyChild = false;
    children(node).forEach(function (child) {
      if (filterNode(child, query, own)) { anyChild = true; }
    });
    var visible = !query || own || anyChild;
    node.hidden = !visible;
    node.toggleAttribute("data-tree-match", Boolean(query) && own);
    return visible;
  }

  function setup(picker) {
    if (picker.dataset.treeReady) { return; }
    picker.dataset.treeReady = "1";
    var search = picker.querySelector("[data-tree-search]");
    var count = picker.querySelector("[data-tree-count]");
    var empty = picker.querySelector("[data-tree-empty]");
    var list = picker.querySelector(".tree-picker-list");
    var groups = Array.from(picker.querySelectorAll("[data-tree-all]"));
    search.hidden = false;
    count.hidden = false;
    groups.forEach(function (box) { box.hidden = false; });

    function refresh() {
      var chosen = choices(picker).filter(function (box) { return box.checked; }).length;
      count.textContent = chosen ? "Đã chọn " + chosen : "Chưa chọn";
      groups.forEach(function (box) {
        var inner = choices(box.closest("[data-tree-node]"));
        var ticked = inner.filter(function (b) { return b.checked; }).length;
        box.checked = inner.length > 0 && ticked === inner.length;
        box.indeterminate = ticked > 0 && ticked < inner.length;
      });
    }

    /* The first row the search matched, else the first row shown. */
    function firstVisible() {
      var shown = Array.from(list.querySelectorAll("input[type=checkbox]")).filter(function (box) {
        return !box.hidden && !box.closest("[hidden]");
      });
      return shown.find(function (box) {
        return box.closest("[data-tree-node]").hasAttribute("data-tree-match");
      }) || shown[0];
    }

    search.addEventListener("input", function () {
      var query = fold(search.value.trim());
      var shown = 0;
      Array.from(list.children).forEach(function (node) {
        if (filterNode(node, query, false)) { shown += 1; }
      });
      empty.hidden = shown > 0;
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();  /* Enter here picks, it does not send the form */
        var box = firstVisible();
        if (box) { box.focus(); }
      } else if (event.key === "Escape" && search.value) {
        event.preventDefault();
        search.value = "";
        search.dispatchEvent(new Event("input"));
      }
    });
    picker.addEventListener("change", function (event) {
      var box = event.target;
      if (box.hasAttribute("data-tree-all")) {
        choices(box.closest("[data-tree-node]")).forEach(function (b) { b.checked = box.checked; });
      }
      refresh();
    });
    refresh();
  }

  /* 05032026 -> 05/03/2026 and 5/3/2026 -> 05/03/2026 when the box is left. */
  function tidyDate(event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-date-input]")) { return; }
    var value = box.value.trim();
    var compact = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
    var loose = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    var parts = compact || loose;
    if (parts) {
      box.value = ("0" + parts[1]).slice(-2) + "/" + ("0" + parts[2]).slice(-2) + "/" + parts[3];
    }
  }

  function init(root) {
    (root || document).querySelectorAll("[data-tree-picker]").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
  document.addEventListener("change", tidyDate, true);
}());
