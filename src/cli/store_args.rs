//! The `--store` option shared by every subcommand that opens the store.

use anyhow::Context as _;
use clap::Args;
use hankegraph::store::GraphStore;
use std::path::PathBuf;

/// Where the store is.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The on-disk store (a directory, created with its parents when missing).
    #[arg(
        long,
        env = "HANKEGRAPH_STORE",
        default_value = "hankegraph.db",
        value_name = "DIR"
    )]
    pub store: PathBuf,
}

impl StoreArgs {
    /// Opens the store, saying which one on failure.
    pub fn open(&self) -> anyhow::Result<GraphStore> {
        std::fs::create_dir_all(&self.store)
            .with_context(|| format!("creating the store directory {}", self.store.display()))?;
        GraphStore::open(&self.store)
            .with_context(|| format!("opening the store {}", self.store.display()))
    }
}
