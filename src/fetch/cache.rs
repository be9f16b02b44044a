//! The on-disk cache of fetched pages, keyed by URL: `{dir}/{sha256(url)}.body` holds the bytes
//! and `{dir}/{sha256(url)}.json` what is known of them. The metadata is written last, through a
//! temporary file and a rename, so a half-written entry is never read as whole.

use crate::parse::hex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

/// What the cache knows of one URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The URL fetched.
    pub url: String,
    /// The HTTP status: 200, or 404/410 for a page the register does not have.
    pub status: u16,
    /// When it was fetched (`xsd:dateTime` lexical form, UTC).
    pub fetched_at: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// SHA-256 of the body, hex.
    pub sha256: String,
}

/// A directory of cached responses.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Cache { dir: dir.into() }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = hex(&Sha256::digest(url.as_bytes()));
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The cached entry and body of `url`; `None` when not cached, or when the entry is damaged
    /// (its body missing or not matching its digest): such an entry is fetched again.
    pub fn get(&self, url: &str) -> io::Result<Option<(CacheEntry, Vec<u8>)>> {
        let (meta, body) = self.paths(url);
        let text = match std::fs::read(&meta) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let Ok(entry) = serde_json::from_slice::<CacheEntry>(&text) else {
            return Ok(None);
        };
        if entry.url != url {
            return Ok(None);
        }
        let bytes = match std::fs::read(&body) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        if hex(&Sha256::digest(&bytes)) != entry.sha256 {
            return Ok(None);
        }
        Ok(Some((entry, bytes)))
    }

    /// Stores the response for `url`.
    pub fn put(&self, entry: &CacheEntry, body: &[u8]) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let (meta, body_path) = self.paths(&entry.url);
        write_atomically(&body_path, body)?;
        let json = serde_json::to_vec_pretty(entry).map_err(io::Error::other)?;
        write_atomically(&meta, &json)
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let dir = std::env::temp_dir().join(format!("hankegraph-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache::new(&dir);
        let url = "http://127.0.0.1/x?projektikoodi=S20877";
        assert!(cache.get(url).ok().flatten().is_none());
        let entry = CacheEntry {
            url: url.to_owned(),
            status: 200,
            fetched_at: "2025-01-31T09:30:00Z".to_owned(),
            content_type: None,
            sha256: hex(&Sha256::digest(b"<p>x</p>")),
        };
        cache.put(&entry, b"<p>x</p>").ok();
        let got = cache.get(url).ok().flatten();
        assert_eq!(got, Some((entry, b"<p>x</p>".to_vec())));
        let (_, body) = cache.paths(url);
        std::fs::write(body, b"changed").ok();
        assert!(cache.get(url).ok().flatten().is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
