// The admin's export page (templates/admin/import_export/export.html): "Vælg
// alle" checks or unchecks the field boxes of its own resource. Bound here
// instead of an inline onchange attribute, which the CSP blocks.
(function () {
  "use strict";

  function fieldBoxes(toggle) {
    var row = toggle.closest("[resource-index]");
    var selector = row
      ? '.selectable-field-export-row[resource-index="' +
        row.getAttribute("resource-index") +
        '"] input[type="checkbox"]'
      : '.selectable-field-export-row input[type="checkbox"]';
    return Array.prototype.filter.call(
      document.querySelectorAll(selector),
      function (box) {
        return !box.classList.contains("select-toggle");
      }
    );
  }

  function bind() {
    document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        fieldBoxes(toggle).forEach(function (box) {
          box.checked = toggle.checked;
        });
      });
      // The toggle follows the boxes: checked only while all of them are.
      fieldBoxes(toggle).forEach(function (box) {
        box.addEventListener("change", function () {
          toggle.checked = fieldBoxes(toggle).every(function (other) {
            return other.checked;
          });
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
