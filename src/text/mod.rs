//! Pure functions over Finnish text: OCR-tolerant comparison, the lexicon that restores lost
//! letters, project codes, amounts, dates, and lists of names.

pub mod amount;
pub mod business_id;
pub mod code;
pub mod date;
pub mod fold;
pub mod glued;
pub mod lexicon;
pub mod names;
pub mod prose;
