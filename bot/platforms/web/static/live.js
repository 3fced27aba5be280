// A page's reading form (a text to try against the charter) answers as one types:
// the page is fetched with the form's values and its results replace these. Without
// scripts the form's button does the same with a page load.
"use strict";
document.querySelectorAll("form[data-live]").forEach(function (form) {
  var results = document.getElementById("results");
  var timer = null;
  var asked = 0;
  function refresh() {
    var query = new URLSearchParams(new FormData(form)).toString();
    var mine = ++asked;
    fetch(form.action + "?" + query, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== asked) { return; }  // a later keystroke's answer wins
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("results");
        if (fresh && results) { results.replaceChildren(...fresh.childNodes); }
        history.replaceState(null, "", form.action + "?" + query);
      })
      .catch(function () { /* the button still works */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  });
});
