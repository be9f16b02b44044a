//! Small helpers over an in-memory [`Graph`]: RDF lists, sets of terms in discovery order, and
//! SHACL instances (`rdf:type/rdfs:subClassOf*`).

use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{Graph, NamedOrBlankNodeRef, Term, TermRef};
use std::collections::HashSet;

/// The members of the RDF list starting at `head`, or why it is not a well-formed list.
pub(crate) fn read_list<'a>(
    graph: &'a Graph,
    head: TermRef<'a>,
) -> Result<Vec<TermRef<'a>>, String> {
    let mut members = Vec::new();
    let mut seen = HashSet::new();
    let mut node = head;
    while node != rdf::NIL.into() {
        let Some(subject) = as_subject(node) else {
            return Err(format!("is not an RDF list: {node} is a literal"));
        };
        if !seen.insert(node) {
            return Err(format!("is not an RDF list: {head} has a cycle"));
        }
        let firsts: Vec<_> = graph
            .objects_for_subject_predicate(subject, rdf::FIRST)
            .collect();
        let rests: Vec<_> = graph
            .objects_for_subject_predicate(subject, rdf::REST)
            .collect();
        match (firsts.as_slice(), rests.as_slice()) {
            ([first], [rest]) => {
                members.push(*first);
                node = *rest;
            }
            _ => {
                return Err(format!(
                    "is not an RDF list: {node} needs exactly one rdf:first and one rdf:rest"
                ))
            }
        }
    }
    Ok(members)
}

/// A term as a subject, if it can be one.
pub(crate) fn as_subject(term: TermRef<'_>) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        TermRef::NamedNode(n) => Some(n.into()),
        TermRef::BlankNode(b) => Some(b.into()),
        _ => None,
    }
}

/// A set of terms that remembers the order in which they were first added.
#[derive(Default)]
pub(crate) struct TermSet {
    order: Vec<Term>,
    seen: HashSet<Term>,
}

impl TermSet {
    /// Adds a term; returns whether it was new.
    pub(crate) fn insert(&mut self, term: Term) -> bool {
        if self.seen.contains(&term) {
            return false;
        }
        self.seen.insert(term.clone());
        self.order.push(term);
        true
    }

    pub(crate) fn into_vec(self) -> Vec<Term> {
        self.order
    }
}

/// Every SHACL instance of `class` in `data`: subjects of `rdf:type C` for `C` = `class` or one
/// of its `rdfs:subClassOf*` subclasses.
pub(crate) fn instances(data: &Graph, class: TermRef<'_>) -> Vec<Term> {
    let mut classes = TermSet::default();
    classes.insert(class.into_owned());
    let mut todo = vec![class.into_owned()];
    while let Some(c) = todo.pop() {
        for sub in data.subjects_for_predicate_object(rdfs::SUB_CLASS_OF, &c) {
            let sub = Term::from(sub.into_owned());
            if classes.insert(sub.clone()) {
                todo.push(sub);
            }
        }
    }
    let mut found = TermSet::default();
    for c in classes.into_vec() {
        for node in data.subjects_for_predicate_object(rdf::TYPE, &c) {
            found.insert(node.into_owned().into());
        }
    }
    found.into_vec()
}

/// Whether `node` is a SHACL instance of `class` in `data`: it has an `rdf:type` that is `class`
/// or one of its subclasses through `rdfs:subClassOf*`.
pub(crate) fn is_instance(data: &Graph, node: &Term, class: &Term) -> bool {
    let Some(subject) = as_subject(node.as_ref()) else {
        return false;
    };
    let mut seen = TermSet::default();
    let mut todo: Vec<Term> = data
        .objects_for_subject_predicate(subject, rdf::TYPE)
        .map(TermRef::into_owned)
        .collect();
    while let Some(c) = todo.pop() {
        if &c == class {
            return true;
        }
        if !seen.insert(c.clone()) {
            continue;
        }
        if let Some(c) = as_subject(c.as_ref()) {
            todo.extend(
                data.objects_for_subject_predicate(c, rdfs::SUB_CLASS_OF)
                    .map(TermRef::into_owned),
            );
        }
    }
    false
}
