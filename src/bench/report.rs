//! The report stage of the benchmark: synthetic claims compared into an
//! analysis, then rendered in every report format to a byte counter, so
//! each format's claims/s can be read side by side at two sizes — a rate
//! that falls as the count grows shows a step slower than linear.

use std::io::{self, Write};
use std::time::Instant;

use super::{mib, peak_memory, reset_peak_memory, synthetic_claims, to_out};
use crate::compare::{Analysis, Standards};
use crate::error::Result;
use crate::report::{Format, Style, Subject};
use crate::rules::RuleSet;

/// The report formats timed, by the name `report --format` gives them.
const FORMATS: &[(&str, Format)] = &[
    ("table", Format::ReportTable),
    ("markdown", Format::ReportMarkdown),
    ("html", Format::ReportHtml),
    ("csv", Format::ReportCsv),
    ("json", Format::ReportJson),
];

/// A writer that keeps only the count of bytes it was handed.
#[derive(Default)]
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Compares `size` synthetic claims and times each report format over
/// them; peak memory of the claims and analysis, then of each format
/// (what is resident plus what the writer holds), where the kernel lets
/// the peak be reset.
pub(super) fn stage(rules: &RuleSet, size: usize, seed: u64, out: &mut dyn Write) -> Result<()> {
    let fresh = reset_peak_memory();
    let claims = synthetic_claims(size, (size / 50).max(1), seed);
    let start = Instant::now();
    let analysis = Analysis::from_claims(&Standards::of(rules), claims, size / 5 + 1, Vec::new());
    let secs = start.elapsed().as_secs_f64();
    let keys = analysis.comparisons.len();
    writeln!(
        out,
        "report, {size} claims on {keys} keys: analysis in {secs:.2} s"
    )
    .map_err(to_out)?;
    let resident = peak_memory();
    for (name, format) in FORMATS {
        reset_peak_memory();
        let mut sink = Counter::default();
        let start = Instant::now();
        format
            .render(Subject::Analysis(&analysis), Style::default(), &mut sink)
            .map_err(to_out)?;
        let secs = start.elapsed().as_secs_f64();
        let peak = if fresh {
            mib(peak_memory())
        } else {
            "unknown".into()
        };
        writeln!(
            out,
            "  {name:<8} {secs:>7.2} s, {:>9.0} claims/s, {:.0} MB written, peak {peak}",
            size as f64 / secs,
            sink.0 as f64 / 1e6
        )
        .map_err(to_out)?;
    }
    let since = if fresh {
        "claims and analysis"
    } else {
        "the run"
    };
    writeln!(out, "  peak memory ({since}): {}", mib(resident)).map_err(to_out)
}
