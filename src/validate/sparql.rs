//! The few SPARQL expressions SHACL Core is defined by, evaluated by Oxigraph itself:
//! `REGEX` for `sh:pattern`, `<` and `<=` for the range and property-pair components, and the
//! XSD casts that tell whether a literal's lexical form is valid for its datatype.
//!
//! Going through Oxigraph keeps one regular-expression engine and one implementation of XSD
//! comparison and lexical spaces in the crate, with SPARQL's semantics, which is what SHACL
//! specifies. Each expression is a prepared `SELECT` whose inputs are bound with
//! `substitute_variable`; it runs on an empty in-memory store, since it reads no data.

use super::ValidateError;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNodeRef, Term, Variable};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// Prepared expressions and the empty store they run on.
pub(crate) struct Sparql {
    store: Store,
    regex: PreparedSparqlQuery,
    less_or_equal: PreparedSparqlQuery,
    less: PreparedSparqlQuery,
}

/// A prepared check of lexical forms for one datatype.
#[derive(Clone)]
pub(crate) struct LexicalCheck(Box<PreparedSparqlQuery>);

fn var(name: &str) -> Variable {
    Variable::new_unchecked(name)
}

fn prepare(query: &str) -> Result<PreparedSparqlQuery, ValidateError> {
    Ok(SparqlEvaluator::new().parse_query(query)?)
}

/// How a datatype's lexical space is checked: the XSD cast that parses it and a condition on
/// the cast value `?v` (for the derived integer types).
fn lexical_rule(datatype: NamedNodeRef<'_>) -> Option<(NamedNodeRef<'static>, &'static str)> {
    const ANY: &str = "true";
    let rule = match datatype.as_str() {
        d if d == xsd::BOOLEAN.as_str() => (xsd::BOOLEAN, ANY),
        d if d == xsd::DECIMAL.as_str() => (xsd::DECIMAL, ANY),
        d if d == xsd::INTEGER.as_str() => (xsd::INTEGER, ANY),
        d if d == xsd::DOUBLE.as_str() => (xsd::DOUBLE, ANY),
        d if d == xsd::FLOAT.as_str() => (xsd::FLOAT, ANY),
        d if d == xsd::DATE.as_str() => (xsd::DATE, ANY),
        d if d == xsd::TIME.as_str() => (xsd::TIME, ANY),
        d if d == xsd::DATE_TIME.as_str() => (xsd::DATE_TIME, ANY),
        d if d == xsd::DATE_TIME_STAMP.as_str() => (xsd::DATE_TIME, "TZ(?v) != \"\""),
        d if d == xsd::DURATION.as_str() => (xsd::DURATION, ANY),
        d if d == xsd::YEAR_MONTH_DURATION.as_str() => (xsd::YEAR_MONTH_DURATION, ANY),
        d if d == xsd::DAY_TIME_DURATION.as_str() => (xsd::DAY_TIME_DURATION, ANY),
        d if d == xsd::G_YEAR.as_str() => (xsd::G_YEAR, ANY),
        d if d == xsd::G_YEAR_MONTH.as_str() => (xsd::G_YEAR_MONTH, ANY),
        d if d == xsd::G_MONTH.as_str() => (xsd::G_MONTH, ANY),
        d if d == xsd::G_MONTH_DAY.as_str() => (xsd::G_MONTH_DAY, ANY),
        d if d == xsd::G_DAY.as_str() => (xsd::G_DAY, ANY),
        d if d == xsd::LONG.as_str() => (xsd::INTEGER, ANY),
        d if d == xsd::INT.as_str() => (xsd::INTEGER, "?v >= -2147483648 && ?v <= 2147483647"),
        d if d == xsd::SHORT.as_str() => (xsd::INTEGER, "?v >= -32768 && ?v <= 32767"),
        d if d == xsd::BYTE.as_str() => (xsd::INTEGER, "?v >= -128 && ?v <= 127"),
        d if d == xsd::NON_NEGATIVE_INTEGER.as_str() => (xsd::INTEGER, "?v >= 0"),
        d if d == xsd::POSITIVE_INTEGER.as_str() => (xsd::INTEGER, "?v >= 1"),
        d if d == xsd::NON_POSITIVE_INTEGER.as_str() => (xsd::INTEGER, "?v <= 0"),
        d if d == xsd::NEGATIVE_INTEGER.as_str() => (xsd::INTEGER, "?v <= -1"),
        d if d == xsd::UNSIGNED_LONG.as_str() => (xsd::INTEGER, "?v >= 0"),
        d if d == xsd::UNSIGNED_INT.as_str() => (xsd::INTEGER, "?v >= 0 && ?v <= 4294967295"),
        d if d == xsd::UNSIGNED_SHORT.as_str() => (xsd::INTEGER, "?v >= 0 && ?v <= 65535"),
        d if d == xsd::UNSIGNED_BYTE.as_str() => (xsd::INTEGER, "?v >= 0 && ?v <= 255"),
        _ => return None,
    };
    Some(rule)
}

impl Sparql {
    pub(crate) fn new() -> Result<Self, ValidateError> {
        Ok(Sparql {
            store: Store::new()?,
            regex: prepare(
                "SELECT ?ok ?text ?pattern ?flags \
                 WHERE { BIND(REGEX(?text, ?pattern, ?flags) AS ?ok) }",
            )?,
            less_or_equal: prepare(
                "SELECT ?ok ?left ?right WHERE { BIND((?left <= ?right) AS ?ok) }",
            )?,
            less: prepare("SELECT ?ok ?left ?right WHERE { BIND((?left < ?right) AS ?ok) }")?,
        })
    }

    /// Runs a prepared `SELECT ?ok …` and reads `?ok` as a boolean; `None` when the
    /// expression raised an error (SPARQL leaves `?ok` unbound then).
    fn boolean(&self, query: PreparedSparqlQuery) -> Result<Option<bool>, ValidateError> {
        let QueryResults::Solutions(mut solutions) = query.on_store(&self.store).execute()? else {
            return Ok(None);
        };
        let Some(solution) = solutions.next().transpose()? else {
            return Ok(None);
        };
        Ok(match solution.get("ok") {
            Some(Term::Literal(l)) if l.datatype() == xsd::BOOLEAN => Some(l.value() == "true"),
            _ => None,
        })
    }

    /// `REGEX(text, pattern, flags)`; `None` when the pattern or the flags are invalid.
    pub(crate) fn regex(
        &self,
        text: &str,
        pattern: &str,
        flags: &str,
    ) -> Result<Option<bool>, ValidateError> {
        self.boolean(
            self.regex
                .clone()
                .substitute_variable(var("text"), Literal::new_simple_literal(text))
                .substitute_variable(var("pattern"), Literal::new_simple_literal(pattern))
                .substitute_variable(var("flags"), Literal::new_simple_literal(flags)),
        )
    }

    /// `left <= right` (or `left < right` when `strict`) with SPARQL's operator mapping;
    /// `None` when the two terms are not comparable.
    pub(crate) fn compare(
        &self,
        left: &Term,
        right: &Term,
        strict: bool,
    ) -> Result<Option<bool>, ValidateError> {
        let query = if strict {
            &self.less
        } else {
            &self.less_or_equal
        };
        self.boolean(
            query
                .clone()
                .substitute_variable(var("left"), left.clone())
                .substitute_variable(var("right"), right.clone()),
        )
    }

    /// The check of lexical forms for `datatype`, or `None` when every lexical form is
    /// accepted: `xsd:string`, `rdf:langString`, and the datatypes Oxigraph has no cast for.
    pub(crate) fn lexical_check(
        datatype: NamedNodeRef<'_>,
    ) -> Result<Option<LexicalCheck>, ValidateError> {
        let Some((cast, condition)) = lexical_rule(datatype) else {
            return Ok(None);
        };
        let query = format!(
            "SELECT ?ok ?lexical WHERE {{ BIND({cast}(?lexical) AS ?v) \
             BIND((BOUND(?v) && ({condition})) AS ?ok) }}"
        );
        Ok(Some(LexicalCheck(Box::new(prepare(&query)?))))
    }

    /// Whether `lexical` is in the lexical space that `check` tests.
    pub(crate) fn is_well_formed(
        &self,
        check: &LexicalCheck,
        lexical: &str,
    ) -> Result<bool, ValidateError> {
        Ok(self
            .boolean(
                (*check.0)
                    .clone()
                    .substitute_variable(var("lexical"), Literal::new_simple_literal(lexical)),
            )?
            .unwrap_or(false))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn regex_follows_sparql() {
        let s = Sparql::new().unwrap();
        let pattern = "^https://w3id\\.org/hankegraph/project/S[0-9]{5}$";
        assert_eq!(
            s.regex("https://w3id.org/hankegraph/project/S20474", pattern, "")
                .unwrap(),
            Some(true)
        );
        assert_eq!(
            s.regex("https://w3idXorg/hankegraph/project/S20474", pattern, "")
                .unwrap(),
            Some(false)
        );
        assert_eq!(s.regex("ABC", "^abc$", "i").unwrap(), Some(true));
        assert_eq!(s.regex("ABC", "^abc$", "").unwrap(), Some(false));
        // An unbalanced group and an unknown flag are errors, not "no match".
        assert_eq!(s.regex("x", "(", "").unwrap(), None);
        assert_eq!(s.regex("x", "x", "z").unwrap(), None);
    }

    #[test]
    fn comparisons_follow_sparql_operators() {
        let s = Sparql::new().unwrap();
        let dec = |v: &str| Term::from(Literal::new_typed_literal(v, xsd::DECIMAL));
        let date = |v: &str| Term::from(Literal::new_typed_literal(v, xsd::DATE));
        let zero = Term::from(Literal::from(0));
        assert_eq!(s.compare(&zero, &dec("58210"), false).unwrap(), Some(true));
        assert_eq!(s.compare(&zero, &dec("-5"), false).unwrap(), Some(false));
        assert_eq!(s.compare(&zero, &dec("0"), true).unwrap(), Some(false));
        assert_eq!(
            s.compare(&date("2016-03-01"), &date("2016-12-31"), false)
                .unwrap(),
            Some(true)
        );
        assert_eq!(
            s.compare(&date("2017-01-01"), &date("2016-12-31"), false)
                .unwrap(),
            Some(false)
        );
        // A string and a date, an ill-typed decimal, an IRI: not comparable.
        let text = Term::from(Literal::new_simple_literal("2016-03-01"));
        assert_eq!(s.compare(&text, &date("2016-12-31"), false).unwrap(), None);
        assert_eq!(s.compare(&zero, &dec("12,5"), false).unwrap(), None);
        let iri = Term::from(NamedNode::new("http://example.org/x").unwrap());
        assert_eq!(s.compare(&zero, &iri, false).unwrap(), None);
    }

    #[test]
    fn lexical_forms_are_checked_by_xsd_casts() {
        let s = Sparql::new().unwrap();
        let ok = |dt: NamedNodeRef<'_>, v: &str| {
            let check = Sparql::lexical_check(dt).unwrap().unwrap();
            s.is_well_formed(&check, v).unwrap()
        };
        assert!(ok(xsd::DATE, "2016-03-01"));
        assert!(!ok(xsd::DATE, "2016-13-01"));
        assert!(!ok(xsd::DATE, "1.3.2016"));
        assert!(ok(xsd::DECIMAL, "58210"));
        assert!(ok(xsd::DECIMAL, "123456.78"));
        assert!(!ok(xsd::DECIMAL, "12,5"));
        assert!(ok(xsd::BOOLEAN, "true"));
        assert!(ok(xsd::BOOLEAN, "0"));
        assert!(!ok(xsd::BOOLEAN, "yes"));
        assert!(ok(xsd::DATE_TIME, "2025-01-31T09:30:00Z"));
        assert!(!ok(xsd::DATE_TIME, "2025-01-31"));
        assert!(ok(xsd::G_YEAR_MONTH, "2019-09"));
        assert!(!ok(xsd::G_YEAR_MONTH, "2019-13"));
        assert!(ok(xsd::BYTE, "127"));
        assert!(!ok(xsd::BYTE, "128"));
        assert!(!ok(xsd::NON_NEGATIVE_INTEGER, "-1"));
        assert!(ok(xsd::DATE_TIME_STAMP, "2025-01-31T09:30:00Z"));
        assert!(!ok(xsd::DATE_TIME_STAMP, "2025-01-31T09:30:00"));
        assert!(Sparql::lexical_check(xsd::STRING).unwrap().is_none());
        assert!(Sparql::lexical_check(xsd::ANY_URI).unwrap().is_none());
    }
}
