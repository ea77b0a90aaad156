// The composer's images: each chosen file's preview beside its alt text field (the fields of
// places with no file are hidden), and a polite note while an image has no alt text. The note
// never blocks sending: without JavaScript the form works the same, matching files and alt text
// fields in the order the files were chosen.
(function () {
  "use strict";

  function setUp(fieldset) {
    const input = fieldset.querySelector('input[type="file"][name="images"]');
    const note = fieldset.querySelector(".alt-nudge");
    const places = Array.from(fieldset.querySelectorAll(".alt-field"));
    if (!input || !note) return;

    function nudge() {
      const chosen = input.files ? input.files.length : 0;
      const missing = places
        .slice(0, chosen)
        .filter((place) => !place.querySelector("textarea").value.trim())
        .map((place) => place.dataset.place);
      note.hidden = missing.length === 0;
      note.textContent = missing.length === 0 ? "" : (missing.length === 1 ? `Image ${missing[0]} has` : `Images ${missing.join(", ")} have`)
        + " no alt text yet. A few words help people who cannot see it; you may post without.";
    }

    function previews() {
      const files = Array.from(input.files || []);
      places.forEach((place, at) => {
        place.hidden = at >= Math.max(files.length, 1);
        const old = place.querySelector(".image-preview");
        if (old) old.remove();
        const file = files[at];
        if (!file || !file.type.startsWith("image/")) return;
        const preview = document.createElement("img");
        preview.className = "image-preview";
        preview.alt = "";
        // A data: address, which the Content-Security-Policy allows (blob: it does not).
        const reader = new FileReader();
        reader.addEventListener("load", () => { preview.src = reader.result; });
        reader.readAsDataURL(file);
        place.prepend(preview);
      });
      nudge();
    }

    input.addEventListener("change", previews);
    for (const place of places) place.querySelector("textarea").addEventListener("input", nudge);
    previews();
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const fieldset of document.querySelectorAll("fieldset.compose-images")) setUp(fieldset);
  });
})();
