// "Udskriv siden": a button that opens the browser's print dialogue. Hidden
// in the HTML and shown here, so a browser without JavaScript never shows a
// button that does nothing.
(function () {
  "use strict";
  document.querySelectorAll(".print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
