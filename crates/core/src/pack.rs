//! A compact text form of a validated [`Dataset`], for the web app: the built-in article is
//! embedded in the page in this form, and the background worker hands the page every file it has
//! validated in it. Reading it needs far less code than reading JSON, which is the point: the page
//! carries no JSON reader, no shape checks and no validator.
//!
//! Every value is written in field order, with no names: a number (also a length, a count, a
//! `bool`, an `Option` or enum tag) as decimal digits ended by `,`; a string as its length in
//! bytes, `:`, and its bytes. It is not a file format — only this build of Factline writes and
//! reads it, always from a dataset that has passed validation — so a text that does not fit is
//! simply "damaged at byte N".

use std::fmt;

use crate::model::{
    Affiliation, Alias, AliasSource, Article, Claim, Dataset, DateBasis, Derivation, Event, EventDate, EventKind,
    EventStatus, Organization, Participant, Person, PersonKind, Place, Span,
};

/// The packed form of a dataset.
pub fn pack(dataset: &Dataset) -> String {
    let mut out = String::new();
    dataset.put(&mut out);
    out
}

/// Reads a packed dataset.
pub fn unpack(text: &str) -> Result<Dataset, UnpackError> {
    let mut reader = Reader { text, at: 0 };
    match Dataset::take(&mut reader) {
        Some(dataset) if reader.at == text.len() => Ok(dataset),
        _ => Err(UnpackError { at: reader.at }),
    }
}

/// A packed text that does not hold a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackError {
    /// The byte offset where reading stopped.
    pub at: usize,
}

impl fmt::Display for UnpackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the packed dataset is damaged at byte {}", self.at)
    }
}

impl std::error::Error for UnpackError {}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    /// Decimal digits up to `end`, which is consumed.
    fn digits(&mut self, end: u8) -> Option<u32> {
        let bytes = self.text.as_bytes();
        let mut value: u32 = 0;
        let start = self.at;
        while let Some(&b) = bytes.get(self.at) {
            if !b.is_ascii_digit() {
                break;
            }
            value = value.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
            self.at += 1;
        }
        if self.at == start || bytes.get(self.at) != Some(&end) {
            return None;
        }
        self.at += 1;
        Some(value)
    }

    fn number(&mut self) -> Option<u32> {
        self.digits(b',')
    }

    fn string(&mut self) -> Option<String> {
        let len = self.digits(b':')? as usize;
        let end = self.at.checked_add(len)?;
        let s = self.text.get(self.at..end)?;
        self.at = end;
        Some(s.to_string())
    }
}

/// A number ended by `,`, or a string's length ended by `:`.
fn put_digits(n: usize, end: char, out: &mut String) {
    out.push_str(&n.to_string());
    out.push(end);
}

/// A value with a packed form.
trait Packed: Sized {
    fn put(&self, out: &mut String);
    fn take(r: &mut Reader<'_>) -> Option<Self>;
}

impl Packed for u32 {
    fn put(&self, out: &mut String) {
        put_digits(*self as usize, ',', out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.number()
    }
}

impl Packed for bool {
    fn put(&self, out: &mut String) {
        put_digits(usize::from(*self), ',', out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.number()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Packed for String {
    fn put(&self, out: &mut String) {
        put_digits(self.len(), ':', out);
        out.push_str(self);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.string()
    }
}

impl<T: Packed> Packed for Option<T> {
    fn put(&self, out: &mut String) {
        match self {
            None => put_digits(0, ',', out),
            Some(value) => {
                put_digits(1, ',', out);
                value.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.number()? {
            0 => Some(None),
            1 => Some(Some(T::take(r)?)),
            _ => None,
        }
    }
}

impl<T: Packed> Packed for Vec<T> {
    fn put(&self, out: &mut String) {
        put_digits(self.len(), ',', out);
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let count = r.number()? as usize;
        // Every item takes at least two bytes, so a damaged count cannot reserve much.
        let mut items = Vec::with_capacity(count.min(r.text.len().saturating_sub(r.at) / 2));
        for _ in 0..count {
            items.push(T::take(r)?);
        }
        Some(items)
    }
}

/// A struct: its fields in this order. Leaving out a field does not compile.
macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Packed for $ty {
            fn put(&self, out: &mut String) {
                $(self.$field.put(out);)*
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($ty { $($field: Packed::take(r)?),* })
            }
        }
    };
}

/// A field-less enum: its position in its `ALL` table.
macro_rules! tag {
    ($ty:ident) => {
        impl Packed for $ty {
            fn put(&self, out: &mut String) {
                let index = $ty::ALL.iter().position(|v| v == self).unwrap_or_default();
                put_digits(index, ',', out);
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                $ty::ALL.get(r.number()? as usize).copied()
            }
        }
    };
}

record!(Dataset { format, description, articles, persons, organizations, places, events, claims });
record!(Article { id, title, subtitle, author, publisher, published, url, language, paragraphs });
record!(Span { article, start, end, exact });
record!(Alias { name, source });
record!(Affiliation { organization, role });
record!(Person { id, name, kind, aliases, description, roles, affiliations, members });
record!(Organization { id, name, aliases, description, part_of });
record!(Place { id, name, aliases, part_of });
record!(EventDate { edtf, basis, anchor, note, span });
record!(Participant { entity, role });
record!(Derivation { rule, reasoning, from });
record!(Event { id, kind, date, participants, places, summary, status, spans, derived });
record!(Claim { id, speaker, speaker_label, direct, text, about, audience, date, spans });
tag!(PersonKind);
tag!(EventKind);
tag!(DateBasis);
tag!(EventStatus);

impl Packed for AliasSource {
    fn put(&self, out: &mut String) {
        match self {
            AliasSource::Article { article } => {
                put_digits(0, ',', out);
                article.put(out);
            }
            AliasSource::Report { title, publisher, date, url } => {
                put_digits(1, ',', out);
                title.put(out);
                publisher.put(out);
                date.put(out);
                url.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.number()? {
            0 => Some(AliasSource::Article { article: r.string()? }),
            1 => Some(AliasSource::Report {
                title: r.string()?,
                publisher: r.string()?,
                date: r.string()?,
                url: Packed::take(r)?,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;

    #[test]
    fn the_builtin_article_survives_packing() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let packed = pack(catalog.dataset());
        assert_eq!(unpack(&packed).as_ref(), Ok(catalog.dataset()));
    }

    #[test]
    fn strings_are_measured_in_bytes_and_need_no_escapes() {
        let tricky = "Sayragul Sauytbay, «Саурагүл» 1:2, \"quoted\"\n 0,";
        let mut out = String::new();
        tricky.to_string().put(&mut out);
        assert_eq!(out, format!("{}:{tricky}", tricky.len()));
        let mut reader = Reader { text: &out, at: 0 };
        assert_eq!(reader.string().as_deref(), Some(tricky));
        assert_eq!(reader.at, out.len());
    }

    #[test]
    fn damage_is_an_error_with_a_position_never_a_panic() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let packed = pack(catalog.dataset());
        assert_eq!(unpack(""), Err(UnpackError { at: 0 }));
        assert!(unpack(&format!("{packed}1,")).is_err(), "trailing text");
        // Cut anywhere, the text is refused.
        for end in (0..packed.len()).step_by(97).filter(|&end| packed.is_char_boundary(end)) {
            assert!(unpack(&packed[..end]).is_err(), "cut at {end}");
        }
        // A length that points past the end, or into the middle of a character.
        assert!(unpack("9:factline/1").is_err());
        assert!(unpack("2:é").is_err());
        assert!(unpack("99999999999999999999,").is_err());
        assert_eq!(UnpackError { at: 7 }.to_string(), "the packed dataset is damaged at byte 7");
    }
}
