// The header's <details> menu opens and closes without JavaScript; this only closes it as a menu is
// expected to close: on Escape (focus back on its button) and on a click or focus outside it.
(function () {
  "use strict";

  function openMenus() {
    return document.querySelectorAll("details.menu[open]");
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of openMenus()) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });

  function closeOutside(event) {
    for (const menu of openMenus()) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  }

  document.addEventListener("click", closeOutside);
  document.addEventListener("focusin", closeOutside);
})();
