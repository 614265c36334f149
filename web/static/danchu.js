// danchu's one page script, served from this site (the Content-Security-Policy runs no other): pages work
// without it; it only moves the focus to what needs fixing and copies or prints a tracking code.
(function () {
  "use strict";

  function control(target) {
    // A field's own input, or the first choice of a group of radios or checkboxes.
    if (!target) return null;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return target;
    return target.querySelector("input, select, textarea");
  }

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = control(document.getElementById(link.getAttribute("href").slice(1)));
      if (!field) return;
      event.preventDefault();
      field.scrollIntoView({block: "center"});
      field.focus();
    });
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = document.getElementById(button.getAttribute("data-copy")).textContent.trim();
      var done = function () {
        var status = document.getElementById(button.getAttribute("aria-describedby"));
        if (status) status.textContent = button.getAttribute("data-copied");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {  // plain http (a commune's intranet): select the code so the reader can copy it
        var range = document.createRange();
        range.selectNodeContents(document.getElementById(button.getAttribute("data-copy")));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        if (document.execCommand && document.execCommand("copy")) done();
      }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
