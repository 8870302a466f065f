//! `entities import geonames`: a GeoNames country dump read into an entity
//! file that can go beside the rules (`--rules DIR`, or the bundled rules).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Subcommand;

use super::Exit;
use super::output::emit;
use crosscheck::rules::{self, geonames};

/// `entities …`
#[derive(Debug, Subcommand)]
pub enum EntitiesCommand {
    /// Make place entities from a gazetteer dump.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

/// The gazetteers `entities import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A GeoNames country dump (download.geonames.org/export/dump/XX.txt): the populated
    /// places and ADM1–ADM3 divisions of one country, as entities nested in their ADM1.
    /// Places whose names the rules already give to a place are left out.
    Geonames {
        /// The dump: tab-separated, 19 columns a line.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The country to import: its two-letter code, as in the dump's column 9 (IQ, SY…).
        #[arg(long, value_name = "CODE", value_parser = country_code)]
        country: String,
        /// Populated places with fewer inhabitants are skipped (divisions never are).
        #[arg(long, value_name = "N", default_value_t = 0)]
        min_population: u64,
        /// Write to FILE (whole or not at all) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn country_code(text: &str) -> Result<String, String> {
    if text.len() == 2 && text.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(text.to_ascii_uppercase())
    } else {
        Err(format!("\"{text}\" is not a two-letter country code"))
    }
}

/// Runs `entities import geonames`: the rules are loaded only to know
/// which places and names they already have.
pub fn run(rules_dir: Option<&Path>, command: &EntitiesCommand) -> Result<Exit> {
    let EntitiesCommand::Import {
        source:
            ImportSource::Geonames {
                file,
                country,
                min_population,
                output,
            },
    } = command;
    let files = match rules_dir {
        Some(dir) => rules::read_dir(dir)?,
        None => rules::bundled_files(),
    };
    rules::compile(&files).context("the rules do not load")?;
    let known = geonames::Known::from_files(&files);
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let options = geonames::ImportOptions {
        country: country.clone(),
        min_population: *min_population,
    };
    let name = file.display().to_string();
    let import = geonames::import(&name, &text, &options, &known)?;
    let yaml = geonames::render(&import, &name, country);
    emit(output.as_deref(), |out| Ok(out.write_all(yaml.as_bytes())?))?;
    let s = &import.skipped;
    writeln!(
        io::stderr(),
        "places imported: {}; lines skipped: {} ({} of other countries, {} other features, \
         {} under --min-population, {} already in the rules, {} without a usable name); \
         names two places share, dropped: {}",
        import.places.len(),
        s.total(),
        s.other_country,
        s.other_feature,
        s.below_population,
        s.known,
        s.no_name,
        import.shared_names
    )?;
    Ok(Exit::Success)
}
