//! The named queries shipped in `queries/*.rq`, embedded at build time.
//!
//! Each file starts with a header of `#` comment lines:
//!
//! ```text
//! # successors — which projects continue this one, directly or along a chain
//! # param code: a project code, e.g. S20474
//! ```
//!
//! The first line names what the query answers; `param NAME: …` lines document the variables a
//! caller binds (`--param code=S20474`). Parameters are bound as RDF terms, never spliced into
//! the text.

include!(concat!(env!("OUT_DIR"), "/named_queries.rs"));

/// One named query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedQuery {
    /// The file stem, e.g. `successors`.
    pub name: &'static str,
    /// The SPARQL text.
    pub text: &'static str,
    /// What it answers (the header's first line, after the name and dash).
    pub description: String,
    /// Parameters: (name, description).
    pub params: Vec<(String, String)>,
}

fn from_file(name: &'static str, text: &'static str) -> NamedQuery {
    let header: Vec<&str> = text
        .lines()
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim_start().trim_start_matches('#').trim())
        .collect();
    let description = header
        .first()
        .map(|l| {
            l.split_once(" — ")
                .or_else(|| l.split_once(" - "))
                .map_or(*l, |(_, d)| d)
                .to_owned()
        })
        .unwrap_or_default();
    let params = header
        .iter()
        .filter_map(|l| l.strip_prefix("param "))
        .filter_map(|l| l.split_once(':'))
        .map(|(n, d)| (n.trim().to_owned(), d.trim().to_owned()))
        .collect();
    NamedQuery {
        name,
        text,
        description,
        params,
    }
}

/// Every named query, sorted by name.
pub fn all() -> Vec<NamedQuery> {
    NAMED_QUERIES
        .iter()
        .map(|&(n, t)| from_file(n, t))
        .collect()
}

/// The named query called `name`.
pub fn find(name: &str) -> Option<NamedQuery> {
    NAMED_QUERIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(n, t)| from_file(n, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_read() {
        let q = from_file(
            "x",
            "# x — what it answers\n# param code: a project code\nSELECT * {}\n",
        );
        assert_eq!(q.description, "what it answers");
        assert_eq!(q.params, [("code".to_owned(), "a project code".to_owned())]);
    }

    #[test]
    fn every_shipped_query_has_a_header() {
        for q in all() {
            assert!(
                !q.description.is_empty(),
                "{} has no header comment",
                q.name
            );
            for (p, _) in &q.params {
                assert!(
                    q.text.contains(&format!("?{p}")),
                    "{}: parameter {p} is not a variable of the query",
                    q.name
                );
            }
        }
    }
}
