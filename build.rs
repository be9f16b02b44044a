//! Embeds the named queries of `queries/*.rq` into the binary, so that `hankegraph query NAME`
//! works wherever the binary is, and a new `.rq` file is a new named query without code changes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=queries");
    // The manifest directory is read when the script runs, not when it is compiled: one compiled
    // build script serves every checkout that shares a target directory.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let dir = Path::new(&manifest).join("queries");
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => fail(&format!("cannot read {}: {e}", dir.display())),
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "rq"));
    files.sort();
    if files.is_empty() {
        fail(&format!("no .rq files in {}", dir.display()));
    }
    let mut code = String::from("/// The named queries of `queries/`: (name, text).\npub const NAMED_QUERIES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("named_queries.rs");
    if let Err(e) = std::fs::write(&out, code) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("build.rs: {message}");
    std::process::exit(1);
}
