//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the crate root.
pub fn at(rel: &str) -> PathBuf {
    root().join(rel)
}

/// The `crosscheck` binary, run from the crate root.
pub fn crosscheck() -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").expect("the binary builds");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// Runs `crosscheck extract PATH --format jsonl` and parses the claims.
pub fn extract(path: &Path) -> Vec<serde_json::Value> {
    let out = crosscheck()
        .args(["extract", "--format", "jsonl"])
        .arg(path)
        .output()
        .expect("crosscheck runs");
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON claim"))
        .collect()
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
