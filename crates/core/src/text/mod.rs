//! Rules about text that every front end shares: search folding, the link rule, code-point
//! offsets, how direct speech is quoted, and how dataset strings are made safe to print.

pub mod fold;
pub mod link;
pub mod points;
pub mod unicode;

use std::borrow::Cow;
use std::fmt::Write as _;

pub use fold::{contains_all_words, fold};
pub use link::{check_link, safe_href};
pub use points::CodePoints;

/// Direct speech as a quotation: in curly quotes, without the comma the article's sentence puts
/// inside them (“no chance,” she said → “no chance”).
pub fn quotation(text: &str) -> String {
    format!("“{}”", text.trim_end().trim_end_matches(',').trim_end())
}

/// `text` cut to at most `max` characters, with `…` where it was cut.
pub fn excerpt(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let cut = text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..cut]))
        }
    }
}

/// Whether a character must never reach a terminal raw: C0 and C1 controls (escape sequences
/// start with them), DEL, and the bidirectional overrides that reorder what a reader sees.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// A dataset string for one line of a terminal: every control character, line break included,
/// and every bidirectional control is written as a visible `\u{…}` escape.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, false)
}

/// A dataset string for a terminal, keeping line breaks (a CRLF line end is printed as a line
/// end); other controls are escaped as in [`one_line`].
pub fn block(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, true)
}

fn escape_unsafe(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if keep_newlines && c == '\r' && chars.peek() == Some(&'\n') {
            // The line end that follows says it all.
            continue;
        }
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_drop_the_sentence_comma() {
        assert_eq!(quotation("no chance,"), "“no chance”");
        assert_eq!(quotation("We will not give up"), "“We will not give up”");
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("Sayragul Sauytbay", 9), "Sayragul…");
        assert_eq!(excerpt("ééééé", 3), "éé…");
    }

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        assert_eq!(one_line("plain Αθήνα"), "plain Αθήνα");
        assert_eq!(one_line("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(one_line("a\nb\rc\td"), "a\\u{a}b\\u{d}c\\u{9}d");
        assert_eq!(one_line("\u{9b}2J"), "\\u{9b}2J", "C1 control sequence introducer");
        assert_eq!(one_line("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(block("line one\nline\u{7} two"), "line one\nline\\u{7} two");
        assert_eq!(block("CRLF line ends\r\nprint as line ends\r\n"), "CRLF line ends\nprint as line ends\n");
        assert_eq!(block("a lone\rreturn"), "a lone\\u{d}return");
        assert_eq!(one_line("a\r\nb"), "a\\u{d}\\u{a}b");
    }
}
