//! Parameters bound as RDF terms, never pasted into query text: either Oxigraph's
//! substitution of a projected variable, or a `VALUES` block joined into the parsed query's
//! algebra, which is then written back as SPARQL.

use super::StoreError;
use oxigraph::model::{Term, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::{Query, SparqlParser};

/// Returns the query with `params` bound: a `VALUES` block joined below the query's solution
/// modifiers (projection, ordering, grouping, filters), so every variable keeps its name and
/// the rows are those of the same query with the variables bound.
///
/// ```
/// use hankegraph::store::bind_values;
/// use oxigraph::model::{Literal, Term};
/// let q = bind_values("SELECT ?s WHERE { ?s <http://x/code> ?code }",
///     &[("code".into(), Term::from(Literal::new_simple_literal("S1\" } DROP ALL")))])?;
/// // the value stays one escaped literal of a VALUES block: nothing breaks out of it
/// assert!(q.contains("VALUES"));
/// assert!(q.contains(r#""S1\" } DROP ALL""#));
/// assert!(spargebra::SparqlParser::new().parse_query(&q).is_ok());
/// # Ok::<_, hankegraph::store::StoreError>(())
/// ```
pub fn bind_values(text: &str, params: &[(String, Term)]) -> Result<String, StoreError> {
    let query = SparqlParser::new()
        .parse_query(text)
        .map_err(|e| StoreError::Bind(format!("SPARQL syntax error: {e}")))?;
    if params.is_empty() {
        return Ok(text.to_owned());
    }
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, term) in params {
        let var = Variable::new(name).map_err(|_| {
            StoreError::Bind(format!(
                "parameter {name:?} is not a valid SPARQL variable name"
            ))
        })?;
        let ground = match term {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => {
                return Err(StoreError::Bind(format!(
                    "parameter {name}: {other} cannot be bound remotely (an IRI or a literal is needed)"
                )))
            }
        };
        variables.push(var);
        row.push(Some(ground));
    }
    let values = GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let bound = match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: inject(pattern, values),
            base_iri,
        },
    };
    Ok(bound.to_string())
}

/// Joins `values` with the pattern below the solution modifiers.
/// Joins `values` into `pattern` below the solution modifiers of the query's own level
/// (slicing, projection, ordering, grouping, filters), so a `FILTER` of that level sees the
/// bound variables. A sub-select (a projection below the query's own) is not entered: its
/// projection would hide them.
fn inject(pattern: GraphPattern, values: GraphPattern) -> GraphPattern {
    inject_at(pattern, values, true)
}

/// `top` is true until the query's own projection has been passed.
fn inject_at(pattern: GraphPattern, values: GraphPattern, top: bool) -> GraphPattern {
    match pattern {
        GraphPattern::Project { inner, variables } if top => GraphPattern::Project {
            inner: Box::new(inject_at(*inner, values, false)),
            variables,
        },
        GraphPattern::Distinct { inner } if top => GraphPattern::Distinct {
            inner: Box::new(inject_at(*inner, values, top)),
        },
        GraphPattern::Reduced { inner } if top => GraphPattern::Reduced {
            inner: Box::new(inject_at(*inner, values, top)),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } if top => GraphPattern::Slice {
            inner: Box::new(inject_at(*inner, values, top)),
            start,
            length,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: Box::new(inject_at(*inner, values, top)),
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: Box::new(inject_at(*inner, values, top)),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: Box::new(inject_at(*inner, values, top)),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: Box::new(inject_at(*inner, values, top)),
        },
        other => GraphPattern::Join {
            left: Box::new(values),
            right: Box::new(other),
        },
    }
}

/// The variables a SELECT query projects, or `None` for other query forms and text that does
/// not parse.
pub fn projected_variables(text: &str) -> Option<Vec<Variable>> {
    let Ok(Query::Select { pattern, .. }) = SparqlParser::new().parse_query(text) else {
        return None;
    };
    let mut p = &pattern;
    loop {
        p = match p {
            GraphPattern::Project { variables, .. } => return Some(variables.clone()),
            GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. }
            | GraphPattern::OrderBy { inner, .. } => inner,
            _ => return None,
        };
    }
}
