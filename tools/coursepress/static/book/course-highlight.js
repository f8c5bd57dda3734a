/* The words a reader searched for, highlighted on the page opened from a result.
 *
 * Sphinx's sphinx_highlight.js highlights them only where `Search` is undefined
 * (so that the search page itself keeps the previous query unmarked). The book's
 * theme (pydata-sphinx-theme 0.20, through sphinx-book-theme) loads searchtools.js
 * on every page for its search dialog, so `Search` is always defined and the
 * highlight never ran. Loaded on every page but the search page.
 */
(() => {
  if (typeof SphinxHighlight === "undefined" || typeof Search === "undefined") return;
  SphinxHighlight.highlightSearchWords();
})();
