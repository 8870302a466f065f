//! The binary end to end on the fixture corpus and on malformed input.

use std::fs;

use serde_json::Value as Json;

use crate::support::{at, copy_dir, crosscheck, extract, render_dot, rules_check};

fn compare_json(path: &str) -> Vec<Json> {
    let out = crosscheck()
        .args(["compare", path, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn key<'a>(comparisons: &'a [Json], kind: &str, subject: &str) -> &'a Json {
    comparisons
        .iter()
        .find(|c| c["key"]["kind"] == kind && c["key"]["subject"] == subject)
        .unwrap_or_else(|| panic!("no key {kind} {subject}"))
}

#[test]
fn fixture_outlets_contradict_and_agree_where_they_should() {
    let comparisons = compare_json("tests/fixtures/corpus");
    let date = key(&comparisons, "event_date", "tal-afar");
    assert_eq!(date["key"]["qualifier"]["event"], "liberation");
    assert_eq!(date["verdict"], "contradict");
    assert_eq!(date["independent_sources"], 2);
    let fighters = key(&comparisons, "fighter_count", "tal-afar");
    assert_eq!(fighters["verdict"], "contradict");
    let strikes = key(&comparisons, "airstrike_count", "tal-afar");
    assert_eq!(strikes["verdict"], "agree");
    // Three claims from two outlets: two independent sources, three pairs
    // (the two Al-Sharq documents are one source but still compared).
    assert_eq!(strikes["independent_sources"], 2);
    assert_eq!(strikes["claims"].as_array().unwrap().len(), 3);
    assert!(
        strikes["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["verdict"] == "agree")
    );
    let single = key(&comparisons, "distance_km", "hawija");
    assert_eq!(single["verdict"], "single-source");
    // Contradictions come first.
    let verdicts: Vec<&str> = comparisons
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    let mut sorted = verdicts.clone();
    sorted.sort_by_key(|v| {
        ["contradict", "compatible", "agree", "single-source"]
            .iter()
            .position(|x| x == v)
    });
    assert_eq!(verdicts, sorted);
}

#[test]
fn fixture_conflict_table_lists_contradictions_first() {
    let out = crosscheck()
        .args(["report", "tests/fixtures/corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("documents: 4 read, 0 unreadable"), "{text}");
    assert!(
        text.contains("keys by verdict: 2 contradict, 0 compatible, 1 agree, 3 single-source"),
        "{text}"
    );
    // The rows, read from the same report as CSV: a table's cells wrap.
    let out = crosscheck()
        .args(["report", "tests/fixtures/corpus", "--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (key, outlet, doc, from, verdict) = (
        col("key"),
        col("outlet"),
        col("doc"),
        col("from"),
        col("verdict"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][key], "event_date tal-afar event=liberation");
    assert_eq!(&rows[0][verdict], "contradict");
    let dates: Vec<(String, &str)> = rows
        .iter()
        .filter(|r| r[key].starts_with("event_date tal-afar"))
        .map(|r| (format!("{} ({})", &r[outlet], &r[doc]), &r[from]))
        .collect();
    assert_eq!(
        dates,
        [
            ("Al-Sharq Daily (sharq-1)".to_string(), "2017-08-31"),
            ("Wadi News (wadi-1)".to_string(), "2017-08-27")
        ]
    );
    let fighters: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[key].starts_with("fighter_count"))
        .collect();
    assert_eq!(fighters.len(), 2);
    assert!(fighters.iter().all(|r| &r[verdict] == "contradict"));
    let last_contradiction = rows
        .iter()
        .rposition(|r| &r[verdict] == "contradict")
        .unwrap();
    let first_other = rows
        .iter()
        .position(|r| &r[verdict] != "contradict")
        .unwrap();
    assert!(last_contradiction < first_other);
}

#[test]
fn fail_on_contradiction_sets_exit_code_one() {
    crosscheck()
        .args(["report", "tests/fixtures/corpus", "--fail-on-contradiction"])
        .assert()
        .code(1);
    crosscheck()
        .args(["report", "tests/fixtures/corpus"])
        .assert()
        .code(0);
    // No contradiction on one document alone.
    crosscheck()
        .args([
            "report",
            "tests/fixtures/corpus/rafidain-1.txt",
            "--fail-on-contradiction",
        ])
        .assert()
        .code(0);
}

#[test]
fn seeds_graph_renders_with_graphviz() {
    let out = crosscheck()
        .args(["graph", "seeds", "--format", "dot", "--full"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph crosscheck {"));
    assert!(dot.contains("subgraph \"cluster_"));
    assert!(dot.contains("القائم"), "Arabic labels are kept");
    render_dot(&dot);
}

#[test]
fn graph_of_one_entity_keeps_its_neighbourhood() {
    let out = crosscheck()
        .args([
            "graph",
            "tests/fixtures/corpus",
            "--entity",
            "hawija",
            "--full",
        ])
        .output()
        .unwrap();
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.contains("entity:hawija"));
    assert!(dot.contains("rafidain-1"));
    assert!(!dot.contains("entity:tal-afar"));
    crosscheck()
        .args(["graph", "tests/fixtures/corpus", "--entity", "atlantis"])
        .assert()
        .code(2);
}

#[test]
fn bundled_rules_check_passes() {
    let out = crosscheck().args(["rules", "check"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("FAIL"));
    let line = text.lines().last().unwrap();
    let (pass, total) = line
        .rsplit_once("; ")
        .unwrap()
        .1
        .split_once(" of ")
        .unwrap();
    let total: usize = total.split_whitespace().next().unwrap().parse().unwrap();
    assert!(total >= 20, "rules carry examples: {line}");
    assert_eq!(pass.parse::<usize>().unwrap(), total);
}

#[test]
fn malformed_rule_file_names_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    let counts = dir.path().join("claims/counts.yaml");
    let text = fs::read_to_string(&counts).unwrap();
    let broken = text.replacen("kind: fighter_count", "kind: figter_count", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("figter_count"))
        .unwrap()
        + 1;
    fs::write(&counts, broken).unwrap();
    let out = rules_check(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "claims/counts.yaml:{line}:11: rules[0]: unknown kind \"figter_count\" (did you mean \"fighter_count\"?)"
    );
    assert!(err.contains(&expected), "expected {expected:?} in {err}");
}

#[test]
fn rule_file_with_unknown_field_or_bad_yaml_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&at("rules"), dir.path());
    let geo = dir.path().join("claims/geography.yaml");
    let text = fs::read_to_string(&geo)
        .unwrap()
        .replacen("    triggers:", "    trigers:", 1);
    fs::write(&geo, text).unwrap();
    fs::write(
        dir.path().join("entities/bad.yaml"),
        "entities:\n  - id: x\n    type: plce\n",
    )
    .unwrap();
    let out = crosscheck()
        .arg("--rules")
        .arg(dir.path())
        .args(["report", "seeds"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("geography.yaml:") && err.contains("unknown field `trigers`"),
        "{err}"
    );
    assert!(
        err.contains("bad.yaml:3:11: type: unknown variant `plce`") || err.contains("bad.yaml:3:"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no report from broken rules");
}

#[test]
fn missing_manifest_file_is_named_counted_and_fails_the_run() {
    let out = crosscheck()
        .args(["report", "tests/fixtures/broken-manifest"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("missing.txt") && err.contains("cannot read"),
        "{err}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("documents: 1 read, 1 unreadable"), "{text}");
    assert!(
        text.contains("unreadable: ") && text.contains("missing.txt"),
        "{text}"
    );
    assert!(
        text.contains("fighter_count al-qaim"),
        "the readable document is still reported: {text}"
    );
}

#[test]
fn non_utf8_document_is_decoded_with_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"---\noutlet: Test\npublished: 2017-11-04\n---\n".to_vec();
    bytes.extend_from_slice("نحو 1500 من مقاتلي داعش في محيط القائم. ".as_bytes());
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let file = dir.path().join("latin1.txt");
    fs::write(&file, bytes).unwrap();
    let out = crosscheck()
        .args(["extract", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("latin1.txt") && err.contains("not valid UTF-8"),
        "{err}"
    );
    let claims: Vec<Json> = crate::support::claim_lines(&out.stdout);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["outlet"], "Test");
}

#[test]
fn missing_outlet_and_date_warn_and_still_extract() {
    let claims = extract(&at("tests/fixtures/corpus/sharq-1.txt"));
    assert!(claims.iter().all(|c| c["outlet"] == "unknown"));
    assert!(claims.iter().any(|c| c["kind"] == "fighter_count"));
    let out = crosscheck()
        .args(["extract", "tests/fixtures/corpus/sharq-1.txt"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("sharq-1.txt: no outlet given"), "{err}");
    assert!(err.contains("sharq-1.txt: no publication date"), "{err}");
}

#[test]
fn jsonl_on_stdin_is_read_and_bad_lines_are_counted() {
    let input = concat!(
        r#"{"id":"w1","outlet":"Wire","published":"2017-11-04","text":"نفذ التحالف الدولي 9 غارات على القائم"}"#,
        "\n{broken\n",
        r#"{"id":"w2","outlet":"Paper","published":"2017-11-04","text":"نفذ التحالف الدولي 9 غارات على القائم"}"#,
        "\n"
    );
    let out = crosscheck()
        .args(["compare", "-", "--format", "json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "one line was unreadable");
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>:2"));
    let comparisons: Vec<Json> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(comparisons[0]["verdict"], "agree");
    // The same sentence in two outlets is one copy, not two sources.
    assert_eq!(comparisons[0]["independent_sources"], 1);
    let reasons = comparisons[0]["families"][0]["reasons"].to_string();
    assert!(reasons.contains("near-identical"), "{reasons}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.dot");
    crosscheck()
        .args(["graph", "seeds", "-o"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.trim_end().ends_with('}'));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

#[test]
fn usage_errors_exit_with_two() {
    crosscheck().assert().code(2);
    crosscheck().args(["report"]).assert().code(2);
    crosscheck()
        .args(["report", "no/such/dir"])
        .assert()
        .code(2);
    crosscheck()
        .args(["extract", "seeds", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn english_wire_and_arabic_outlet_meet_on_one_key() {
    let comparisons = compare_json("tests/fixtures/english");
    let extracted = extract(&at("tests/fixtures/english"));
    let doc_of: std::collections::HashMap<&str, &str> = extracted
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["doc"].as_str().unwrap()))
        .collect();
    for (kind, verdict) in [
        ("event_date", "agree"),
        ("fighter_count", "agree"),
        ("airstrike_count", "contradict"),
    ] {
        let c = key(&comparisons, kind, "tal-afar");
        assert_eq!(c["verdict"], verdict, "{kind}");
        let claims: Vec<&str> = c["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let docs: Vec<&str> = claims.iter().map(|id| doc_of[id]).collect();
        assert!(
            docs.contains(&"wire-1") && docs.contains(&"sharq-1"),
            "{kind}: {docs:?}"
        );
    }
}

/// A third language needs YAML only: a French dispatch read with
/// rules/languages/fr.yaml and rules/claims/french.yaml.
#[test]
fn french_dispatch_gives_its_claims() {
    let claims = extract(&at("tests/fixtures/french"));
    let found: Vec<(String, String, String, String)> = claims
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["subject"].as_str().unwrap().to_string(),
                c["qualifier"].to_string(),
                c["value"].to_string(),
            )
        })
        .collect();
    let day = r#"{"from":"2016-03-27","precision":"day","to":"2016-03-27"}"#;
    let liberation = r#"{"event":"liberation"}"#;
    let expected = [
        ("event_date", liberation, day),
        (
            "event_date",
            r#"{"event":"capture_by_isis"}"#,
            r#"{"from":"2015-05-01","precision":"month","to":"2015-05-31"}"#,
        ),
        ("event_date", liberation, day),
        (
            "killed_count",
            r#"{"actor":"isis"}"#,
            r#"{"max":null,"min":400}"#,
        ),
        (
            "killed_count",
            r#"{"actor":"syrian-government"}"#,
            r#"{"approx":true,"max":198,"min":162}"#,
        ),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(kind, qualifier, value)| {
            let json = |s: &str| {
                serde_json::from_str::<serde_json::Value>(s)
                    .unwrap()
                    .to_string()
            };
            (
                kind.to_string(),
                "palmyra".to_string(),
                json(qualifier),
                json(value),
            )
        })
        .collect();
    assert_eq!(found, expected);
}

/// Entity files stay sorted by id, with no id twice and no alias naming
/// two places or actors (habit 7 of STYLE.md).
#[test]
fn entity_files_are_sorted_and_free_of_duplicates() {
    let mut owner: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for file in ["places", "actors", "speakers"] {
        let path = at(&format!("rules/entities/{file}.yaml"));
        let yaml: serde_norway::Value =
            serde_norway::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let entities = yaml["entities"].as_sequence().unwrap();
        let ids: Vec<&str> = entities.iter().map(|e| e["id"].as_str().unwrap()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "{file}.yaml: ids sorted and unique");
        if file == "speakers" {
            continue;
        }
        for e in entities {
            let id = e["id"].as_str().unwrap();
            let languages = e.as_mapping().unwrap().iter().filter_map(|(k, v)| {
                let key = k.as_str().unwrap();
                (!matches!(key, "id" | "type" | "speaks_for")).then_some(v)
            });
            for aliases in languages {
                for alias in aliases.as_sequence().into_iter().flatten() {
                    let alias = alias.as_str().unwrap().to_lowercase();
                    if let Some(other) = owner.insert(alias.clone(), id.to_string()) {
                        assert_eq!(other, id, "alias {alias:?} names both {other} and {id}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_conversion_factor_must_be_positive_and_on_a_number_kind() {
    for (factor, kind, expected) in [
        (
            "-1.6",
            "distance_km",
            "factor \"-1.6\" must be a positive finite number",
        ),
        ("1.6", "event_date", "`factor` converts numbers"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&at("rules"), dir.path());
        fs::write(
            dir.path().join("claims/miles.yaml"),
            format!(
                "rules:\n  - id: miles\n    kind: {kind}\n    triggers: [miles]\n    value: {{before: 0}}\n    factor: {factor}\n    subject: {{types: [place], search: [before]}}\n"
            ),
        )
        .unwrap();
        let out = rules_check(dir.path());
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("claims/miles.yaml"), "{err}");
        assert!(err.contains(expected), "{expected:?} in {err}");
    }
}

/// «المدينة» and "the town" point back to the place named before; a
/// claim whose subject was found so says `subject_via: context`.
#[test]
fn a_place_named_before_is_the_subject_of_the_city() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "---\nid: a\noutlet: X\npublished: 2016-06-27\n---\nوصلت القوات إلى أطراف الفلوجة.\n\nوأعلن القائد تحرير المدينة يوم الأحد.\n\nوقال إن الجيش أطلق سراح 300 مدني.\n",
    )
    .unwrap();
    let claims = extract(dir.path());
    let date = claims
        .iter()
        .find(|c| c["kind"] == "event_date")
        .expect("a date claim");
    assert_eq!(date["subject"], "fallujah");
    assert_eq!(date["subject_via"], "context");
    assert_eq!(date["value"]["from"], "2016-06-26");
    assert!(
        !date["quote"].as_str().unwrap().contains("الفلوجة"),
        "the quote stays in its sentence"
    );
}

/// A sentence that names no place is about the place its headline and lead
/// name most.
#[test]
fn a_sentence_without_a_place_takes_the_topic_of_the_lead() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "---\nid: a\noutlet: X\npublished: 2016-06-27\n---\nمعارك عنيفة في الفلوجة\n\nتواصل القوات تقدمها في الفلوجة وسط مقاومة من داعش.\n\nوأسفرت الاشتباكات عن مقتل 40 عنصرا من داعش.\n",
    )
    .unwrap();
    let claims = extract(dir.path());
    let killed = claims
        .iter()
        .find(|c| c["kind"] == "killed_count")
        .expect("a killed count");
    assert_eq!(killed["subject"], "fallujah");
    assert_eq!(killed["subject_via"], "context");
}

/// Two outlets each citing unnamed «مصادر» are two sources, so their
/// 1,000 against 2,000 is a contradiction between independent families.
#[test]
fn unnamed_sources_do_not_merge_two_outlets() {
    let dir = tempfile::tempdir().unwrap();
    for (id, outlet, sentence) in [
        (
            "a",
            "Outlet A",
            "وقالت مصادر إن 1000 مسلح من داعش يتحصنون داخل الرقة.",
        ),
        (
            "b",
            "Outlet B",
            "وذكرت مصادر أن 2000 مسلح من التنظيم في أحياء المدينة القديمة بالرقة حتى مساء الجمعة.",
        ),
    ] {
        fs::write(
            dir.path().join(format!("{id}.txt")),
            format!("---\nid: {id}\noutlet: {outlet}\npublished: 2016-06-27\n---\n{sentence}\n"),
        )
        .unwrap();
    }
    let out = crosscheck()
        .args(["compare", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let keys: Vec<Json> = serde_json::from_slice(&out.stdout).unwrap();
    let key = keys
        .iter()
        .find(|k| k["key"]["kind"] == "fighter_count")
        .expect("a fighter count key");
    assert_eq!(key["verdict"], "contradict");
    assert_eq!(key["independent_sources"], 2, "{key}");
}
