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
