// Filtering is an addition: without JavaScript the form stays hidden and every finding shows.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var cells = Array.prototype.slice.call(document.querySelectorAll("td.hit"));
  var parts = Array.prototype.slice.call(document.querySelectorAll(".part"));
  var count = document.getElementById("filter-count");

  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
      severities[box.value] = box.checked;
    });
    var rule = form.elements.rule.value;
    var shown = 0;
    findings.forEach(function (item) {
      var visible = severities[item.dataset.severity] && (rule === "" || item.dataset.code === rule);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    // A cell stays highlighted while one of the findings about it is shown.
    cells.forEach(function (cell) {
      var on = cell.dataset.findings.split(" ").some(function (id) {
        var item = document.getElementById(id);
        return item && !item.hidden;
      });
      cell.classList.toggle("off", !on);
    });
    parts.forEach(function (part) {
      part.hidden = !part.querySelector(".finding:not([hidden])");
    });
    count.textContent = "显示 " + shown + " / " + findings.length + " 个问题";
  }

  form.addEventListener("change", apply);
  apply();
}());
