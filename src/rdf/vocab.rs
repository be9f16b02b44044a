//! Vocabulary constants, one module per namespace, in the style of sophia's `namespace!`: every
//! IRI the mapping writes is named here once, so that no IRI string is scattered elsewhere.

/// Declares a namespace module: its IRI as `NS` and one `NamedNodeRef` constant per term.
macro_rules! namespace {
    ($(#[$meta:meta])* $module:ident = $ns:literal { $($name:ident = $local:literal),* $(,)? }) => {
        $(#[$meta])*
        pub mod $module {
            #[allow(unused_imports)]
            use oxigraph::model::NamedNodeRef;

            /// The namespace IRI.
            pub const NS: &str = $ns;

            $(
                #[doc = concat!("`", $ns, $local, "`")]
                pub const $name: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($ns, $local));
            )*
        }
    };
}

namespace! {
    /// The hankegraph ontology (`ontology/hankegraph.ttl`, PART A).
    hg = "https://w3id.org/hankegraph/ontology#" {
        PROJECT = "Project",
        ORGANISATION = "Organisation",
        MUNICIPALITY = "Municipality",
        FUNDER = "Funder",
        TARGET_GROUP = "TargetGroup",
        FUNDING = "Funding",
        DECISION = "Decision",
        SOURCE_DOCUMENT = "SourceDocument",
        PROJECT_RELATION = "ProjectRelation",
        PROJECT_CODE = "projectCode",
        PROJECT_CARD = "projectCard",
        IMPLEMENTER = "implementer",
        TARGET_GROUP_PROP = "targetGroup",
        TARGET_GROUP_TEXT = "targetGroupText",
        LINK = "link",
        BACKGROUND = "background",
        GOALS = "goals",
        METHODS = "methods",
        OUTPUTS = "outputs",
        PRACTICES = "practices",
        RESULTS = "results",
        DISSEMINATION = "dissemination",
        REMARKS = "remarks",
        FUNDER_PROP = "funder",
        FUNDING_BODY = "fundingBody",
        FUNDING_PROP = "funding",
        FUNDING_KIND = "fundingKind",
        RELATED_PROJECT = "relatedProject",
        PREDECESSOR = "predecessor",
        SUCCESSOR = "successor",
        PARALLEL_PROJECT = "parallelProject",
        QUALIFIED_RELATION = "qualifiedRelation",
        RELATION_SOURCE = "relationSource",
        RELATION_TARGET = "relationTarget",
        RELATION_KIND = "relationKind",
        EVIDENCE_TEXT = "evidenceText",
        EVIDENCE_SECTION = "evidenceSection",
        FOUND_BY = "foundBy",
        OUTCOME = "outcome",
        CONTINUED_BY_ORGANISATION = "continuedByOrganisation",
        DECISION_FOR = "decisionFor",
        MUNICIPALITY_PROP = "municipality",
        DECISION_BODY = "decisionBody",
        DECIDED = "decided",
        DECISION_OUTCOME = "decisionOutcome",
        APPLICANT = "applicant",
        APPLIED_PROJECT_NAME = "appliedProjectName",
        DECISION_AMOUNT = "decisionAmount",
        PERIOD_START = "periodStart",
        PERIOD_END = "periodEnd",
        FILE_NAME = "fileName",
        SHA256 = "sha256",
        DOCUMENT_KIND = "documentKind",
        HANKEGRAPH_VERSION = "hankegraphVersion",
        PARSER_WARNING = "parserWarning",
        TEXT_ENCODING = "textEncoding",
        MAPPING_WARNING = "mappingWarning",
        COMPILED_BY = "compiledBy",
        COMPILATION_NOTE = "compilationNote",
        MATCH_KEYWORD = "matchKeyword",
        REGISTER_PAGE = "RegisterPage",
        REGISTER_PAGE_PROP = "registerPage",
        RETRIEVED_AT = "retrievedAt",
        BODY_SHA256 = "bodySha256",
        REGISTER_WARNING = "registerWarning",
        PROJECT_STATUS = "projectStatus",
        PRIORITY_AXIS = "priorityAxis",
        SPECIFIC_OBJECTIVE = "specificObjective",
        RESPONSIBLE_AUTHORITY = "responsibleAuthority",
        PLAN_SUMMARY = "planSummary",
        PROJECT_APPLICANT = "projectApplicant",
        CO_IMPLEMENTER = "coImplementer",
        SUPPORT_RECIPIENT = "supportRecipient",
        BUSINESS_ID = "businessId",
        ORGANISATION_TYPE = "organisationType",
    }
}

namespace! {
    /// schema.org, in the `http` form of its own RDF.
    schema = "http://schema.org/" {
        PROJECT = "Project",
        ORGANIZATION = "Organization",
        NAME = "name",
        START_DATE = "startDate",
        END_DATE = "endDate",
        VALUE = "value",
        CURRENCY = "currency",
        LEGAL_NAME = "legalName",
        URL = "url",
    }
}

namespace! {
    /// PROV-O.
    prov = "http://www.w3.org/ns/prov#" {
        HAD_PRIMARY_SOURCE = "hadPrimarySource",
        GENERATED_AT_TIME = "generatedAtTime",
    }
}

namespace! {
    /// SKOS.
    skos = "http://www.w3.org/2004/02/skos/core#" {
        CONCEPT = "Concept",
        CONCEPT_SCHEME = "ConceptScheme",
        PREF_LABEL = "prefLabel",
        ALT_LABEL = "altLabel",
        BROADER = "broader",
        IN_SCHEME = "inScheme",
        TOP_CONCEPT_OF = "topConceptOf",
    }
}

namespace! {
    /// DCMI Metadata Terms.
    dcterms = "http://purl.org/dc/terms/" {
        CREATED = "created",
        SOURCE = "source",
    }
}

namespace! {
    /// RDF.
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" {
        TYPE = "type",
        LANG_STRING = "langString",
    }
}

namespace! {
    /// RDF Schema.
    rdfs = "http://www.w3.org/2000/01/rdf-schema#" {
        LABEL = "label",
        SUB_CLASS_OF = "subClassOf",
    }
}

namespace! {
    /// XML Schema datatypes.
    xsd = "http://www.w3.org/2001/XMLSchema#" {
        STRING = "string",
        DATE = "date",
        G_YEAR_MONTH = "gYearMonth",
        DECIMAL = "decimal",
        BOOLEAN = "boolean",
        DATE_TIME = "dateTime",
    }
}

namespace! {
    /// W3C Organization Ontology.
    org = "http://www.w3.org/ns/org#" {
        ORGANIZATION = "Organization",
    }
}

namespace! {
    /// Named graphs of the store other than the document graphs (docs/mapping.md §3).
    graph = "https://w3id.org/hankegraph/graph/" {
        ONTOLOGY = "ontology",
        CONCEPTS = "concepts",
    }
}

namespace! {
    /// Target-group concepts (`hgtg:`); the scheme itself is [`scheme::TARGET_GROUP`].
    hgtg = "https://w3id.org/hankegraph/concept/target-group/" {}
}

namespace! {
    /// Funder concepts (`hgfu:`).
    hgfu = "https://w3id.org/hankegraph/concept/funder/" {
        ELY_KESKUKSET = "ely-keskukset",
        MINISTERIOT = "ministeriot",
        KUNNAT = "kunnat",
    }
}

namespace! {
    /// Relation kinds (`hgrk:`).
    hgrk = "https://w3id.org/hankegraph/concept/relation-kind/" {
        PREDECESSOR = "predecessor",
        SUCCESSOR = "successor",
        PARALLEL = "parallel",
        MENTION = "mention",
    }
}

namespace! {
    /// Evidence methods (`hgem:`).
    hgem = "https://w3id.org/hankegraph/concept/evidence-method/" {
        TEXT_PATTERN = "text-pattern",
        LINK_LIST = "link-list",
        CARD_FIELD = "card-field",
    }
}

namespace! {
    /// Project outcomes (`hgout:`).
    hgout = "https://w3id.org/hankegraph/concept/outcome/" {
        CONTINUED_BY_PROJECT = "continued-by-project",
        TAKEN_OVER_BY_ORGANISATION = "taken-over-by-organisation",
        ENDED = "ended",
    }
}

namespace! {
    /// Funding kinds (`hgfk:`).
    hgfk = "https://w3id.org/hankegraph/concept/funding-kind/" {
        REALISED_PUBLIC_FUNDING = "realised-public-funding",
        MUNICIPAL_SHARE = "municipal-share",
    }
}

namespace! {
    /// Document kinds (`hgdk:`).
    hgdk = "https://w3id.org/hankegraph/concept/document-kind/" {
        CARD = "card",
        DECISION = "decision",
        UNKNOWN = "unknown",
    }
}

namespace! {
    /// Decision outcomes (`hgdo:`).
    hgdo = "https://w3id.org/hankegraph/concept/decision-outcome/" {
        APPROVED = "approved",
        REJECTED = "rejected",
        TABLED = "tabled",
        PROPOSAL = "proposal",
    }
}

namespace! {
    /// Concept schemes; `NS` is the prefix of every concept IRI (the concepts graph holds the fixed
    /// ones).
    scheme = "https://w3id.org/hankegraph/concept/" {
        TARGET_GROUP = "target-group",
        FUNDER = "funder",
    }
}

namespace! {
    /// Data IRIs: `NS` is the base every minted node starts with.
    data = "https://w3id.org/hankegraph/" {}
}

/// Base IRIs of the minted nodes (docs/mapping.md §4.1).
pub mod base {
    /// `…/project/{code}`.
    pub const PROJECT: &str = "https://w3id.org/hankegraph/project/";
    /// `…/organisation/{slug}`.
    pub const ORGANISATION: &str = "https://w3id.org/hankegraph/organisation/";
    /// `…/document/{sha256}`.
    pub const DOCUMENT: &str = "https://w3id.org/hankegraph/document/";
    /// `…/decision/{sha256}`.
    pub const DECISION: &str = "https://w3id.org/hankegraph/decision/";
    /// `…/funding/{sha256}/{kind}`.
    pub const FUNDING: &str = "https://w3id.org/hankegraph/funding/";
    /// `…/relation/{hash}`.
    pub const RELATION: &str = "https://w3id.org/hankegraph/relation/";
    /// `…/register/{code}`: the graph of a project's register page.
    pub const REGISTER: &str = "https://w3id.org/hankegraph/register/";
    /// Every concept and concept scheme (the concepts graph holds the fixed ones).
    pub const CONCEPT: &str = "https://w3id.org/hankegraph/concept/";
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn constants_are_valid_iris() {
        for t in [
            hg::PROJECT,
            hg::TARGET_GROUP_PROP,
            schema::NAME,
            prov::HAD_PRIMARY_SOURCE,
            skos::ALT_LABEL,
            xsd::G_YEAR_MONTH,
            hgem::CARD_FIELD,
            hgout::TAKEN_OVER_BY_ORGANISATION,
            graph::CONCEPTS,
            scheme::TARGET_GROUP,
        ] {
            assert!(NamedNode::new(t.as_str()).is_ok(), "{t}");
        }
        assert_eq!(
            hg::TARGET_GROUP_PROP.as_str(),
            "https://w3id.org/hankegraph/ontology#targetGroup"
        );
        assert_eq!(
            scheme::FUNDER.as_str(),
            "https://w3id.org/hankegraph/concept/funder"
        );
        assert!(hgtg::NS.starts_with(base::CONCEPT) && hgfu::NS.starts_with(scheme::NS));
        assert!(base::PROJECT.starts_with(data::NS));
    }
}
