// The viewer of a post's images: a click on a thumbnail (a plain link to the full image, which is
// what a page without JavaScript follows) opens a modal <dialog> with the full image, its alt text,
// Previous/Next (buttons and the arrow keys) and Close (the button or Escape). Focus starts on Close,
// stays in the dialog while it is open, and goes back to the thumbnail that opened it.
(function () {
  "use strict";

  let dialog = null;
  let links = [];
  let index = 0;
  let opener = null;

  function button(className, label, text, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.setAttribute("aria-label", label);
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "image-viewer";
    dialog.setAttribute("aria-label", "Image viewer");
    const figure = document.createElement("figure");
    const image = document.createElement("img");
    image.className = "viewer-image";
    const caption = document.createElement("figcaption");
    caption.className = "viewer-caption";
    figure.append(image, caption);
    const close = button("viewer-close", "Close the viewer", "×", () => dialog.close());
    const previous = button("viewer-previous", "Previous image", "‹", () => show(index - 1));
    const next = button("viewer-next", "Next image", "›", () => show(index + 1));
    const counter = document.createElement("p");
    counter.className = "viewer-counter";
    counter.setAttribute("aria-live", "polite");
    dialog.append(close, figure, previous, next, counter);
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft") show(index - 1);
      else if (event.key === "ArrowRight") show(index + 1);
    });
    // A click on the backdrop (the dialog itself, outside its content) closes it too.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", () => {
      image.removeAttribute("src");
      if (opener && opener.isConnected) opener.focus();
    });
    document.body.append(dialog);
  }

  function show(wanted) {
    if (wanted < 0 || wanted >= links.length) return;
    index = wanted;
    const link = links[index];
    const thumbnail = link.querySelector("img.thumbnail");
    const image = dialog.querySelector(".viewer-image");
    image.src = link.href;
    image.alt = thumbnail ? thumbnail.alt : "";
    if (link.dataset.fullWidth) image.width = Number(link.dataset.fullWidth);
    if (link.dataset.fullHeight) image.height = Number(link.dataset.fullHeight);
    dialog.querySelector(".viewer-caption").textContent = image.alt;
    dialog.querySelector(".viewer-counter").textContent = links.length > 1 ? `Image ${index + 1} of ${links.length}` : "";
    dialog.querySelector(".viewer-previous").hidden = index === 0;
    dialog.querySelector(".viewer-next").hidden = index === links.length - 1;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".post-images a.image-link");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!dialog) build();
    opener = link;
    links = Array.from(link.closest(".post-images").querySelectorAll("a.image-link"));
    show(links.indexOf(link));
    dialog.showModal();
    dialog.querySelector(".viewer-close").focus();
  });
})();
