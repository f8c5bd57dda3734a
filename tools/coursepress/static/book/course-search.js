/* Search result snippets without the boilerplate every chapter opens with.
 *
 * Sphinx builds each snippet from the result page's text, fetched whole, and
 * leaves out only permalinks, scripts and styles. Elements marked "no-search"
 * (the "Based on" line and the content note) are already kept out of the
 * index; here they are removed from the snippet text as well, so a result
 * shows the words of its own page. Loaded on the search page only.
 */
(() => {
  if (typeof Search === "undefined") return;
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".no-search").forEach((element) => element.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})();
