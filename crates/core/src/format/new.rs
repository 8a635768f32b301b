//! A new dataset from an article's plain text: the first step of making a dataset of one's own.

use crate::format::model::{Article, Dataset};
use crate::format::validate::{Problems, validate};

/// What is known about an article besides its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleInfo {
    /// The id to give it, a lowercase slug.
    pub id: String,
    /// The headline.
    pub title: String,
    /// The publisher.
    pub publisher: String,
    /// The publication day, `YYYY-MM-DD`.
    pub published: String,
    /// The byline, if any.
    pub author: Option<String>,
    /// The original's address, if any.
    pub url: Option<String>,
    /// The BCP 47 language tag; `en` when not given.
    pub language: Option<String>,
    /// The standfirst, if any.
    pub subtitle: Option<String>,
}

/// The paragraphs of a plain text: split on blank lines (lines holding only white space count as
/// blank), line breaks inside a paragraph kept, `\r\n` read as `\n`, and the white space at each
/// paragraph's ends trimmed.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n").trim().to_string());
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n").trim().to_string());
    }
    out
}

/// A valid dataset holding the article and no facts, or every problem with what was given.
pub fn new_dataset(text: &str, info: ArticleInfo) -> Result<Dataset, Problems> {
    let article = Article {
        id: info.id,
        title: info.title,
        subtitle: info.subtitle.filter(|s| !s.trim().is_empty()),
        author: info.author.filter(|s| !s.trim().is_empty()),
        publisher: info.publisher,
        published: info.published,
        url: info.url.filter(|s| !s.trim().is_empty()),
        language: info.language.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "en".into()),
        paragraphs: paragraphs(text),
        ..Article::default()
    };
    let dataset = Dataset { articles: vec![article], ..Dataset::empty() };
    let problems = validate(&dataset);
    if problems.is_empty() { Ok(dataset) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        assert_eq!(
            paragraphs("One.\r\n\r\nTwo,\nstill two.\n \n\n  Three.  \n"),
            ["One.", "Two,\nstill two.", "Three."]
        );
        assert!(paragraphs("\n\n").is_empty());
    }

    #[test]
    fn a_new_dataset_is_valid_or_says_why() {
        let info = ArticleInfo {
            id: "wire-1".into(),
            title: "A wire report".into(),
            publisher: "Wire".into(),
            published: "2021-02-03".into(),
            ..ArticleInfo::default()
        };
        let dataset = new_dataset("First.\n\nSecond.", info.clone()).unwrap_or_else(|p| panic!("{:?}", p.lines()));
        assert_eq!(dataset.articles[0].paragraphs, ["First.", "Second."]);
        assert_eq!(dataset.articles[0].author, None, "wire reports have no byline");
        assert_eq!(dataset.articles[0].language, "en");
        let bad = ArticleInfo { id: "Wire 1".into(), published: "3 Feb 2021".into(), ..info };
        let problems = new_dataset("", bad).err().map(|p| p.lines()).unwrap_or_default();
        assert!(problems.iter().any(|l| l.starts_with("$.articles[0].id")), "{problems:?}");
        assert!(problems.iter().any(|l| l.starts_with("$.articles[0].published")), "{problems:?}");
        assert!(problems.iter().any(|l| l.starts_with("$.articles[0].paragraphs")), "{problems:?}");
    }
}
