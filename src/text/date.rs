//! Dates and periods as Finnish documents write them.
//!
//! `2.1.2017 – 31.12.2017` (en dash, hyphen, em dash or minus, spaces optional, possibly wrapped
//! over two lines), and `1.3.-30.11.2018` where the start year is left out.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date, always valid (day exists in its month).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists (years 1900–2100 only: the documents are about 2007–2030).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1900..=2100).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// Reads an ISO `yyyy-mm-dd` date.
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut it = s.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        Date::new(y, m, d)
    }

    /// Reads an XSD date, year-month or year (`2015-03-01`, `2015-03`, `2015`, the forms the
    /// mapping writes), a trailing time zone ignored. A month or year stands for its first day,
    /// or its last when `last` is set (for the end of a period).
    ///
    /// ```
    /// use hankegraph::text::date::Date;
    /// assert_eq!(Date::parse_xsd("2015-03-01", false), Date::new(2015, 3, 1));
    /// assert_eq!(Date::parse_xsd("2016-02", true), Date::new(2016, 2, 29));
    /// assert_eq!(Date::parse_xsd("2018", true), Date::new(2018, 12, 31));
    /// assert_eq!(Date::parse_xsd("2018-13", false), None);
    /// ```
    pub fn parse_xsd(s: &str, last: bool) -> Option<Self> {
        let s = s.strip_suffix('Z').unwrap_or(s);
        if let Some(d) = Date::parse_iso(s.get(..10).unwrap_or(s)) {
            return Some(d);
        }
        let mut it = s.splitn(3, '-');
        let y: i32 = it.next()?.parse().ok()?;
        let (m_first, m_last) = match it.next() {
            Some(m) => {
                let m: u32 = m.get(..2).unwrap_or(m).parse().ok()?;
                (m, m)
            }
            None => (1, 12),
        };
        if !(1..=12).contains(&m_first) {
            return None;
        }
        if last {
            Date::new(y, m_last, days_in_month(y, m_last))
        } else {
            Date::new(y, m_first, 1)
        }
    }

    /// Days since 1900-01-01, for comparing dates by distance.
    pub fn day_number(self) -> i64 {
        let mut n = 0i64;
        for y in 1900..self.year {
            n += if is_leap(y) { 366 } else { 365 };
        }
        for m in 1..self.month {
            n += i64::from(days_in_month(self.year, m));
        }
        n + i64::from(self.day) - 1
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A period with its start and end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// A period found in text, with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodMatch {
    /// The period.
    pub period: Period,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
}

/// Reads `d.m.` or `d.m.yyyy` at byte `i`. Returns (day, month, year if written, end).
fn dm_at(text: &str, i: usize) -> Option<(u32, u32, Option<i32>, usize)> {
    let b = text.as_bytes();
    let num = |from: usize, max: usize| -> Option<(u32, usize)> {
        let n = b[from.min(b.len())..]
            .iter()
            .take(max + 1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 || n > max {
            return None;
        }
        Some((text[from..from + n].parse().ok()?, from + n))
    };
    let (d, j) = num(i, 2)?;
    let j = skip_dot(b, j)?;
    let (m, j) = num(j, 2)?;
    let j = skip_dot(b, j)?;
    // optional year right after the second dot
    let year_digits = b[j.min(b.len())..]
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if year_digits == 4 {
        let y: i32 = text[j..j + 4].parse().ok()?;
        return Some((d, m, Some(y), j + 4));
    }
    if year_digits == 0 {
        return Some((d, m, None, j));
    }
    None
}

/// The dot after a day or a month.
fn skip_dot(b: &[u8], j: usize) -> Option<usize> {
    (b.get(j) == Some(&b'.')).then_some(j + 1)
}

/// Length of a dash (with blanks around it, line breaks included) at `i`.
fn dash_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let t = rest.trim_start_matches([' ', '\n']);
    let mut n = rest.len() - t.len();
    let c = t.chars().next()?;
    if !matches!(c, '-' | '–' | '—' | '‒' | '−' | '―') {
        return None;
    }
    n += c.len_utf8();
    let after = &rest[n..];
    n += after.len() - after.trim_start_matches([' ', '\n']).len();
    (n <= 12).then_some(n)
}

/// Finds every period `d.m.yyyy – d.m.yyyy` or `d.m. – d.m.yyyy` in `text`, in order.
///
/// ```
/// use hankegraph::text::date::find_periods;
/// let p = &find_periods("toteutusaika 1.3.-30.11.2018 (hanke)")[0].period;
/// assert_eq!((p.start.to_string(), p.end.to_string()), ("2018-03-01".into(), "2018-11-30".into()));
/// let p = &find_periods("2.1.2017 – 31.12.2017")[0].period;
/// assert_eq!(p.end.to_string(), "2017-12-31");
/// ```
pub fn find_periods(text: &str) -> Vec<PeriodMatch> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.');
        if !b[i].is_ascii_digit() || !boundary {
            i += 1;
            continue;
        }
        if let Some(found) = period_at(text, i) {
            i = found.end;
            out.push(found);
        } else {
            i += 1;
        }
    }
    out
}

fn period_at(text: &str, i: usize) -> Option<PeriodMatch> {
    let (d1, m1, y1, j) = dm_at(text, i)?;
    let j = j + dash_at(text, j)?;
    let (d2, m2, y2, k) = dm_at(text, j)?;
    let y2 = y2?;
    if text.as_bytes().get(k).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let y1 = y1.unwrap_or(if (m1, d1) <= (m2, d2) { y2 } else { y2 - 1 });
    let period = Period {
        start: Date::new(y1, m1, d1)?,
        end: Date::new(y2, m2, d2)?,
    };
    Some(PeriodMatch {
        period,
        start: i,
        end: k,
    })
}

/// Finds every single date `d.m.yyyy` in `text`.
pub fn find_dates(text: &str) -> Vec<(Date, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.');
        if b[i].is_ascii_digit() && boundary {
            if let Some((d, m, Some(y), end)) = dm_at(text, i) {
                if let Some(date) = Date::new(y, m, d) {
                    out.push((date, i, end));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<(String, String)> {
        find_periods(s)
            .first()
            .map(|m| (m.period.start.to_string(), m.period.end.to_string()))
    }

    #[test]
    fn dashes_and_wraps() {
        for s in [
            "2.1.2017 – 31.12.2017",
            "2.1.2017 - 31.12.2017",
            "2.1.2017 — 31.12.2017",
            "2.1.2017–31.12.2017",
            "2.1.2017 −\n31.12.2017",
            "2.1.2017 —\n 31.12.2017",
        ] {
            assert_eq!(
                one(s),
                Some(("2017-01-02".into(), "2017-12-31".into())),
                "{s:?}"
            );
        }
    }

    #[test]
    fn start_year_left_out() {
        assert_eq!(
            one("1.3.-30.11.2018"),
            Some(("2018-03-01".into(), "2018-11-30".into()))
        );
        assert_eq!(
            one("2.1.-31.12.2017"),
            Some(("2017-01-02".into(), "2017-12-31".into()))
        );
        assert_eq!(
            one("1.11.-31.3.2019"),
            Some(("2018-11-01".into(), "2019-03-31".into()))
        );
    }

    #[test]
    fn invalid_dates_are_not_periods() {
        assert_eq!(one("31.2.2017 – 1.3.2017"), None);
        assert_eq!(one("1.13.2017 – 1.3.2018"), None);
        assert_eq!(one("2015-2018"), None);
        assert_eq!(one("12.923 euroa"), None);
    }

    #[test]
    fn leap_years() {
        assert!(Date::new(2016, 2, 29).is_some());
        assert!(Date::new(2017, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
    }

    #[test]
    fn iso_and_day_numbers() {
        let d = Date::parse_iso("2017-12-31");
        assert_eq!(d.map(|d| d.to_string()).as_deref(), Some("2017-12-31"));
        let (a, b) = (Date::new(2017, 1, 1), Date::new(2018, 1, 1));
        assert_eq!(
            b.map(Date::day_number)
                .zip(a.map(Date::day_number))
                .map(|(x, y)| x - y),
            Some(365)
        );
    }

    #[test]
    fn single_dates() {
        let v = find_dates("(3.11.2016) ja 20.2.2018");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].0.to_string(), "2018-02-20");
    }
}
