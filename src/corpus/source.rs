//! What may be read as a document, and how much of it: only regular files
//! (a device such as `/dev/zero` or a FIFO would never end, or block), no
//! document past a size limit, and, from a corpus directory, nothing that
//! resolves outside it unless the analyst allows it.

use std::fs::{self, File};
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// A megabyte, as `--max-document-mb` counts them (MiB).
pub const MB: u64 = 1 << 20;

/// How documents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest document read, in bytes (a file, or one JSONL line).
    pub max_document_bytes: u64,
    /// Read manifest entries and links that resolve outside their corpus
    /// directory (refused by default).
    pub allow_outside: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_document_bytes: 64 * MB,
            allow_outside: false,
        }
    }
}

impl ReadOptions {
    /// The message for a document past the limit.
    pub(super) fn too_large(&self) -> String {
        format!(
            "larger than the {} MB limit for one document; not read (raise it with --max-document-mb)",
            self.max_document_bytes.div_ceil(MB)
        )
    }
}

/// `/dev/stdin` and its aliases name standard input, read as `-` is.
pub(super) fn is_stdin(path: &Path) -> bool {
    matches!(
        path.to_str(),
        Some("/dev/stdin" | "/dev/fd/0" | "/proc/self/fd/0")
    )
}

/// Opens `path` if it is a regular file (after following links); a
/// device, FIFO or socket is refused before it is opened, so it cannot block.
pub(super) fn open_regular(path: &Path) -> Result<(File, u64), String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(if meta.is_dir() {
            "a directory, not a document; not read".to_string()
        } else {
            "not a regular file (a device, FIFO or socket); not read".to_string()
        });
    }
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    Ok((file, meta.len()))
}

/// The bytes of the regular file `path`, refused past the size limit.
pub(super) fn read_document(path: &Path, options: &ReadOptions) -> Result<Vec<u8>, String> {
    let (file, len) = open_regular(path)?;
    let limit = options.max_document_bytes;
    if len > limit {
        return Err(options.too_large());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(options.too_large());
    }
    Ok(bytes)
}

/// One line of a JSONL stream.
pub(super) enum Line {
    /// The line's bytes (without the newline).
    Read,
    /// The line was longer than the limit; its rest was skipped.
    TooLong,
    /// The stream has ended.
    End,
}

/// Reads a line into `buf` (cleared first), keeping at most `limit` bytes
/// of it in memory: a longer line is skipped to its end.
pub(super) fn read_line(
    reader: &mut dyn BufRead,
    limit: u64,
    buf: &mut Vec<u8>,
) -> io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (&chunk[..at], at + 1),
            None => (chunk, chunk.len()),
        };
        let ends = done > part.len();
        if !too_long && (buf.len() + part.len()) as u64 <= limit {
            buf.extend_from_slice(part);
        } else {
            too_long = true;
            buf.clear();
        }
        reader.consume(done);
        if ends {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

/// `dir` resolved, for [`outside`].
pub(super) fn resolved_dir(dir: &Path) -> PathBuf {
    fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Where `path` resolves when that is outside `dir` (already resolved);
/// `None` when it is inside, or does not resolve (the read will say why).
pub(super) fn outside(dir: &Path, path: &Path) -> Option<PathBuf> {
    let real = fs::canonicalize(path).ok()?;
    (!real.starts_with(dir)).then_some(real)
}

/// Whether `path`, named from the corpus directory `root` (resolved), may
/// be read: it must resolve inside it unless `--allow-outside` was given.
/// A refused path is a named, counted problem.
pub(super) fn allowed(corpus: &mut super::Reader<'_>, root: &Path, path: &Path) -> bool {
    if corpus.options.allow_outside {
        return true;
    }
    match outside(root, path) {
        Some(real) => {
            corpus.unreadable_doc(
                &path.display().to_string(),
                format!(
                    "resolves to {}, outside the corpus directory {}; skipped (--allow-outside reads it)",
                    real.display(),
                    root.display()
                ),
            );
            false
        }
        None => true,
    }
}

/// Splits `---\n yaml \n---\n body`; `None` when there is no front matter.
pub(super) fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let end = rest.find("\n---")?;
    let after = &rest[end + 4..];
    let body = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .unwrap_or(after);
    Some((&rest[..end], body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, limit: u64) -> Vec<String> {
        let mut reader = io::BufReader::with_capacity(4, input.as_bytes());
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_line(&mut reader, limit, &mut buf).unwrap() {
                Line::End => return out,
                Line::TooLong => out.push("<too long>".into()),
                Line::Read => out.push(String::from_utf8(buf.clone()).unwrap()),
            }
        }
    }

    #[test]
    fn lines_past_the_limit_are_skipped_whole() {
        assert_eq!(lines("ab\ncdefghij\n\nk", 5), ["ab", "<too long>", "", "k"]);
        assert_eq!(lines("abcde\n", 5), ["abcde"]);
        assert!(lines("", 5).is_empty());
    }

    #[test]
    fn devices_are_not_documents() {
        let err = read_document(Path::new("/dev/zero"), &ReadOptions::default()).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
    }
}
