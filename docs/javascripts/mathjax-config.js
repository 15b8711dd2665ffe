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

// No re-typeset hook on Material's `document$`: this site does not enable instant navigation,
// and the usual hook (output.clearCache() + typesetPromise()) erases the glyph styles of the
// first typeset in MathJax 3.2 when it runs on the initial page load, leaving blank formulas.
// Enable navigation.instant only together with a hook that skips the first emission.
