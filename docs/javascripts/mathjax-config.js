// MathJax 3 configuration for pymdownx.arithmatex in generic mode.
// MathJax itself (tex-chtml-full.js and its fonts) is served by this site; see mkdocs.yml.
// "-full" bundles every TeX extension, so MathJax never needs to fetch another component.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    // Typeset only what arithmatex marked as math, nothing else on the page.
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  chtml: {
    // Fonts next to the script: javascripts/mathjax/output/chtml/fonts/woff-v2/.
    fontURL: new URL("mathjax/output/chtml/fonts/woff-v2", document.currentScript.src).href,
  },
};

// Material for MkDocs swaps page content without a reload when instant navigation is on;
// typeset again after every swap (harmless when it is off).
if (typeof document$ !== "undefined") {
  document$.subscribe(() => {
    if (window.MathJax && MathJax.typesetPromise) {
      MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      MathJax.typesetPromise();
    }
  });
}
