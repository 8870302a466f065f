//! The module order stays true: every module of `src/` imports only the
//! modules below it (tests excepted: a unit test may use the whole crate as
//! its fixture), so there is no cycle; and the code stays in small pieces —
//! no function over 80 lines, no file over 500.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The library's modules, lowest first: each may use only those before it.
const LAYERS: &[&str] = &[
    "error",
    "yaml",
    "text",
    "claim",
    "corpus",
    "recognize",
    "rules",
    "extract",
    "review",
    "compare",
    "graph",
    "store",
    "eval",
    "report",
    "diff",
    "bench",
];

const MAX_FUNCTION_LINES: usize = 80;
const MAX_FILE_LINES: usize = 500;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).expect("a readable source file");
            let name = p
                .strip_prefix(&root)
                .expect("under src/")
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

/// The top-level module a file belongs to: `compare` for
/// `compare/group.rs` and for `compare.rs`.
fn module_of(file: &str) -> &str {
    let first = file.split(['/', '\\']).next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The code of a file without its unit tests.
fn non_test(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

/// Every `crate::module` a piece of code names.
fn uses(code: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .map(|(at, m)| {
            code[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect::<String>()
        })
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn no_module_imports_one_above_it() {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut upward = Vec::new();
    let mut seen = BTreeSet::new();
    for (file, text) in all_sources() {
        let module = module_of(&file);
        if matches!(module, "lib" | "main" | "cli") || file.ends_with("tests.rs") {
            continue;
        }
        let own = rank(module).unwrap_or_else(|| panic!("{file}: module {module} is in no layer"));
        seen.insert(module.to_string());
        for used in uses(non_test(&text)) {
            if let Some(r) = rank(&used)
                && r > own
            {
                upward.push(format!("{file} uses crate::{used}, a layer above {module}"));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
    let layers: BTreeSet<String> = LAYERS.iter().map(|l| l.to_string()).collect();
    assert_eq!(seen, layers, "every layer names a module that exists");
}

#[test]
fn the_layer_check_sees_an_upward_import() {
    let code = "use crate::text::Tokenized;\nuse crate::compare::Verdict;\n";
    let used = uses(code);
    assert!(used.contains("compare") && used.contains("text"));
    assert_eq!(non_test("a\n#[cfg(test)]\nuse crate::x;"), "a\n");
    assert_eq!(module_of("compare/group.rs"), "compare");
}

/// Functions longer than `max` lines: (file, name, lines). A function runs
/// from its `fn` line to the closing brace at the same indentation.
fn long_functions(file: &str, text: &str, max: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let head = [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ]
        .iter()
        .fold(trimmed, |t, p| t.strip_prefix(p).unwrap_or(t));
        let Some(rest) = head.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines[i..].iter().position(|l| *l == close)
            && end + 1 > max
        {
            out.push(format!("{file}: fn {name} has {} lines", end + 1));
        }
    }
    out
}

#[test]
fn functions_and_files_stay_small() {
    let mut long = Vec::new();
    for (file, text) in all_sources() {
        long.extend(long_functions(&file, &text, MAX_FUNCTION_LINES));
        let count = text.lines().count();
        if count > MAX_FILE_LINES {
            long.push(format!("{file} has {count} lines"));
        }
    }
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}

#[test]
fn the_size_check_measures_a_function() {
    let body = "    let x = 1;\n".repeat(5);
    let text = format!("pub fn f() {{\n{body}}}\n\n    fn g() {{\n    }}\n");
    assert_eq!(long_functions("x.rs", &text, 6), ["x.rs: fn f has 7 lines"]);
    assert!(long_functions("x.rs", &text, 7).is_empty());
}
