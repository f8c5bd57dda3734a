/* Search result snippets without the boilerplate every chapter opens with.
 *
 * Sphinx builds each snippet from the result page's text, fetched whole, and
 * leaves out only permalinks, scripts and styles. Elements marked "no-search"
 * (the "Based on" line and the content note) are already kept out of the
 * index; here they are removed from the snippet text as well, so a result
 * shows the words of its own page. The theme's main element also holds its
 * buttons ("System Settings Light Dark"), the print contents and the
 * previous/next links: the snippet is taken from the article alone.
 * Loaded on the search page only.
 */
(() => {
  if (typeof Search === "undefined") return;
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".no-search").forEach((element) => element.remove());
    const main = page.querySelector('[role="main"]');
    const article = main?.querySelector("article");
    if (article) main.replaceChildren(article);
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})();
