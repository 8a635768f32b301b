//! What the fact forms show besides the fact: the closed vocabularies with readable labels, in a
//! stable order for native selects; a live description of an EDTF date; the people, places and
//! organizations a combobox offers for what is typed; and fresh ids for new facts.

use serde::{Deserialize, Serialize};

use crate::date::{EdtfKind, IntervalEnd, Qualifier};
use crate::export::UNDATED_LABEL;
use crate::format::annotations::{all_ids, fresh, slug};
use crate::format::model::{Alias, Dataset, DateBasis, EventKind, EventStatus, PersonKind, PlaceRole};
use crate::query::Catalog;
use crate::text::{contains_all_words, fold};
use crate::view::basis_label;

/// One option of a select: the value the format stores, and the label a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The snake_case value (`border_crossing`).
    pub value: String,
    /// The label (`Border crossing`).
    pub label: String,
}

fn choice(value: &str, label: &str) -> Choice {
    Choice { value: value.to_string(), label: label.to_string() }
}

/// A snake_case value as words for a label: `occurred_in` → `Occurred in`.
fn words(value: &str) -> String {
    let spaced = value.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The event kinds, in the format's documented order, labelled as the event cards label them.
pub fn event_kinds() -> Vec<Choice> {
    EventKind::ALL.iter().map(|k| choice(k.as_str(), k.label())).collect()
}

/// How a date was arrived at, labelled as the event cards say it (`Relative to the publication date`).
pub fn date_bases() -> Vec<Choice> {
    DateBasis::ALL.iter().map(|b| choice(b.as_str(), basis_label(*b).unwrap_or("Stated in the article"))).collect()
}

/// Whether an event happened, is expected or is alleged.
pub fn event_statuses() -> Vec<Choice> {
    EventStatus::ALL.iter().map(|s| Choice { value: s.as_str().to_string(), label: words(s.as_str()) }).collect()
}

/// How a place figures in an event (`Occurred in`, `Concerns`, `From`, `To`).
pub fn place_roles() -> Vec<Choice> {
    PlaceRole::ALL.iter().map(|r| Choice { value: r.as_str().to_string(), label: words(r.as_str()) }).collect()
}

/// Named, unnamed, or a group, labelled as the person card says it.
pub fn person_kinds() -> Vec<Choice> {
    PersonKind::ALL
        .iter()
        .map(|k| {
            let label = match k {
                PersonKind::Named => "Named",
                PersonKind::Unnamed => "Not named in the article",
                PersonKind::Group => "A group the article names as one",
            };
            choice(k.as_str(), label)
        })
        .collect()
}

/// What an EDTF date means, for the date field to show as it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateDescription {
    /// The text to store: what was typed, without white space at its ends; empty for no date.
    pub edtf: String,
    /// The date as the viewer shows it: `Oct 2019, approx.`, `date not given`.
    pub label: String,
    /// The days it covers: `Oct 1–31, 2019`; `None` when undated.
    pub days: Option<String>,
    /// The first day (`2019-10-01`), unless undated or open at the start.
    pub earliest: Option<String>,
    /// The last day (`2019-10-31`), unless undated or open at the end.
    pub latest: Option<String>,
    /// `day`, `month`, `season`, `year`, `decade`, `century` or `interval`; `None` when undated.
    pub precision: Option<String>,
    /// `approximate` and `uncertain`, as the date (or either end of an interval) says.
    pub qualifiers: Vec<String>,
    /// All of it in one line: `Oct 2019, approx. = Oct 1–31, 2019`.
    pub summary: String,
}

/// Describes the EDTF date typed so far, or says why it is not one (the validator's message).
/// Empty text is an undated fact. Qualifiers never widen the days: `2019-10~` covers October.
pub fn describe_date(text: &str) -> Result<DateDescription, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(DateDescription {
            edtf: String::new(),
            label: UNDATED_LABEL.to_string(),
            days: None,
            earliest: None,
            latest: None,
            precision: None,
            qualifiers: Vec::new(),
            summary: UNDATED_LABEL.to_string(),
        });
    }
    let edtf = crate::date::Edtf::parse(text).map_err(|e| e.to_string())?;
    let range = edtf.range();
    let label = edtf.describe();
    let days = range.describe();
    let qualifier_of = |end: IntervalEnd| match end {
        IntervalEnd::Known(p) => p.qualifier,
        _ => Qualifier::None,
    };
    let ends = match edtf.kind() {
        EdtfKind::Single(p) => [p.qualifier, Qualifier::None],
        EdtfKind::Interval(a, b) => [qualifier_of(a), qualifier_of(b)],
    };
    let approximate = ends.iter().any(|q| matches!(q, Qualifier::Approximate | Qualifier::UncertainApproximate));
    let uncertain = ends.iter().any(|q| matches!(q, Qualifier::Uncertain | Qualifier::UncertainApproximate));
    let mut qualifiers = Vec::new();
    if approximate {
        qualifiers.push("approximate".to_string());
    }
    if uncertain {
        qualifiers.push("uncertain".to_string());
    }
    let summary = if label == days { label.clone() } else { format!("{label} = {days}") };
    Ok(DateDescription {
        edtf: text.to_string(),
        label,
        days: Some(days),
        earliest: range.earliest.map(|d| d.to_string()),
        latest: range.latest.map(|d| d.to_string()),
        precision: Some(edtf.precision_name().to_string()),
        qualifiers,
        summary,
    })
}

/// One option of a people, places or organizations combobox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameOption {
    /// The id to store.
    pub id: String,
    /// The name: the option's accessible name.
    pub name: String,
    /// The alias the typed words matched, when the name itself does not hold them.
    pub alias: Option<String>,
    /// For a person, named, unnamed or a group.
    pub kind: Option<PersonKind>,
}

/// The persons whose id, name or aliases hold every typed word, case and diacritics ignored (the
/// people search of the viewer and the CLI, [`Catalog::persons_matching`]): those with a name or
/// alias starting with the words first, then in the dataset's order. Every person for no words.
pub fn find_persons(catalog: &Catalog, typed: &str) -> Vec<NameOption> {
    let persons = &catalog.dataset().persons;
    let options = catalog.persons_matching(typed).into_iter().filter_map(|i| persons.get(i)).map(|p| {
        let mut option = named_option(&p.id, &p.name, &p.aliases, typed);
        option.kind = Some(p.kind);
        option
    });
    ranked(options.collect(), typed)
}

/// The places whose id, name or aliases hold every typed word, by the same rule as [`find_persons`].
pub fn find_places(dataset: &Dataset, typed: &str) -> Vec<NameOption> {
    let wanted = fold(typed);
    let options = dataset
        .places
        .iter()
        .filter(|p| holds(&p.id, &p.name, &p.aliases, &wanted))
        .map(|p| named_option(&p.id, &p.name, &p.aliases, typed));
    ranked(options.collect(), typed)
}

/// The place a typed name means: the first whose id, name or an alias is that name, folded
/// ([`Place::keys`](crate::format::model::Place::keys)), so that "almaty" names Almaty rather
/// than making a second one.
pub fn place_named<'d>(dataset: &'d Dataset, typed: &str) -> Option<&'d crate::format::model::Place> {
    let wanted = fold(typed.trim());
    if wanted.is_empty() {
        return None;
    }
    dataset.places.iter().find(|p| p.keys().any(|k| k == wanted))
}

/// The organizations whose id, name or aliases hold every typed word, by the same rule.
pub fn find_organizations(dataset: &Dataset, typed: &str) -> Vec<NameOption> {
    let wanted = fold(typed);
    let options = dataset
        .organizations
        .iter()
        .filter(|o| holds(&o.id, &o.name, &o.aliases, &wanted))
        .map(|o| named_option(&o.id, &o.name, &o.aliases, typed));
    ranked(options.collect(), typed)
}

/// Whether the folded id, name and aliases hold every folded word, as the catalog's person keys do.
fn holds(id: &str, name: &str, aliases: &[Alias], wanted: &str) -> bool {
    let mut keys = vec![fold(id), fold(name)];
    keys.extend(aliases.iter().map(|a| fold(&a.name)));
    contains_all_words(&keys.join(" "), wanted)
}

fn named_option(id: &str, name: &str, aliases: &[Alias], typed: &str) -> NameOption {
    let wanted = fold(typed);
    let alias = (!wanted.is_empty() && !contains_all_words(&fold(name), &wanted))
        .then(|| aliases.iter().find(|a| contains_all_words(&fold(&a.name), &wanted)).map(|a| a.name.clone()))
        .flatten();
    NameOption { id: id.to_string(), name: name.to_string(), alias, kind: None }
}

/// Options whose name or alias starts with the typed words first; otherwise in the order given.
fn ranked(mut options: Vec<NameOption>, typed: &str) -> Vec<NameOption> {
    let wanted = fold(typed);
    let starts = |o: &NameOption| {
        fold(&o.name).starts_with(&wanted) || o.alias.as_deref().is_some_and(|a| fold(a).starts_with(&wanted))
    };
    options.sort_by_key(|o| !starts(o));
    options
}

/// An id no fact of the dataset has: a slug of the first words of `words` (`Ann Lee` →
/// `ann-lee`), or `fallback` when they have no letters or digits, with `-2`, `-3`… added when
/// taken. It is a lowercase ASCII slug, as the validator asks.
pub fn fresh_id(dataset: &Dataset, words: &str, fallback: &str) -> String {
    const MAX_WORDS: usize = 6;
    let stem = slug(words, MAX_WORDS);
    let stem = if stem.is_empty() { slug(fallback, MAX_WORDS) } else { stem };
    let stem = if stem.is_empty() { "fact".to_string() } else { stem };
    fresh(&mut all_ids(dataset), &stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::default_catalog;
    use crate::format::validate::is_slug;

    #[test]
    fn the_kind_select_lists_readable_labels_in_a_stable_order() {
        let kinds = event_kinds();
        assert_eq!(kinds.len(), EventKind::ALL.len());
        assert_eq!(kinds[0], choice("border_crossing", "Border crossing"));
        assert_eq!(kinds.iter().map(|k| k.label.as_str()).nth(5), Some("Refugee status granted"));
        let roles: Vec<String> = place_roles().into_iter().map(|c| c.label).collect();
        assert_eq!(roles, ["Occurred in", "Concerns", "From", "To"]);
        assert_eq!(date_bases()[0].label, "Stated in the article");
        assert_eq!(date_bases()[1].label, "Relative to the publication date");
        assert_eq!(person_kinds()[2].value, "group");
        assert_eq!(event_statuses()[2].label, "Alleged");
    }

    fn summary(text: &str) -> String {
        match describe_date(text) {
            Ok(d) => d.summary,
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn dates_are_described_as_they_are_typed() {
        assert_eq!(summary("2019-10~"), "Oct 2019, approx. = Oct 1–31, 2019");
        assert_eq!(summary(" 2020-10-30 "), "Oct 30, 2020");
        assert_eq!(summary("2020-07/2020-10-31"), "Jul 2020 – Oct 31, 2020 = Jul 1 – Oct 31, 2020");
        assert_eq!(summary("2020-24"), "Winter 2020 = Dec 1, 2020 – Feb 28, 2021");
        assert_eq!(summary("2018?"), "2018, uncertain = Jan 1 – Dec 31, 2018");
        assert_eq!(summary("2020/.."), "2020 onwards = from Jan 1, 2020");
        assert_eq!(summary("../2020-10-31"), "up to Oct 31, 2020");
        assert_eq!(summary("-0044-03-15"), "Mar 15, 45 BCE");
        assert_eq!(summary("201X"), "2010s = Jan 1, 2010 – Dec 31, 2019");
        assert_eq!(summary(""), "date not given");
        assert_eq!(
            summary("2019-02-29"),
            "error: `2019-02-29` is not a valid EDTF date: day 29 does not exist in 2019-02 (it has 28 days)"
        );
        assert_eq!(
            summary("Oct 2019"),
            "error: `Oct 2019` is not a valid EDTF date: the year must have exactly four digits"
        );
        let d = describe_date("2019-10~/2020-10-16?").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.qualifiers, ["approximate", "uncertain"]);
        assert_eq!((d.earliest.as_deref(), d.latest.as_deref()), (Some("2019-10-01"), Some("2020-10-16")));
        assert_eq!(d.precision.as_deref(), Some("interval"));
        let month = describe_date("2019-10~").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((month.label.as_str(), month.days.as_deref()), ("Oct 2019, approx.", Some("Oct 1–31, 2019")));
        assert_eq!(month.precision.as_deref(), Some("month"));
    }

    #[test]
    fn people_are_found_by_name_or_alias_with_folding() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let found = find_persons(&catalog, "sauytbay");
        assert!(found.iter().any(|o| o.id == "sayragul-sauytbay"), "{found:?}");
        let folded = find_persons(&catalog, "SAUYTBÁY");
        assert_eq!(found, folded, "case and diacritics are ignored");
        assert_eq!(find_persons(&catalog, "").len(), catalog.dataset().persons.len());
        assert!(find_persons(&catalog, "nobody by this name").is_empty());
        // An alias that matched is named when the name does not hold the words.
        let mut d = catalog.into_dataset();
        let alias = Alias {
            name: "Qaisha Zed".into(),
            source: crate::format::model::AliasSource::Article { article: d.articles[0].id.clone() },
        };
        let index = d.persons.len() - 1;
        d.persons[index].aliases.push(alias);
        let id = d.persons[index].id.clone();
        let catalog = Catalog::new(d).unwrap_or_else(|p| panic!("{:?}", p.lines()));
        let found = find_persons(&catalog, "QAISHA ze");
        assert_eq!(
            found.iter().map(|o| (o.id.as_str(), o.alias.as_deref())).collect::<Vec<_>>(),
            [(id.as_str(), Some("Qaisha Zed"))]
        );
        // Names that start with the words come before names that only hold them.
        let starts: Vec<bool> = find_persons(&catalog, "a")
            .iter()
            .map(|o| fold(&o.name).starts_with('a') || o.alias.as_deref().is_some_and(|a| fold(a).starts_with('a')))
            .collect();
        assert!(starts.contains(&true) && starts.contains(&false), "{starts:?}");
        assert!(starts.windows(2).all(|w| w[0] || !w[1]), "{starts:?}");
    }

    #[test]
    fn a_typed_place_name_means_the_place_of_that_name_case_and_accents_aside() {
        let mut d = default_catalog().unwrap_or_else(|e| panic!("{e}")).into_dataset();
        d.places = vec![crate::format::model::Place {
            id: "almaty".into(),
            name: "Almaty".into(),
            aliases: vec![Alias {
                name: "Alma-Ata".into(),
                source: crate::format::model::AliasSource::Article { article: d.articles[0].id.clone() },
            }],
            ..Default::default()
        }];
        for typed in ["Almaty", "almaty", " ALMATY ", "Álmaty", "alma-ata", "almaty"] {
            assert_eq!(place_named(&d, typed).map(|p| p.id.as_str()), Some("almaty"), "{typed:?}");
        }
        // A name that only holds the words, or nothing, is a place still to make.
        for typed in ["Almaty region", "alma", "", " "] {
            assert!(place_named(&d, typed).is_none(), "{typed:?}");
        }
    }

    #[test]
    fn fresh_ids_are_unique_slugs() {
        let catalog = default_catalog().unwrap_or_else(|e| panic!("{e}"));
        let d = catalog.dataset();
        let taken = &d.persons[0];
        let id = fresh_id(d, &taken.name, "person");
        assert_ne!(id, taken.id);
        assert!(is_slug(&id), "{id}");
        assert_eq!(fresh_id(d, "Ömer Çelik’s “visit”", "person"), "omer-celiks-visit");
        assert_eq!(fresh_id(d, "— ", "person"), "person");
        assert_eq!(fresh_id(d, "Зоя", "person"), "person", "scripts are not transliterated");
    }
}
