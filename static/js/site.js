// Tell the server the browser's time zone, so anonymous visitors see times in their own zone.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + encodeURIComponent(zone)) === -1) {
      document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    }
  } catch (e) {
    /* Older browsers: times stay in UTC. */
  }
  // Menus and filter panels are <details> that work without JavaScript; where the
  // stylesheet always shows their content (a wide screen), keep them open so that
  // assistive technology reports them expanded too.
  document.querySelectorAll("details[data-open-when]").forEach(function (details) {
    var query = window.matchMedia(details.getAttribute("data-open-when"));
    var sync = function () {
      details.open = query.matches;
    };
    sync();
    query.addEventListener("change", sync);
  });
  // A dropdown (account menu, language switcher) closes on Escape and on a click elsewhere.
  var closeDropdowns = function (except) {
    document.querySelectorAll("details.site-dropdown[open]").forEach(function (details) {
      if (details !== except && !details.contains(except)) {
        details.open = false;
      }
    });
  };
  document.addEventListener("click", function (event) {
    closeDropdowns(event.target.closest ? event.target.closest("details.site-dropdown") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var open = document.activeElement && document.activeElement.closest
        ? document.activeElement.closest("details.site-dropdown[open]")
        : null;
      closeDropdowns(null);
      if (open) {
        open.querySelector("summary").focus();
      }
    }
  });
  // A form shown again with errors: move to its summary (an alert made focusable),
  // whose links lead to the fields.
  var summary = document.querySelector("main form [role=alert][tabindex='-1']");
  if (summary) {
    summary.focus();
  }
  // Forms that ask for confirmation before a destructive action.
  document.addEventListener("submit", function (event) {
    // The form, or the button that submitted it, may carry the question.
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
