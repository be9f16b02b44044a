//! One register page: HTML → lines → sections → labelled facts.

use crate::text::business_id::{find_business_id_forms, BusinessId};
use crate::text::code::parse_code;
use crate::text::date::{find_dates, Date};
use crate::text::fold::fold;
use crate::Warning;
use scraper::{ElementRef, Html, Node};
use serde::Serialize;

/// An organisation as the register names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RegisterOrganisation {
    /// The official name (*virallinen nimi*), whitespace collapsed.
    pub name: String,
    /// The business ID, when given with a right check digit.
    pub business_id: Option<BusinessId>,
    /// The organisation type (*organisaatiotyyppi*), e.g. `Yhdistys`, `Kunta`.
    pub organisation_type: Option<String>,
    /// The web address (*WWW-osoite*) as written.
    pub website: Option<String>,
}

/// The official facts of one project page. Every field may be missing: a page is read as far as
/// it goes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RegisterPage {
    /// The project code (*Hankekoodi*), normalised.
    pub code: Option<String>,
    /// The project's name (*Hankkeen nimi*).
    pub name: Option<String>,
    /// The priority axis (*Toimintalinja*).
    pub priority_axis: Option<String>,
    /// The specific objective (*Erityistavoite*).
    pub specific_objective: Option<String>,
    /// Start of the planned period (*Suunnitelman mukainen toteutusaika: Alkaa …*).
    pub start: Option<Date>,
    /// End of the planned period (*… ja päättyy …*).
    pub end: Option<Date>,
    /// The project's status (*Toiminnan tila*), e.g. `Päättynyt`.
    pub status: Option<String>,
    /// The responsible authority (*Vastuuviranomainen*).
    pub authority: Option<String>,
    /// The applicant (*Hakijan perustiedot*).
    pub applicant: Option<RegisterOrganisation>,
    /// The co-implementers (*osatoteuttajat*).
    pub co_implementers: Vec<RegisterOrganisation>,
    /// The organisations that received part of the support (*tuen siirto*).
    pub support_recipients: Vec<RegisterOrganisation>,
    /// The summary of the plan, personal data blanked out.
    pub summary: Option<String>,
    /// What could not be read, and why.
    pub warnings: Vec<Warning>,
}

impl RegisterPage {
    /// True when the page states no project fact at all (an empty or foreign page, or the
    /// register's "no such project" page).
    pub fn is_empty(&self) -> bool {
        self.code.is_none()
            && self.name.is_none()
            && self.start.is_none()
            && self.end.is_none()
            && self.status.is_none()
            && self.applicant.is_none()
    }
}

/// One line of a page: the text of a block element, whitespace collapsed.
#[derive(Debug)]
struct Line {
    text: String,
    heading: bool,
    /// The texts of the table cells of the line (empty when it is not a table row).
    cells: Vec<String>,
}

/// Elements whose text is never part of the content.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "svg", "button",
    "select", "nav", "footer",
];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Collects lines while walking the tree.
#[derive(Default)]
struct LineWriter {
    lines: Vec<Line>,
    buf: String,
    heading_depth: usize,
    buf_heading: bool,
    cells: Vec<String>,
    cell_start: Option<usize>,
}

impl LineWriter {
    fn text(&mut self, t: &str) {
        if t.trim().is_empty() {
            if !self.buf.is_empty() {
                self.buf.push(' ');
            }
            return;
        }
        if self.buf.trim().is_empty() {
            self.buf_heading = self.heading_depth > 0;
        }
        self.buf.push_str(t);
    }

    fn start_cell(&mut self) {
        self.cell_start = Some(self.buf.len());
    }

    fn end_cell(&mut self) {
        if let Some(start) = self.cell_start.take() {
            let cell = self.buf.get(start..).unwrap_or("");
            let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            self.cells.push(cell);
        }
        self.buf.push(' ');
    }

    fn flush(&mut self) {
        let text = self.buf.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            self.lines.push(Line {
                text,
                heading: self.buf_heading,
                cells: std::mem::take(&mut self.cells),
            });
        }
        self.buf.clear();
        self.cells.clear();
        self.cell_start = None;
        self.buf_heading = false;
    }
}

enum Work<'a> {
    Enter(ElementRef<'a>),
    Leave(&'a str),
    Text(&'a str),
}

/// The lines of a document, walking its tree without recursion (deeply nested hostile markup
/// cannot exhaust the stack).
fn lines_of(html: &Html) -> Vec<Line> {
    let mut w = LineWriter::default();
    let mut stack = vec![Work::Enter(html.root_element())];
    while let Some(item) = stack.pop() {
        match item {
            Work::Text(t) => w.text(t),
            Work::Leave(name) => {
                if BLOCKS.contains(&name) {
                    w.flush();
                } else if matches!(name, "td" | "th") {
                    w.end_cell();
                }
                if is_heading(name) {
                    w.heading_depth = w.heading_depth.saturating_sub(1);
                }
            }
            Work::Enter(el) => {
                let name = el.value().name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    w.flush();
                } else if matches!(name, "td" | "th") {
                    w.start_cell();
                }
                if is_heading(name) {
                    w.heading_depth += 1;
                }
                stack.push(Work::Leave(name));
                let children: Vec<_> = el.children().collect();
                for child in children.into_iter().rev() {
                    match child.value() {
                        Node::Text(t) => stack.push(Work::Text(t)),
                        Node::Element(_) => {
                            if let Some(e) = ElementRef::wrap(child) {
                                stack.push(Work::Enter(e));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    w.flush();
    w.lines
}

/// The sections a page is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    /// Before the first heading.
    Start,
    /// `1 Hanke`.
    Project,
    /// `2 Hakijan perustiedot`.
    Applicant,
    /// The contact person: personal data, never read.
    Contact,
    /// `3 Suunnitelman mukainen tiivistelmä toteutuksesta`.
    Summary,
    /// The co-implementers.
    CoImplementers,
    /// *Tuen siirto*: organisations that received part of the support.
    SupportTransfer,
    /// Any other section (financing, indicators, …): not read.
    Other,
}

/// The section a heading opens, from its words (its number and punctuation ignored).
fn section_of(heading: &str) -> Section {
    let f = fold(heading);
    let words = f
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .trim_end_matches(':')
        .trim();
    if words.contains("yhteyshenkilo") || words.contains("yhteystied") {
        Section::Contact
    } else if words.contains("hakija") {
        Section::Applicant
    } else if words.contains("tiivistelma") {
        Section::Summary
    } else if words.contains("toteuttaja") {
        Section::CoImplementers
    } else if words.contains("tuen siirto") || words.contains("tuensiirto") {
        Section::SupportTransfer
    } else if words == "hanke" || words == "hankkeen tiedot" || words == "hankkeen perustiedot" {
        Section::Project
    } else {
        Section::Other
    }
}

/// A line that is not in a heading element but reads like one: `2 Hakijan perustiedot`.
fn numbered_heading(text: &str) -> Option<Section> {
    let first = text.split_whitespace().next()?;
    let numbered = first
        .trim_end_matches('.')
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if !numbered || text.contains(':') || text.len() > 80 {
        return None;
    }
    match section_of(text) {
        Section::Other => None,
        s => Some(s),
    }
}

/// The labels a page is read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Code,
    Name,
    Axis,
    Objective,
    Period,
    Status,
    Authority,
    OfficialName,
    OrganisationType,
    BusinessId,
    Website,
    CoImplementers,
    /// `Nimi:`, an organisation's name in a list section; anywhere else it may be a person's.
    PlainName,
    /// A contact detail: its value is never read.
    Personal,
}

fn label_of(raw: &str) -> Option<Label> {
    let f = fold(raw);
    let key = f.trim().trim_end_matches(':').trim();
    Some(match key {
        "hankekoodi" | "hankkeen koodi" | "projektikoodi" => Label::Code,
        "hankkeen nimi" | "hankenimi" => Label::Name,
        "toimintalinja" => Label::Axis,
        "erityistavoite" => Label::Objective,
        "suunnitelman mukainen toteutusaika" | "toteutusaika" => Label::Period,
        "toiminnan tila" | "hankkeen tila" | "tila" => Label::Status,
        "vastuuviranomainen" => Label::Authority,
        "hakijan virallinen nimi"
        | "virallinen nimi"
        | "hakija"
        | "osatoteuttaja"
        | "tuensaaja" => Label::OfficialName,
        "nimi" => Label::PlainName,
        "organisaatiotyyppi" => Label::OrganisationType,
        "y-tunnus" | "ytunnus" | "y tunnus" => Label::BusinessId,
        "www-osoite" | "www osoite" | "verkkosivut" | "kotisivu" => Label::Website,
        "osatoteuttajat" | "toteuttajat" => Label::CoImplementers,
        "yhteyshenkilo"
        | "yhteyshenkilon nimi"
        | "sahkoposti"
        | "sahkopostiosoite"
        | "puhelin"
        | "puhelinnumero"
        | "matkapuhelin"
        | "email"
        | "e-mail" => Label::Personal,
        _ => return None,
    })
}

/// Splits `Label: value`; the label must be one we know.
fn labelled(text: &str) -> Option<(Label, &str)> {
    let (label, value) = text.split_once(':')?;
    if label.len() > 60 {
        return None;
    }
    Some((label_of(label)?, value.trim()))
}

/// Blanks out e-mail addresses and phone numbers (a run of at least seven digits, possibly
/// split by spaces, hyphens or a leading `+`) in free text.
///
/// ```
/// use hankegraph::register::scrub_personal_data;
/// assert_eq!(
///     scrub_personal_data("Lisätietoja: matti.m@example.fi, p. 040 123 4567."),
///     "Lisätietoja: [poistettu], p. [poistettu]."
/// );
/// assert_eq!(scrub_personal_data("Hanke 2016–2018, 61 386 €"), "Hanke 2016–2018, 61 386 €");
/// ```
pub fn scrub_personal_data(text: &str) -> String {
    const BLANK: &str = "[poistettu]";
    // e-mail addresses, word by word
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let is_mail_char = |c: char| c.is_alphanumeric() || ".-_+".contains(c);
        let start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_mail_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let after = &rest[at + 1..];
        let len = after
            .char_indices()
            .take_while(|&(_, c)| is_mail_char(c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let domain = after[..len].trim_end_matches('.');
        if start < at && domain.contains('.') {
            out.push_str(&rest[..start]);
            out.push_str(BLANK);
            rest = &after[domain.len()..];
        } else {
            out.push_str(&rest[..=at]);
            rest = after;
        }
    }
    out.push_str(rest);
    scrub_phones(&out, BLANK)
}

/// Replaces phone-number-like runs: an optional `+`, then digits with single spaces or hyphens
/// between them, seven digits or more in all, starting with `0` or `+`.
fn scrub_phones(text: &str, blank: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let boundary = i == 0 || !chars[i - 1].is_alphanumeric();
        if boundary && (c == '+' || c == '0') {
            let mut j = if c == '+' { i + 1 } else { i };
            let mut digits = 0;
            let mut end = i;
            while j < chars.len() {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    j += 1;
                    end = j;
                } else if matches!(chars[j], ' ' | '-')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let ends = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
            if digits >= 7 && ends {
                out.push_str(blank);
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Reads one organisation from a list entry such as `Tukikohta ry (Y-tunnus 1234567-1)`.
fn organisation_entry(text: &str, warnings: &mut Vec<Warning>) -> Option<RegisterOrganisation> {
    let forms = find_business_id_forms(text);
    let mut name = text.to_owned();
    let mut business_id = None;
    for (form, start, end) in forms.iter().rev() {
        match BusinessId::parse(form) {
            Some(id) if business_id.is_none() => business_id = Some(id),
            Some(_) => {}
            None => warnings.push(Warning::new(
                "business-id",
                format!("Y-tunnus '{form}' has a wrong check digit; ignored"),
            )),
        }
        name.replace_range(*start..*end, "");
    }
    for noise in ["y-tunnus", "ytunnus"] {
        // ASCII lowercasing keeps byte offsets
        while let Some(at) = name.to_ascii_lowercase().find(noise) {
            name.replace_range(at..at + noise.len(), "");
        }
    }
    let name = name
        .replace("()", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || ",;:()[]–-".contains(c))
        .to_owned();
    if !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(RegisterOrganisation {
        name,
        business_id,
        ..RegisterOrganisation::default()
    })
}

/// Reads one organisation from a table row: the first cell with letters is the name, a cell
/// holding a business ID its Y-tunnus, a further cell with letters its organisation type.
fn organisation_row(cells: &[String], warnings: &mut Vec<Warning>) -> Option<RegisterOrganisation> {
    let mut org: Option<RegisterOrganisation> = None;
    let mut business_id = None;
    let mut kind = None;
    for cell in cells {
        if !find_business_id_forms(cell).is_empty() && business_id.is_none() {
            business_id = organisation_entry(&format!("x {cell}"), warnings)
                .map(|o| o.business_id)
                .unwrap_or(None);
            continue;
        }
        if !cell.chars().any(char::is_alphabetic) {
            continue;
        }
        if org.is_none() {
            org = organisation_entry(cell, warnings);
        } else if kind.is_none() {
            kind = value(cell);
        }
    }
    let mut org = org?;
    org.business_id = org.business_id.or(business_id);
    org.organisation_type = kind;
    Some(org)
}

/// A list's column header row, e.g. `Nimi Y-tunnus Organisaatiotyyppi`.
fn is_header_row(text: &str) -> bool {
    let f = fold(text);
    f.starts_with("nimi") && f.contains("tunnus") && find_business_id_forms(text).is_empty()
}

/// Single-line text, `None` when empty.
fn value(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Parses a register page (already decoded to text).
///
/// ```
/// use hankegraph::register::parse_page;
/// let page = parse_page(r#"<html><body>
///   <h2>1 Hanke</h2>
///   <table><tr><th>Hankekoodi:</th><td>S20877</td></tr>
///   <tr><th>Suunnitelman mukainen toteutusaika:</th><td>Alkaa 2.1.2017 ja päättyy 31.12.2017</td></tr></table>
///   <h2>2 Hakijan perustiedot</h2>
///   <p>Hakijan virallinen nimi: Pitkälahti-Petosen asukasyhdistys ry</p>
///   <p>Y-tunnus: 1234567-1</p>
/// </body></html>"#);
/// assert_eq!(page.code.as_deref(), Some("S20877"));
/// assert_eq!(page.end.map(|d| d.to_string()).as_deref(), Some("2017-12-31"));
/// let applicant = page.applicant.unwrap();
/// assert_eq!(applicant.name, "Pitkälahti-Petosen asukasyhdistys ry");
/// assert_eq!(applicant.business_id.unwrap().as_str(), "1234567-1");
/// ```
pub fn parse_page(html: &str) -> RegisterPage {
    let doc = Html::parse_document(html);
    let lines = lines_of(&doc);
    let mut page = RegisterPage::default();
    let mut section = Section::Start;
    let mut summary: Vec<String> = Vec::new();
    let mut applicant: Option<RegisterOrganisation> = None;
    // the organisation a label in a list section is about
    let mut current: Option<RegisterOrganisation> = None;
    let mut pending: Option<Label> = None;

    let finish_entry =
        |section: Section, current: &mut Option<RegisterOrganisation>, page: &mut RegisterPage| {
            if let Some(org) = current.take() {
                if org.name.is_empty() {
                    return;
                }
                match section {
                    Section::SupportTransfer => page.support_recipients.push(org),
                    _ => page.co_implementers.push(org),
                }
            }
        };

    for line in &lines {
        let heading = if line.heading {
            Some(section_of(&line.text))
        } else {
            numbered_heading(&line.text)
        };
        if let Some(next) = heading {
            finish_entry(section, &mut current, &mut page);
            pending = None;
            section = next;
            continue;
        }
        if section == Section::Contact {
            // personal data: not read
            continue;
        }
        let (label, text) = match labelled(&line.text) {
            Some((label, "")) => {
                pending = Some(label);
                continue;
            }
            Some((label, v)) => (Some(label), v),
            None => match pending.take() {
                Some(label) => (Some(label), line.text.as_str()),
                None => (None, line.text.as_str()),
            },
        };
        if label.is_some() {
            pending = None;
        }
        match (section, label) {
            (_, Some(Label::Personal)) => {}
            (Section::CoImplementers | Section::SupportTransfer, Some(Label::PlainName)) => {
                finish_entry(section, &mut current, &mut page);
                current = organisation_entry(text, &mut page.warnings);
            }
            (_, Some(Label::PlainName)) => {}
            (Section::Summary, None) => summary.push(scrub_personal_data(text)),
            (_, Some(Label::Code)) => match parse_code(text) {
                Some(c) => page.code = Some(c),
                None => page.warnings.push(Warning::new(
                    "register-code",
                    format!("Hankekoodi '{text}' is not a project code"),
                )),
            },
            (_, Some(Label::Name)) => page.name = value(text),
            (_, Some(Label::Axis)) => page.priority_axis = value(text),
            (_, Some(Label::Objective)) => page.specific_objective = value(text),
            (_, Some(Label::Status)) => page.status = value(text),
            (_, Some(Label::Authority)) => page.authority = value(text),
            (_, Some(Label::Period)) => read_period(text, &mut page),
            (_, Some(Label::CoImplementers)) => {
                for part in text.split(';') {
                    if let Some(org) = organisation_entry(part, &mut page.warnings) {
                        page.co_implementers.push(org);
                    }
                }
            }
            (Section::CoImplementers | Section::SupportTransfer, Some(Label::OfficialName)) => {
                finish_entry(section, &mut current, &mut page);
                current = organisation_entry(text, &mut page.warnings);
            }
            (Section::CoImplementers | Section::SupportTransfer, Some(l)) => {
                if let Some(org) = current.as_mut() {
                    org_detail(org, l, text, &mut page.warnings);
                }
            }
            (Section::CoImplementers | Section::SupportTransfer, None) => {
                if is_header_row(text) {
                    continue;
                }
                finish_entry(section, &mut current, &mut page);
                current = if line.cells.len() > 1 {
                    organisation_row(&line.cells, &mut page.warnings)
                } else {
                    organisation_entry(text, &mut page.warnings)
                };
            }
            (_, Some(Label::OfficialName)) => {
                applicant = value(text).map(|name| RegisterOrganisation {
                    name,
                    ..applicant.take().unwrap_or_default()
                });
            }
            (_, Some(l @ (Label::OrganisationType | Label::BusinessId | Label::Website))) => {
                let org = applicant.get_or_insert_with(RegisterOrganisation::default);
                org_detail(org, l, text, &mut page.warnings);
            }
            (_, None) => {}
        }
    }
    finish_entry(section, &mut current, &mut page);
    page.applicant = applicant.filter(|a| !a.name.is_empty());
    let summary = summary.join("\n");
    page.summary = (!summary.trim().is_empty()).then(|| summary.trim().to_owned());
    if lines.is_empty() {
        page.warnings.push(Warning::new(
            "register-empty",
            "the page has no text".to_owned(),
        ));
    }
    page
}

/// Sets a detail of an organisation from its labelled line.
fn org_detail(
    org: &mut RegisterOrganisation,
    label: Label,
    text: &str,
    warnings: &mut Vec<Warning>,
) {
    match label {
        Label::OrganisationType => org.organisation_type = value(text),
        Label::Website => org.website = value(text),
        Label::BusinessId => match BusinessId::parse(text) {
            Some(id) => org.business_id = Some(id),
            None => {
                if !text.trim().is_empty() {
                    warnings.push(Warning::new(
                        "business-id",
                        format!(
                            "Y-tunnus '{}' is not a valid business ID; ignored",
                            text.trim()
                        ),
                    ));
                }
            }
        },
        _ => {}
    }
}

/// `Alkaa 1.10.2014 ja päättyy 31.8.2023`: a date after `päättyy` is the end, any other the
/// start (then the end).
fn read_period(text: &str, page: &mut RegisterPage) {
    let dates = find_dates(text);
    if dates.is_empty() {
        page.warnings.push(Warning::new(
            "register-period",
            format!("no date in the period '{text}'"),
        ));
        return;
    }
    for (date, at, _) in dates {
        let before = fold(&text[..at]);
        if before.contains("paattyy") || page.start.is_some() {
            page.end = Some(date);
        } else {
            page.start = Some(date);
        }
    }
    if let (Some(s), Some(e)) = (page.start, page.end) {
        if s > e {
            page.warnings.push(Warning::new(
                "register-period",
                format!("the period starts {s} after it ends {e}"),
            ));
        }
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>x</title><script>var a = "Hankekoodi: S99999";</script></head>
<body><div id="sisalto">
<h2>1 Hanke</h2>
<dl><dt>Hankkeen nimi:</dt><dd>Petosen   Pömpeli</dd>
<dt>Toiminnan tila:</dt><dd>Päättynyt</dd></dl>
<p><b>Hankekoodi:</b> S20877</p>
<h2>2 Hakijan perustiedot</h2>
<table><tr><th>Y-tunnus:</th><td>1234567-1</td></tr>
<tr><th>Hakijan virallinen nimi:</th><td>Pitkälahti-Petosen asukasyhdistys ry</td></tr>
<tr><th>Organisaatiotyyppi:</th><td>Yhdistys</td></tr></table>
<h3>Yhteyshenkilö</h3>
<p>Nimi: Maija Meikäläinen</p><p>Sähköposti: maija@example.fi</p><p>Puhelin: 040 1234567</p>
<h2>2.1 Lisätiedot</h2>
<p>Nimi: Maija Meikäläinen</p><p>Yhteyshenkilö: Maija Meikäläinen</p>
<h2>3 Suunnitelman mukainen tiivistelmä toteutuksesta</h2>
<p>Avoin olohuone. Lisätietoja maija@example.fi tai 040 123 4567.</p>
<h2>4 Osatoteuttajat</h2>
<ul><li>Kuopion kaupunki (Y-tunnus 0171450-7)</li><li>Joku ry, 1234567-2</li></ul>
<h2>5 Tuen siirto</h2>
<table><tr><th>Nimi</th><th>Y-tunnus</th><th>Organisaatiotyyppi</th></tr><tr><td>Tukikohta ry</td><td>0171450-7</td><td>Yhdistys</td></tr></table>
</div></body></html>"#;

    #[test]
    fn reads_sections_in_any_order_and_layout() {
        let p = parse_page(PAGE);
        assert_eq!(p.code.as_deref(), Some("S20877"));
        assert_eq!(p.name.as_deref(), Some("Petosen Pömpeli"));
        assert_eq!(p.status.as_deref(), Some("Päättynyt"));
        let a = p.applicant.clone().expect("applicant");
        assert_eq!(a.name, "Pitkälahti-Petosen asukasyhdistys ry");
        assert_eq!(
            a.business_id.map(|b| b.to_string()).as_deref(),
            Some("1234567-1")
        );
        assert_eq!(a.organisation_type.as_deref(), Some("Yhdistys"));
        let names: Vec<_> = p.co_implementers.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(
            p.support_recipients[0].organisation_type.as_deref(),
            Some("Yhdistys")
        );
        assert_eq!(names, ["Kuopion kaupunki", "Joku ry"]);
        assert!(p.co_implementers[1].business_id.is_none());
        assert!(p.warnings.iter().any(|w| w.code == "business-id"));
        assert_eq!(p.support_recipients.len(), 1);
        assert_eq!(p.support_recipients[0].name, "Tukikohta ry");
        let s = p.summary.clone().expect("summary");
        assert!(s.starts_with("Avoin olohuone."), "{s}");
        assert!(!s.contains('@') && !s.contains("4567"), "{s}");
        let json = serde_json::to_string(&p).unwrap_or_default();
        assert!(!json.contains("Maija") && !json.contains('@'), "{json}");
    }

    #[test]
    fn periods() {
        let mut p = RegisterPage::default();
        read_period("Alkaa 1.10.2014 ja päättyy 31.8.2023", &mut p);
        assert_eq!(
            p.start.map(|d| d.to_string()).as_deref(),
            Some("2014-10-01")
        );
        assert_eq!(p.end.map(|d| d.to_string()).as_deref(), Some("2023-08-31"));
        let mut p = RegisterPage::default();
        read_period("päättyy 31.8.2023", &mut p);
        assert!(p.start.is_none() && p.end.is_some());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for html in [
            "",
            "<<<>>>",
            "\u{0}\u{1}binary",
            &"<div>".repeat(5_000),
            "<p>Hankekoodi:</p>",
            "<p>Y-tunnus: ÄÖ-ö</p><p>Hakijan virallinen nimi: ä</p>",
        ] {
            let _ = parse_page(html);
        }
        assert!(parse_page("").is_empty());
    }

    #[test]
    fn scrubbing() {
        assert_eq!(scrub_personal_data("a@b"), "a@b");
        assert_eq!(
            scrub_personal_data("x +358 40 123 4567 y"),
            "x [poistettu] y"
        );
        assert_eq!(
            scrub_personal_data("vuonna 2017 yhteensä 1200000"),
            "vuonna 2017 yhteensä 1200000"
        );
    }
}
