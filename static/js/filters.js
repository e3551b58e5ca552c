// The filters of a list fold behind a button on a phone; on a wider screen,
// where they sit beside the results, they are open from the start.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 768px)").matches) {
    return;
  }
  document.querySelectorAll("details.filter-toggle").forEach(function (details) {
    details.open = true;
  });
})();
