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

/// Runs `crosscheck --rules DIR rules check`.
pub fn rules_check(dir: &Path) -> std::process::Output {
    crosscheck()
        .arg("--rules")
        .arg(dir)
        .args(["rules", "check"])
        .output()
        .expect("crosscheck runs")
}

/// Runs `crosscheck ARGS… PATH`.
pub fn run_on(args: &[&str], path: &Path) -> std::process::Output {
    crosscheck()
        .args(args)
        .arg(path)
        .output()
        .expect("crosscheck runs")
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
    claim_lines(&out.stdout)
}

/// The claims of `extract`'s JSONL: each line parsed, the document and
/// problem records saved beside the claims left out.
pub fn claim_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON"))
        .filter(|v| v.get("kind").is_some())
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

/// Renders DOT with Graphviz and checks it succeeds; skips, saying why,
/// where `dot` is not installed.
pub fn render_dot(dot: &str) {
    use std::io::Write;
    use std::process::{Command as Process, Stdio};
    if Process::new("dot").arg("-V").output().is_err() {
        println!("SKIPPED dot -Tsvg: graphviz `dot` is not installed (.ci/run installs it)");
        return;
    }
    let mut child = Process::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let rendered = child.wait_with_output().unwrap();
    assert!(
        rendered.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    assert!(String::from_utf8_lossy(&rendered.stdout).contains("<svg"));
}
