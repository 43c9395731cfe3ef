// Skill fields (inputs with data-skill-suggest="<address of curricula:skill_suggest>")
// suggest skills of the taxonomy as the user types, from one shared <datalist> filled
// from the server. Without this script the fields still accept a typed name.
(function () {
  var inputs = document.querySelectorAll("input[data-skill-suggest]");
  if (!inputs.length || !window.fetch) {
    return;
  }
  var MIN_LENGTH = 2;
  var DELAY_MS = 200;
  var list = document.createElement("datalist");
  list.id = "skill-suggestions";
  document.body.appendChild(list);

  var timer = null;
  var pending = null;
  var shown = "";
  var latest = 0; // the number of the newest request: an older answer is dropped

  var fill = function (skills) {
    var options = document.createDocumentFragment();
    skills.forEach(function (skill) {
      var option = document.createElement("option");
      option.value = skill.name;
      if (skill.name_en && skill.name_en !== skill.name) {
        option.label = skill.name_en;
      }
      options.appendChild(option);
    });
    list.replaceChildren(options);
  };

  var suggest = function (input) {
    var query = input.value.trim();
    if (query === shown) {
      return;
    }
    if (pending) {
      pending.abort();
      pending = null;
    }
    latest += 1;
    if (query.length < MIN_LENGTH) {
      shown = query;
      fill([]);
      return;
    }
    var controller = window.AbortController ? new AbortController() : null;
    var number = latest;
    pending = controller;
    var address = input.getAttribute("data-skill-suggest") + "?q=" + encodeURIComponent(query);
    fetch(address, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.ok ? response.json() : { skills: [] };
      })
      .then(function (data) {
        if (number !== latest) {
          return;
        }
        pending = null;
        shown = query;
        fill(data.skills || []);
      })
      .catch(function () {
        /* Aborted by a newer request, or offline: the field works as plain text. */
      });
  };

  inputs.forEach(function (input) {
    input.setAttribute("list", list.id);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        suggest(input);
      }, DELAY_MS);
    });
    // The list is shared: show the focused field's suggestions, not another's.
    input.addEventListener("focus", function () {
      shown = null;
      suggest(input);
    });
  });
})();
