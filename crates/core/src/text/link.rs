//! The one rule for links in a dataset: an absolute `http` or `https` address that parses as an
//! IRI (RFC 3987, so non-ASCII letters are allowed) with a host and no user name. Spaces, quotes
//! and angle brackets cannot appear in one. The validator refuses any other link, and the web app
//! only ever turns links that pass into an `href`.
//!
//! Parsing is `fluent-uri`'s: a strict RFC 3986/3987 parser with no dependencies of its own (the
//! `url` crate would bring internationalized-domain tables the worker does not need).

use fluent_uri::Iri;

/// Whether `link` is usable, or why not, in words.
pub fn check_link(link: &str) -> Result<(), String> {
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a link cannot contain spaces or control characters".into());
    }
    let iri = Iri::parse(link).map_err(|e| format!("it is not a valid address ({e})"))?;
    let scheme = iri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("only http and https links are allowed, not `{scheme}:`"));
    }
    let Some(authority) = iri.authority() else {
        return Err("an http or https link needs `//` and a host".into());
    };
    if authority.host().is_empty() {
        return Err("the link has no host".into());
    }
    if authority.has_userinfo() {
        return Err("a link with a user name before `@` can disguise where it leads".into());
    }
    Ok(())
}

/// The link as an `href`, if it passes [`check_link`].
pub fn safe_href(link: &str) -> Option<String> {
    check_link(link).ok().map(|()| link.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_web_addresses() {
        for good in [
            "https://eurasianet.org/kazakhstan-xinjiang-fugitives-secure-asylum-status",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/a?b=c#d",
            "https://ru.wikipedia.org/wiki/Сауытбай,_Сайрагуль",
            "https://example.org:8443/x%20y",
            "https://[2001:db8::1]/",
        ] {
            assert_eq!(check_link(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<b>",
            "//evil.example",
            "file:///etc/passwd",
            "https://",
            "https:///path",
            "https://example.org/a b",
            " https://example.org",
            "https://example.org/\"onmouseover=\"x",
            "https://example.org/<script>",
            "https://example.org/a\u{7}",
            "https://eurasianet.org@evil.example/",
            "https:example.org",
            "mailto:someone@example.org",
        ] {
            assert!(check_link(bad).is_err(), "{bad:?} should be refused");
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }
}
