//! Corpus reading: any bytes as a JSONL stream, as a file with front
//! matter, or as a manifest are documents or named problems; never a
//! panic, and a publication date read is a real interval in 1900–2100.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crosscheck::corpus::{Document, read};
use libfuzzer_sys::fuzz_target;

/// One scratch directory per fuzzing process, its files rewritten each run.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("crosscheck-fuzz-corpus-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("manifest")).expect("a scratch directory");
        std::fs::write(dir.join("manifest/a.txt"), "نص").expect("a document");
        dir
    })
}

fn check(doc: &Document) {
    if let Some(p) = doc.published {
        assert!(p.first <= p.last, "{p:?}");
        assert!((1900..=2100).contains(&chrono_year(p.first)), "{p:?}");
    }
}

fn chrono_year(d: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    d.year()
}

fn read_all(paths: &[PathBuf], stdin: &[u8]) {
    let mut input = stdin;
    let _ = read(paths, &mut input, &mut |doc| check(&doc));
}

fuzz_target!(|data: &[u8]| {
    // JSONL lines on standard input.
    read_all(&[PathBuf::from("-")], data);
    let dir = scratch();
    // A text file with front matter.
    let article = dir.join("article.md");
    if std::fs::write(&article, data).is_ok() {
        read_all(&[article], b"");
    }
    // A manifest.
    if std::fs::write(dir.join("manifest/manifest.yaml"), data).is_ok() {
        read_all(&[dir.join("manifest")], b"");
    }
});
