//! Pages of the public register of structural-fund projects (Rakennerahastotietopalvelu, EURA
//! 2014): HTML → [`RegisterPage`], the official facts of one project (pure; no RDF, no network).
//!
//! A page is a sequence of numbered sections (`1 Hanke`, `2 Hakijan perustiedot`,
//! `3 Suunnitelman mukainen tiivistelmä toteutuksesta`, …) of `Label: value` lines, in table
//! rows, paragraphs or definition lists. [`parse_page`] reads it from its structure with an HTML
//! parser: it turns block elements into lines, recognises section headings and labels whatever
//! their order, and keeps what it could not read as warnings. The contact person's section
//! (name, e-mail, phone) is personal data: it is skipped without being read, and e-mail
//! addresses and phone numbers are blanked out of the free text that is kept.

mod page;

pub use page::{parse_page, scrub_personal_data, RegisterOrganisation, RegisterPage};

/// The page of a project in the register under `base` (which ends with `/` or gets one):
/// `{base}projekti.php?projektikoodi={code}`.
///
/// ```
/// use hankegraph::register::page_url;
/// assert_eq!(
///     page_url("https://www.eura2014.fi/rrtiepa", "S20220"),
///     "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20220"
/// );
/// ```
pub fn page_url(base: &str, code: &str) -> String {
    let sep = if base.ends_with('/') { "" } else { "/" };
    format!("{base}{sep}projekti.php?projektikoodi={code}")
}

/// The live register.
pub const DEFAULT_BASE_URL: &str = "https://www.eura2014.fi/rrtiepa/";
