/// The frame every page of the site shares: the head, the navigation bar
/// and the scripts, all relative to the site's root so the pages work
/// opened from the file system, with no server and no network.
struct SitePage {
  var title: String
  /// The way from this page to the site's root (`""` or `"../"`).
  var root: String
  /// Links of the navigation bar: name and path from the root.
  var navigation: [(String, String)]
  var body = ""
  /// Scripts from the root, loaded at the end of the body.
  var scripts: [String] = []

  init(title: String, root: String, navigation: [(String, String)]) {
    self.title = title
    self.root = root
    self.navigation = navigation
  }

  func html() -> String {
    var html = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="relais \(HTML.attribute(RelaisVersion.current))">
      <title>\(HTML.text(title)) · Relais</title>
      <link rel="stylesheet" href="\(root)relais.css">
      </head>
      <body class="show-entities show-terms show-acronyms">
      <nav>
      """
    html += navigation.map { "<a href=\"\(root)\(HTML.attribute($0.1))\">\(HTML.text($0.0))</a>" }
      .joined(separator: " · ")
    html += "</nav>\n<main>\n" + body + "</main>\n"
    for script in scripts { html += "<script src=\"\(root)\(script)\"></script>\n" }
    return html + "</body>\n</html>\n"
  }
}

/// The site's colours and scripts, written once as `relais.css` and
/// `relais.js`.
enum SiteStyle {
  /// Entity labels in legend order, each with its colour in `css`.
  static let entityLabels = ["PER", "LOC", "ORG", "MISC", "EVENT", "DATE", "ORDINAL"]

  static let css = """
    body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; background: #fff; }
    nav { padding: .5em 1em; background: #f3f4f6; border-bottom: 1px solid #d0d7de; }
    main { padding: 0 1em 2em; max-width: 60em; }
    h1 { font-size: 1.4em; overflow-wrap: anywhere; }
    dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0 1em; font-size: .9em; }
    dl.facts dt { color: #57606a; }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    .legend { position: sticky; top: 0; background: #fff; padding: .4em 0; border-bottom: 1px solid #d0d7de; font-size: .9em; }
    .legend label { margin-right: .8em; white-space: nowrap; }
    .swatch { display: inline-block; padding: 0 .35em; border-radius: .25em; font-size: .85em; margin-right: .25em; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05em; line-height: 1.9; margin-top: 1em; }
    .block[data-kind="heading"] { font-weight: 600; }
    .block[data-kind="caption"], .block[data-kind="boilerplate"] { color: #57606a; font-style: italic; }
    mark { background: transparent; color: inherit; border-radius: .2em; }
    body.show-entities mark.entity, .swatch[data-label] { background: #e5e7eb; }
    body.show-entities mark.entity[data-label="PER"], .swatch[data-label="PER"] { background: #fde68a; }
    body.show-entities mark.entity[data-label="LOC"], .swatch[data-label="LOC"] { background: #bbf7d0; }
    body.show-entities mark.entity[data-label="ORG"], .swatch[data-label="ORG"] { background: #bfdbfe; }
    body.show-entities mark.entity[data-label="MISC"], .swatch[data-label="MISC"] { background: #e9d5ff; }
    body.show-entities mark.entity[data-label="EVENT"], .swatch[data-label="EVENT"] { background: #fecaca; }
    body.show-entities mark.entity[data-label="DATE"], .swatch[data-label="DATE"] { background: #fed7aa; }
    body.show-entities mark.entity[data-label="ORDINAL"], .swatch[data-label="ORDINAL"] { background: #d1d5db; }
    body.show-terms mark.term, .term-swatch { border-bottom: 3px solid #0969da; }
    body.show-english mark.term[data-en]:not([data-part])::after { content: " [" attr(data-en) "]"; color: #0969da; font-size: .8em; }
    body.show-acronyms mark.acronym, .acronym-swatch { outline: 2px dotted #bf3989; }
    body.show-acronyms mark.acronym.contradicts { outline: 2px solid #cf222e; }
    mark:target, span:target { box-shadow: 0 0 0 3px #fb8500; }
    .error, .warning { padding: .5em; border-radius: .3em; }
    .error { background: #ffebe9; }
    .warning { background: #fff8c5; }
    table.list { border-collapse: collapse; font-size: .9em; margin: .5em 0 1em; }
    table.list th, table.list td { border-bottom: 1px solid #d0d7de; padding: .2em .6em; text-align: left; vertical-align: top; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    .context mark { background: #ffd8b5; }
    .pages a, .pages strong { margin-right: .5em; }
    #search { font-size: 1em; padding: .3em; width: 20em; max-width: 100%; }

    """

  /// Switches for the document pages' layers; search over every document
  /// on the index pages (the list is `documents.js`, a script, since a page
  /// opened from the file system may not fetch a file). Rows are built
  /// with `textContent`, never as HTML.
  static let javascript = """
    "use strict";
    for (const input of document.querySelectorAll("input[data-switch]")) {
      const apply = () => document.body.classList.toggle("show-" + input.dataset.switch, input.checked);
      input.addEventListener("change", apply);
      apply();
    }
    const search = document.getElementById("search");
    if (search && window.RELAIS_DOCUMENTS) {
      const page = document.getElementById("page");
      const found = document.getElementById("found");
      const body = found.querySelector("tbody");
      const count = document.getElementById("found-count");
      const limit = 200;
      const run = () => {
        const query = search.value.trim().toLowerCase();
        page.hidden = query !== "";
        found.hidden = query === "";
        body.replaceChildren();
        if (query === "") { count.textContent = ""; return; }
        const matches = window.RELAIS_DOCUMENTS.filter(d =>
          d.doc.toLowerCase().includes(query) || d.source.toLowerCase().includes(query));
        count.textContent = matches.length + " documents" + (matches.length > limit ? ", the first " + limit + " shown" : "");
        for (const d of matches.slice(0, limit)) {
          const row = body.insertRow();
          const link = document.createElement("a");
          link.href = d.page;
          link.textContent = d.doc;
          row.insertCell().append(link);
          row.insertCell().textContent = d.source;
          for (const n of [d.sentences, d.entities, d.terms, d.acronyms]) {
            const cell = row.insertCell();
            cell.className = "number";
            cell.textContent = n;
          }
          row.insertCell().textContent = d.status;
        }
      };
      search.addEventListener("input", run);
      run();
    }

    """
}
