//! The rules stage: YAML rule files loaded in two phases, raw serde types
//! (`raw`) compiled into a checked [`RuleSet`] (`compile`). The bundled
//! rules are embedded in the binary and go through the same loader as an
//! analyst's own directory.

mod compile;
pub(crate) mod raw;

use std::collections::HashSet;
use std::fs;
use std::io::Read as _;
use std::path::Path;

pub use compile::{
    ClaimRule, Context, Kind, LanguageExamples, QualifierFinder, QualifierRule, ReferenceFact,
    RuleSet, Tolerances, compile,
};

pub use raw::suggest;

use crate::error::{Error, Result};
use crate::yaml;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"));
}

/// One rule file: its name for messages, and its text.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// `rules/claims/counts.yaml` for bundled files; the path as found otherwise.
    pub path: String,
    /// The YAML text.
    pub text: String,
}

/// The rule files built into the binary.
pub fn bundled_files() -> Vec<RuleFile> {
    bundled::BUNDLED
        .iter()
        .map(|(path, text)| RuleFile {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect()
}

/// The largest rule file read; the compiler refuses those past 4 MiB, and
/// reading stops just after so a huge file is not held whole.
const MAX_RULE_FILE: u64 = (4 << 20) + 1;

/// The `.yaml` files of a rule directory (`kinds.yaml`, `entities/`,
/// `claims/`, `reference/`), sorted by path.
///
/// Symbolic links are followed, but a directory already walked (a link
/// back to a parent, or a second link to one directory) is not walked
/// again, so a cycle ends. Only regular files are read: a FIFO named
/// `x.yaml` would block. Each file is checked for alias expansion
/// ([`crate::yaml`]) before it is parsed.
pub fn read_dir(dir: &Path) -> Result<Vec<RuleFile>> {
    if !dir.is_dir() {
        return Err(Error::Input(format!(
            "{}: not a rule directory",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut walked = HashSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        let real = fs::canonicalize(&next).map_err(|e| Error::io(&next, e))?;
        if !walked.insert(real) {
            continue;
        }
        for entry in fs::read_dir(&next).map_err(|e| Error::io(&next, e))? {
            let path = entry.map_err(|e| Error::io(&next, e))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let file = read_rule_file(&path)?;
                if let Err(e) = yaml::check_expansion(&file.path, &file.text) {
                    errors.push(e);
                }
                files.push(file);
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Rules(errors));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Reads one rule file: a regular file, at most [`MAX_RULE_FILE`] bytes.
fn read_rule_file(path: &Path) -> Result<RuleFile> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Input(format!(
            "{shown}: not a regular file (a device, FIFO or socket); not read"
        )));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_RULE_FILE).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 >= MAX_RULE_FILE {
        // Cut short: the compiler refuses it by its size.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        return Ok(RuleFile { path: shown, text });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Input(format!(
            "{shown}: not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(RuleFile { path: shown, text })
}

/// Adds a user's reference facts (a `facts:` file as in `rules/reference/`),
/// checked against the rule set's kinds and entities. A fact on a key that
/// already has one (a bundled fact, say) replaces it: the analyst's file is
/// the later word. Returns a notice for each fact replaced.
pub fn add_references(rules: &mut RuleSet, path: &Path) -> Result<Vec<String>> {
    let file = read_rule_file(path)?;
    yaml::check_expansion(&file.path, &file.text)?;
    let facts = compile::reference_facts(&file, &rules.kinds, &rules.gazetteer)?;
    let mut notices = Vec::new();
    for fact in facts {
        let same_key = |old: &ReferenceFact| {
            old.kind == fact.kind && old.subject == fact.subject && old.qualifier == fact.qualifier
        };
        for old in rules.references.iter().filter(|old| same_key(old)) {
            let qualifier: Vec<String> = fact
                .qualifier
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            notices.push(format!(
                "{}: the fact on {} {} {} overrides the one in {} ({})",
                fact.file,
                fact.kind,
                fact.subject,
                qualifier.join(" "),
                old.file,
                old.value.display()
            ));
        }
        rules.references.retain(|old| !same_key(old));
        rules.references.push(fact);
    }
    Ok(notices)
}

/// Loads and compiles the bundled rules, or those of `dir`.
pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
    let files = match dir {
        Some(dir) => read_dir(dir)?,
        None => bundled_files(),
    };
    compile(&files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::check_examples;

    #[test]
    fn bundled_rules_compile_and_every_example_passes() {
        let rules = load(None).expect("bundled rules compile");
        assert!(
            rules.rules.iter().all(|r| !r.examples.is_empty()),
            "every rule has examples"
        );
        let failures = check_examples(&rules);
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn bundled_data_files_are_sorted_and_unique() {
        for file in bundled_files() {
            let key = if file.path.ends_with("kinds.yaml") {
                "  - name: "
            } else if file.path.contains("/entities/") {
                "  - id: "
            } else {
                continue;
            };
            let ids: Vec<&str> = file
                .text
                .lines()
                .filter_map(|l| l.strip_prefix(key))
                .collect();
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                ids, sorted,
                "{} is sorted and free of duplicates",
                file.path
            );
        }
    }

    #[test]
    fn rule_errors_are_collected_across_files() {
        let mut files = bundled_files();
        files.push(RuleFile {
            path: "x/claims/bad.yaml".into(),
            text: "rules:\n  - id: a\n    kind: nope\n".into(),
        });
        files.push(RuleFile {
            path: "x/entities/bad.yaml".into(),
            text: "entities: [".into(),
        });
        let Err(Error::Rules(errors)) = compile(&files) else {
            panic!("bad files are refused");
        };
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].to_string().starts_with("x/entities/bad.yaml:"));
        assert!(errors[1].to_string().contains("unknown kind \"nope\""));
    }

    /// The errors of the bundled rules plus one more file.
    fn errors_with(path: &str, text: &str) -> Vec<String> {
        let mut files = bundled_files();
        files.push(RuleFile {
            path: path.into(),
            text: text.into(),
        });
        match compile(&files) {
            Err(Error::Rules(errors)) => errors.iter().map(ToString::to_string).collect(),
            Err(other) => panic!("{other}"),
            Ok(_) => Vec::new(),
        }
    }

    #[test]
    fn language_file_errors_name_file_and_position() {
        let example = "examples:\n  - {text: \"x\", dates: []}\n";
        for (text, expected) in [
            (
                "language: de\ndates:\n  monthz: {}\n".to_string(),
                "x/languages/de.yaml:3:3: dates: unknown field `monthz`",
            ),
            (
                format!(
                    "language: de\nnumbers:\n  words:\n    - {{kind: unti, words: [eins]}}\n{example}"
                ),
                "x/languages/de.yaml:4:",
            ),
            (
                format!("language: de\ndates:\n  months:\n    13: [x]\n{example}"),
                "13 is not between 1 and 12",
            ),
            (
                format!(
                    "language: de\ndates:\n  months:\n    1: [januar]\n    2: [februar, januar]\n{example}"
                ),
                "x/languages/de.yaml:5:18: dates.months: \"januar\" is listed twice",
            ),
            (
                format!(
                    "language: de\nnumbers:\n  words:\n    - {{kind: unit, value: 7, words: [six]}}\n{example}"
                ),
                "x/languages/de.yaml:4:38: numbers.words: \"six\" is Unit(7.0) here but Unit(6.0) in rules/languages/en.yaml",
            ),
            (
                format!(
                    "language: de\nnumbers:\n  words:\n    - {{kind: ten, value: 10, words: [zehn]}}\n{example}"
                ),
                "take no `value`",
            ),
            (
                format!("language: en\n{example}"),
                "language \"en\" is also given by rules/languages/en.yaml",
            ),
            (
                "language: de\nexamples: []\n".to_string(),
                "a language file needs examples",
            ),
        ] {
            let errors = errors_with("x/languages/de.yaml", &text);
            assert!(
                errors.iter().any(|e| e.contains(expected)),
                "{expected:?} not in {errors:#?}"
            );
        }
    }

    #[test]
    fn a_language_example_that_fails_is_reported() {
        let mut files = bundled_files();
        files.push(RuleFile {
            path: "x/languages/de.yaml".into(),
            text: "language: de\ndates:\n  months:\n    3: [märz]\nexamples:\n  - text: \"am 3 märz 2016\"\n    dates: [2016-03-03]\n  - text: \"am 4 märz 2016\"\n    dates: [2016-03-03]\n".into(),
        });
        let rules = compile(&files).expect("the file compiles");
        let failures = check_examples(&rules);
        assert_eq!(failures.len(), 1, "{failures:#?}");
        assert_eq!(failures[0].rule, "x/languages/de.yaml#examples");
        assert_eq!(failures[0].example, 2);
    }

    #[test]
    fn entities_take_aliases_in_any_language() {
        let entity = |extra: &str| {
            format!("entities:\n  - id: zz-town\n    type: place\n    ar: []\n    {extra}\n")
        };
        let errors = errors_with("x/entities/more.yaml", &entity("de: [Zedstadt]"));
        assert!(errors.is_empty(), "{errors:#?}");
        let errors = errors_with("x/entities/more.yaml", &entity("speaks_fro: x"));
        assert!(
            errors.iter().any(|e| e.starts_with("x/entities/more.yaml:")
                && e.contains("unknown field \"speaks_fro\"")),
            "{errors:#?}"
        );
    }
}
