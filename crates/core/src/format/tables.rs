//! The spreadsheet form of a dataset: persons, events and claims as CSV tables, one row a fact
//! (and a row more for each further span of a fact), that export writes and import reads back.
//!
//! Columns may come in any order; an unknown column is an error; multi-valued cells are separated
//! by `|`, with `\` escaping a `|`, a `:` or itself within a value (`escape`, `split_list`), so
//! any text goes to a spreadsheet and comes back the same. Quotes are written as quotes (`quote`,
//! `prefix`, `suffix`, taken exactly as written, spaces included), so no one counts characters:
//! they are placed in the article when the dataset is read. People are named by id, name or alias,
//! as `--person` names them. Every problem is reported at once, with its file, its row as a
//! spreadsheet numbers it (the header is row 1), its column and the value.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::format::anchor::Haystack;
use crate::format::model::{
    Alias, AliasSource, Claim, Dataset, DateBasis, Derivation, Event, EventDate, EventKind, EventPlace, EventStatus,
    Participant, Person, PersonKind, Place, PlaceRole, Span, TextPart,
};
use crate::format::read::decode_text;
use crate::format::validate::{Problem, check};
use crate::query::catalog::{Catalog, Selection};
use crate::text::fold;

/// One of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// Persons, groups and unnamed individuals.
    Persons,
    /// Events.
    Events,
    /// Claims.
    Claims,
}

const PERSON_COLUMNS: &[&str] = &["id", "name", "aliases", "kind", "members", "description", "roles"];
const EVENT_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "status",
    "date",
    "date_basis",
    "date_anchor",
    "date_note",
    "date_quote",
    "date_bound",
    "persons",
    "places",
    "summary",
    "article",
    "part",
    "quote",
    "prefix",
    "suffix",
    "alleged_by",
    "derived_rule",
    "derived_reasoning",
    "derived_from",
];
const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "speaker",
    "speaker_label",
    "direct",
    "text",
    "date",
    "date_basis",
    "date_note",
    "about",
    "quoted",
    "article",
    "part",
    "quote",
    "prefix",
    "suffix",
];

/// Cells that hold one span of a fact; a further row with the same id adds a span.
const SPAN_COLUMNS: &[&str] = &["article", "part", "quote", "prefix", "suffix"];

impl Table {
    /// Every table.
    pub const ALL: [Table; 3] = [Table::Persons, Table::Events, Table::Claims];

    /// Its name: `persons`, `events`, `claims`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Persons => "persons",
            Table::Events => "events",
            Table::Claims => "claims",
        }
    }

    /// The table with this name.
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Its columns, in the order export writes them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Persons => PERSON_COLUMNS,
            Table::Events => EVENT_COLUMNS,
            Table::Claims => CLAIM_COLUMNS,
        }
    }

    /// The columns a file must have; each entry is a set of which at least one is needed.
    fn required(self) -> &'static [&'static [&'static str]] {
        match self {
            Table::Persons => &[&["name"]],
            Table::Events => &[&["id"], &["kind"], &["summary"], &["quote"]],
            Table::Claims => &[&["id"], &["text"], &["quote"], &["speaker", "speaker_label"]],
        }
    }

    /// The header row alone: a blank template.
    pub fn template(self) -> String {
        let mut out = self.columns().join(",");
        out.push_str("\r\n");
        out
    }
}

// ---- Export ----

/// A spreadsheet would read a cell starting with one of these as a formula; a leading `'`
/// disarms it, and import takes the `'` off again.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

fn guard(cell: &str) -> String {
    if cell.starts_with(is_formula_start) { format!("'{cell}") } else { cell.to_string() }
}

fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(is_formula_start) => rest,
        _ => cell,
    }
}

/// What escapes a character in a multi-valued cell: `\|` is a `|` within a value, `\:` a `:`
/// (which otherwise puts a role after a reference) and `\\` a backslash.
const ESCAPE: char = '\\';

/// A value as a multi-valued cell holds it: the list separator `|`, the role separator `:` and the
/// escape itself escaped, so that [`split_list`] and [`unescape`] give back exactly `value`.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, ESCAPE | '|' | ':') {
            out.push(ESCAPE);
        }
        out.push(c);
    }
    out
}

/// A value of a multi-valued cell with its escapes undone. A backslash before any other character
/// is kept, as a hand-written cell means it.
fn unescape(item: &str) -> String {
    let mut out = String::with_capacity(item.len());
    let mut chars = item.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            (ESCAPE, Some(&next)) if matches!(next, ESCAPE | '|' | ':') => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The values of a multi-valued cell, split at each unescaped `|`, escapes kept (a value may still
/// be split at its role's `:` by [`with_role`]), trimmed, empty ones left out.
fn split_list(cell: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in cell.char_indices() {
        match c {
            _ if escaped => escaped = false,
            ESCAPE => escaped = true,
            '|' => {
                items.push(&cell[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&cell[start..]);
    items.into_iter().map(str::trim).filter(|v| !v.is_empty()).collect()
}

/// A multi-valued cell: each value escaped, joined by `|`.
fn join(values: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    values.into_iter().map(|v| escape(v.as_ref())).collect::<Vec<_>>().join("|")
}

/// A multi-valued cell of references with roles, `reference:role` each (the reference alone when
/// `role` is `None`).
fn join_roles<'v>(values: impl IntoIterator<Item = (&'v str, Option<&'v str>)>) -> String {
    let item = |(reference, role): (&str, Option<&str>)| match role {
        Some(role) => format!("{}:{}", escape(reference), escape(role)),
        None => escape(reference),
    };
    values.into_iter().map(item).collect::<Vec<_>>().join("|")
}

/// The table of what a selection keeps, as CSV (RFC 4180, CRLF line ends).
pub fn export(catalog: &Catalog, selection: &Selection, table: Table) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    // Each article's texts, joined and prepared once for the export, not once per span.
    let texts: HashMap<(&str, TextPart), String> = match table {
        Table::Persons => HashMap::new(),
        Table::Events => texts_of(catalog, catalog.events(selection).iter().flat_map(|e| &e.event.spans)),
        Table::Claims => texts_of(catalog, catalog.claims(selection).iter().flat_map(|c| &c.claim.spans)),
    };
    let haystacks: HashMap<(&str, TextPart), Haystack<'_>> =
        texts.iter().map(|(key, text)| (*key, Haystack::new(text))).collect();
    let context_for = |span: &Span| context_for(haystacks.get(&(span.article.as_str(), span.part)), span);
    match table {
        Table::Persons => {
            for p in persons_in(catalog, selection) {
                let kind = match p.kind {
                    PersonKind::Named => "person",
                    PersonKind::Unnamed => "unnamed",
                    PersonKind::Group => "group",
                };
                rows.push(vec![
                    p.id.clone(),
                    p.name.clone(),
                    join(p.aliases.iter().map(|a| &a.name)),
                    kind.into(),
                    join(&p.members),
                    p.description.clone().unwrap_or_default(),
                    join(&p.roles),
                ]);
            }
        }
        Table::Events => {
            for e in catalog.events(selection) {
                let event = e.event;
                let date = &event.date;
                for span in &event.spans {
                    let (prefix, suffix) = context_for(span);
                    rows.push(vec![
                        event.id.clone(),
                        event.kind.as_str().into(),
                        event.status.as_str().into(),
                        date.edtf.clone().unwrap_or_default(),
                        date.basis.as_str().into(),
                        date.anchor.clone().unwrap_or_default(),
                        date.note.clone().unwrap_or_default(),
                        date.span.as_ref().map(|s| s.exact.clone()).unwrap_or_default(),
                        date.bound.clone().unwrap_or_default(),
                        join_roles(event.participants.iter().map(|p| (p.entity.as_str(), Some(p.role.as_str())))),
                        join_roles(event.places.iter().map(|p| match p.role {
                            PlaceRole::OccurredIn => (p.place.as_str(), None),
                            role => (p.place.as_str(), Some(role.as_str())),
                        })),
                        event.summary.clone(),
                        span.article.clone(),
                        part_cell(span.part),
                        span.exact.clone(),
                        prefix,
                        suffix,
                        join(&event.alleged_by),
                        event.derived.as_ref().map(|d| d.rule.clone()).unwrap_or_default(),
                        event.derived.as_ref().map(|d| d.reasoning.clone()).unwrap_or_default(),
                        event.derived.as_ref().map(|d| join(&d.from)).unwrap_or_default(),
                    ]);
                }
            }
        }
        Table::Claims => {
            for c in catalog.claims(selection) {
                let claim = c.claim;
                for span in &claim.spans {
                    let (prefix, suffix) = context_for(span);
                    rows.push(vec![
                        claim.id.clone(),
                        claim.speaker.clone().unwrap_or_default(),
                        claim.speaker_label.clone().unwrap_or_default(),
                        if claim.direct { "yes" } else { "no" }.into(),
                        claim.text.clone(),
                        claim.date.edtf.clone().unwrap_or_default(),
                        claim.date.basis.as_str().into(),
                        claim.date.note.clone().unwrap_or_default(),
                        join(&claim.about),
                        join(&claim.quoted),
                        span.article.clone(),
                        part_cell(span.part),
                        span.exact.clone(),
                        prefix,
                        suffix,
                    ]);
                }
            }
        }
    }
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = writer.write_record(table.columns());
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| guard(c)));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The `part` cell: empty for the body, else `title` or `subtitle`.
fn part_cell(part: TextPart) -> String {
    if part == TextPart::Body { String::new() } else { part.as_str().to_string() }
}

/// The persons a selection involves (all of them when nothing is selected), in dataset order:
/// participants, speakers and those claims are about, and the members of groups among them.
fn persons_in<'c>(catalog: &'c Catalog, selection: &Selection) -> Vec<&'c Person> {
    let d = catalog.dataset();
    if selection.is_everything() {
        return d.persons.iter().collect();
    }
    let mut wanted: Vec<&str> = Vec::new();
    for e in catalog.events(selection) {
        wanted.extend(e.event.participants.iter().map(|p| p.entity.as_str()));
        wanted.extend(e.event.alleged_by.iter().map(String::as_str));
    }
    for c in catalog.claims(selection) {
        wanted.extend(c.claim.speaker.iter().map(String::as_str));
        wanted.extend(c.claim.about.iter().map(String::as_str));
    }
    let groups: Vec<&str> = d
        .persons
        .iter()
        .filter(|p| wanted.contains(&p.id.as_str()))
        .flat_map(|p| p.members.iter().map(String::as_str))
        .collect();
    wanted.extend(groups);
    d.persons.iter().filter(|p| wanted.contains(&p.id.as_str())).collect()
}

/// The text of each article and part that `spans` point into.
fn texts_of<'c>(catalog: &'c Catalog, spans: impl Iterator<Item = &'c Span>) -> HashMap<(&'c str, TextPart), String> {
    let mut texts = HashMap::new();
    for span in spans {
        if let Some(article) = catalog.article(&span.article) {
            texts.entry((article.id.as_str(), span.part)).or_insert_with(|| article.part_text(span.part));
        }
    }
    texts
}

/// The prefix and suffix to write for a span: its own, or, when its quote occurs more than once
/// in its text (`haystack`, prepared once per export), as few words around it as tell its place
/// apart (at most 32 code points each).
fn context_for(haystack: Option<&Haystack<'_>>, span: &Span) -> (String, String) {
    if span.prefix.is_some() || span.suffix.is_some() {
        return (span.prefix.clone().unwrap_or_default(), span.suffix.clone().unwrap_or_default());
    }
    let Some((start, end)) = span.range() else { return (String::new(), String::new()) };
    let Some(haystack) = haystack else { return (String::new(), String::new()) };
    if haystack.place(&span.exact, None, None).is_ok() {
        return (String::new(), String::new());
    }
    let (start, end) = (start as usize, end as usize);
    for width in [8, 16, 32] {
        let prefix = haystack.slice(start.saturating_sub(width), start).unwrap_or_default();
        let suffix = haystack.slice(end, (end + width).min(haystack.chars())).unwrap_or_default();
        if haystack.place(&span.exact, Some(prefix), None) == Ok((start as u32, end as u32)) {
            return (prefix.to_string(), String::new());
        }
        if haystack.place(&span.exact, Some(prefix), Some(suffix)) == Ok((start as u32, end as u32)) {
            return (prefix.to_string(), suffix.to_string());
        }
    }
    let prefix = haystack.slice(start.saturating_sub(32), start).unwrap_or_default();
    let suffix = haystack.slice(end, (end + 32).min(haystack.chars())).unwrap_or_default();
    (prefix.to_string(), suffix.to_string())
}

// ---- Import ----

/// A table file to import: its name (for messages) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct TableFile<'a> {
    /// The file's name.
    pub name: &'a str,
    /// Its contents.
    pub bytes: &'a [u8],
}

/// Something wrong in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableProblem {
    /// The file.
    pub file: String,
    /// The row, as a spreadsheet numbers it (the header is row 1), if the problem is in one.
    pub row: Option<usize>,
    /// The column, if the problem is in one.
    pub column: Option<String>,
    /// The offending value, if any.
    pub value: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column `{column}`")?;
        }
        if let Some(value) = self.value.as_ref().filter(|v| !v.is_empty()) {
            write!(f, " (“{}”)", crate::text::excerpt(value, 60))?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One data row of a table: its number and its cells by column.
struct Row {
    number: usize,
    cells: HashMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }

    /// A trimmed cell, `None` when empty.
    fn text(&self, column: &str) -> Option<String> {
        Some(self.get(column).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// A multi-valued cell's values, unescaped, trimmed, empty ones left out.
    fn list(&self, column: &str) -> Vec<String> {
        split_list(self.get(column)).into_iter().map(unescape).collect()
    }

    /// A multi-valued cell of references with roles: each `reference` or `reference:role`.
    fn roles(&self, column: &str) -> Vec<(String, Option<String>)> {
        split_list(self.get(column)).into_iter().map(with_role).collect()
    }
}

/// Where an imported row came from, for problems found once the dataset is checked.
#[derive(Default)]
struct Origins {
    persons: HashMap<usize, usize>,
    events: HashMap<usize, Vec<usize>>,
    claims: HashMap<usize, Vec<usize>>,
}

struct Import<'a> {
    problems: Vec<TableProblem>,
    names: [&'a str; 3],
    rows: [Vec<Row>; 3],
}

impl Import<'_> {
    fn problem(&mut self, table: Table, row: Option<&Row>, column: Option<&str>, message: impl Into<String>) {
        let value = match (row, column) {
            (Some(row), Some(column)) => Some(row.get(column).to_string()),
            _ => None,
        };
        let file = self.names[table as usize].to_string();
        self.problems.push(TableProblem {
            file,
            row: row.map(|r| r.number),
            column: column.map(str::to_string),
            value,
            message: message.into(),
        });
    }
}

/// Reads a table's rows, checking its header.
fn read_rows(table: Table, file: TableFile<'_>, problems: &mut Vec<TableProblem>) -> Vec<Row> {
    let mut problem = |row: Option<usize>, column: Option<&str>, message: String| {
        problems.push(TableProblem {
            file: file.name.to_string(),
            row,
            column: column.map(str::to_string),
            value: None,
            message,
        })
    };
    let text = match decode_text(file.bytes) {
        Ok(text) => text,
        Err(e) => {
            problem(None, None, e.to_string());
            return Vec::new();
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            problem(Some(1), None, format!("the header row cannot be read: {e}"));
            return Vec::new();
        }
    };
    let known = table.columns();
    let mut ok = true;
    for (i, name) in headers.iter().enumerate() {
        if !known.contains(&name.as_str()) {
            problem(
                Some(1),
                Some(name),
                format!("unknown column; the {} table has: {}", table.name(), known.join(", ")),
            );
            ok = false;
        } else if headers[..i].contains(name) {
            problem(Some(1), Some(name), "this column appears twice".into());
            ok = false;
        }
    }
    for needed in table.required() {
        if !needed.iter().any(|n| headers.iter().any(|h| h == n)) {
            let message = match needed {
                [one] => format!("the {} table needs a `{one}` column", table.name()),
                several => format!("the {} table needs one of the columns {}", table.name(), several.join(", ")),
            };
            problem(Some(1), None, message);
            ok = false;
        }
    }
    if !ok {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 2;
        match record {
            Ok(record) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells =
                    headers.iter().zip(record.iter()).map(|(h, c)| (h.clone(), unguard(c).to_string())).collect();
                rows.push(Row { number, cells });
            }
            Err(e) => problem(Some(number), None, format!("the row cannot be read: {e}")),
        }
    }
    rows
}

/// A slug for an id, from a name: ASCII letters and digits, the rest as hyphens.
fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The rows of `tables` added to `dataset`; every problem, if there is any, with nothing added.
pub fn import(
    dataset: Dataset,
    persons: Option<TableFile<'_>>,
    events: Option<TableFile<'_>>,
    claims: Option<TableFile<'_>>,
) -> Result<Dataset, Vec<TableProblem>> {
    let mut problems = Vec::new();
    let files = [persons, events, claims];
    let tables = [Table::Persons, Table::Events, Table::Claims];
    let mut rows: [Vec<Row>; 3] = Default::default();
    for (i, file) in files.iter().enumerate() {
        if let Some(file) = file {
            rows[i] = read_rows(tables[i], *file, &mut problems);
        }
    }
    let names = files.map(|f| f.map_or("", |f| f.name));
    let mut import = Import { problems, names, rows: Default::default() };
    import.rows = rows;
    let mut d = dataset;
    let mut origins = Origins::default();
    import_persons(&mut import, &mut d, &mut origins);
    import_facts(&mut import, &mut d, &mut origins);
    if !import.problems.is_empty() {
        return Err(import.problems);
    }
    let (checked, _) = check(&d);
    if checked.is_empty() {
        return Ok(d);
    }
    for problem in checked.list {
        let placed = place_problem(&import, &origins, &problem);
        import.problems.push(placed);
    }
    Err(import.problems)
}

fn import_persons(import: &mut Import<'_>, d: &mut Dataset, origins: &mut Origins) {
    let rows = std::mem::take(&mut import.rows[0]);
    let mut members: Vec<(usize, &Row)> = Vec::new();
    // Each article's text, joined once for every alias looked for in it.
    let texts: Vec<(String, String)> = d.articles.iter().map(|a| (a.id.clone(), a.text())).collect();
    for row in &rows {
        let Some(name) = row.text("name") else {
            import.problem(Table::Persons, Some(row), Some("name"), "every person needs a name");
            continue;
        };
        let id = row.text("id").unwrap_or_else(|| slug(&name));
        let kind = match row.get("kind").trim().to_ascii_lowercase().as_str() {
            "" if !row.list("members").is_empty() => PersonKind::Group,
            "" | "person" | "named" => PersonKind::Named,
            "group" => PersonKind::Group,
            "unnamed" => PersonKind::Unnamed,
            _ => {
                import.problem(Table::Persons, Some(row), Some("kind"), "the kind is `person`, `group` or `unnamed`");
                continue;
            }
        };
        let article = d.articles.first().map(|a| a.id.clone()).unwrap_or_default();
        let person = Person {
            id: id.clone(),
            name,
            kind,
            aliases: row
                .list("aliases")
                .into_iter()
                .map(|alias| Alias {
                    source: AliasSource::Article {
                        article: texts
                            .iter()
                            .find(|(_, text)| text.contains(&alias))
                            .map_or_else(|| article.clone(), |(id, _)| id.clone()),
                    },
                    name: alias,
                })
                .collect(),
            description: row.text("description"),
            roles: row.list("roles"),
            ..Person::default()
        };
        match d.persons.iter().position(|p| p.id == id) {
            // The same person again: nothing to add. Anything else is a clash.
            Some(at) if same_person(&d.persons[at], &person) => {}
            Some(at) => {
                let where_from = origins.persons.get(&at).map_or("the dataset".to_string(), |r| format!("row {r}"));
                import.problem(
                    Table::Persons,
                    Some(row),
                    Some("id"),
                    format!("id `{id}` is already used by {where_from} with different fields"),
                );
            }
            None => {
                origins.persons.insert(d.persons.len(), row.number);
                if !row.list("members").is_empty() {
                    members.push((d.persons.len(), row));
                }
                d.persons.push(person);
            }
        }
    }
    // Members may name people of later rows, so they are resolved once every row is in.
    let resolver = Catalog::new_prevalidated(d.clone());
    for (at, row) in members {
        for member in row.list("members") {
            match resolver.resolve_person(&member) {
                Ok(i) => d.persons[at].members.push(resolver.dataset().persons[i].id.clone()),
                Err(e) => import.problem(Table::Persons, Some(row), Some("members"), e.to_string()),
            }
        }
    }
    import.rows[0] = rows;
}

/// Whether two persons have the same fields apart from where their aliases are cited.
fn same_person(a: &Person, b: &Person) -> bool {
    let names = |p: &Person| p.aliases.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    a.name == b.name && a.kind == b.kind && names(a) == names(b) && a.description == b.description && a.roles == b.roles
}

/// The dataset so far, for resolving references: its catalog, and its organizations' and places'
/// folded names and aliases, each to the id of the first that has it. Built once per table, so a
/// reference is a lookup, not a pass over every name folded again.
struct Resolver {
    catalog: Catalog,
    organizations: HashMap<String, String>,
    places: HashMap<String, String>,
}

impl Resolver {
    fn new(d: &Dataset) -> Resolver {
        fn names<'a>(entities: impl Iterator<Item = (&'a str, &'a str, &'a [Alias])>) -> HashMap<String, String> {
            let mut map = HashMap::new();
            for (id, name, aliases) in entities {
                for name in std::iter::once(name).chain(aliases.iter().map(|a| a.name.as_str())) {
                    map.entry(fold(name)).or_insert_with(|| id.to_string());
                }
            }
            map
        }
        Resolver {
            organizations: names(d.organizations.iter().map(|o| (o.id.as_str(), o.name.as_str(), &o.aliases[..]))),
            places: names(d.places.iter().map(|p| (p.id.as_str(), p.name.as_str(), &p.aliases[..]))),
            catalog: Catalog::new_prevalidated(d.clone()),
        }
    }

    /// Resolves a reference to any entity: an id of anything (already in the dataset, or of a
    /// fact the tables bring, in `incoming`), else an organization or place by its name or an
    /// alias, else a person (as `--person` does).
    fn resolve(&self, incoming: &HashSet<String>, reference: &str) -> Result<String, String> {
        if self.catalog.lookup(reference).is_some() || incoming.contains(reference) {
            return Ok(reference.to_string());
        }
        let wanted = fold(reference);
        if let Some(id) = self.organizations.get(&wanted).or_else(|| self.places.get(&wanted)) {
            return Ok(id.clone());
        }
        let d = self.catalog.dataset();
        self.catalog.resolve_person(reference).map(|i| d.persons[i].id.clone()).map_err(|e| e.to_string())
    }
}

/// The places by their keys ([`Place::keys`]: id, name and aliases, folded), each to the index of
/// the first that has it: a place cell is looked up here, where comparing it with every place
/// (folding each name again) made an import quadratic in the places it creates.
struct PlaceIndex {
    by_key: HashMap<String, usize>,
    /// The ids taken, for a new place's.
    ids: HashSet<String>,
}

impl PlaceIndex {
    fn new(places: &[Place]) -> PlaceIndex {
        let mut index = PlaceIndex { by_key: HashMap::new(), ids: HashSet::new() };
        for (i, place) in places.iter().enumerate() {
            index.add(i, place);
        }
        index
    }

    fn add(&mut self, i: usize, place: &Place) {
        for key in place.keys() {
            self.by_key.entry(key).or_insert(i);
        }
        self.ids.insert(place.id.clone());
    }

    /// The first place one of whose keys is what `name` folds to.
    fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(&fold(name.trim())).copied()
    }
}

/// `Name` or `Name:role` (one value of a cell, escapes still in it): the reference and the role
/// after the last unescaped `:`, each unescaped. A name may hold a `:` as it is; a role holds one
/// escaped (`\:`), as export writes it.
fn with_role(item: &str) -> (String, Option<String>) {
    let mut colon = None;
    let mut escaped = false;
    for (i, c) in item.char_indices() {
        match c {
            _ if escaped => escaped = false,
            ESCAPE => escaped = true,
            ':' => colon = Some(i),
            _ => {}
        }
    }
    match colon.map(|i| (item[..i].trim(), item[i + 1..].trim())) {
        Some((name, role)) if !name.is_empty() && !role.is_empty() => (unescape(name), Some(unescape(role))),
        _ => (unescape(item.trim()), None),
    }
}

/// The article a row's spans point into: the `article` cell, or the dataset's only article.
fn article_of(import: &mut Import<'_>, table: Table, row: &Row, d: &Dataset) -> Option<String> {
    match row.text("article") {
        Some(id) if d.articles.iter().any(|a| a.id == id) => Some(id),
        Some(_) => {
            let known: Vec<&str> = d.articles.iter().map(|a| a.id.as_str()).collect();
            import.problem(
                table,
                Some(row),
                Some("article"),
                format!("no such article; the dataset has: {}", known.join(", ")),
            );
            None
        }
        None if d.articles.len() == 1 => Some(d.articles[0].id.clone()),
        None => {
            import.problem(
                table,
                Some(row),
                Some("article"),
                format!("the dataset has {} articles; say which one this quote is from", d.articles.len()),
            );
            None
        }
    }
}

/// The span a row's `quote`, `prefix` and `suffix` give, taken exactly as written.
fn span_of(import: &mut Import<'_>, table: Table, row: &Row, d: &Dataset) -> Option<Span> {
    let article = article_of(import, table, row, d)?;
    let exact = row.get("quote");
    if exact.trim().is_empty() {
        import.problem(table, Some(row), Some("quote"), "every fact needs the article's exact words in `quote`");
        return None;
    }
    let part = match row.get("part").trim() {
        "" => TextPart::Body,
        name => match TextPart::ALL.into_iter().find(|p| p.as_str() == name) {
            Some(part) => part,
            None => {
                import.problem(
                    table,
                    Some(row),
                    Some("part"),
                    "the part is `body` (the default), `title` or `subtitle`",
                );
                return None;
            }
        },
    };
    let cell = |c: &str| Some(row.get(c).to_string()).filter(|s| !s.is_empty());
    Some(Span {
        article,
        part,
        exact: exact.to_string(),
        prefix: cell("prefix"),
        suffix: cell("suffix"),
        ..Span::default()
    })
}

fn parse_date(import: &mut Import<'_>, table: Table, row: &Row) -> EventDate {
    let edtf = row.text("date");
    if let Some(text) = &edtf
        && let Err(e) = crate::date::Edtf::parse(text)
    {
        import.problem(table, Some(row), Some("date"), e.reason);
    }
    let basis = match row.text("date_basis") {
        None if edtf.is_some() => DateBasis::Stated,
        None => DateBasis::NotGiven,
        Some(name) => match DateBasis::ALL.into_iter().find(|b| b.as_str() == name) {
            Some(b) => b,
            None => {
                let all: Vec<&str> = DateBasis::ALL.iter().map(|b| b.as_str()).collect();
                import.problem(
                    table,
                    Some(row),
                    Some("date_basis"),
                    format!("the basis is one of: {}", all.join(", ")),
                );
                DateBasis::NotGiven
            }
        },
    };
    EventDate { edtf, basis, note: row.text("date_note"), bound: row.text("date_bound"), ..EventDate::default() }
}

/// Whether a row that repeats a fact's id agrees with its first row, apart from its span.
fn differs(first: &Row, again: &Row, table: Table) -> Option<&'static str> {
    table
        .columns()
        .iter()
        .copied()
        .filter(|c| !SPAN_COLUMNS.contains(c))
        .find(|c| !again.get(c).trim().is_empty() && again.get(c).trim() != first.get(c).trim())
}

fn import_facts(import: &mut Import<'_>, d: &mut Dataset, origins: &mut Origins) {
    let event_rows = std::mem::take(&mut import.rows[1]);
    let claim_rows = std::mem::take(&mut import.rows[2]);
    // New places named in events are created first, so references resolve.
    let mut place_index = PlaceIndex::new(&d.places);
    let organizations: HashSet<&str> = d.organizations.iter().map(|o| o.id.as_str()).collect();
    let mut new_places = Vec::new();
    for row in &event_rows {
        for (name, _) in row.roles("places") {
            let name = name.as_str();
            let exists = place_index.find(name).is_some() || organizations.contains(name);
            if !exists && !name.is_empty() {
                let id = slug(name);
                if !place_index.ids.contains(&id) {
                    let place = Place { id, name: name.to_string(), ..Place::default() };
                    place_index.add(d.places.len() + new_places.len(), &place);
                    new_places.push(place);
                }
            }
        }
    }
    d.places.extend(new_places);
    // Facts may name facts of later rows or of the other table (an event alleged by a claim).
    let incoming: HashSet<String> = event_rows.iter().chain(&claim_rows).filter_map(|r| r.text("id")).collect();
    let resolver = Resolver::new(d);
    // The ids of facts, the dataset's and those added so far: a new row's id is a lookup here,
    // where scanning every event and claim for it made an import quadratic in its rows.
    let mut taken: HashSet<String> =
        d.events.iter().map(|e| e.id.clone()).chain(d.claims.iter().map(|c| c.id.clone())).collect();
    // The article texts that date quotes are placed in, each prepared once, not once per row.
    let texts = date_texts(d, &event_rows);
    let haystacks: HashMap<&str, Haystack<'_>> =
        texts.iter().map(|(id, text)| (id.as_str(), Haystack::new(text))).collect();
    let mut firsts: HashMap<String, (usize, usize)> = HashMap::new();
    for (k, row) in event_rows.iter().enumerate() {
        let Some(id) = row.text("id") else {
            import.problem(Table::Events, Some(row), Some("id"), "every event needs an id");
            continue;
        };
        if let Some(&(at, first)) = firsts.get(&id) {
            if let Some(column) = differs(&event_rows[first], row, Table::Events) {
                import.problem(
                    Table::Events,
                    Some(row),
                    Some(column),
                    format!(
                        "event `{id}` is on row {} with a different `{column}`; a repeated id only adds a quote",
                        event_rows[first].number
                    ),
                );
            } else if let Some(span) = span_of(import, Table::Events, row, d) {
                d.events[at].spans.push(span);
                origins.events.entry(at).or_default().push(row.number);
            }
            continue;
        }
        if taken.contains(&id) {
            import.problem(Table::Events, Some(row), Some("id"), format!("`{id}` is already in the dataset"));
            continue;
        }
        let kind = row.get("kind").trim();
        let kind = EventKind::ALL.into_iter().find(|k| k.as_str() == kind || k.label().eq_ignore_ascii_case(kind));
        let Some(kind) = kind else {
            let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
            import.problem(Table::Events, Some(row), Some("kind"), format!("the kind is one of: {}", all.join(", ")));
            continue;
        };
        let status = match row.text("status") {
            None => EventStatus::Occurred,
            Some(s) => match EventStatus::ALL.into_iter().find(|x| x.as_str() == s) {
                Some(x) => x,
                None => {
                    import.problem(
                        Table::Events,
                        Some(row),
                        Some("status"),
                        "the status is `occurred`, `expected` or `alleged`",
                    );
                    EventStatus::Occurred
                }
            },
        };
        let mut date = parse_date(import, Table::Events, row);
        date.anchor = row.text("date_anchor");
        let mut participants = Vec::new();
        for (name, role) in row.roles("persons") {
            match resolver.resolve(&incoming, &name) {
                Ok(entity) => participants.push(Participant { entity, role: role.unwrap_or_else(|| "subject".into()) }),
                Err(e) => import.problem(Table::Events, Some(row), Some("persons"), e),
            }
        }
        let mut places = Vec::new();
        for (name, role) in row.roles("places") {
            let role = match role {
                None => Some(PlaceRole::OccurredIn),
                Some(r) => PlaceRole::ALL.into_iter().find(|x| x.as_str() == r),
            };
            let place = place_index.find(&name).map(|i| d.places[i].id.clone());
            match (place, role) {
                (Some(place), Some(role)) => places.push(EventPlace { place, role }),
                (_, None) => import.problem(
                    Table::Events,
                    Some(row),
                    Some("places"),
                    "a place's role is `occurred_in`, `concerns`, `from` or `to`, as in `Xinjiang:concerns`",
                ),
                (None, _) => import.problem(Table::Events, Some(row), Some("places"), format!("no place `{name}`")),
            }
        }
        let mut alleged_by = Vec::new();
        for who in row.list("alleged_by") {
            match resolver.resolve(&incoming, &who) {
                Ok(id) => alleged_by.push(id),
                Err(e) => import.problem(Table::Events, Some(row), Some("alleged_by"), e),
            }
        }
        let derived = match (row.text("derived_rule"), row.text("derived_reasoning")) {
            (None, None) if row.list("derived_from").is_empty() => None,
            (rule, reasoning) => Some(Derivation {
                rule: rule.unwrap_or_default(),
                reasoning: reasoning.unwrap_or_default(),
                from: row.list("derived_from"),
            }),
        };
        let Some(span) = span_of(import, Table::Events, row, d) else { continue };
        if let Some(words) = row.text("date_quote") {
            date.span = Some(date_span(haystacks.get(span.article.as_str()), &span, &words));
        }
        taken.insert(id.clone());
        firsts.insert(id.clone(), (d.events.len(), k));
        origins.events.insert(d.events.len(), vec![row.number]);
        d.events.push(Event {
            id,
            kind,
            date,
            participants,
            places,
            summary: row.text("summary").unwrap_or_default(),
            status,
            alleged_by,
            spans: vec![span],
            derived,
        });
    }
    let resolver = Resolver::new(d);
    let mut firsts: HashMap<String, (usize, usize)> = HashMap::new();
    for (k, row) in claim_rows.iter().enumerate() {
        let Some(id) = row.text("id") else {
            import.problem(Table::Claims, Some(row), Some("id"), "every claim needs an id");
            continue;
        };
        if let Some(&(at, first)) = firsts.get(&id) {
            if let Some(column) = differs(&claim_rows[first], row, Table::Claims) {
                import.problem(
                    Table::Claims,
                    Some(row),
                    Some(column),
                    format!(
                        "claim `{id}` is on row {} with a different `{column}`; a repeated id only adds a quote",
                        claim_rows[first].number
                    ),
                );
            } else if let Some(span) = span_of(import, Table::Claims, row, d) {
                d.claims[at].spans.push(span);
                origins.claims.entry(at).or_default().push(row.number);
            }
            continue;
        }
        if taken.contains(&id) {
            import.problem(Table::Claims, Some(row), Some("id"), format!("`{id}` is already in the dataset"));
            continue;
        }
        let speaker = match row.text("speaker") {
            None => None,
            Some(name) => match resolver.resolve(&incoming, &name) {
                Ok(id) => Some(id),
                Err(e) => {
                    import.problem(Table::Claims, Some(row), Some("speaker"), e);
                    None
                }
            },
        };
        let direct = match row.get("direct").trim().to_ascii_lowercase().as_str() {
            "yes" | "true" | "y" => true,
            "" | "no" | "false" | "n" => false,
            _ => {
                import.problem(
                    Table::Claims,
                    Some(row),
                    Some("direct"),
                    "`direct` is `yes` (quoted words) or `no` (reported speech)",
                );
                false
            }
        };
        let mut about = Vec::new();
        for name in row.list("about") {
            match resolver.resolve(&incoming, &name) {
                Ok(id) => about.push(id),
                Err(e) => import.problem(Table::Claims, Some(row), Some("about"), e),
            }
        }
        let date = parse_date(import, Table::Claims, row);
        let Some(span) = span_of(import, Table::Claims, row, d) else { continue };
        taken.insert(id.clone());
        firsts.insert(id.clone(), (d.claims.len(), k));
        origins.claims.insert(d.claims.len(), vec![row.number]);
        d.claims.push(Claim {
            id,
            speaker,
            speaker_label: row.text("speaker_label"),
            direct,
            text: row.text("text").unwrap_or_default(),
            about,
            quoted: row.list("quoted"),
            date,
            spans: vec![span],
            ..Claim::default()
        });
    }
    import.rows[1] = event_rows;
    import.rows[2] = claim_rows;
}

/// The body text of each article that a row's `date_quote` is placed in.
fn date_texts(d: &Dataset, rows: &[Row]) -> HashMap<String, String> {
    let mut texts = HashMap::new();
    for row in rows.iter().filter(|r| r.text("date_quote").is_some()) {
        let only = || (d.articles.len() == 1).then(|| d.articles[0].id.clone());
        let Some(id) = row.text("article").or_else(only) else { continue };
        if let Some(article) = d.articles.iter().find(|a| a.id == id)
            && !texts.contains_key(&id)
        {
            texts.insert(id, article.part_text(TextPart::Body));
        }
    }
    texts
}

/// The span of a date's words: looked for first within the event's own quote, where dates are
/// usually written, so a common phrase ("In March") needs no prefix; else in the whole text.
/// `haystack` is the quote's article body, prepared once for every row.
fn date_span(haystack: Option<&Haystack<'_>>, quote: &Span, words: &str) -> Span {
    if let Some(haystack) = haystack
        && let Ok((start, _)) = haystack.place(&quote.exact, quote.prefix.as_deref(), quote.suffix.as_deref())
        && let Some(at) = only_occurrence(&quote.exact, words)
    {
        let before = quote.exact[..at].chars().count() as u32;
        let length = words.chars().count() as u32;
        return Span::at(&quote.article, start + before, start + before + length, words);
    }
    Span::quote(&quote.article, words)
}

/// The byte offset of `words` in `text` if they occur there exactly once, overlaps counted.
fn only_occurrence(text: &str, words: &str) -> Option<usize> {
    let at = text.find(words)?;
    let next = at + text[at..].chars().next().map_or(1, char::len_utf8);
    text[next..].find(words).is_none().then_some(at)
}

/// Turns a problem found by validation into one that names the row and column it comes from.
fn place_problem(import: &Import<'_>, origins: &Origins, problem: &Problem) -> TableProblem {
    let path = problem.path.as_str();
    let index_after = |prefix: &str| -> Option<(usize, &str)> {
        let rest = path.strip_prefix(prefix)?;
        let (n, rest) = rest.split_once(']')?;
        Some((n.parse().ok()?, rest))
    };
    let unplaced = || TableProblem {
        file: "the dataset".into(),
        row: None,
        column: None,
        value: None,
        message: problem.to_string(),
    };
    let (table, rows, column) = if let Some((i, rest)) = index_after("$.events[") {
        let Some(rows) = origins.events.get(&i) else { return unplaced() };
        (Table::Events, (rows, span_index(rest)), event_column(rest))
    } else if let Some((i, rest)) = index_after("$.claims[") {
        let Some(rows) = origins.claims.get(&i) else { return unplaced() };
        (Table::Claims, (rows, span_index(rest)), claim_column(rest))
    } else if let Some((i, rest)) = index_after("$.persons[") {
        let Some(row) = origins.persons.get(&i) else { return unplaced() };
        let column = PERSON_COLUMNS.iter().copied().find(|c| rest.starts_with(&format!(".{c}"))).unwrap_or("name");
        return located(import, Table::Persons, *row, column, &problem.message);
    } else {
        return unplaced();
    };
    let (rows, span) = rows;
    let row = rows.get(span.unwrap_or(0)).or(rows.first()).copied().unwrap_or(0);
    located(import, table, row, column, &problem.message)
}

fn located(import: &Import<'_>, table: Table, row: usize, column: &str, message: &str) -> TableProblem {
    let value = import.rows[table as usize].iter().find(|r| r.number == row).map(|r| r.get(column).to_string());
    TableProblem {
        file: import.names[table as usize].to_string(),
        row: Some(row),
        column: Some(column.to_string()),
        value,
        message: message.to_string(),
    }
}

/// `.spans[j]…` → `j`.
fn span_index(rest: &str) -> Option<usize> {
    rest.strip_prefix(".spans[")?.split(']').next()?.parse().ok()
}

fn event_column(rest: &str) -> &'static str {
    const MAP: &[(&str, &str)] = &[
        (".spans", "quote"),
        (".date.edtf", "date"),
        (".date.basis", "date_basis"),
        (".date.anchor", "date_anchor"),
        (".date.note", "date_note"),
        (".date.span", "date_quote"),
        (".date.bound", "date_bound"),
        (".participants", "persons"),
        (".places", "places"),
        (".summary", "summary"),
        (".alleged_by", "alleged_by"),
        (".derived.from", "derived_from"),
        (".derived", "derived_rule"),
        (".kind", "kind"),
        (".status", "status"),
    ];
    MAP.iter().find(|(p, _)| rest.starts_with(p)).map_or("id", |(_, c)| c)
}

fn claim_column(rest: &str) -> &'static str {
    const MAP: &[(&str, &str)] = &[
        (".spans", "quote"),
        (".date.edtf", "date"),
        (".date.basis", "date_basis"),
        (".date", "date"),
        (".speaker_label", "speaker_label"),
        (".speaker", "speaker"),
        (".text", "text"),
        (".about", "about"),
        (".quoted", "quoted"),
    ];
    MAP.iter().find(|(p, _)| rest.starts_with(p)).map_or("id", |(_, c)| c)
}

#[cfg(test)]
mod tests;
