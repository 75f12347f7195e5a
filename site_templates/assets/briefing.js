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
    table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  // Each heading becomes a button (reached with Tab, pressed with Enter or Space); the heading
  // says how the column is sorted (aria-sort), and the table's caption says how to sort.
  function sortable(table) {
    table.querySelectorAll("thead th").forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "briefing-sort";
      while (header.firstChild) { button.appendChild(header.firstChild); }
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortBy(table, column, header); });
    });
    if (!table.caption) {
      table.createCaption().textContent = "Select a column heading to sort by it.";
      table.caption.className = "briefing-visually-hidden";
    }
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
// Wide tables and pictures scroll inside their own box: the box can be reached with Tab (to
// scroll by keyboard) and shows a hint while there is more to see sideways.
(function () {
  "use strict";
  var boxes = ".md-typeset__scrollwrap, .briefing-table-scroll, .briefing-network, .briefing-chart-scroll";
  function hint(box) {
    var more = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("briefing-scrolls", more);
    box.classList.toggle("briefing-scrolled-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
  }
  // A box's name: its table's caption, else "Table" and the heading above it, numbered when a
  // section holds several, so that every scrolling region has a name of its own.
  var names = {};
  function name(box) {
    var table = box.querySelector("table");
    if (table && table.caption) { return table.caption.textContent.trim(); }
    var heading = null, node = box;
    while (node && !heading) {
      var previous = node.previousElementSibling;
      while (previous && !/^H[1-6]$/.test(previous.tagName)) { previous = previous.previousElementSibling; }
      heading = previous;
      node = node.parentElement;
      if (node && node.tagName === "ARTICLE") { break; }
    }
    var text = "Table" + (heading ? ": " + heading.textContent.trim() : "");
    names[text] = (names[text] || 0) + 1;
    return names[text] > 1 ? text + " (" + names[text] + ")" : text;
  }
  var started = false;
  function start() {
    if (started) { return; }
    started = true;
    document.querySelectorAll(boxes).forEach(function (box) {
      if (!box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box) + " (scrolls sideways)");
      }
      hint(box);
      box.addEventListener("scroll", function () { hint(box); }, {passive: true});
    });
    window.addEventListener("resize", function () { document.querySelectorAll(boxes).forEach(hint); });
    // Material's search is a dialog without a name; give it one.
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) { search.setAttribute("aria-label", "Search"); }
    markArabicIn(document.querySelector(".md-search-result"));
  }
  // Search results are drawn by Material from the index: mark their Arabic runs as the pages do.
  var ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u200c\u200d0-9.,-]+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*/g;
  function markText(node) {
    var text = node.data, match, last = 0, parts = document.createDocumentFragment();
    ARABIC.lastIndex = 0;
    while ((match = ARABIC.exec(text)) !== null) {
      parts.appendChild(document.createTextNode(text.slice(last, match.index)));
      var span = document.createElement("span");
      span.lang = "ar";
      span.dir = "rtl";
      span.textContent = match[0];
      parts.appendChild(span);
      last = match.index + match[0].length;
    }
    if (last === 0) { return; }
    parts.appendChild(document.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(parts, node);
  }
  function markArabicIn(root) {
    if (!root) { return; }
    var observer = new MutationObserver(function () {
      observer.disconnect();
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), found = [];
      while (walker.nextNode()) {
        var node = walker.currentNode;
        if (ARABIC.test(node.data) && !node.parentNode.closest("[lang^=ar]")) { found.push(node); }
        ARABIC.lastIndex = 0;
      }
      found.forEach(markText);
      observer.observe(root, {childList: true, subtree: true});
    });
    observer.observe(root, {childList: true, subtree: true});
  }
  // after Material has wrapped the tables in its scroll boxes (its document$ runs our function
  // after its own), or on load when Material's script is absent
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
