//! `entities import geonames` end to end: a sample in the GeoNames dump
//! format imported beside the bundled rules or alone, and the file it
//! writes loaded back with `--rules`.

use std::fs;
use std::path::Path;

use crate::support::{at, crosscheck, rules_check};

const SAMPLE: &str = "tests/fixtures/geonames/IQ-sample.txt";

/// Copies a directory tree (the rules) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("a directory");
    for entry in fs::read_dir(from).expect("a readable directory") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copied");
        }
    }
}

/// Runs the importer (with `rules` as `--rules` when given) and returns
/// its stderr; the file is written to `out`.
fn import(rules: Option<&Path>, extra: &[&str], out: &Path) -> String {
    let mut cmd = crosscheck();
    if let Some(dir) = rules {
        cmd.arg("--rules").arg(dir);
    }
    let output = cmd
        .args(["entities", "import", "geonames", SAMPLE, "--country", "IQ"])
        .args(extra)
        .arg("-o")
        .arg(out)
        .output()
        .expect("crosscheck runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "import failed: {stderr}");
    stderr
}

/// An entity's first lines as the importer writes them: id, type, and `then`.
fn entry(id: &str, then: &str) -> String {
    format!("  - id: {id}\n    type: place\n    {then}")
}

fn entity_count(check: &std::process::Output) -> usize {
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "rules check failed: {stdout}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let (_, after) = stdout.split_once("languages").expect("a summary line");
    let (before, _) = after.split_once(" entities").expect("an entity count");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[test]
fn beside_the_bundled_rules_only_new_places_come_and_they_nest_in_the_rules_governorates() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    copy_tree(&at("rules"), &rules);
    let bundled = entity_count(&rules_check(&rules));
    let file = rules.join("entities").join("iq-geonames.yaml");
    let stderr = import(None, &[], &file);
    assert!(
        stderr.contains("already in the rules") && stderr.contains("of other countries"),
        "{stderr}"
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("GeoNames") && text.contains("CC BY 4.0"),
        "credit in the file"
    );
    let places = text.matches("  - id: ").count();
    assert!(places >= 1, "{text}");
    assert!(
        !text.contains("id: ramadi"),
        "Ramadi is in the bundled places already"
    );
    // Ad Dawr is the rules' «قضاء الدور» (al-dour); Nahiyat Hiran is new, and
    // lies in Erbil, which the rules know.
    assert!(!text.contains("id: ad-dawr"), "{text}");
    assert!(
        text.contains(&entry("nahiyat-hiran", "part_of: [erbil]")),
        "{text}"
    );
    assert_eq!(
        entity_count(&rules_check(&rules)),
        bundled + places,
        "the file compiles beside them"
    );
}

#[test]
fn alone_every_place_of_the_country_comes_nested_in_its_imported_adm1() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    fs::create_dir_all(rules.join("entities")).unwrap();
    for part in ["kinds.yaml", "attribution.yaml"] {
        fs::copy(at("rules").join(part), rules.join(part)).unwrap();
    }
    copy_tree(&at("rules/languages"), &rules.join("languages"));
    let file = rules.join("entities").join("iq.yaml");
    let stderr = import(Some(&rules), &["--min-population", "1000"], &file);
    assert!(
        stderr.contains("1 of other countries") && stderr.contains("2 under --min-population"),
        "{stderr}"
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&entry("abu-al-kahsib", "ar: []")),
        "no ADM1 02 in the file: no part_of\n{text}"
    );
    // The ADM1 rows are kept whatever their population; Ad Dawr and Nahiyat
    // Hiran (0 inhabitants in GeoNames) are not.
    assert!(!text.contains("id: ad-dawr"), "{text}");
    assert!(
        text.contains(&entry("ramadi", "part_of: [anbar]")),
        "{text}"
    );
    assert!(
        text.contains(&entry("tikrit", "part_of: [salah-ad-din]")),
        "{text}"
    );
    assert!(
        text.contains("ar: [الرمادى]") && !text.contains("alrmady"),
        "Arabic names; no letter-by-letter transliterations"
    );
    let places = text.matches("  - id: ").count();
    assert_eq!(entity_count(&rules_check(&rules)), places);
}

#[test]
fn a_malformed_line_is_an_error_at_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = fs::read_to_string(at(SAMPLE)).unwrap();
    text = text.replacen("\t34.60\t", "\tnorth\t", 1);
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, text).unwrap();
    let out = dir.path().join("out.yaml");
    let output = crosscheck()
        .args(["entities", "import", "geonames"])
        .arg(&bad)
        .args(["--country", "IQ", "-o"])
        .arg(&out)
        .output()
        .expect("crosscheck runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.txt:2: column 5 (latitude): \"north\""),
        "{stderr}"
    );
    assert!(!out.exists(), "no file for a failed import");
}
