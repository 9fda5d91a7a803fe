// The states index (chapters/states): a finder over every state and event, and columns that sort on a click.
// The finder's data (window.REPATRIATION_FINDER: label, address, detail and the words each is found by) is
// written at each build into _static/finder-data.js, loaded before this script. Works offline from
// file://; no library.
document.addEventListener("DOMContentLoaded", function () {
  var table = document.querySelector("table#tbl-states");
  if (!table || !table.tBodies.length) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var entries = window.REPATRIATION_FINDER || [];
  var LIMIT = 40;

  var box = document.createElement("input");
  box.type = "search";
  box.className = "state-finder";
  box.placeholder = "Find a state or an event: a name, a code, an operation, a camp, a year…";
  box.setAttribute("aria-label", "Find a state or an event");
  var count = document.createElement("p");
  count.className = "state-finder-count";
  count.setAttribute("aria-live", "polite");
  var list = document.createElement("ul");
  list.className = "state-finder-results";

  function matches(text, words) {
    text = text.toLowerCase();
    return words.every(function (w) { return text.indexOf(w) !== -1; });
  }

  function update() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      row.style.display = !words.length || matches(row.textContent, words) ? "" : "none";
    });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { count.textContent = ""; return; }
    var found = entries.filter(function (e) { return matches(e.label + " " + e.words + " " + e.detail, words); });
    var states = found.filter(function (e) { return e.kind === "state"; }).length;
    count.textContent = states + (states === 1 ? " state" : " states") + " and " + (found.length - states) +
      (found.length - states === 1 ? " event match" : " events match") +
      (found.length > LIMIT ? "; the first " + LIMIT + " are listed, type more to narrow" : "") + ".";
    found.slice(0, LIMIT).forEach(function (e) {
      var item = document.createElement("li");
      item.className = "finder-" + e.kind;
      var link = document.createElement("a");
      link.href = e.href;
      link.textContent = e.label;
      item.appendChild(link);
      item.appendChild(document.createTextNode(": " + e.detail));
      list.appendChild(item);
    });
  }

  var holder = table.closest(".pst-scrollable-table-container") || table;
  holder.parentNode.insertBefore(box, holder);
  holder.parentNode.insertBefore(count, holder);
  holder.parentNode.insertBefore(list, holder);
  box.addEventListener("input", update);

  // Sorting: a click (or Enter) on a heading sorts by that column, numbers as numbers; again reverses.
  function key(row, column) {
    var text = row.cells[column].textContent.trim();
    if (text === "–" || text === "") { return null; }
    if (/^\d{4}(-\d\d){0,2}$/.test(text)) { return text; }  // a date: as text, which sorts it
    var number = text.replace(/,/g, "").match(/\d+(\.\d+)?/);  // "about 22,000 people (2026-02-23)" -> 22000
    return number ? parseFloat(number[0]) : text.toLowerCase();
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, column) {
    th.setAttribute("role", "button");
    th.setAttribute("tabindex", "0");
    th.title = "Sort by this column";
    function sort() {
      var descending = th.getAttribute("aria-sort") !== "descending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = key(a, column), y = key(b, column);
        if (x === null || y === null) { return (x === null) - (y === null); }  // dashes last either way
        var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
        return descending ? -order : order;
      });
      sorted.forEach(function (row) { table.tBodies[0].appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { sort(); } });
  });
});
