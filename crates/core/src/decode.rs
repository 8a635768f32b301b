//! From a parsed JSON tree to the [`Dataset`] model, reporting every value that does not fit,
//! each with its JSONPath and line:column, rather than stopping at the first.
//!
//! The rules are the model's serde attributes, written out once: required fields, fields with a
//! default, `null` meaning "absent" for optional fields, no unknown or repeated keys, and enums by
//! their snake_case names. `tests/decode_agrees.rs` checks that this reader and the serde model
//! accept the same documents and read them to the same values.

use std::fmt;

use crate::json::{Node, Value, line_columns};
use crate::model::{
    Affiliation, Alias, AliasSource, Article, Claim, Dataset, DateBasis, Derivation, Event, EventDate, EventKind,
    EventStatus, Organization, Participant, Person, PersonKind, Place, Span,
};

/// A value that does not have the shape the format gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// JSONPath of the value (or of the object missing a field).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (line {}, column {}): {}", self.path, self.line, self.column, self.message)
    }
}

/// Reads a dataset from its parsed JSON; on failure, every problem in document order.
pub fn dataset(text: &str, root: Node<'_>) -> Result<Dataset, Vec<ShapeProblem>> {
    let mut reader = Reader { problems: Vec::new() };
    let dataset = reader.dataset(root);
    match dataset {
        Some(d) if reader.problems.is_empty() => Ok(d),
        _ => {
            reader.problems.sort_by_key(|p| p.0);
            let offsets: Vec<usize> = reader.problems.iter().map(|p| p.0).collect();
            let positions = line_columns(text, &offsets);
            Err(reader
                .problems
                .into_iter()
                .zip(positions)
                .map(|((_, path, message), (line, column))| ShapeProblem { path, message, line, column })
                .collect())
        }
    }
}

type Read<T> = fn(&mut Reader, Node<'_>, &str) -> Option<T>;

struct Reader {
    problems: Vec<(usize, String, String)>,
}

/// An object's members sorted into the slots of the fields it may have.
struct Fields<'a> {
    path: String,
    at: usize,
    names: &'static [&'static str],
    slots: Vec<Option<Node<'a>>>,
}

impl Reader {
    fn problem(&mut self, at: usize, path: &str, message: String) {
        self.problems.push((at, path.to_string(), message));
    }

    fn wrong_type(&mut self, node: &Node<'_>, path: &str, expected: &str) {
        self.problem(node.at, path, format!("invalid type: {}, expected {expected}", node.value.describe()));
    }

    fn string(&mut self, node: Node<'_>, path: &str) -> Option<String> {
        match node.value {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(&node, path, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, node: Node<'_>, path: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(&node, path, "true or false");
                None
            }
        }
    }

    fn offset(&mut self, node: Node<'_>, path: &str) -> Option<u32> {
        const EXPECTED: &str = "a whole number from 0 to 4294967295";
        match node.value {
            Value::Number(n) if !n.contains(['.', 'e', 'E']) => match n.parse::<u32>() {
                Ok(v) => Some(v),
                Err(_) => {
                    self.problem(node.at, path, format!("invalid value: {n}, expected {EXPECTED}"));
                    None
                }
            },
            _ => {
                self.wrong_type(&node, path, EXPECTED);
                None
            }
        }
    }

    fn list<T>(&mut self, node: Node<'_>, path: &str, item: Read<T>) -> Option<Vec<T>> {
        let Value::Array(items) = node.value else {
            self.wrong_type(&node, path, "a list");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut complete = true;
        for (i, child) in items.into_iter().enumerate() {
            match item(self, child, &format!("{path}[{i}]")) {
                Some(v) => out.push(v),
                None => complete = false,
            }
        }
        complete.then_some(out)
    }

    fn strings(&mut self, node: Node<'_>, path: &str) -> Option<Vec<String>> {
        self.list(node, path, Reader::string)
    }

    /// One of an enum's values, by the name `name_of` gives it.
    fn variant<T: Copy>(&mut self, node: Node<'_>, path: &str, all: &[T], name_of: fn(T) -> &'static str) -> Option<T> {
        let at = node.at;
        let name = self.string(node, path)?;
        if let Some(v) = all.iter().find(|v| name_of(**v) == name) {
            return Some(*v);
        }
        let expected: Vec<String> = all.iter().map(|v| format!("`{}`", name_of(*v))).collect();
        self.problem(at, path, format!("unknown variant `{name}`, expected one of {}", expected.join(", ")));
        None
    }

    /// Sorts an object's members into `names`, reporting unknown and repeated keys.
    fn object<'a>(&mut self, node: Node<'a>, path: &str, names: &'static [&'static str]) -> Option<Fields<'a>> {
        let Value::Object(members) = node.value else {
            self.wrong_type(&node, path, "an object");
            return None;
        };
        let mut fields = Fields { path: path.to_string(), at: node.at, names, slots: vec![None; names.len()] };
        for member in members {
            let key_path = || format!("{path}.{}", member.key);
            match names.iter().position(|n| *n == member.key) {
                None => {
                    let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                    let message = format!("unknown field `{}`, expected one of {}", member.key, expected.join(", "));
                    self.problem(member.key_at, &key_path(), message);
                }
                Some(i) if fields.slots[i].is_some() => {
                    self.problem(member.key_at, &key_path(), format!("duplicate field `{}`", member.key));
                }
                Some(i) => fields.slots[i] = Some(member.node),
            }
        }
        // Any problem fails the whole dataset, so the known fields are still read after an unknown
        // or repeated key: their own problems are reported in the same pass.
        Some(fields)
    }

    fn dataset(&mut self, root: Node<'_>) -> Option<Dataset> {
        const NAMES: &[&str] =
            &["format", "description", "articles", "persons", "organizations", "places", "events", "claims"];
        let mut f = self.object(root, "$", NAMES)?;
        let format = f.required(self, "format", Reader::string);
        let description = f.optional(self, "description", Reader::string);
        let articles = f.required(self, "articles", |r, n, p| r.list(n, p, Reader::article));
        let persons = f.or_default(self, "persons", |r, n, p| r.list(n, p, Reader::person));
        let organizations = f.or_default(self, "organizations", |r, n, p| r.list(n, p, Reader::organization));
        let places = f.or_default(self, "places", |r, n, p| r.list(n, p, Reader::place));
        let events = f.or_default(self, "events", |r, n, p| r.list(n, p, Reader::event));
        let claims = f.or_default(self, "claims", |r, n, p| r.list(n, p, Reader::claim));
        Some(Dataset {
            format: format?,
            description: description?,
            articles: articles?,
            persons: persons?,
            organizations: organizations?,
            places: places?,
            events: events?,
            claims: claims?,
        })
    }

    fn article(&mut self, node: Node<'_>, path: &str) -> Option<Article> {
        const NAMES: &[&str] =
            &["id", "title", "subtitle", "author", "publisher", "published", "url", "language", "paragraphs"];
        let mut f = self.object(node, path, NAMES)?;
        let id = f.required(self, "id", Reader::string);
        let title = f.required(self, "title", Reader::string);
        let subtitle = f.optional(self, "subtitle", Reader::string);
        let author = f.required(self, "author", Reader::string);
        let publisher = f.required(self, "publisher", Reader::string);
        let published = f.required(self, "published", Reader::string);
        let url = f.optional(self, "url", Reader::string);
        let language = f.required(self, "language", Reader::string);
        let paragraphs = f.required(self, "paragraphs", Reader::strings);
        Some(Article {
            id: id?,
            title: title?,
            subtitle: subtitle?,
            author: author?,
            publisher: publisher?,
            published: published?,
            url: url?,
            language: language?,
            paragraphs: paragraphs?,
        })
    }

    fn span(&mut self, node: Node<'_>, path: &str) -> Option<Span> {
        let mut f = self.object(node, path, &["article", "start", "end", "exact"])?;
        let article = f.required(self, "article", Reader::string);
        let start = f.required(self, "start", Reader::offset);
        let end = f.required(self, "end", Reader::offset);
        let exact = f.required(self, "exact", Reader::string);
        Some(Span { article: article?, start: start?, end: end?, exact: exact? })
    }

    fn spans(&mut self, node: Node<'_>, path: &str) -> Option<Vec<Span>> {
        self.list(node, path, Reader::span)
    }

    fn alias(&mut self, node: Node<'_>, path: &str) -> Option<Alias> {
        let mut f = self.object(node, path, &["name", "source"])?;
        let name = f.required(self, "name", Reader::string);
        let source = f.required(self, "source", Reader::alias_source);
        Some(Alias { name: name?, source: source? })
    }

    fn aliases(&mut self, node: Node<'_>, path: &str) -> Option<Vec<Alias>> {
        self.list(node, path, Reader::alias)
    }

    /// `{"kind": "article", ...}` or `{"kind": "report", ...}`: the tag picks the fields allowed.
    fn alias_source(&mut self, node: Node<'_>, path: &str) -> Option<AliasSource> {
        #[derive(Clone, Copy)]
        enum Kind {
            Article,
            Report,
        }
        let Value::Object(members) = &node.value else {
            self.wrong_type(&node, path, "an object");
            return None;
        };
        let Some(tag) = members.iter().find(|m| m.key == "kind") else {
            self.problem(node.at, path, "missing field `kind`".into());
            return None;
        };
        let kind_path = format!("{path}.kind");
        let name_of = |k| match k {
            Kind::Article => "article",
            Kind::Report => "report",
        };
        let kind = self.variant(tag.node.clone(), &kind_path, &[Kind::Article, Kind::Report], name_of)?;
        match kind {
            Kind::Article => {
                let mut f = self.object(node, path, &["kind", "article"])?;
                f.take("kind");
                let article = f.required(self, "article", Reader::string);
                Some(AliasSource::Article { article: article? })
            }
            Kind::Report => {
                let mut f = self.object(node, path, &["kind", "title", "publisher", "date", "url"])?;
                f.take("kind");
                let title = f.required(self, "title", Reader::string);
                let publisher = f.required(self, "publisher", Reader::string);
                let date = f.required(self, "date", Reader::string);
                let url = f.optional(self, "url", Reader::string);
                Some(AliasSource::Report { title: title?, publisher: publisher?, date: date?, url: url? })
            }
        }
    }

    fn affiliation(&mut self, node: Node<'_>, path: &str) -> Option<Affiliation> {
        let mut f = self.object(node, path, &["organization", "role"])?;
        let organization = f.required(self, "organization", Reader::string);
        let role = f.optional(self, "role", Reader::string);
        Some(Affiliation { organization: organization?, role: role? })
    }

    fn person(&mut self, node: Node<'_>, path: &str) -> Option<Person> {
        const NAMES: &[&str] = &["id", "name", "kind", "aliases", "description", "roles", "affiliations", "members"];
        let mut f = self.object(node, path, NAMES)?;
        let id = f.required(self, "id", Reader::string);
        let name = f.required(self, "name", Reader::string);
        let kind = f.or_default(self, "kind", |r, n, p| r.variant(n, p, &PersonKind::ALL, PersonKind::as_str));
        let aliases = f.or_default(self, "aliases", Reader::aliases);
        let description = f.optional(self, "description", Reader::string);
        let roles = f.or_default(self, "roles", Reader::strings);
        let affiliations = f.or_default(self, "affiliations", |r, n, p| r.list(n, p, Reader::affiliation));
        let members = f.or_default(self, "members", Reader::strings);
        Some(Person {
            id: id?,
            name: name?,
            kind: kind?,
            aliases: aliases?,
            description: description?,
            roles: roles?,
            affiliations: affiliations?,
            members: members?,
        })
    }

    fn organization(&mut self, node: Node<'_>, path: &str) -> Option<Organization> {
        let mut f = self.object(node, path, &["id", "name", "aliases", "description", "part_of"])?;
        let id = f.required(self, "id", Reader::string);
        let name = f.required(self, "name", Reader::string);
        let aliases = f.or_default(self, "aliases", Reader::aliases);
        let description = f.optional(self, "description", Reader::string);
        let part_of = f.optional(self, "part_of", Reader::string);
        Some(Organization { id: id?, name: name?, aliases: aliases?, description: description?, part_of: part_of? })
    }

    fn place(&mut self, node: Node<'_>, path: &str) -> Option<Place> {
        let mut f = self.object(node, path, &["id", "name", "aliases", "part_of"])?;
        let id = f.required(self, "id", Reader::string);
        let name = f.required(self, "name", Reader::string);
        let aliases = f.or_default(self, "aliases", Reader::aliases);
        let part_of = f.optional(self, "part_of", Reader::string);
        Some(Place { id: id?, name: name?, aliases: aliases?, part_of: part_of? })
    }

    fn date(&mut self, node: Node<'_>, path: &str) -> Option<EventDate> {
        let mut f = self.object(node, path, &["edtf", "basis", "anchor", "note", "span"])?;
        let edtf = f.optional(self, "edtf", Reader::string);
        let basis = f.or_default(self, "basis", |r, n, p| r.variant(n, p, &DateBasis::ALL, DateBasis::as_str));
        let anchor = f.optional(self, "anchor", Reader::string);
        let note = f.optional(self, "note", Reader::string);
        let span = f.optional(self, "span", Reader::span);
        Some(EventDate { edtf: edtf?, basis: basis?, anchor: anchor?, note: note?, span: span? })
    }

    fn participant(&mut self, node: Node<'_>, path: &str) -> Option<Participant> {
        let mut f = self.object(node, path, &["entity", "role"])?;
        let entity = f.required(self, "entity", Reader::string);
        let role = f.required(self, "role", Reader::string);
        Some(Participant { entity: entity?, role: role? })
    }

    fn derivation(&mut self, node: Node<'_>, path: &str) -> Option<Derivation> {
        let mut f = self.object(node, path, &["rule", "reasoning", "from"])?;
        let rule = f.required(self, "rule", Reader::string);
        let reasoning = f.required(self, "reasoning", Reader::string);
        let from = f.or_default(self, "from", Reader::strings);
        Some(Derivation { rule: rule?, reasoning: reasoning?, from: from? })
    }

    fn event(&mut self, node: Node<'_>, path: &str) -> Option<Event> {
        const NAMES: &[&str] =
            &["id", "kind", "date", "participants", "places", "summary", "status", "spans", "derived"];
        let mut f = self.object(node, path, NAMES)?;
        let id = f.required(self, "id", Reader::string);
        let kind = f.required(self, "kind", |r, n, p| r.variant(n, p, &EventKind::ALL, EventKind::as_str));
        let date = f.or_default(self, "date", Reader::date);
        let participants = f.or_default(self, "participants", |r, n, p| r.list(n, p, Reader::participant));
        let places = f.or_default(self, "places", Reader::strings);
        let summary = f.required(self, "summary", Reader::string);
        let status = f.or_default(self, "status", |r, n, p| r.variant(n, p, &EventStatus::ALL, EventStatus::as_str));
        let spans = f.required(self, "spans", Reader::spans);
        let derived = f.optional(self, "derived", Reader::derivation);
        Some(Event {
            id: id?,
            kind: kind?,
            date: date?,
            participants: participants?,
            places: places?,
            summary: summary?,
            status: status?,
            spans: spans?,
            derived: derived?,
        })
    }

    fn claim(&mut self, node: Node<'_>, path: &str) -> Option<Claim> {
        const NAMES: &[&str] =
            &["id", "speaker", "speaker_label", "direct", "text", "about", "audience", "date", "spans"];
        let mut f = self.object(node, path, NAMES)?;
        let id = f.required(self, "id", Reader::string);
        let speaker = f.optional(self, "speaker", Reader::string);
        let speaker_label = f.optional(self, "speaker_label", Reader::string);
        let direct = f.required(self, "direct", Reader::boolean);
        let text = f.required(self, "text", Reader::string);
        let about = f.or_default(self, "about", Reader::strings);
        let audience = f.optional(self, "audience", Reader::string);
        let date = f.or_default(self, "date", Reader::date);
        let spans = f.required(self, "spans", Reader::spans);
        Some(Claim {
            id: id?,
            speaker: speaker?,
            speaker_label: speaker_label?,
            direct: direct?,
            text: text?,
            about: about?,
            audience: audience?,
            date: date?,
            spans: spans?,
        })
    }
}

impl<'a> Fields<'a> {
    fn take(&mut self, name: &str) -> Option<Node<'a>> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.slots[i].take()
    }

    fn field_path(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }

    /// A field that must be present (`null` is a value of the wrong type, not absence).
    fn required<T>(&mut self, reader: &mut Reader, name: &str, read: Read<T>) -> Option<T> {
        match self.take(name) {
            Some(node) => read(reader, node, &self.field_path(name)),
            None => {
                reader.problem(self.at, &self.path, format!("missing field `{name}`"));
                None
            }
        }
    }

    /// A field that may be absent or `null`: `Some(None)` then, `None` when present but wrong.
    fn optional<T>(&mut self, reader: &mut Reader, name: &str, read: Read<T>) -> Option<Option<T>> {
        match self.take(name) {
            None | Some(Node { value: Value::Null, .. }) => Some(None),
            Some(node) => read(reader, node, &self.field_path(name)).map(Some),
        }
    }

    /// A field that takes its default when absent (but not when `null`).
    fn or_default<T: Default>(&mut self, reader: &mut Reader, name: &str, read: Read<T>) -> Option<T> {
        match self.take(name) {
            None => Some(T::default()),
            Some(node) => read(reader, node, &self.field_path(name)),
        }
    }
}
