//! Embeds the bundled `rules/` directory, so the binary carries its rules
//! and loads them through the same loader as a user's directory.

use std::fs;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("rules"), &mut files);
    files.sort();
    let mut code = String::from(
        "/// The bundled rule files: (path, contents).\npub const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .expect("rule files live under the crate");
        let rel = rel.to_string_lossy().replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("bundled_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=rules");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
}
