/* The speaker view's "Upcoming" frame: make room for its label (a reveal.js plugin).
 *
 * The notes plugin shows the next slide in a frame opened with ?receiver and
 * controls=false, and lays its "Upcoming" label over the frame's top left corner:
 * over the title of a top-aligned slide. Marked here, deck.css moves the slide
 * down in that frame only.
 */
(function () {
  "use strict";
  window.CoursePreview = {
    id: "course-preview",
    init: function () {
      var query = window.location.search;
      if (/[?&]receiver\b/.test(query) && /[?&]controls=false\b/.test(query)) {
        document.documentElement.classList.add("upcoming-preview");
      }
    }
  };
})();
