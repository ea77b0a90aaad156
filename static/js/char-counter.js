// A live count of what is left in a text box with data-max-chars, counted as the server counts:
// code points (an emoji is one), after trimming the whitespace Python's str.strip() trims, each
// line break sent as the two characters (\r\n) a form sends. Past the limit it warns; the server
// refuses the text either way, so without JavaScript the form says so after sending.
(function () {
  "use strict";

  const EDGE_SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

  function serverLength(text) {
    return Array.from(text.replace(EDGE_SPACE, "").replace(/\r?\n/g, "\r\n")).length;
  }

  function update(box, counter) {
    const left = Number(box.dataset.maxChars) - serverLength(box.value);
    const over = left < 0;
    counter.textContent = over
      ? `${-left} character${left === -1 ? "" : "s"} too many`
      : `${left} character${left === 1 ? "" : "s"} left`;
    counter.classList.toggle("over", over);
    box.setAttribute("aria-invalid", over ? "true" : "false");
  }

  function attach(root) {
    for (const box of root.querySelectorAll("textarea[data-max-chars]")) {
      if (box.dataset.counted) continue;
      box.dataset.counted = "true";
      const counter = document.createElement("p");
      counter.className = "char-counter";
      counter.id = `${box.id}-counter`;
      counter.setAttribute("aria-live", "polite");
      box.after(counter);
      box.setAttribute("aria-describedby", [box.getAttribute("aria-describedby"), counter.id].filter(Boolean).join(" "));
      box.addEventListener("input", () => update(box, counter));
      update(box, counter);
    }
  }

  document.addEventListener("DOMContentLoaded", () => attach(document));
  // A reply box swapped in by htmx (after a reply is sent) gets its counter too.
  document.addEventListener("htmx:load", (event) => attach(event.target));
})();
