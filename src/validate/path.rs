//! SHACL property paths: read from the shapes graph, evaluated on the data graph, and written
//! back as SPARQL property-path text (for people) or as SHACL Turtle (for reports).

use super::graph::{as_subject, read_list, TermSet};
use super::vocab as sh;
use oxigraph::model::{Graph, NamedNode, Term, TermRef};
use std::collections::HashSet;
use std::fmt;

/// A SHACL property path (SHACL §2.3.1).
///
/// `Display` writes it in SPARQL property-path syntax with full IRIs, e.g.
/// `^<https://w3id.org/hankegraph/ontology#qualifiedRelation>` or `<a>/<b>`; a nested path
/// other than a predicate is put in parentheses.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Path {
    /// A predicate IRI.
    Predicate(NamedNode),
    /// `sh:inversePath`.
    Inverse(Box<Path>),
    /// A sequence path (an RDF list of paths).
    Sequence(Vec<Path>),
    /// `sh:alternativePath`.
    Alternative(Vec<Path>),
    /// `sh:zeroOrMorePath`.
    ZeroOrMore(Box<Path>),
    /// `sh:oneOrMorePath`.
    OneOrMore(Box<Path>),
    /// `sh:zeroOrOnePath`.
    ZeroOrOne(Box<Path>),
}

impl Path {
    /// Reads the path whose node is `node` in the shapes graph; `Err` says why it is no path.
    pub(crate) fn parse(shapes: &Graph, node: TermRef<'_>) -> Result<Self, String> {
        let subject = match node {
            TermRef::NamedNode(p) => return Ok(Path::Predicate(p.into_owned())),
            TermRef::BlankNode(b) => b,
            _ => return Err(format!("{node} is a literal, not a path")),
        };
        if shapes
            .object_for_subject_predicate(subject, oxigraph::model::vocab::rdf::FIRST)
            .is_some()
        {
            let members = read_list(shapes, node)?;
            if members.len() < 2 {
                return Err(format!("sequence path {node} has fewer than two members"));
            }
            return Ok(Path::Sequence(
                members
                    .into_iter()
                    .map(|m| Path::parse(shapes, m))
                    .collect::<Result<_, _>>()?,
            ));
        }
        let forms = [
            sh::INVERSE_PATH,
            sh::ALTERNATIVE_PATH,
            sh::ZERO_OR_MORE_PATH,
            sh::ONE_OR_MORE_PATH,
            sh::ZERO_OR_ONE_PATH,
        ];
        let mut found = Vec::new();
        for form in forms {
            for value in shapes.objects_for_subject_predicate(subject, form) {
                found.push((form, value));
            }
        }
        let [(form, value)] = found.as_slice() else {
            return Err(format!(
                "blank node {node} must be a list or have exactly one of sh:inversePath, \
                 sh:alternativePath, sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath"
            ));
        };
        let inner = || Path::parse(shapes, *value).map(Box::new);
        Ok(match *form {
            f if f == sh::INVERSE_PATH => Path::Inverse(inner()?),
            f if f == sh::ZERO_OR_MORE_PATH => Path::ZeroOrMore(inner()?),
            f if f == sh::ONE_OR_MORE_PATH => Path::OneOrMore(inner()?),
            f if f == sh::ZERO_OR_ONE_PATH => Path::ZeroOrOne(inner()?),
            _ => {
                let members = read_list(shapes, *value)?;
                if members.len() < 2 {
                    return Err(format!(
                        "sh:alternativePath {value} has fewer than two members"
                    ));
                }
                Path::Alternative(
                    members
                        .into_iter()
                        .map(|m| Path::parse(shapes, m))
                        .collect::<Result<_, _>>()?,
                )
            }
        })
    }

    /// The blank nodes that make up the path whose node is `node` (its own nodes and list
    /// nodes), so that they are not mistaken for shapes.
    pub(crate) fn collect_nodes(shapes: &Graph, node: TermRef<'_>, out: &mut HashSet<Term>) {
        let Some(subject) = as_subject(node) else {
            return;
        };
        if node.is_named_node() || !out.insert(node.into_owned()) {
            return;
        }
        for triple in shapes.triples_for_subject(subject) {
            Path::collect_nodes(shapes, triple.object, out);
        }
    }

    /// The value nodes reached from `node` (SHACL §2.3.2), each once, in discovery order.
    pub(crate) fn values(&self, data: &Graph, node: &Term) -> Vec<Term> {
        let mut out = TermSet::default();
        self.step(data, node, false, &mut out);
        out.into_vec()
    }

    /// Adds to `out` the nodes reached from `node` by this path, or by its inverse.
    fn step(&self, data: &Graph, node: &Term, inverse: bool, out: &mut TermSet) {
        match self {
            Path::Predicate(p) => {
                if inverse {
                    for s in data.subjects_for_predicate_object(p, node) {
                        out.insert(s.into_owned().into());
                    }
                } else if let Some(s) = as_subject(node.as_ref()) {
                    for o in data.objects_for_subject_predicate(s, p) {
                        out.insert(o.into_owned());
                    }
                }
            }
            Path::Inverse(inner) => inner.step(data, node, !inverse, out),
            Path::Sequence(steps) => {
                let mut frontier = vec![node.clone()];
                let ordered: Vec<&Path> = if inverse {
                    steps.iter().rev().collect()
                } else {
                    steps.iter().collect()
                };
                for step in ordered {
                    let mut next = TermSet::default();
                    for n in &frontier {
                        step.step(data, n, inverse, &mut next);
                    }
                    frontier = next.into_vec();
                }
                for n in frontier {
                    out.insert(n);
                }
            }
            Path::Alternative(choices) => {
                for choice in choices {
                    choice.step(data, node, inverse, out);
                }
            }
            Path::ZeroOrOne(inner) => {
                out.insert(node.clone());
                inner.step(data, node, inverse, out);
            }
            Path::ZeroOrMore(inner) | Path::OneOrMore(inner) => {
                let mut reached = TermSet::default();
                if matches!(self, Path::ZeroOrMore(_)) {
                    reached.insert(node.clone());
                }
                let mut todo = vec![node.clone()];
                let mut expanded = HashSet::new();
                while let Some(n) = todo.pop() {
                    if !expanded.insert(n.clone()) {
                        continue;
                    }
                    let mut next = TermSet::default();
                    inner.step(data, &n, inverse, &mut next);
                    for m in next.into_vec() {
                        reached.insert(m.clone());
                        todo.push(m);
                    }
                }
                for n in reached.into_vec() {
                    out.insert(n);
                }
            }
        }
    }

    /// The path as SHACL Turtle, using the `sh:` prefix: `<p>`, `[ sh:inversePath <p> ]`,
    /// `( <a> <b> )`, ….
    pub(crate) fn to_turtle(&self) -> String {
        let list = |paths: &[Path]| {
            let items: Vec<String> = paths.iter().map(Path::to_turtle).collect();
            format!("( {} )", items.join(" "))
        };
        match self {
            Path::Predicate(p) => p.to_string(),
            Path::Inverse(inner) => format!("[ sh:inversePath {} ]", inner.to_turtle()),
            Path::Sequence(steps) => list(steps),
            Path::Alternative(choices) => format!("[ sh:alternativePath {} ]", list(choices)),
            Path::ZeroOrMore(inner) => format!("[ sh:zeroOrMorePath {} ]", inner.to_turtle()),
            Path::OneOrMore(inner) => format!("[ sh:oneOrMorePath {} ]", inner.to_turtle()),
            Path::ZeroOrOne(inner) => format!("[ sh:zeroOrOnePath {} ]", inner.to_turtle()),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn atom(p: &Path, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match p {
                Path::Predicate(_) => write!(f, "{p}"),
                _ => write!(f, "({p})"),
            }
        }
        fn joined(paths: &[Path], sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for (i, p) in paths.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                atom(p, f)?;
            }
            Ok(())
        }
        match self {
            Path::Predicate(p) => write!(f, "{p}"),
            Path::Inverse(inner) => {
                f.write_str("^")?;
                atom(inner, f)
            }
            Path::Sequence(steps) => joined(steps, "/", f),
            Path::Alternative(choices) => joined(choices, "|", f),
            Path::ZeroOrMore(inner) => {
                atom(inner, f)?;
                f.write_str("*")
            }
            Path::OneOrMore(inner) => {
                atom(inner, f)?;
                f.write_str("+")
            }
            Path::ZeroOrOne(inner) => {
                atom(inner, f)?;
                f.write_str("?")
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};

    fn graph(ttl: &str) -> Graph {
        let mut g = Graph::new();
        for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl) {
            g.insert(&oxigraph::model::Triple::from(q.unwrap()));
        }
        g
    }

    fn iri(s: &str) -> Term {
        NamedNode::new(format!("http://example.org/{s}"))
            .unwrap()
            .into()
    }

    /// Parses the `sh:path` of `ex:s` in `shapes` and evaluates it from `ex:{from}`.
    fn eval(shapes: &str, data: &Graph, from: &str) -> (String, Vec<String>) {
        let g = graph(shapes);
        let node = g
            .object_for_subject_predicate(
                oxigraph::model::NamedNodeRef::new("http://example.org/s").unwrap(),
                sh::PATH,
            )
            .unwrap();
        let path = Path::parse(&g, node).unwrap();
        let mut values: Vec<String> = path
            .values(data, &iri(from))
            .iter()
            .map(|t| t.to_string().replace("http://example.org/", ""))
            .collect();
        values.sort();
        (path.to_string().replace("http://example.org/", ""), values)
    }

    const PREFIXES: &str = "@prefix ex: <http://example.org/> . \
                            @prefix sh: <http://www.w3.org/ns/shacl#> .\n";

    fn data() -> Graph {
        // a → b → c → a (a cycle), a → d, b ← e
        graph(&format!(
            "{PREFIXES} ex:a ex:p ex:b , ex:d . ex:b ex:p ex:c . ex:c ex:p ex:a . \
             ex:e ex:q ex:b . ex:b ex:r \"lit\" ."
        ))
    }

    #[test]
    fn every_path_form_evaluates_as_in_shacl() {
        let d = data();
        let cases: &[(&str, &str, &str, &[&str])] = &[
            ("ex:p", "a", "<p>", &["<b>", "<d>"]),
            ("[ sh:inversePath ex:q ]", "b", "^<q>", &["<e>"]),
            ("( ex:p ex:p )", "a", "<p>/<p>", &["<c>"]),
            ("( ex:p ex:r )", "a", "<p>/<r>", &["\"lit\""]),
            (
                "[ sh:inversePath ( ex:q ex:p ) ]",
                "c",
                "^(<q>/<p>)",
                &["<e>"],
            ),
            (
                "[ sh:alternativePath ( ex:p ex:q ) ]",
                "e",
                "<p>|<q>",
                &["<b>"],
            ),
            (
                "[ sh:zeroOrMorePath ex:p ]",
                "b",
                "<p>*",
                &["<a>", "<b>", "<c>", "<d>"],
            ),
            ("[ sh:oneOrMorePath ex:p ]", "d", "<p>+", &[]),
            (
                "[ sh:oneOrMorePath ex:p ]",
                "c",
                "<p>+",
                &["<a>", "<b>", "<c>", "<d>"],
            ),
            ("[ sh:zeroOrOnePath ex:p ]", "c", "<p>?", &["<a>", "<c>"]),
            (
                "[ sh:inversePath [ sh:oneOrMorePath ex:p ] ]",
                "d",
                "^(<p>+)",
                &["<a>", "<b>", "<c>"],
            ),
        ];
        for (path, from, text, expected) in cases {
            let shapes = format!("{PREFIXES} ex:s sh:path {path} .");
            let (shown, values) = eval(&shapes, &d, from);
            assert_eq!(&shown, text, "display of {path}");
            assert_eq!(values, *expected, "values of {path} from {from}");
        }
    }

    #[test]
    fn malformed_paths_are_refused() {
        for path in [
            "\"p\"",
            "( ex:p )",
            "[ sh:inversePath ex:p ; sh:zeroOrMorePath ex:p ]",
            "[ ex:foo ex:p ]",
            "[ sh:alternativePath ex:p ]",
        ] {
            let g = graph(&format!("{PREFIXES} ex:s sh:path {path} ."));
            let node = g
                .object_for_subject_predicate(
                    oxigraph::model::NamedNodeRef::new("http://example.org/s").unwrap(),
                    sh::PATH,
                )
                .unwrap();
            assert!(Path::parse(&g, node).is_err(), "{path} accepted");
        }
    }

    #[test]
    fn turtle_form_parses_back_to_the_same_path() {
        let shapes = format!(
            "{PREFIXES} ex:s sh:path ( [ sh:inversePath ex:q ] [ sh:alternativePath ( ex:p \
             [ sh:zeroOrOnePath ex:r ] ) ] [ sh:oneOrMorePath ex:p ] [ sh:zeroOrMorePath ex:p ] ) ."
        );
        let g = graph(&shapes);
        let s = oxigraph::model::NamedNodeRef::new("http://example.org/s").unwrap();
        let path = Path::parse(&g, g.object_for_subject_predicate(s, sh::PATH).unwrap()).unwrap();
        let again = graph(&format!("{PREFIXES} ex:s sh:path {} .", path.to_turtle()));
        let reparsed = Path::parse(
            &again,
            again.object_for_subject_predicate(s, sh::PATH).unwrap(),
        )
        .unwrap();
        assert_eq!(path, reparsed);
    }
}
