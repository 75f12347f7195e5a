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
  function start() {
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
