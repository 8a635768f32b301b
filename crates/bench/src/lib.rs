//! A deterministic generator of Factline corpora: many articles, each telling of events among a
//! shared cast of people, with every fact anchored to the generated words. The same arguments
//! always give the same corpus, so benchmarks and the browser suite measure the same data.
//!
//! Used by `cargo xtask corpus`, the benchmarks under `benches/`, and tests of scale.

use factline_core::{
    Article, Claim, Dataset, DateBasis, Event, EventDate, EventKind, EventPlace, FORMAT, Participant, Person,
    PersonKind, Place, PlaceRole, Span,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// How many articles.
    pub articles: usize,
    /// How many events each article tells of.
    pub events_per_article: usize,
    /// How many people the corpus shares.
    pub persons: usize,
}

/// SplitMix64: a small, fixed pseudo-random sequence. Fixed matters more here than quality: a
/// corpus must be the same on every machine and with every version of every dependency.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FIRST: [&str; 16] = [
    "Aigerim", "Baurzhan", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan", "Aliya", "Timur", "Zhanna",
    "Askar", "Saule", "Daniyar", "Asel", "Bolat",
];
const LAST: [&str; 16] = [
    "Akhmetova",
    "Bekov",
    "Dzhaksybekova",
    "Ermekov",
    "Iskakova",
    "Karimov",
    "Mukanova",
    "Nurpeisov",
    "Omarova",
    "Sadykov",
    "Tokayeva",
    "Utemisov",
    "Zhumabayeva",
    "Abenov",
    "Serikova",
    "Tulegenov",
];
const PLACES: [&str; 8] = ["Almaty", "Astana", "Shymkent", "Urumqi", "Zharkent", "Khorgos", "Bishkek", "Tashkent"];
const DOINGS: [(EventKind, &str); 8] = [
    (EventKind::Detention, "was detained"),
    (EventKind::Release, "was released"),
    (EventKind::BorderCrossing, "crossed the border"),
    (EventKind::Testimony, "testified"),
    (EventKind::Appeal, "appealed for protection"),
    (EventKind::Statement, "spoke to reporters"),
    (EventKind::Relocation, "moved abroad"),
    (EventKind::Award, "received an award"),
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A person's name: first and last names drawn in turn, numbered past the first 256.
fn person_name(i: usize) -> String {
    let base = format!("{} {}", FIRST[i % 16], LAST[(i / 16) % 16]);
    if i < 256 { base } else { format!("{base} {}", i / 256 + 1) }
}

fn slug(text: &str) -> String {
    text.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")
}

/// Generates the corpus. Every span cuts its quote out of its article, every reference resolves,
/// and about one event in ten is undated.
pub fn corpus(shape: Shape) -> Dataset {
    let mut seq = Sequence(0x00C0_FFEE ^ (shape.articles as u64) << 32 ^ (shape.events_per_article as u64) << 16);
    let persons: Vec<Person> = (0..shape.persons.max(1))
        .map(|i| {
            let name = person_name(i);
            Person {
                id: slug(&name),
                name,
                kind: PersonKind::Named,
                roles: vec!["witness".into()],
                ..Person::default()
            }
        })
        .collect();
    let places: Vec<Place> =
        PLACES.iter().map(|p| Place { id: slug(p), name: p.to_string(), aliases: Vec::new(), part_of: None }).collect();
    let mut dataset = Dataset {
        description: Some(format!(
            "A generated corpus: {} articles of {} events each, about {} people.",
            shape.articles, shape.events_per_article, shape.persons
        )),
        persons,
        places,
        ..Dataset::empty()
    };
    dataset.format = FORMAT.into();
    for a in 0..shape.articles {
        let article_id = format!("article-{a:05}");
        let year = 2000 + (a % 24) as i32;
        let mut paragraphs: Vec<String> = Vec::new();
        let mut offset = 0usize;
        let mut push_paragraph = |paragraphs: &mut Vec<String>, text: String| -> usize {
            let start = offset;
            offset += text.chars().count() + Article::PARAGRAPH_SEPARATOR.chars().count();
            paragraphs.push(text);
            start
        };
        push_paragraph(&mut paragraphs, format!("Report number {a} on events in the region in {year}."));
        for e in 0..shape.events_per_article {
            let n = dataset.persons.len();
            let (p1, p2) = (seq.below(n), seq.below(n));
            let (kind, verb) = DOINGS[seq.below(DOINGS.len())];
            let place = seq.below(PLACES.len());
            let month = seq.below(12) as u32 + 1;
            let day = seq.below(28) as u32 + 1;
            let form = seq.below(10);
            let (edtf, when, basis, note) = match form {
                0 => (None, "At some point".to_string(), DateBasis::NotGiven, None),
                1 => (Some(format!("{year}")), format!("In {year}"), DateBasis::Stated, None),
                2 => (
                    Some(format!("{year}-{month:02}~")),
                    format!("Around {} {year}", MONTHS[month as usize - 1]),
                    DateBasis::Stated,
                    None,
                ),
                3 => (
                    Some(format!("{year}-{month:02}/{}", year + 1)),
                    format!("Between {} {year} and {}", MONTHS[month as usize - 1], year + 1),
                    DateBasis::Stated,
                    None,
                ),
                4 => (
                    Some(format!("{year}-{month:02}")),
                    format!("In {}", MONTHS[month as usize - 1]),
                    DateBasis::RelativeToPublication,
                    Some(format!("the month is given; the year is the report's, {year}")),
                ),
                _ => (
                    Some(format!("{year}-{month:02}-{day:02}")),
                    format!("On {} {day}, {year}", MONTHS[month as usize - 1]),
                    DateBasis::Stated,
                    None,
                ),
            };
            let (name1, name2) = (dataset.persons[p1].name.clone(), dataset.persons[p2].name.clone());
            let with = if p1 != p2 { format!(" with {name2}") } else { String::new() };
            let sentence = format!("{when}, {name1} {verb}{with} in {}.", PLACES[place]);
            let start = push_paragraph(&mut paragraphs, format!("{sentence} Witnesses confirmed the account."));
            let span = Span::at(&article_id, start as u32, (start + sentence.chars().count()) as u32, &sentence);
            let mut participants = vec![Participant { entity: dataset.persons[p1].id.clone(), role: "subject".into() }];
            if p1 != p2 {
                participants.push(Participant { entity: dataset.persons[p2].id.clone(), role: "subject".into() });
            }
            dataset.events.push(Event {
                id: format!("{article_id}-event-{e:04}"),
                kind,
                date: EventDate { edtf, basis, note, ..EventDate::default() },
                participants,
                places: vec![EventPlace { place: dataset.places[place].id.clone(), role: PlaceRole::OccurredIn }],
                summary: format!("{name1} {verb}{with} in {}.", PLACES[place]),
                status: Default::default(),
                spans: vec![span.clone()],
                alleged_by: Vec::new(),
                derived: None,
            });
            if e % 10 == 0 {
                let quote = format!("We will not stay silent about {}", PLACES[place]);
                let said = format!("“{quote},” {name1} said.");
                let at = push_paragraph(&mut paragraphs, said.clone());
                let quote_start = at + 1;
                dataset.claims.push(Claim {
                    id: format!("{article_id}-claim-{e:04}"),
                    speaker: Some(dataset.persons[p1].id.clone()),
                    direct: true,
                    text: quote.clone(),
                    about: vec![dataset.places[place].id.clone()],
                    spans: vec![Span::at(
                        &article_id,
                        quote_start as u32,
                        (quote_start + quote.chars().count()) as u32,
                        &quote,
                    )],
                    ..Claim::default()
                });
            }
        }
        dataset.articles.push(Article {
            id: article_id,
            title: format!("Report {a}: events of {year}"),
            author: Some("Generated".into()),
            publisher: ["The Steppe Herald", "Border Monitor", "Caravan Weekly"][a % 3].into(),
            published: format!("{}-12-31", year + 1),
            url: Some(format!("https://example.org/reports/{a}")),
            language: "en".into(),
            paragraphs,
            ..Article::default()
        });
    }
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_corpus_is_valid_and_the_same_every_time() {
        let shape = Shape { articles: 12, events_per_article: 30, persons: 40 };
        let dataset = corpus(shape);
        assert_eq!(dataset.events.len(), 360);
        let problems = factline_core::validate(&dataset);
        assert!(problems.is_empty(), "{:?}", problems.lines());
        assert_eq!(corpus(shape), dataset);
        let undated = dataset.events.iter().filter(|e| e.date.edtf.is_none()).count();
        assert!((10..=70).contains(&undated), "{undated} undated");
    }
}
