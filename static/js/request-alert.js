// When an htmx request fails (an error answer, or no answer at all), say so in the page's alert
// region, in the server's words when its error page has some. htmx itself swaps nothing on errors.
(function () {
  "use strict";

  const OFFLINE = "Threadly could not be reached. Check your connection and try again.";

  function region() {
    return document.getElementById("request-alert");
  }

  function show(title, detail) {
    const alert = region();
    if (!alert) return;
    alert.querySelector("[data-alert-title]").textContent = title;
    alert.querySelector("[data-alert-detail]").textContent = detail || "";
    alert.hidden = false;
  }

  function hide() {
    const alert = region();
    if (alert) alert.hidden = true;
  }

  // The error pages (400, 403, 404, 429, 500) put their words in <section class="error-page">;
  // any other answer (a proxy's, or Django's own pages under DEBUG) is named by its title.
  function wordsOf(xhr) {
    const page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    const section = page.querySelector(".error-page");
    const heading = section && section.querySelector("h1");
    const first = section && section.querySelector("p");
    if (heading) return [heading.textContent.trim(), first ? first.textContent.trim() : ""];
    return [`The request failed (${xhr.status}).`, page.title.trim() || "Try again in a moment."];
  }

  document.addEventListener("htmx:responseError", (event) => show(...wordsOf(event.detail.xhr)));
  document.addEventListener("htmx:sendError", () => show(OFFLINE, ""));
  document.addEventListener("htmx:beforeRequest", hide);
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-alert-dismiss]")) hide();
  });
})();
