//! What tells the store that a document or the rules changed: a content
//! hash of each document (its text and every field extraction reads), and
//! a version hash of the rule files.

use std::path::{Path, PathBuf};

use crate::claim::Fnv;
use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::rules::{self, RuleFile};

/// 16 hex digits of FNV-1a over the document's text, outlet, publication
/// date, language, wires and address: a change to any of them can change
/// its claims, so any of them makes the document extracted again.
pub fn content_hash(doc: &Document) -> String {
    let mut hash = Fnv::new();
    let published = doc.published.map(|p| p.display()).unwrap_or_default();
    for field in [
        doc.text.as_str(),
        doc.outlet.as_str(),
        published.as_str(),
        doc.language.as_deref().unwrap_or(""),
        doc.url.as_deref().unwrap_or(""),
    ] {
        hash.field(field.as_bytes());
    }
    for wire in &doc.wires {
        hash.field(wire.as_bytes());
    }
    format!("{:016x}", hash.finish())
}

/// The rules' version: 16 hex digits of FNV-1a over this crosscheck's
/// version and the text of every rule file (sorted by path, as they are
/// compiled) and reference file. The rules are not tied to a language or
/// an outlet — any rule may fire on any document — so a change to any file
/// is a change to every document's matching rules.
pub fn rules_version(dir: Option<&Path>, references: &[PathBuf]) -> Result<String> {
    let files = match dir {
        Some(dir) => rules::read_dir(dir)?,
        None => rules::bundled_files(),
    };
    let mut hash = Fnv::new();
    hash.field(env!("CARGO_PKG_VERSION").as_bytes());
    for RuleFile { text, .. } in &files {
        hash.field(text.as_bytes());
    }
    for path in references {
        let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        hash.field(&text);
    }
    Ok(format!("{:016x}", hash.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Published;

    fn doc(text: &str, outlet: &str) -> Document {
        Document {
            id: "a".into(),
            outlet: outlet.into(),
            published: Published::parse("2017-11-04"),
            language: Some("ar".into()),
            wires: Vec::new(),
            url: None,
            origin: "a.txt".into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_hash_follows_text_and_metadata_but_not_origin() {
        let base = content_hash(&doc("نص", "A"));
        assert_eq!(base.len(), 16);
        assert_ne!(base, content_hash(&doc("نص آخر", "A")));
        assert_ne!(base, content_hash(&doc("نص", "B")));
        let mut moved = doc("نص", "A");
        moved.origin = "elsewhere/a.txt".into();
        assert_eq!(base, content_hash(&moved));
        let mut dated = doc("نص", "A");
        dated.published = Published::parse("2017-11");
        assert_ne!(base, content_hash(&dated));
    }

    #[test]
    fn the_rules_version_is_stable_and_follows_the_files() {
        let bundled = rules_version(None, &[]).expect("bundled rules");
        assert_eq!(bundled, rules_version(None, &[]).expect("again"));
        let dir = tempfile::tempdir().expect("a temp dir");
        let fact = dir.path().join("facts.yaml");
        std::fs::write(&fact, "facts: []\n").expect("written");
        let with_fact = rules_version(None, std::slice::from_ref(&fact)).expect("with a file");
        assert_ne!(bundled, with_fact);
    }
}
