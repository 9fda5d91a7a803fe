// A filter box above every table marked searchable (the appendix's table of events): typing keeps the
// rows that contain every word typed, case-insensitively. Works offline; no library.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table#tbl-events").forEach(function (table) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "table-filter";
    box.placeholder = "Filter events: a state, an operation, a source, a year…";
    box.setAttribute("aria-label", "Filter the table of events");
    var count = document.createElement("span");
    count.className = "table-filter-count";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function update() {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.style.display = keep ? "" : "none";
        if (keep) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " events";
    }
    box.addEventListener("input", update);
    var holder = table.closest(".pst-scrollable-table-container") || table;
    holder.parentNode.insertBefore(box, holder);
    holder.parentNode.insertBefore(count, holder);
    update();
  });
});
