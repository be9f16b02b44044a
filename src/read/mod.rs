//! Bytes → text → lines.
//!
//! Three pure steps, each testable alone: [`decode`] picks the encoding, [`normalise`] cleans
//! characters, [`split_lines`] removes page furniture and splits layout columns.

mod decode;
mod lines;
mod normalise;

pub use decode::{decode, Decoded, Encoding};
pub use lines::{find_month_year, split_lines, Line, Lines};
pub use normalise::normalise;
