//! A document's web address (`url` in a manifest entry, front matter or a
//! JSONL line): optional, kept as given, and linked by a report only when
//! it is an `http(s)` address — a `javascript:` or `file:` address from
//! whoever wrote the metadata must never become a link.

use super::Reader;

/// Whether `url` is an `http://` or `https://` address with a host and no
/// white space or control character.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty()
        && !rest.starts_with('/')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The document's address, blank ones dropped; one that is not a web
/// address is kept with a warning that it will not be linked.
pub(super) fn checked(
    corpus: &mut Reader<'_>,
    origin: &str,
    url: Option<String>,
) -> Option<String> {
    let url = url.filter(|u| !u.trim().is_empty())?;
    if !is_web_address(&url) {
        corpus.warn(
            origin,
            format!("url `{url}` is not an http(s) address; kept, but never linked"),
        );
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_web_addresses_are_links() {
        for ok in [
            "https://example.com/a?b=1",
            "http://x.org",
            "HTTPS://X.ORG/p",
        ] {
            assert!(is_web_address(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https:///x",
            "http://a b",
            "data:text/html,x",
            "//example.com",
            "ftp://x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
