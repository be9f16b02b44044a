//! The SHACL terms the engine reads from a shapes graph and writes into a report.

use oxigraph::model::NamedNodeRef;

/// The SHACL namespace.
pub(crate) const SH: &str = "http://www.w3.org/ns/shacl#";

macro_rules! sh_terms {
    ($($name:ident = $local:literal;)*) => {
        $(
            #[doc = concat!("`sh:", $local, "`")]
            pub(crate) const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!("http://www.w3.org/ns/shacl#", $local));
        )*
    };
}

sh_terms! {
    // Shape types and targets.
    NODE_SHAPE = "NodeShape";
    PROPERTY_SHAPE = "PropertyShape";
    TARGET_CLASS = "targetClass";
    TARGET_NODE = "targetNode";
    TARGET_SUBJECTS_OF = "targetSubjectsOf";
    TARGET_OBJECTS_OF = "targetObjectsOf";
    // Paths.
    PATH = "path";
    INVERSE_PATH = "inversePath";
    ALTERNATIVE_PATH = "alternativePath";
    ZERO_OR_MORE_PATH = "zeroOrMorePath";
    ONE_OR_MORE_PATH = "oneOrMorePath";
    ZERO_OR_ONE_PATH = "zeroOrOnePath";
    // Shape characteristics that are not constraints.
    SEVERITY = "severity";
    MESSAGE = "message";
    DEACTIVATED = "deactivated";
    NAME = "name";
    DESCRIPTION = "description";
    ORDER = "order";
    GROUP = "group";
    DEFAULT_VALUE = "defaultValue";
    // Constraint parameters.
    CLASS = "class";
    DATATYPE = "datatype";
    NODE_KIND = "nodeKind";
    MIN_COUNT = "minCount";
    MAX_COUNT = "maxCount";
    MIN_EXCLUSIVE = "minExclusive";
    MIN_INCLUSIVE = "minInclusive";
    MAX_EXCLUSIVE = "maxExclusive";
    MAX_INCLUSIVE = "maxInclusive";
    MIN_LENGTH = "minLength";
    MAX_LENGTH = "maxLength";
    PATTERN = "pattern";
    FLAGS = "flags";
    LANGUAGE_IN = "languageIn";
    UNIQUE_LANG = "uniqueLang";
    IN = "in";
    HAS_VALUE = "hasValue";
    EQUALS = "equals";
    DISJOINT = "disjoint";
    LESS_THAN = "lessThan";
    LESS_THAN_OR_EQUALS = "lessThanOrEquals";
    NOT = "not";
    AND = "and";
    OR = "or";
    XONE = "xone";
    NODE = "node";
    PROPERTY = "property";
    // Node kinds.
    IRI = "IRI";
    BLANK_NODE = "BlankNode";
    LITERAL = "Literal";
    BLANK_NODE_OR_IRI = "BlankNodeOrIRI";
    BLANK_NODE_OR_LITERAL = "BlankNodeOrLiteral";
    IRI_OR_LITERAL = "IRIOrLiteral";
    // Severities.
    VIOLATION = "Violation";
    WARNING = "Warning";
    INFO = "Info";
    // Constraint components.
    CLASS_COMPONENT = "ClassConstraintComponent";
    DATATYPE_COMPONENT = "DatatypeConstraintComponent";
    NODE_KIND_COMPONENT = "NodeKindConstraintComponent";
    MIN_COUNT_COMPONENT = "MinCountConstraintComponent";
    MAX_COUNT_COMPONENT = "MaxCountConstraintComponent";
    MIN_EXCLUSIVE_COMPONENT = "MinExclusiveConstraintComponent";
    MIN_INCLUSIVE_COMPONENT = "MinInclusiveConstraintComponent";
    MAX_EXCLUSIVE_COMPONENT = "MaxExclusiveConstraintComponent";
    MAX_INCLUSIVE_COMPONENT = "MaxInclusiveConstraintComponent";
    MIN_LENGTH_COMPONENT = "MinLengthConstraintComponent";
    MAX_LENGTH_COMPONENT = "MaxLengthConstraintComponent";
    PATTERN_COMPONENT = "PatternConstraintComponent";
    LANGUAGE_IN_COMPONENT = "LanguageInConstraintComponent";
    UNIQUE_LANG_COMPONENT = "UniqueLangConstraintComponent";
    IN_COMPONENT = "InConstraintComponent";
    HAS_VALUE_COMPONENT = "HasValueConstraintComponent";
    EQUALS_COMPONENT = "EqualsConstraintComponent";
    DISJOINT_COMPONENT = "DisjointConstraintComponent";
    LESS_THAN_COMPONENT = "LessThanConstraintComponent";
    LESS_THAN_OR_EQUALS_COMPONENT = "LessThanOrEqualsConstraintComponent";
    NOT_COMPONENT = "NotConstraintComponent";
    AND_COMPONENT = "AndConstraintComponent";
    OR_COMPONENT = "OrConstraintComponent";
    XONE_COMPONENT = "XoneConstraintComponent";
    NODE_COMPONENT = "NodeConstraintComponent";
}

/// `sh:Foo` for an IRI in the SHACL namespace, the full `<IRI>` otherwise: for messages.
pub(crate) fn short(iri: NamedNodeRef<'_>) -> String {
    match iri.as_str().strip_prefix(SH) {
        Some(local) => format!("sh:{local}"),
        None => iri.to_string(),
    }
}
