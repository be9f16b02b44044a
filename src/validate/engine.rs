//! Validation proper (SHACL §3 and §4): focus nodes from targets, value nodes from paths, and
//! one function per constraint component.

use super::graph::{as_subject, instances, is_instance, TermSet};
use super::report::ValidationResult;
use super::shapes::{Constraint, Range, Shape, ShapeId, Shapes, Target};
use super::sparql::Sparql;
use super::vocab::short;
use super::ValidateError;
use oxigraph::model::{Graph, NamedNode, Term};
use std::collections::HashMap;

/// One validation run: shapes, data graph and the SPARQL expressions.
pub(crate) struct Engine<'a> {
    pub(crate) shapes: &'a Shapes,
    pub(crate) data: &'a Graph,
    pub(crate) sparql: &'a Sparql,
}

impl Engine<'_> {
    /// Validates every focus node of every shape that has targets.
    pub(crate) fn run(&self) -> Result<Vec<ValidationResult>, ValidateError> {
        let mut results = Vec::new();
        for (id, shape) in self.shapes.all.iter().enumerate() {
            if shape.deactivated || shape.targets.is_empty() {
                continue;
            }
            for focus in self.focus_nodes(shape) {
                self.validate(id, &focus, &mut results)?;
            }
        }
        Ok(results)
    }

    /// The focus nodes of a shape's targets (SHACL §2.1.3), each once.
    fn focus_nodes(&self, shape: &Shape) -> Vec<Term> {
        let mut nodes = TermSet::default();
        for target in &shape.targets {
            match target {
                Target::Class(class) => {
                    for n in instances(self.data, class.as_ref()) {
                        nodes.insert(n);
                    }
                }
                Target::Node(n) => {
                    nodes.insert(n.clone());
                }
                Target::SubjectsOf(p) => {
                    for t in self.data.triples_for_predicate(p) {
                        nodes.insert(t.subject.into_owned().into());
                    }
                }
                Target::ObjectsOf(p) => {
                    for t in self.data.triples_for_predicate(p) {
                        nodes.insert(t.object.into_owned());
                    }
                }
            }
        }
        nodes.into_vec()
    }

    /// Whether `node` conforms to shape `id`: validating it produces no result of any
    /// severity (SHACL §2.3.1 "conforms").
    fn conforms(&self, id: ShapeId, node: &Term) -> Result<bool, ValidateError> {
        let mut results = Vec::new();
        self.validate(id, node, &mut results)?;
        Ok(results.is_empty())
    }

    /// Validates `focus` against shape `id`, adding the results to `out`.
    fn validate(
        &self,
        id: ShapeId,
        focus: &Term,
        out: &mut Vec<ValidationResult>,
    ) -> Result<(), ValidateError> {
        let shape = &self.shapes.all[id];
        if shape.deactivated {
            return Ok(());
        }
        let values = match &shape.path {
            Some(path) => path.values(self.data, focus),
            None => vec![focus.clone()],
        };
        let mut report = Reporter { shape, focus, out };
        for constraint in &shape.constraints {
            self.check(constraint, focus, &values, &mut report)?;
        }
        Ok(())
    }

    /// Evaluates one constraint on the value nodes of a focus node.
    fn check(
        &self,
        constraint: &Constraint,
        focus: &Term,
        values: &[Term],
        report: &mut Reporter<'_, '_>,
    ) -> Result<(), ValidateError> {
        let Some(component) = constraint.component() else {
            // sh:property: the property shape's own results are the results.
            if let Constraint::Property(id) = constraint {
                for v in values {
                    self.validate(*id, v, report.out)?;
                }
            }
            return Ok(());
        };
        let component = component.into_owned();
        let mut fail = |value: Option<&Term>, default: String| {
            report.add(component.clone(), value.cloned(), default);
        };
        match constraint {
            Constraint::Class(class) => {
                for v in values {
                    if !is_instance(self.data, v, class) {
                        fail(Some(v), format!("Value is not an instance of {class}"));
                    }
                }
            }
            Constraint::Datatype { datatype, lexical } => {
                for v in values {
                    let ok = match v {
                        Term::Literal(l) if l.datatype() == datatype.as_ref() => match lexical {
                            Some(check) => self.sparql.is_well_formed(check, l.value())?,
                            None => true,
                        },
                        _ => false,
                    };
                    if !ok {
                        fail(
                            Some(v),
                            format!("Value is not a well-formed literal of datatype {datatype}"),
                        );
                    }
                }
            }
            Constraint::NodeKind(kind) => {
                for v in values {
                    if !kind.matches(v) {
                        fail(
                            Some(v),
                            format!("Value is not of node kind {}", short(kind.iri())),
                        );
                    }
                }
            }
            Constraint::MinCount(min) => {
                if (values.len() as u64) < *min {
                    fail(None, format!("Fewer than {min} values ({})", values.len()));
                }
            }
            Constraint::MaxCount(max) => {
                if values.len() as u64 > *max {
                    fail(None, format!("More than {max} values ({})", values.len()));
                }
            }
            Constraint::Range(range, bound) => {
                for v in values {
                    // SHACL: a result unless the comparison is true; an error counts as false.
                    let (ok, op) = match range {
                        Range::MinExclusive => (self.sparql.compare(bound, v, true)?, ">"),
                        Range::MinInclusive => (self.sparql.compare(bound, v, false)?, ">="),
                        Range::MaxExclusive => (self.sparql.compare(v, bound, true)?, "<"),
                        Range::MaxInclusive => (self.sparql.compare(v, bound, false)?, "<="),
                    };
                    if ok != Some(true) {
                        fail(Some(v), format!("Value is not {op} {bound}"));
                    }
                }
            }
            Constraint::MinLength(min) => {
                for v in values {
                    if lexical_form(v).is_none_or(|s| (s.chars().count() as u64) < *min) {
                        fail(Some(v), format!("Value has fewer than {min} characters"));
                    }
                }
            }
            Constraint::MaxLength(max) => {
                for v in values {
                    if lexical_form(v).is_none_or(|s| s.chars().count() as u64 > *max) {
                        fail(Some(v), format!("Value has more than {max} characters"));
                    }
                }
            }
            Constraint::Pattern { pattern, flags } => {
                for v in values {
                    let ok = match lexical_form(v) {
                        Some(text) => self.sparql.regex(text, pattern, flags)? == Some(true),
                        None => false,
                    };
                    if !ok {
                        fail(Some(v), format!("Value does not match pattern {pattern:?}"));
                    }
                }
            }
            Constraint::LanguageIn(ranges) => {
                for v in values {
                    let ok = match v {
                        Term::Literal(l) => l
                            .language()
                            .is_some_and(|tag| ranges.iter().any(|r| lang_matches(tag, r))),
                        _ => false,
                    };
                    if !ok {
                        fail(
                            Some(v),
                            format!("Language tag is not one of {}", ranges.join(", ")),
                        );
                    }
                }
            }
            Constraint::UniqueLang => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                for v in values {
                    if let Term::Literal(l) = v {
                        if let Some(tag) = l.language() {
                            *seen.entry(tag.to_ascii_lowercase()).or_default() += 1;
                        }
                    }
                }
                let mut duplicated: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
                duplicated.sort();
                for (tag, _) in duplicated {
                    fail(
                        None,
                        format!("Language \"{tag}\" is used by more than one value"),
                    );
                }
            }
            Constraint::In(members) => {
                for v in values {
                    if !members.contains(v) {
                        fail(Some(v), "Value is not one of the allowed values".into());
                    }
                }
            }
            Constraint::HasValue(required) => {
                if !values.contains(required) {
                    fail(None, format!("Missing the value {required}"));
                }
            }
            Constraint::Equals(p) => {
                let others = self.objects(focus, p);
                for v in values {
                    if !others.contains(v) {
                        fail(Some(v), format!("Value is not a value of {p}"));
                    }
                }
                for o in &others {
                    if !values.contains(o) {
                        fail(Some(o), format!("Value of {p} is not a value node"));
                    }
                }
            }
            Constraint::Disjoint(p) => {
                let others = self.objects(focus, p);
                for v in values {
                    if others.contains(v) {
                        fail(Some(v), format!("Value is also a value of {p}"));
                    }
                }
            }
            Constraint::LessThan(p) | Constraint::LessThanOrEquals(p) => {
                let strict = matches!(constraint, Constraint::LessThan(_));
                let op = if strict { "<" } else { "<=" };
                for v in values {
                    for o in self.objects(focus, p) {
                        if self.sparql.compare(v, &o, strict)? != Some(true) {
                            fail(Some(v), format!("Value is not {op} {o}, a value of {p}"));
                        }
                    }
                }
            }
            Constraint::Not(id) => {
                for v in values {
                    if self.conforms(*id, v)? {
                        fail(Some(v), "Value conforms to the sh:not shape".into());
                    }
                }
            }
            Constraint::And(ids) => {
                for v in values {
                    let mut ok = true;
                    for id in ids {
                        ok &= self.conforms(*id, v)?;
                    }
                    if !ok {
                        fail(
                            Some(v),
                            "Value does not conform to every sh:and shape".into(),
                        );
                    }
                }
            }
            Constraint::Or(ids) => {
                for v in values {
                    let mut ok = false;
                    for id in ids {
                        if self.conforms(*id, v)? {
                            ok = true;
                            break;
                        }
                    }
                    if !ok {
                        fail(Some(v), "Value conforms to none of the sh:or shapes".into());
                    }
                }
            }
            Constraint::Xone(ids) => {
                for v in values {
                    let mut n = 0;
                    for id in ids {
                        n += usize::from(self.conforms(*id, v)?);
                    }
                    if n != 1 {
                        fail(
                            Some(v),
                            format!("Value conforms to {n} of the sh:xone shapes, not exactly one"),
                        );
                    }
                }
            }
            Constraint::Node(id) => {
                for v in values {
                    if !self.conforms(*id, v)? {
                        let shape = &self.shapes.all[*id].node;
                        fail(Some(v), format!("Value does not conform to shape {shape}"));
                    }
                }
            }
            Constraint::Property(_) => {}
        }
        Ok(())
    }

    /// The objects of `focus` for predicate `p`, each once.
    fn objects(&self, focus: &Term, p: &NamedNode) -> Vec<Term> {
        let mut out = TermSet::default();
        if let Some(s) = as_subject(focus.as_ref()) {
            for o in self.data.objects_for_subject_predicate(s, p) {
                out.insert(o.into_owned());
            }
        }
        out.into_vec()
    }
}

/// Collects the results of one shape for one focus node.
struct Reporter<'a, 'o> {
    shape: &'a Shape,
    focus: &'a Term,
    out: &'o mut Vec<ValidationResult>,
}

impl Reporter<'_, '_> {
    fn add(&mut self, component: NamedNode, value: Option<Term>, default_message: String) {
        self.out.push(ValidationResult {
            focus_node: self.focus.clone(),
            path: self.shape.path.clone(),
            value,
            source_shape: self.shape.node.clone(),
            named_shape: self.shape.owner.clone(),
            constraint_component: component,
            severity: self.shape.severity.clone(),
            message: self.shape.message.clone().unwrap_or(default_message),
        });
    }
}

/// `str(v)` for `sh:pattern`, `sh:minLength`, `sh:maxLength`; `None` for a blank node, which
/// always fails these components.
fn lexical_form(v: &Term) -> Option<&str> {
    match v {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        Term::BlankNode(_) => None,
    }
}

/// SPARQL `langMatches` (RFC 4647 basic filtering): `*` matches any tag; otherwise the range
/// equals the tag or is a prefix of it followed by `-`, ignoring case.
fn lang_matches(tag: &str, range: &str) -> bool {
    if range == "*" {
        return !tag.is_empty();
    }
    let (tag, range) = (tag.to_ascii_lowercase(), range.to_ascii_lowercase());
    tag == range
        || tag
            .strip_prefix(&range)
            .is_some_and(|rest| rest.starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_ranges_match_like_sparql_lang_matches() {
        assert!(lang_matches("fi", "fi"));
        assert!(lang_matches("FI", "fi"));
        assert!(lang_matches("fi-FI", "fi"));
        assert!(!lang_matches("fil", "fi"));
        assert!(!lang_matches("en", "fi"));
        assert!(lang_matches("en", "*"));
    }
}
