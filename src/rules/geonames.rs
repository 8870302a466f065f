//! GeoNames dump → entity file: the importer behind `crosscheck entities
//! import geonames`, so an analyst can grow the gazetteer to any country.
//!
//! It reads the tab-separated country dumps of
//! download.geonames.org/export/dump/ (`IQ.txt`: 19 columns a line), keeps
//! one country's populated places (feature class P) and administrative
//! divisions (class A, codes ADM1–ADM3), and writes them as `place`
//! entities in the form of `rules/entities/geonames.yaml`: a slug id from
//! the ASCII name, `ar` aliases from the names written in Arabic letters,
//! `en` aliases from the names written in ASCII Latin letters, and
//! `part_of` the first-order division (ADM1) of the same admin1 code.
//!
//! Pure: text in, entities out; the caller reads the file and writes the
//! YAML. A place some of whose names the existing rules already give to a
//! place is that place and is left out (an ADM1 found so still nests the
//! imported places); a name the rules give to an actor or speaker, or that
//! two imported places share, is dropped (the more populous place keeps a
//! shared name when it has ten times the people of the next).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::RuleFile;
use super::raw::{EntitiesFile, KindsFile};
use crate::error::{Error, Result};
use crate::recognize::EntityType;
use crate::text::normalize_phrase;

/// The columns of a GeoNames dump line, in order (for messages).
const COLUMNS: [&str; 19] = [
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature class",
    "feature code",
    "country code",
    "cc2",
    "admin1 code",
    "admin2 code",
    "admin3 code",
    "admin4 code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification date",
];

/// A shared name goes to the most populous place only with this many
/// times the people of the next.
const SHARED_NAME_RATIO: u64 = 10;

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// ISO 3166 two-letter code of the country (`IQ`), any case.
    pub country: String,
    /// Populated places with fewer inhabitants are skipped (divisions never are).
    pub min_population: u64,
}

/// The entities already declared by the rules an import goes beside.
#[derive(Debug, Default)]
pub struct Known {
    ids: HashSet<String>,
    /// Normalized alias → the place or country that owns it.
    places: HashMap<String, String>,
    /// Normalized aliases of actors and speakers.
    others: HashSet<String>,
}

impl Known {
    /// Reads the entity files (`entities/*.yaml`) among `files`, and the
    /// settlement cues of `kinds.yaml`: a place listed as «قضاء الدور» is
    /// known by «الدور» too. Files that do not parse are left to the rules
    /// loader to report.
    pub fn from_files(files: &[RuleFile]) -> Known {
        let mut known = Known::default();
        let parent = |f: &&RuleFile| f.path.split(['/', '\\']).rev().nth(1).map(str::to_string);
        let cues: Vec<String> = files
            .iter()
            .filter(|f| f.path.ends_with("kinds.yaml"))
            .filter_map(|f| serde_norway::from_str::<KindsFile>(&f.text).ok())
            .flat_map(|k| k.settings.bare_name_cues)
            .map(|c| normalize_phrase(&c) + " ")
            .collect();
        let entity_files = files
            .iter()
            .filter(|f| parent(f).as_deref() == Some("entities"));
        for file in entity_files {
            let Ok(parsed) = serde_norway::from_str::<EntitiesFile>(&file.text) else {
                continue;
            };
            for e in parsed.entities {
                let aliases = e.ar.iter().chain(&e.en).chain(e.other.values().flatten());
                let place = matches!(e.kind, EntityType::Place | EntityType::Country);
                for alias in aliases {
                    if place {
                        known.places.insert(alias.0.clone(), e.id.clone());
                    } else {
                        known.others.insert(alias.0.clone());
                    }
                }
                known.ids.insert(e.id);
            }
        }
        let bare: Vec<(String, String)> = known
            .places
            .iter()
            .filter_map(|(alias, id)| {
                let rest = cues.iter().find_map(|c| alias.strip_prefix(c.as_str()))?;
                Some((rest.to_string(), id.clone()))
            })
            .collect();
        for (name, id) in bare {
            known.places.entry(name).or_insert(id);
        }
        known
    }
}

/// One imported place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPlace {
    /// The entity id.
    pub id: String,
    /// Its GeoNames id.
    pub geonameid: u64,
    /// The place it lies in: its ADM1, imported or already in the rules.
    pub part_of: Option<String>,
    /// Arabic aliases.
    pub ar: Vec<String>,
    /// English (ASCII Latin) aliases.
    pub en: Vec<String>,
}

/// Lines of the dump that gave no entity, by reason.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Features of other countries.
    pub other_country: usize,
    /// Features that are neither populated places nor ADM1–ADM3 divisions.
    pub other_feature: usize,
    /// Populated places under `--min-population`.
    pub below_population: usize,
    /// Places the rules already have (one of their names is a place's alias).
    pub known: usize,
    /// Places left without a usable name.
    pub no_name: usize,
}

impl Skipped {
    /// All skipped lines.
    pub fn total(&self) -> usize {
        self.other_country + self.other_feature + self.below_population + self.known + self.no_name
    }
}

/// The result of an import.
#[derive(Debug, Default)]
pub struct Import {
    /// The places, sorted by id.
    pub places: Vec<ImportedPlace>,
    /// What was skipped.
    pub skipped: Skipped,
    /// Names dropped because two imported places share them.
    pub shared_names: usize,
}

/// One kept line of the dump.
struct Row {
    geonameid: u64,
    ascii: String,
    adm1: bool,
    admin1: String,
    population: u64,
    /// Normalized name → (raw spelling, Arabic?).
    names: BTreeMap<String, (String, bool)>,
}

/// Reads a dump (`path` names it in messages) and imports one country.
/// A malformed line is an error naming the file, line and column.
pub fn import(path: &str, text: &str, options: &ImportOptions, known: &Known) -> Result<Import> {
    let mut out = Import::default();
    let mut rows = Vec::new();
    let mut known_adm1: HashMap<String, String> = HashMap::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let Some(mut row) = parse_line(path, index + 1, line, options, &mut out.skipped)? else {
            continue;
        };
        if let Some(id) = row.names.keys().find_map(|n| known.places.get(n)) {
            if row.adm1 {
                known_adm1
                    .entry(row.admin1.clone())
                    .or_insert_with(|| id.clone());
            }
            out.skipped.known += 1;
            continue;
        }
        row.names.retain(|n, _| !known.others.contains(n));
        rows.push(row);
    }
    out.shared_names = drop_shared_names(&mut rows);
    let before = rows.len();
    rows.retain(|r| !r.names.is_empty());
    out.skipped.no_name += before - rows.len();
    let ids = assign_ids(&rows, &known.ids);
    let mut adm1: HashMap<String, String> = known_adm1;
    for (row, id) in rows.iter().zip(&ids) {
        if row.adm1 {
            adm1.insert(row.admin1.clone(), id.clone());
        }
    }
    for (row, id) in rows.iter().zip(ids) {
        let part_of = adm1
            .get(&row.admin1)
            .filter(|w| !row.adm1 && **w != id)
            .cloned();
        let pick = |arabic: bool| -> Vec<String> {
            let names = row.names.values().filter(|(_, a)| *a == arabic);
            names.map(|(raw, _)| raw.clone()).collect()
        };
        out.places.push(ImportedPlace {
            id,
            geonameid: row.geonameid,
            part_of,
            ar: pick(true),
            en: pick(false),
        });
    }
    out.places.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// One line: `None` when it is of another country or feature, or too small.
fn parse_line(
    path: &str,
    number: usize,
    line: &str,
    options: &ImportOptions,
    skipped: &mut Skipped,
) -> Result<Option<Row>> {
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() != COLUMNS.len() {
        return Err(Error::Input(format!(
            "{path}:{number}: {} tab-separated columns, where a GeoNames dump line has {}",
            fields.len(),
            COLUMNS.len()
        )));
    }
    let bad = |column: usize, why: &str| {
        Error::Input(format!(
            "{path}:{number}: column {} ({}): \"{}\" {why}",
            column + 1,
            COLUMNS[column],
            fields[column].chars().take(40).collect::<String>()
        ))
    };
    let geonameid: u64 = fields[0].parse().map_err(|_| bad(0, "is not a number"))?;
    if fields[1].trim().is_empty() {
        return Err(bad(1, "is empty: every feature has a name"));
    }
    for (column, limit) in [(4, 90.0), (5, 180.0)] {
        match fields[column].parse::<f64>() {
            Ok(v) if v.abs() <= limit => {}
            _ => {
                return Err(bad(
                    column,
                    &format!("is not a degree from -{limit} to {limit}"),
                ));
            }
        }
    }
    let class = fields[6];
    if class.len() > 1 || !class.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(bad(
            6,
            "is not a feature class (one capital letter: A, P, H…)",
        ));
    }
    let country = fields[8];
    if !(country.is_empty()
        || country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Err(bad(8, "is not a two-letter country code"));
    }
    let population: u64 = match fields[14] {
        "" => 0,
        p => p
            .parse()
            .map_err(|_| bad(14, "is not a number of inhabitants"))?,
    };
    if !country.eq_ignore_ascii_case(&options.country) {
        skipped.other_country += 1;
        return Ok(None);
    }
    let code = fields[7];
    let division = class == "A" && matches!(code, "ADM1" | "ADM2" | "ADM3");
    if !division && class != "P" {
        skipped.other_feature += 1;
        return Ok(None);
    }
    if !division && population < options.min_population {
        skipped.below_population += 1;
        return Ok(None);
    }
    Ok(Some(Row {
        geonameid,
        ascii: fields[2].to_string(),
        adm1: division && code == "ADM1",
        admin1: fields[10].to_string(),
        population,
        names: names_of(&[fields[1], fields[2]], fields[3]),
    }))
}

/// The usable names of a feature: in Arabic letters, or in ASCII Latin
/// letters (typographic apostrophes made plain), keyed by normalized form.
fn names_of(main: &[&str], alternates: &str) -> BTreeMap<String, (String, bool)> {
    let mut out = BTreeMap::new();
    for name in main.iter().copied().chain(alternates.split(',')) {
        let name: String = name
            .trim()
            .chars()
            .map(|c| {
                if matches!(c, '’' | 'ʼ' | '‘' | '`' | 'ʿ' | 'ʾ') {
                    '\''
                } else {
                    c
                }
            })
            .collect();
        let Some(arabic) = script_of(&name) else {
            continue;
        };
        let norm = normalize_phrase(&name);
        if norm.chars().filter(|c| *c != ' ').count() < 3 || norm.split(' ').count() > 6 {
            continue;
        }
        out.entry(norm).or_insert((name, arabic));
    }
    out
}

/// `Some(true)` for a name in Arabic letters (Persian and Kurdish letters
/// excluded: not an Arabic spelling), `Some(false)` for a name in ASCII
/// Latin letters that begins with a capital (GeoNames also lists letter-
/// by-letter transliterations such as «alflwjt», and codes such as BGW),
/// `None` otherwise.
fn script_of(name: &str) -> Option<bool> {
    let spacing = |c: char| matches!(c, ' ' | '-' | '\'');
    let arabic =
        |c: char| matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{0652}' | '\u{0670}');
    if name.chars().any(|c| c.is_alphabetic()) && name.chars().all(|c| arabic(c) || spacing(c)) {
        return Some(true);
    }
    let latin = name.chars().all(|c| c.is_ascii_alphabetic() || spacing(c));
    let capital = name
        .chars()
        .find(|c| c.is_ascii_alphabetic())
        .is_some_and(|c| c.is_ascii_uppercase());
    let code = name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase());
    (latin && capital && !code).then_some(false)
}

/// Drops each name two rows share from all but a clearly larger place;
/// returns how many names were dropped.
fn drop_shared_names(rows: &mut [Row]) -> usize {
    let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        for name in row.names.keys() {
            owners.entry(name.clone()).or_default().push(i);
        }
    }
    let mut dropped = 0;
    for (name, mut idx) in owners.into_iter().filter(|(_, idx)| idx.len() > 1) {
        idx.sort_by_key(|&i| (std::cmp::Reverse(rows[i].population), rows[i].geonameid));
        let (first, second) = (rows[idx[0]].population, rows[idx[1]].population);
        let keep =
            (first > 0 && first >= SHARED_NAME_RATIO.saturating_mul(second)).then_some(idx[0]);
        for i in idx.into_iter().filter(|i| Some(*i) != keep) {
            rows[i].names.remove(&name);
            dropped += 1;
        }
    }
    dropped
}

/// Slug ids from the ASCII names; a slug two places share, or one the
/// rules already use, takes the GeoNames id after it.
fn assign_ids(rows: &[Row], taken: &HashSet<String>) -> Vec<String> {
    let slugs: Vec<String> = rows
        .iter()
        .map(|r| {
            let s = slug(&r.ascii);
            if s.is_empty() {
                format!("place-{}", r.geonameid)
            } else {
                s
            }
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &slugs {
        *count.entry(s).or_default() += 1;
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut ids = Vec::new();
    for (row, s) in rows.iter().zip(&slugs) {
        let mut id = s.clone();
        if count[s.as_str()] > 1 || taken.contains(&id) || used.contains(&id) {
            id = format!("{s}-{}", row.geonameid);
        }
        used.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// Lower-case ASCII letters and digits, runs of anything else one dash.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().filter(|c| !matches!(c, '\'' | '’' | '`')) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The entity file: a header crediting GeoNames, then one entity a place.
pub fn render(import: &Import, source: &str, country: &str) -> String {
    let source: String = source.chars().filter(|c| !c.is_control()).collect();
    let mut out = format!(
        "# Imported by `crosscheck entities import geonames` from {source} (country {}).\n\
         # Places from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0\n\
         # (https://creativecommons.org/licenses/by/4.0/). Review before use: a name\n\
         # that is also a common word should be kept only with its cue word.\n\
         entities:\n",
        country.to_ascii_uppercase()
    );
    for p in &import.places {
        out.push_str(&format!("  - id: {}\n    type: place\n", p.id));
        if let Some(whole) = &p.part_of {
            out.push_str(&format!("    part_of: [{whole}]\n"));
        }
        out.push_str(&format!(
            "    ar: {}\n    en: {}\n",
            yaml_list(&p.ar),
            yaml_list(&p.en)
        ));
    }
    out
}

/// A YAML flow list; an item that YAML would read otherwise is quoted.
fn yaml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| {
            let special = s.contains(|c: char| ":#,[]{}&*!|>'\"%@`?".contains(c))
                || s.starts_with(['-', ' '])
                || matches!(
                    s.to_ascii_lowercase().as_str(),
                    "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
                );
            if special {
                serde_json::to_string(s).unwrap_or_default()
            } else {
                s.clone()
            }
        })
        .collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests;
