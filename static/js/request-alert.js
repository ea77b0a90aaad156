// When an htmx request fails (an error answer, or no answer at all), say so in the page's alert
// region, in the server's words when its error page has some. htmx itself swaps nothing on errors.
// The region is a role="alert" live region, shown before its words are set so that they are
// announced, and it takes the focus (a keyboard user is at the message, its Dismiss button next);
// Dismiss (or Escape) hides it and puts the focus back on the button that failed.
(function () {
  "use strict";

  const OFFLINE = "Threadly could not be reached. Check your connection and try again.";
  let failed = null;

  function region() {
    return document.getElementById("request-alert");
  }

  function show(title, detail, source, action) {
    const alert = region();
    if (!alert) return;
    failed = source ? source.querySelector("button, [href]") || source : null;
    alert.hidden = false;
    alert.querySelector("[data-alert-title]").textContent = title;
    alert.querySelector("[data-alert-detail]").textContent = detail || "";
    const link = alert.querySelector("[data-alert-link]");
    link.hidden = !action;
    link.textContent = action ? action.text : "";
    if (action) link.setAttribute("href", action.href);
    else link.removeAttribute("href");
    alert.focus({ preventScroll: false });
  }

  function hide(restoreFocus) {
    const alert = region();
    if (!alert || alert.hidden) return;
    alert.hidden = true;
    alert.querySelector("[data-alert-title]").textContent = "";
    alert.querySelector("[data-alert-detail]").textContent = "";
    alert.querySelector("[data-alert-link]").hidden = true;
    if (restoreFocus && failed && failed.isConnected) failed.focus();
    failed = null;
  }

  // A link of our own (a path on this site) that the error page offers as the way on.
  function actionOf(section) {
    const link = section && section.querySelector("a[data-alert-action]");
    const href = link && link.getAttribute("href");
    return href && href.startsWith("/") && !href.startsWith("//") ? { href, text: link.textContent.trim() } : null;
  }

  // The error pages (400, 403, 404, 429, 500, logged out) put their words in <section class="error-page">;
  // any other answer (a proxy's, or Django's own pages under DEBUG) is named by its title.
  function wordsOf(xhr) {
    const page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    const section = page.querySelector(".error-page");
    const heading = section && section.querySelector("h1");
    const first = section && section.querySelector("p");
    if (heading) return [heading.textContent.trim(), first ? first.textContent.trim() : "", actionOf(section)];
    return [`The request failed (${xhr.status}).`, page.title.trim() || "Try again in a moment.", null];
  }

  document.addEventListener("htmx:responseError", (event) => {
    const [title, detail, action] = wordsOf(event.detail.xhr);
    show(title, detail, event.detail.elt, action);
  });
  document.addEventListener("htmx:sendError", (event) => show(OFFLINE, "", event.detail.elt));
  document.addEventListener("htmx:beforeRequest", () => hide(false));
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-alert-dismiss]")) hide(true);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target.closest && event.target.closest("#request-alert")) hide(true);
  });
})();
