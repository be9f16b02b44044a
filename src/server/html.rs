//! The HTML pages, rendered on the server as plain strings: no template engine, no script, no
//! build step. Every value from the store goes through [`escape`], so a card whose name holds
//! `<script>` shows it as text.

use super::{sparql::error_response, App, Request, Response};
use crate::lineage::dot::DotOptions;
use crate::lineage::svg::{self, Renderer};
use crate::lineage::text::evidence_summary;
use crate::lineage::{euros_fi, Direction, Lineage, LinkKind};
use crate::queries;
use crate::store::{cell, parse_param_value, Answer};
use oxigraph::model::{Literal, NamedNode, Term};
use petgraph::visit::EdgeRef;
use petgraph::Direction as Dir;
use std::fmt::Write as _;

const PROJECT_NS: &str = "https://w3id.org/hankegraph/project/";
const ORGANISATION_NS: &str = "https://w3id.org/hankegraph/organisation/";

/// Escapes text for HTML content and attribute values.
///
/// ```
/// assert_eq!(hankegraph::server::escape("<script>\"&'"), "&lt;script&gt;&quot;&amp;&#39;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a value for a URL query string or path segment.
fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#222}\
header{background:#1d3557;color:#fff;padding:.6em 1.2em}header a{color:#fff;margin-right:1.2em;text-decoration:none}\
main{padding:1em 1.2em;max-width:1200px}table{border-collapse:collapse;margin:.5em 0}\
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f1f1f1}\
.diagram svg{max-width:100%;height:auto}.muted{color:#666}pre{background:#f6f6f6;padding:.6em;overflow:auto}\
input[type=text],input[type=search]{padding:.3em;min-width:20em}";

/// A whole page around `body`.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} — hankegraph</title><style>{STYLE}</style></head><body>\
<header><a href=\"/\"><b>hankegraph</b></a><a href=\"/\">Search</a><a href=\"/queries\">Queries</a>\
<a href=\"/sparql\">SPARQL</a></header><main>{body}</main></body></html>\n",
        escape(title)
    )
}

/// 404 with a page.
pub fn not_found(path: &str) -> Response {
    Response::html(
        404,
        page(
            "Not found",
            &format!(
                "<h1>Not found</h1><p>Nothing at <code>{}</code>.</p>",
                escape(path)
            ),
        ),
    )
}

fn failure(e: &crate::store::StoreError) -> Response {
    let r = error_response(e);
    Response::html(
        r.status,
        page(
            "Error",
            &format!("<h1>Error</h1><pre>{}</pre>", escape(&e.to_string())),
        ),
    )
}

/// The text of a named query of `queries/` (built in, so always there; empty if not).
fn named(name: &str) -> &'static str {
    queries::find(name).map(|q| q.text).unwrap_or_default()
}

/// A table of solutions: the variables, then a row of optional terms per solution.
type Table = (Vec<String>, Vec<Vec<Option<Term>>>);

/// Runs one of the pages' queries with `params` bound as RDF terms, within the server's limits.
fn table_rows(app: &App, sparql: &str, params: &[(String, Term)]) -> Result<Table, Response> {
    match app.store.query_limited(sparql, params, app.config.limits) {
        Ok(Answer::Table { variables, rows }) => Ok((variables, rows)),
        Ok(_) => Ok((Vec::new(), Vec::new())),
        Err(e) => Err(failure(&e)),
    }
}

/// A link to a project page.
fn project_link(code: &str, name: Option<&str>) -> String {
    let mut s = format!(
        "<a href=\"/project/{}\">{}</a>",
        url_encode(code),
        escape(code)
    );
    if let Some(n) = name.filter(|n| !n.is_empty()) {
        let _ = write!(s, " {}", escape(n));
    }
    s
}

/// A link to an organisation page, showing `name`.
fn organisation_link(iri: Option<&Term>, name: &str) -> String {
    match iri {
        Some(Term::NamedNode(n)) => match n.as_str().strip_prefix(ORGANISATION_NS) {
            Some(key) => format!(
                "<a href=\"/organisation/{}\">{}</a>",
                url_encode(key),
                escape(name)
            ),
            None => escape(name),
        },
        _ => escape(name),
    }
}

/// A cell of a result table: projects and organisations link to their pages.
fn term_html(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => {
            if let Some(code) = n.as_str().strip_prefix(PROJECT_NS) {
                return project_link(code, None);
            }
            if let Some(key) = n.as_str().strip_prefix(ORGANISATION_NS) {
                return format!(
                    "<a href=\"/organisation/{}\">{}</a>",
                    url_encode(key),
                    escape(&cell(term))
                );
            }
            escape(&cell(term))
        }
        other => escape(&cell(other)),
    }
}

/// A project code as the store keeps it: `S` and five digits.
fn is_project_code(s: &str) -> bool {
    s.len() == 6 && s.starts_with('S') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn result_table(variables: &[String], rows: &[Vec<Option<Term>>]) -> String {
    let mut s = String::from("<table><tr>");
    for v in variables {
        let _ = write!(s, "<th>{}</th>", escape(v));
    }
    s.push_str("</tr>");
    for row in rows {
        s.push_str("<tr>");
        for t in row.iter().take(variables.len()) {
            let html = match t {
                Some(Term::Literal(l)) if is_project_code(l.value()) => {
                    project_link(l.value(), None)
                }
                _ => term_html(t.as_ref()),
            };
            let _ = write!(s, "<td>{html}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</table>");
    let _ = write!(s, "<p class=\"muted\">{} rows</p>", rows.len());
    s
}

/// `/` and `/search?q=`: the search box, and the projects and organisations that match.
pub fn home(app: &App, req: &Request) -> Response {
    let q = req.param("q").map(str::trim).unwrap_or("");
    let mut body = format!(
        "<h1>ESF social-inclusion projects</h1>\
<form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" \
placeholder=\"project code, name or organisation\" autofocus> <button>Search</button></form>",
        escape(q)
    );
    let params: Vec<(String, Term)> = if q.is_empty() {
        Vec::new()
    } else {
        vec![("q".into(), Literal::new_simple_literal(q).into())]
    };
    let (vars, rows) = match table_rows(app, named("search"), &params) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let column = |name: &str| vars.iter().position(|v| v == name);
    let (code_at, name_at, orgs_at) = (column("code"), column("name"), column("implementers"));
    let _ = write!(
        body,
        "<h2>Projects</h2><p class=\"muted\">{} {}</p><ul>",
        rows.len(),
        if q.is_empty() { "projects" } else { "matching" }
    );
    for r in &rows {
        let at = |i: Option<usize>| cell(i.and_then(|i| r.get(i)).and_then(Option::as_ref));
        let (code, name, orgs) = (at(code_at), at(name_at), at(orgs_at));
        let _ = write!(body, "<li>{}", project_link(&code, Some(&name)));
        if !orgs.is_empty() {
            let _ = write!(body, " <span class=\"muted\">— {}</span>", escape(&orgs));
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    if !q.is_empty() {
        let (_, orgs) = match table_rows(app, named("search-organisations"), &params) {
            Ok(t) => t,
            Err(r) => return r,
        };
        let _ = write!(
            body,
            "<h2>Organisations</h2><p class=\"muted\">{} matching</p><ul>",
            orgs.len()
        );
        for r in &orgs {
            let name = cell(r.get(1).and_then(Option::as_ref));
            let _ = write!(
                body,
                "<li>{}</li>",
                organisation_link(r.first().and_then(Option::as_ref), &name)
            );
        }
        body.push_str("</ul>");
    }
    Response::html(200, page("Search", &body))
}

/// `/project/{code}`: facts, organisations, sources, lineage diagram and neighbours.
pub fn project(app: &App, code: &str) -> Response {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return not_found(&format!("/project/{code}"));
    }
    let code_param = vec![(
        "code".to_owned(),
        Term::from(Literal::new_simple_literal(&code)),
    )];
    let projects = named("projects");
    // ?code is projected, so it is bound inside the query's sub-select, where it is cheap
    let (vars, rows) = match app
        .store
        .query_limited(projects, &code_param, app.config.limits)
    {
        Ok(Answer::Table { variables, rows }) => (variables, rows),
        Ok(_) => (Vec::new(), Vec::new()),
        Err(e) => return failure(&e),
    };
    let Some(row) = rows.first() else {
        return not_found(&format!("/project/{code}"));
    };
    let get = |name: &str| {
        vars.iter()
            .position(|v| v == name)
            .and_then(|i| row.get(i))
            .and_then(Option::as_ref)
            .map(|t| cell(Some(t)))
            .filter(|s| !s.is_empty())
    };
    let name = get("name");
    let mut body = format!(
        "<h1>{}{}</h1>",
        escape(&code),
        name.as_deref()
            .map(|n| format!(" — {}", escape(n)))
            .unwrap_or_default()
    );
    body.push_str("<h2>Facts</h2><table>");
    for (label, key) in [
        ("Name", "name"),
        ("Start", "start"),
        ("End", "end"),
        ("Funder", "funder"),
        ("Realised public funding (€)", "funding"),
        ("Target groups", "targetGroups"),
        ("Municipal co-funding (€)", "municipalShare"),
        ("Outcome", "outcome"),
    ] {
        if let Some(v) = get(key) {
            let _ = write!(body, "<tr><th>{label}</th><td>{}</td></tr>", escape(&v));
        }
    }
    body.push_str("</table>");
    if get("name").is_none() {
        body.push_str("<p class=\"muted\">No card of this project is in the store: it is known only because a document mentions it.</p>");
    }

    if let Ok((_, orgs)) = table_rows(app, named("project-organisations"), &code_param) {
        if !orgs.is_empty() {
            body.push_str(
                "<h2>Organisations</h2><table><tr><th>Organisation</th><th>Role</th></tr>",
            );
            for r in &orgs {
                let iri = r.first().and_then(Option::as_ref);
                let name = cell(r.get(1).and_then(Option::as_ref));
                let link = organisation_link(iri, &name);
                let _ = write!(
                    body,
                    "<tr><td>{link}</td><td>{}</td></tr>",
                    escape(&cell(r.get(2).and_then(Option::as_ref)))
                );
            }
            body.push_str("</table>");
        }
    }

    body.push_str(&lineage_section(app, &code));

    match table_rows(app, named("project-sources"), &code_param) {
        Ok((_, docs)) => {
            body.push_str("<h2>Sources</h2><table><tr><th>File</th><th>Kind</th><th>Fetched from</th><th>Ingested</th><th>Graph</th></tr>");
            for r in &docs {
                let c = |i: usize| escape(&cell(r.get(i).and_then(Option::as_ref)));
                let source = match r.get(3).and_then(Option::as_ref) {
                    Some(t) => {
                        let url = cell(Some(t));
                        if url.starts_with("http://") || url.starts_with("https://") {
                            format!("<a href=\"{0}\">{0}</a>", escape(&url))
                        } else {
                            escape(&url)
                        }
                    }
                    None => String::new(),
                };
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td><td>{source}</td><td>{}</td><td class=\"muted\">{}</td></tr>",
                    c(1),
                    c(2),
                    c(4),
                    c(0)
                );
            }
            body.push_str("</table>");
        }
        Err(r) => return r,
    }
    Response::html(
        200,
        page(&format!("{code} {}", name.unwrap_or_default()), &body),
    )
}

/// The lineage of a project: its diagram as inline SVG and links to its neighbours.
fn lineage_section(app: &App, code: &str) -> String {
    let lineage = match Lineage::load(&app.store) {
        Ok(l) => l,
        Err(e) => {
            return format!(
                "<h2>Lineage</h2><p>Cannot load the lineage: {}</p>",
                escape(&e.to_string())
            )
        }
    };
    let Some(node) = lineage.node(code) else {
        return "<h2>Lineage</h2><p class=\"muted\">No lineage is known for this project.</p>"
            .into();
    };
    let mut s = String::from("<h2>Lineage</h2>");
    let graph = lineage.graph();
    let mut lists: [(&str, Vec<String>); 3] = [
        ("Predecessors", Vec::new()),
        ("Successors", Vec::new()),
        ("Parallel projects", Vec::new()),
    ];
    for (dir, slot) in [(Dir::Incoming, 0usize), (Dir::Outgoing, 1usize)] {
        for e in graph.edges_directed(node, dir) {
            let other = if dir == Dir::Incoming {
                e.source()
            } else {
                e.target()
            };
            let p = lineage.project(other);
            let link = e.weight();
            let idx = if link.kind == LinkKind::Parallel {
                2
            } else {
                slot
            };
            let mut item = format!(
                "<li>{} <span class=\"muted\">({}",
                project_link(&p.code, p.name.as_deref()),
                escape(&evidence_summary(link))
            );
            let years = p.years();
            if !years.is_empty() {
                let _ = write!(item, "; {}", escape(&years));
            }
            if let Some(f) = p.funding {
                let _ = write!(item, "; {}", escape(&euros_fi(f)));
            }
            item.push_str(")</span></li>");
            lists[idx].1.push(item);
        }
    }
    for (title, items) in &mut lists {
        if items.is_empty() {
            continue;
        }
        items.sort();
        items.dedup();
        let _ = write!(
            s,
            "<h3>{title}</h3><ul class=\"lineage-links\">{}</ul>",
            items.concat()
        );
    }
    let reach = lineage.reach(node, Direction::Both, None);
    let options = DotOptions {
        implementers: false,
        title: None,
    };
    match svg::render(&lineage, &reach.view(), &options, Renderer::Auto) {
        Ok(drawn) => {
            let text = drawn
                .text
                .find("<svg")
                .map_or(drawn.text.as_str(), |i| &drawn.text[i..]);
            let _ = write!(
                s,
                "<div class=\"diagram\" data-renderer=\"{}\">{text}</div>",
                drawn.renderer
            );
        }
        Err(e) => {
            let _ = write!(
                s,
                "<p>Cannot draw the diagram: {}</p>",
                escape(&e.to_string())
            );
        }
    }
    s
}

/// `/organisation/{key}`: its names and its projects.
pub fn organisation(app: &App, key: &str) -> Response {
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return not_found(&format!("/organisation/{key}"));
    }
    let Ok(iri) = NamedNode::new(format!("{ORGANISATION_NS}{key}")) else {
        return not_found(&format!("/organisation/{key}"));
    };
    let param = vec![("organisation".to_owned(), Term::from(iri))];
    let (_, names) = match table_rows(app, named("organisation-names"), &param) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let names: Vec<String> = names
        .iter()
        .map(|r| cell(r.first().and_then(Option::as_ref)))
        .collect();
    let Some(first) = names.first() else {
        return not_found(&format!("/organisation/{key}"));
    };
    let mut body = format!("<h1>{}</h1>", escape(first));
    if names.len() > 1 {
        let _ = write!(
            body,
            "<p class=\"muted\">Also written: {}</p>",
            escape(&names[1..].join("; "))
        );
    }
    let (_, rows) = match table_rows(app, named("organisation-projects"), &param) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let _ = write!(
        body,
        "<h2>Projects</h2><table><tr><th>Project</th><th>Role</th></tr>"
    );
    for r in &rows {
        let code = cell(r.first().and_then(Option::as_ref));
        let name = cell(r.get(1).and_then(Option::as_ref));
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td></tr>",
            project_link(&code, Some(&name)),
            escape(&cell(r.get(2).and_then(Option::as_ref)))
        );
    }
    body.push_str("</table>");
    if let Ok((_, d)) = table_rows(app, named("organisation-decisions"), &param) {
        let n = cell(d.first().and_then(|r| r.first()).and_then(Option::as_ref));
        if !n.is_empty() && n != "0" {
            let _ = write!(
                body,
                "<p>Co-funding decisions made as a municipality: {}</p>",
                escape(&n)
            );
        }
    }
    Response::html(200, page(first, &body))
}

/// `/queries`: the named queries with a form for their parameters.
pub fn queries(_app: &App) -> Response {
    let mut body = String::from("<h1>Named queries</h1><p>The questions shipped in <code>queries/</code>; each runs on this store. The same text runs on any SPARQL endpoint.</p><table><tr><th>Query</th><th>What it answers</th><th>Parameters</th></tr>");
    for q in queries::all() {
        let mut form = format!(
            "<form action=\"/queries/{}\" method=\"get\">",
            url_encode(q.name)
        );
        for (p, d) in &q.params {
            let _ = write!(
                form,
                "<label>{0} <input type=\"text\" name=\"{0}\" title=\"{1}\" placeholder=\"{1}\"></label> ",
                escape(p),
                escape(d)
            );
        }
        form.push_str("<button>Run</button></form>");
        let _ = write!(
            body,
            "<tr><td><a href=\"/queries/{}\">{}</a></td><td>{}</td><td>{form}</td></tr>",
            url_encode(q.name),
            escape(q.name),
            escape(&q.description)
        );
    }
    body.push_str("</table>");
    Response::html(200, page("Named queries", &body))
}

/// `/queries/{name}?param=value`: runs a named query, parameters bound as RDF terms.
pub fn named_query(app: &App, name: &str, req: &Request) -> Response {
    let Some(q) = queries::find(name) else {
        return not_found(&format!("/queries/{name}"));
    };
    let mut params: Vec<(String, Term)> = Vec::new();
    let mut shown = Vec::new();
    for (p, _) in &q.params {
        if let Some(v) = req.param(p).map(str::trim).filter(|v| !v.is_empty()) {
            params.push((p.clone(), parse_param_value(v)));
            shown.push(format!("{} = {}", escape(p), escape(v)));
        }
    }
    let mut body = format!(
        "<h1>{}</h1><p>{}</p>",
        escape(q.name),
        escape(&q.description)
    );
    if !shown.is_empty() {
        let _ = write!(body, "<p class=\"muted\">Bound: {}</p>", shown.join(", "));
    }
    match app.store.query_limited(q.text, &params, app.config.limits) {
        Ok(Answer::Table { variables, rows }) => body.push_str(&result_table(&variables, &rows)),
        Ok(Answer::Boolean(b)) => {
            let _ = write!(body, "<p>{b}</p>");
        }
        Ok(Answer::Graph(triples)) => {
            let _ = write!(body, "<p>{} triples</p>", triples.len());
        }
        Err(e) => return failure(&e),
    }
    let _ = write!(
        body,
        "<h2>SPARQL</h2><pre>{}</pre><p><a href=\"/sparql?query={}\">Run it at the endpoint</a> (unbound).</p>",
        escape(q.text),
        url_encode(q.text)
    );
    Response::html(200, page(q.name, &body))
}

/// `/sparql` opened in a browser without a query: a form.
pub fn sparql_form() -> Response {
    let body = "<h1>SPARQL endpoint</h1><p>This is a SPARQL 1.1 Protocol endpoint: send <code>query</code> by GET or POST. The default graph is the union of all graphs; updates are refused unless the server allows them.</p>\
<form action=\"/sparql\" method=\"get\"><textarea name=\"query\" rows=\"12\" cols=\"90\">PREFIX hg: &lt;https://w3id.org/hankegraph/ontology#&gt;\nSELECT ?code WHERE { ?p a hg:Project ; hg:projectCode ?code } ORDER BY ?code LIMIT 20</textarea><br>\
<label>Results as <select name=\"format-hint\" disabled><option>negotiated by Accept</option></select></label> <button>Run</button></form>";
    Response::html(200, page("SPARQL", body))
}
