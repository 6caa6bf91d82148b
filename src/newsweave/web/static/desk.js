// The desk's only script (served from /static: the CSP allows no inline script).
// It reads nothing from the page as HTML and writes only text and class names.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // "/" focuses the search box, as on most news desks.
  const search = document.getElementById("q");
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && search && document.activeElement !== search) {
      event.preventDefault();
      search.focus();
    }
  });
  // On a phone the removed boilerplate starts folded; its button unfolds it.
  for (const button of document.querySelectorAll("button.toggle")) {
    const target = document.getElementById(button.dataset.target || "");
    if (!target) continue;
    if (window.matchMedia("(max-width: 40rem)").matches) target.classList.add("closed");
    button.addEventListener("click", () => {
      const closed = target.classList.toggle("closed");
      button.textContent = closed ? "show" : "hide";
    });
  }
  // Dates in the filter form: drop empty fields so shared links stay short.
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const input of form.querySelectorAll("input")) {
        if (!input.value) input.disabled = true;
      }
    });
  }
});
