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
