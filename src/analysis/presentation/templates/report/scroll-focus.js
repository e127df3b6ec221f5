// A table box is a Tab stop only while it scrolls sideways (so a keyboard can scroll it);
// a box whose table fits is not one more stop to pass. The HTML makes every box a stop
// (right without this script); checked again when the width changes.
(() => {
  const boxes = document.querySelectorAll(".table-scroll");
  const update = () => boxes.forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
    else box.removeAttribute("tabindex");
  });
  update();
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  });
})();
