//! The shapes graph compiled into [`Shapes`]: every shape with its targets, path, severity,
//! message and constraints, checked against the SHACL Core subset this engine implements.
//!
//! Which nodes are shapes follows SHACL §2.1: the SHACL instances of `sh:NodeShape` and
//! `sh:PropertyShape`, every subject of a SHACL term (a target, a parameter, `sh:path`, …) and
//! every value of a shape-expecting parameter (`sh:node`, `sh:property`, `sh:not`, members of
//! `sh:and`, `sh:or`, `sh:xone`), except the nodes that make up a property path.
//!
//! A subject that uses a term of the SHACL namespace that is not implemented here, or not
//! known at all, makes compilation fail with [`ValidateError::UnsupportedComponent`]: a shape
//! must never be ignored silently.

use super::graph::{as_subject, read_list};
use super::path::Path;
use super::report::Severity;
use super::sparql::{LexicalCheck, Sparql};
use super::vocab::{self as sh, short};
use super::ValidateError;
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, TripleRef,
};
use std::collections::{HashMap, HashSet, VecDeque};

/// Index of a shape in [`Shapes::all`].
pub(crate) type ShapeId = usize;

/// Every shape of a shapes graph.
pub(crate) struct Shapes {
    pub(crate) all: Vec<Shape>,
}

/// One node or property shape.
pub(crate) struct Shape {
    /// The shape's node in the shapes graph.
    pub(crate) node: NamedOrBlankNode,
    /// The nearest IRI-named shape this shape belongs to (itself, or the shape whose
    /// `sh:property` leads to it), for people reading a report.
    pub(crate) owner: Option<NamedNode>,
    /// `Some` for a property shape.
    pub(crate) path: Option<Path>,
    pub(crate) targets: Vec<Target>,
    pub(crate) deactivated: bool,
    pub(crate) severity: Severity,
    pub(crate) message: Option<String>,
    pub(crate) constraints: Vec<Constraint>,
}

/// A SHACL target.
pub(crate) enum Target {
    /// `sh:targetClass`, and the implicit class target of a shape that is an `rdfs:Class`.
    Class(Term),
    /// `sh:targetNode`.
    Node(Term),
    /// `sh:targetSubjectsOf`.
    SubjectsOf(NamedNode),
    /// `sh:targetObjectsOf`.
    ObjectsOf(NamedNode),
}

/// `sh:nodeKind` values.
#[derive(Clone, Copy)]
pub(crate) enum NodeKind {
    Iri,
    BlankNode,
    Literal,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

impl NodeKind {
    pub(crate) fn matches(self, term: &Term) -> bool {
        let (iri, blank, literal) = match term {
            Term::NamedNode(_) => (true, false, false),
            Term::BlankNode(_) => (false, true, false),
            Term::Literal(_) => (false, false, true),
        };
        match self {
            NodeKind::Iri => iri,
            NodeKind::BlankNode => blank,
            NodeKind::Literal => literal,
            NodeKind::BlankNodeOrIri => blank || iri,
            NodeKind::BlankNodeOrLiteral => blank || literal,
            NodeKind::IriOrLiteral => iri || literal,
        }
    }

    pub(crate) fn iri(self) -> NamedNodeRef<'static> {
        match self {
            NodeKind::Iri => sh::IRI,
            NodeKind::BlankNode => sh::BLANK_NODE,
            NodeKind::Literal => sh::LITERAL,
            NodeKind::BlankNodeOrIri => sh::BLANK_NODE_OR_IRI,
            NodeKind::BlankNodeOrLiteral => sh::BLANK_NODE_OR_LITERAL,
            NodeKind::IriOrLiteral => sh::IRI_OR_LITERAL,
        }
    }
}

/// `sh:minExclusive`, `sh:minInclusive`, `sh:maxExclusive`, `sh:maxInclusive`.
#[derive(Clone, Copy)]
pub(crate) enum Range {
    MinExclusive,
    MinInclusive,
    MaxExclusive,
    MaxInclusive,
}

/// One constraint: a constraint component with its parameter values.
pub(crate) enum Constraint {
    Class(Term),
    Datatype {
        datatype: NamedNode,
        lexical: Option<LexicalCheck>,
    },
    NodeKind(NodeKind),
    MinCount(u64),
    MaxCount(u64),
    Range(Range, Term),
    MinLength(u64),
    MaxLength(u64),
    Pattern {
        pattern: String,
        flags: String,
    },
    LanguageIn(Vec<String>),
    UniqueLang,
    In(Vec<Term>),
    HasValue(Term),
    Equals(NamedNode),
    Disjoint(NamedNode),
    LessThan(NamedNode),
    LessThanOrEquals(NamedNode),
    Not(ShapeId),
    And(Vec<ShapeId>),
    Or(Vec<ShapeId>),
    Xone(Vec<ShapeId>),
    Node(ShapeId),
    Property(ShapeId),
}

impl Constraint {
    /// The constraint component, as reported in `sh:sourceConstraintComponent`. `None` for
    /// `sh:property`, whose results are those of the property shape itself.
    pub(crate) fn component(&self) -> Option<NamedNodeRef<'static>> {
        Some(match self {
            Constraint::Class(_) => sh::CLASS_COMPONENT,
            Constraint::Datatype { .. } => sh::DATATYPE_COMPONENT,
            Constraint::NodeKind(_) => sh::NODE_KIND_COMPONENT,
            Constraint::MinCount(_) => sh::MIN_COUNT_COMPONENT,
            Constraint::MaxCount(_) => sh::MAX_COUNT_COMPONENT,
            Constraint::Range(Range::MinExclusive, _) => sh::MIN_EXCLUSIVE_COMPONENT,
            Constraint::Range(Range::MinInclusive, _) => sh::MIN_INCLUSIVE_COMPONENT,
            Constraint::Range(Range::MaxExclusive, _) => sh::MAX_EXCLUSIVE_COMPONENT,
            Constraint::Range(Range::MaxInclusive, _) => sh::MAX_INCLUSIVE_COMPONENT,
            Constraint::MinLength(_) => sh::MIN_LENGTH_COMPONENT,
            Constraint::MaxLength(_) => sh::MAX_LENGTH_COMPONENT,
            Constraint::Pattern { .. } => sh::PATTERN_COMPONENT,
            Constraint::LanguageIn(_) => sh::LANGUAGE_IN_COMPONENT,
            Constraint::UniqueLang => sh::UNIQUE_LANG_COMPONENT,
            Constraint::In(_) => sh::IN_COMPONENT,
            Constraint::HasValue(_) => sh::HAS_VALUE_COMPONENT,
            Constraint::Equals(_) => sh::EQUALS_COMPONENT,
            Constraint::Disjoint(_) => sh::DISJOINT_COMPONENT,
            Constraint::LessThan(_) => sh::LESS_THAN_COMPONENT,
            Constraint::LessThanOrEquals(_) => sh::LESS_THAN_OR_EQUALS_COMPONENT,
            Constraint::Not(_) => sh::NOT_COMPONENT,
            Constraint::And(_) => sh::AND_COMPONENT,
            Constraint::Or(_) => sh::OR_COMPONENT,
            Constraint::Xone(_) => sh::XONE_COMPONENT,
            Constraint::Node(_) => sh::NODE_COMPONENT,
            Constraint::Property(_) => return None,
        })
    }

    /// The shapes this constraint refers to.
    fn references(&self) -> Vec<ShapeId> {
        match self {
            Constraint::Not(s) | Constraint::Node(s) | Constraint::Property(s) => vec![*s],
            Constraint::And(list) | Constraint::Or(list) | Constraint::Xone(list) => list.clone(),
            _ => Vec::new(),
        }
    }
}

/// SHACL terms a shape may carry that are no constraint and need no handling
/// (SHACL §2.3.3 non-validating property shape characteristics).
const IGNORED: [NamedNodeRef<'static>; 5] = [
    sh::NAME,
    sh::DESCRIPTION,
    sh::ORDER,
    sh::GROUP,
    sh::DEFAULT_VALUE,
];

/// SHACL terms on a shape that this module handles.
const HANDLED: [NamedNodeRef<'static>; 35] = [
    sh::TARGET_CLASS,
    sh::TARGET_NODE,
    sh::TARGET_SUBJECTS_OF,
    sh::TARGET_OBJECTS_OF,
    sh::PATH,
    sh::SEVERITY,
    sh::MESSAGE,
    sh::DEACTIVATED,
    sh::FLAGS,
    sh::CLASS,
    sh::DATATYPE,
    sh::NODE_KIND,
    sh::MIN_COUNT,
    sh::MAX_COUNT,
    sh::MIN_EXCLUSIVE,
    sh::MIN_INCLUSIVE,
    sh::MAX_EXCLUSIVE,
    sh::MAX_INCLUSIVE,
    sh::MIN_LENGTH,
    sh::MAX_LENGTH,
    sh::PATTERN,
    sh::LANGUAGE_IN,
    sh::UNIQUE_LANG,
    sh::IN,
    sh::HAS_VALUE,
    sh::EQUALS,
    sh::DISJOINT,
    sh::LESS_THAN,
    sh::LESS_THAN_OR_EQUALS,
    sh::NOT,
    sh::AND,
    sh::OR,
    sh::XONE,
    sh::NODE,
    sh::PROPERTY,
];

impl Shapes {
    /// Compiles every shape of `graph`.
    pub(crate) fn compile(graph: &Graph, sparql: &Sparql) -> Result<Self, ValidateError> {
        Compiler {
            graph,
            sparql,
            ids: HashMap::new(),
            queue: VecDeque::new(),
        }
        .run()
    }
}

struct Compiler<'a> {
    graph: &'a Graph,
    sparql: &'a Sparql,
    ids: HashMap<NamedOrBlankNode, ShapeId>,
    queue: VecDeque<NamedOrBlankNode>,
}

impl Compiler<'_> {
    fn run(mut self) -> Result<Shapes, ValidateError> {
        let graph = self.graph;
        let mut path_nodes = HashSet::new();
        for triple in graph.triples_for_predicate(sh::PATH) {
            Path::collect_nodes(graph, triple.object, &mut path_nodes);
        }
        let mut roots: Vec<NamedOrBlankNode> = Vec::new();
        for triple in graph {
            let is_shacl_term = triple.predicate.as_str().starts_with(sh::SH);
            let is_shape_type = triple.predicate == rdf::TYPE
                && (triple.object == sh::NODE_SHAPE.into()
                    || triple.object == sh::PROPERTY_SHAPE.into());
            if (is_shacl_term || is_shape_type)
                && !path_nodes.contains(&Term::from(triple.subject.into_owned()))
            {
                roots.push(triple.subject.into_owned());
            }
        }
        // A stable order: IRIs first, by IRI; then blank nodes.
        roots.sort_by_key(|n| (n.is_blank_node(), n.to_string()));
        for root in roots {
            self.intern(root);
        }
        let mut all = Vec::new();
        while let Some(node) = self.queue.pop_front() {
            all.push(self.compile(node)?);
        }
        check_cycles(&all)?;
        assign_owners(&mut all);
        Ok(Shapes { all })
    }

    /// The id of the shape at `node`, queued for compilation when it is new.
    fn intern(&mut self, node: NamedOrBlankNode) -> ShapeId {
        let next = self.ids.len();
        *self.ids.entry(node.clone()).or_insert_with(|| {
            self.queue.push_back(node);
            next
        })
    }

    fn compile(&mut self, node: NamedOrBlankNode) -> Result<Shape, ValidateError> {
        let graph = self.graph;
        let p = Params {
            graph,
            subject: node.clone(),
            label: node.to_string(),
        };
        let mut unsupported: Vec<String> = graph
            .triples_for_subject(&node)
            .map(|t| t.predicate)
            .filter(|term| {
                term.as_str().starts_with(sh::SH)
                    && !(HANDLED.contains(term) || IGNORED.contains(term))
            })
            .map(short)
            .collect();
        if !unsupported.is_empty() {
            unsupported.sort();
            unsupported.dedup();
            return Err(ValidateError::UnsupportedComponent {
                shape: p.label,
                parameter: unsupported.join(", "),
            });
        }

        // Path, and the parameters that only property shapes may have.
        let path = match p.at_most_one(sh::PATH)? {
            Some(v) => Some(Path::parse(graph, v).map_err(|reason| p.malformed(sh::PATH, reason))?),
            None => None,
        };
        if path.is_none() {
            for param in [
                sh::MIN_COUNT,
                sh::MAX_COUNT,
                sh::UNIQUE_LANG,
                sh::LESS_THAN,
                sh::LESS_THAN_OR_EQUALS,
            ] {
                if !p.values(param).is_empty() {
                    return Err(p.malformed(
                        param,
                        "is only allowed in property shapes (shapes with sh:path)".into(),
                    ));
                }
            }
        }

        // Targets.
        let mut targets = Vec::new();
        for v in p.values(sh::TARGET_CLASS) {
            if v.is_literal() {
                return Err(p.malformed(sh::TARGET_CLASS, format!("must be an IRI, is {v}")));
            }
            targets.push(Target::Class(v.into_owned()));
        }
        if graph.contains(TripleRef::new(&node, rdf::TYPE, rdfs::CLASS)) {
            targets.push(Target::Class(Term::from(node.clone())));
        }
        for v in p.values(sh::TARGET_NODE) {
            targets.push(Target::Node(v.into_owned()));
        }
        for v in p.values(sh::TARGET_SUBJECTS_OF) {
            targets.push(Target::SubjectsOf(p.iri(sh::TARGET_SUBJECTS_OF, v)?));
        }
        for v in p.values(sh::TARGET_OBJECTS_OF) {
            targets.push(Target::ObjectsOf(p.iri(sh::TARGET_OBJECTS_OF, v)?));
        }

        // Shape characteristics.
        let severity = match p.at_most_one(sh::SEVERITY)? {
            None => Severity::Violation,
            Some(v) => Severity::from_iri(p.iri(sh::SEVERITY, v)?),
        };
        let deactivated = match p.at_most_one(sh::DEACTIVATED)? {
            None => false,
            Some(v) => p.boolean(sh::DEACTIVATED, v)?,
        };
        let message = pick_message(&p.values(sh::MESSAGE));

        // Constraints, in a fixed order.
        let mut constraints = Vec::new();
        for v in p.values(sh::CLASS) {
            if v.is_literal() {
                return Err(p.malformed(sh::CLASS, format!("must be an IRI, is {v}")));
            }
            constraints.push(Constraint::Class(v.into_owned()));
        }
        for v in p.values(sh::DATATYPE) {
            let datatype = p.iri(sh::DATATYPE, v)?;
            let lexical = Sparql::lexical_check(datatype.as_ref())?;
            constraints.push(Constraint::Datatype { datatype, lexical });
        }
        for v in p.values(sh::NODE_KIND) {
            let kind = [
                NodeKind::Iri,
                NodeKind::BlankNode,
                NodeKind::Literal,
                NodeKind::BlankNodeOrIri,
                NodeKind::BlankNodeOrLiteral,
                NodeKind::IriOrLiteral,
            ]
            .into_iter()
            .find(|k| TermRef::from(k.iri()) == v)
            .ok_or_else(|| p.malformed(sh::NODE_KIND, format!("{v} is not a SHACL node kind")))?;
            constraints.push(Constraint::NodeKind(kind));
        }
        if let Some(v) = p.at_most_one(sh::MIN_COUNT)? {
            constraints.push(Constraint::MinCount(p.count(sh::MIN_COUNT, v)?));
        }
        if let Some(v) = p.at_most_one(sh::MAX_COUNT)? {
            constraints.push(Constraint::MaxCount(p.count(sh::MAX_COUNT, v)?));
        }
        for (param, range) in [
            (sh::MIN_EXCLUSIVE, Range::MinExclusive),
            (sh::MIN_INCLUSIVE, Range::MinInclusive),
            (sh::MAX_EXCLUSIVE, Range::MaxExclusive),
            (sh::MAX_INCLUSIVE, Range::MaxInclusive),
        ] {
            for v in p.values(param) {
                if !v.is_literal() {
                    return Err(p.malformed(param, format!("must be a literal, is {v}")));
                }
                constraints.push(Constraint::Range(range, v.into_owned()));
            }
        }
        if let Some(v) = p.at_most_one(sh::MIN_LENGTH)? {
            constraints.push(Constraint::MinLength(p.count(sh::MIN_LENGTH, v)?));
        }
        if let Some(v) = p.at_most_one(sh::MAX_LENGTH)? {
            constraints.push(Constraint::MaxLength(p.count(sh::MAX_LENGTH, v)?));
        }
        let flags = match p.at_most_one(sh::FLAGS)? {
            Some(v) => p.string(sh::FLAGS, v)?,
            None => String::new(),
        };
        let patterns = p.values(sh::PATTERN);
        if patterns.is_empty() && !flags.is_empty() {
            return Err(p.malformed(sh::FLAGS, "is given without sh:pattern".into()));
        }
        for v in patterns {
            let pattern = p.string(sh::PATTERN, v)?;
            if self.sparql.regex("", &pattern, &flags)?.is_none() {
                return Err(ValidateError::InvalidPattern {
                    shape: p.label,
                    pattern,
                    flags,
                });
            }
            constraints.push(Constraint::Pattern {
                pattern,
                flags: flags.clone(),
            });
        }
        for v in p.values(sh::LANGUAGE_IN) {
            let ranges = p
                .list(sh::LANGUAGE_IN, v)?
                .into_iter()
                .map(|r| p.string(sh::LANGUAGE_IN, r))
                .collect::<Result<_, _>>()?;
            constraints.push(Constraint::LanguageIn(ranges));
        }
        if let Some(v) = p.at_most_one(sh::UNIQUE_LANG)? {
            if p.boolean(sh::UNIQUE_LANG, v)? {
                constraints.push(Constraint::UniqueLang);
            }
        }
        for v in p.values(sh::IN) {
            let members = p
                .list(sh::IN, v)?
                .into_iter()
                .map(TermRef::into_owned)
                .collect();
            constraints.push(Constraint::In(members));
        }
        for v in p.values(sh::HAS_VALUE) {
            constraints.push(Constraint::HasValue(v.into_owned()));
        }
        for (param, make) in [
            (
                sh::EQUALS,
                Constraint::Equals as fn(NamedNode) -> Constraint,
            ),
            (sh::DISJOINT, Constraint::Disjoint),
            (sh::LESS_THAN, Constraint::LessThan),
            (sh::LESS_THAN_OR_EQUALS, Constraint::LessThanOrEquals),
        ] {
            for v in p.values(param) {
                constraints.push(make(p.iri(param, v)?));
            }
        }

        // Shape-based constraints.
        for v in p.values(sh::NOT) {
            let shape = p.shape(sh::NOT, v)?;
            constraints.push(Constraint::Not(self.intern(shape)));
        }
        for (param, make) in [
            (sh::AND, Constraint::And as fn(Vec<ShapeId>) -> Constraint),
            (sh::OR, Constraint::Or),
            (sh::XONE, Constraint::Xone),
        ] {
            for v in p.values(param) {
                let mut ids = Vec::new();
                for member in p.list(param, v)? {
                    let shape = p.shape(param, member)?;
                    ids.push(self.intern(shape));
                }
                constraints.push(make(ids));
            }
        }
        for v in p.values(sh::NODE) {
            let shape = p.shape(sh::NODE, v)?;
            constraints.push(Constraint::Node(self.intern(shape)));
        }
        for v in p.values(sh::PROPERTY) {
            let shape = p.shape(sh::PROPERTY, v)?;
            if graph
                .object_for_subject_predicate(&shape, sh::PATH)
                .is_none()
            {
                return Err(p.malformed(
                    sh::PROPERTY,
                    format!("{v} is not a property shape (it has no sh:path)"),
                ));
            }
            constraints.push(Constraint::Property(self.intern(shape)));
        }

        Ok(Shape {
            node,
            owner: None,
            path,
            targets,
            deactivated,
            severity,
            message,
            constraints,
        })
    }
}

/// The parameter values of one shape, read with the checks SHACL asks for.
struct Params<'g> {
    graph: &'g Graph,
    subject: NamedOrBlankNode,
    label: String,
}

impl<'g> Params<'g> {
    fn malformed(&self, parameter: NamedNodeRef<'_>, reason: String) -> ValidateError {
        ValidateError::MalformedShape {
            shape: self.label.clone(),
            parameter: short(parameter),
            reason,
        }
    }

    fn values(&self, parameter: NamedNodeRef<'_>) -> Vec<TermRef<'g>> {
        self.graph
            .objects_for_subject_predicate(&self.subject, parameter)
            .collect()
    }

    fn at_most_one(
        &self,
        parameter: NamedNodeRef<'_>,
    ) -> Result<Option<TermRef<'g>>, ValidateError> {
        match self.values(parameter).as_slice() {
            [] => Ok(None),
            [v] => Ok(Some(*v)),
            many => Err(self.malformed(
                parameter,
                format!("must have at most one value, has {}", many.len()),
            )),
        }
    }

    fn iri(&self, parameter: NamedNodeRef<'_>, v: TermRef<'_>) -> Result<NamedNode, ValidateError> {
        match v {
            TermRef::NamedNode(n) => Ok(n.into_owned()),
            _ => Err(self.malformed(parameter, format!("must be an IRI, is {v}"))),
        }
    }

    fn count(&self, parameter: NamedNodeRef<'_>, v: TermRef<'_>) -> Result<u64, ValidateError> {
        match v {
            TermRef::Literal(l) if l.datatype() == xsd::INTEGER => {
                l.value().parse::<u64>().map_err(|_| {
                    self.malformed(parameter, format!("must be a non-negative integer, is {v}"))
                })
            }
            _ => Err(self.malformed(parameter, format!("must be an xsd:integer, is {v}"))),
        }
    }

    fn boolean(&self, parameter: NamedNodeRef<'_>, v: TermRef<'_>) -> Result<bool, ValidateError> {
        match v {
            TermRef::Literal(l) if l.datatype() == xsd::BOOLEAN => match l.value() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(self.malformed(parameter, format!("must be a boolean, is {v}"))),
            },
            _ => Err(self.malformed(parameter, format!("must be an xsd:boolean, is {v}"))),
        }
    }

    fn string(&self, parameter: NamedNodeRef<'_>, v: TermRef<'_>) -> Result<String, ValidateError> {
        match v {
            TermRef::Literal(l) => Ok(l.value().to_owned()),
            _ => Err(self.malformed(parameter, format!("must be a literal, is {v}"))),
        }
    }

    fn list(
        &self,
        parameter: NamedNodeRef<'_>,
        v: TermRef<'g>,
    ) -> Result<Vec<TermRef<'g>>, ValidateError> {
        read_list(self.graph, v).map_err(|reason| self.malformed(parameter, reason))
    }

    fn shape(
        &self,
        parameter: NamedNodeRef<'_>,
        v: TermRef<'_>,
    ) -> Result<NamedOrBlankNode, ValidateError> {
        as_subject(v)
            .map(NamedOrBlankNodeRef::into_owned)
            .ok_or_else(|| {
                self.malformed(
                    parameter,
                    format!("must be a shape (IRI or blank node), is {v}"),
                )
            })
    }
}

/// The message of a shape with several `sh:message` values: the one without a language tag,
/// else the English one, else the first by language tag.
fn pick_message(messages: &[TermRef<'_>]) -> Option<String> {
    let mut literals: Vec<_> = messages
        .iter()
        .filter_map(|m| match m {
            TermRef::Literal(l) => Some(*l),
            _ => None,
        })
        .collect();
    literals.sort_by_key(|l| {
        let rank = match l.language() {
            None => 0,
            Some("en") => 1,
            Some(_) => 2,
        };
        (
            rank,
            l.language().unwrap_or("").to_owned(),
            l.value().to_owned(),
        )
    });
    literals.first().map(|l| l.value().to_owned())
}

/// Refuses shapes that refer to themselves through shape-based constraints.
fn check_cycles(all: &[Shape]) -> Result<(), ValidateError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(all: &[Shape], id: ShapeId, marks: &mut [Mark]) -> Result<(), ValidateError> {
        match marks[id] {
            Mark::Done => return Ok(()),
            Mark::Open => {
                return Err(ValidateError::RecursiveShape {
                    shape: all[id].node.to_string(),
                })
            }
            Mark::New => {}
        }
        marks[id] = Mark::Open;
        for c in &all[id].constraints {
            for r in c.references() {
                visit(all, r, marks)?;
            }
        }
        marks[id] = Mark::Done;
        Ok(())
    }
    let mut marks = vec![Mark::New; all.len()];
    for id in 0..all.len() {
        visit(all, id, &mut marks)?;
    }
    Ok(())
}

/// Gives every shape the nearest IRI-named shape that leads to it.
fn assign_owners(all: &mut [Shape]) {
    let mut todo: VecDeque<ShapeId> = VecDeque::new();
    for (id, shape) in all.iter_mut().enumerate() {
        if let NamedOrBlankNode::NamedNode(n) = &shape.node {
            shape.owner = Some(n.clone());
            todo.push_back(id);
        }
    }
    while let Some(id) = todo.pop_front() {
        let owner = all[id].owner.clone();
        let refs: Vec<ShapeId> = all[id]
            .constraints
            .iter()
            .flat_map(Constraint::references)
            .collect();
        for r in refs {
            if all[r].owner.is_none() {
                all[r].owner = owner.clone();
                todo.push_back(r);
            }
        }
    }
}
