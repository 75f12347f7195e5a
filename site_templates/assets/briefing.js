// The briefing's own script, served by the site: filters a table by the group chosen in a <select>.
(function () {
  "use strict";
  function filter(select) {
    var table = document.getElementById(select.getAttribute("data-filter-table"));
    if (!table) { return; }
    var wanted = select.value;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var groups = (row.getAttribute("data-groups") || "").split(" ");
      row.hidden = wanted !== "" && groups.indexOf(wanted) === -1;
    });
  }
  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
      return ascending ? x.localeCompare(y) : y.localeCompare(x);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function sortable(table) {
    table.querySelectorAll("thead th").forEach(function (header, column) {
      header.style.cursor = "pointer";
      header.title = "Sort by this column";
      header.addEventListener("click", function () { sortBy(table, column, header); });
    });
  }
  function start() {
    document.querySelectorAll(".briefing-sortable table").forEach(sortable);
    document.querySelectorAll("select.briefing-filter").forEach(function (select) {
      select.addEventListener("change", function () { filter(select); });
      filter(select);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
// "Relations as of": show only the relations (SVG lines and table rows) that held on the chosen
// date; partial dates (2019, 2019-06) compare at their own precision.
(function () {
  "use strict";
  function held(element, date) {
    var since = element.getAttribute("data-since"), until = element.getAttribute("data-until");
    if (since && since > date.slice(0, since.length)) { return false; }
    if (until && date.slice(0, until.length) > until) { return false; }
    return true;
  }
  function apply(input) {
    var date = input.value || new Date().toISOString().slice(0, 10);
    var shown = 0, total = 0;
    input.getAttribute("data-asof-target").split(" ").forEach(function (id) {
      var root = document.getElementById(id);
      if (!root) { return; }
      root.querySelectorAll("line, tbody tr").forEach(function (element) {
        var visible = held(element, date);
        if (element.tagName.toLowerCase() === "line") {
          element.setAttribute("visibility", visible ? "visible" : "hidden");
          total += 1;
          shown += visible ? 1 : 0;
        } else {
          element.hidden = !visible;
        }
      });
    });
    var count = input.parentNode.querySelector(".briefing-asof-count");
    if (count) { count.textContent = shown + " of " + total + " relations held on " + date + "."; }
  }
  function start() {
    document.querySelectorAll("input.briefing-asof-input").forEach(function (input) {
      if (!input.value) { input.value = new Date().toISOString().slice(0, 10); }
      input.addEventListener("change", function () { apply(input); });
      input.addEventListener("input", function () { apply(input); });
      apply(input);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
