//! A draft made from scratch through edits, as the annotator makes one.

use super::*;
use crate::format::model::{
    Claim, Dataset, DateBasis, Event, EventDate, EventKind, EventPlace, Participant, Person, PersonKind, Place, Span,
};
use crate::format::new::ArticleInfo;
use crate::format::read::Limits;
use crate::format::tables::Table;
use crate::view::reader::{Mark, MarkKind, paragraphs};

const TEXT: &str = "Ann Lee crossed the border from Eastland on May 5, 2020. A week later she told reporters \
“it was hard”. Ann and Bo, the couple, left in 2021.\n\nIn Westland, Ann Lee was granted asylum in March.";

const ARTICLE: &str = "a-week-later";

fn started() -> Draft {
    let info = ArticleInfo {
        title: "A week later".into(),
        publisher: "Sample News".into(),
        published: "2021-06-01".into(),
        ..ArticleInfo::default()
    };
    Draft::start(TEXT, info).unwrap_or_else(|p| panic!("{p}"))
}

/// The span of the first place `words` occur in the first article, as a pointer selection gives it.
fn select(draft: &Draft, words: &str) -> Span {
    let article = &draft.dataset().articles[0];
    let text = article.text();
    let byte = text.find(words).unwrap_or_else(|| panic!("{words:?} is in the text"));
    let start = text[..byte].chars().count() as u32;
    let end = start + words.chars().count() as u32;
    draft.span_from_offsets(&article.id, start, end).unwrap_or_else(|e| panic!("{e}"))
}

fn ok(draft: &mut Draft, edit: Edit) -> Applied {
    draft.apply(edit).unwrap_or_else(|p| panic!("{:#?}", p.problems))
}

fn event(draft: &Draft, words: &str, edtf: Option<&str>, summary: &str) -> Event {
    Event {
        id: String::new(),
        kind: EventKind::BorderCrossing,
        date: EventDate {
            edtf: edtf.map(str::to_string),
            basis: if edtf.is_some() { DateBasis::Stated } else { DateBasis::NotGiven },
            ..EventDate::default()
        },
        participants: vec![Participant { entity: "ann-lee".into(), role: "subject".into() }],
        places: Vec::new(),
        summary: summary.into(),
        status: Default::default(),
        alleged_by: Vec::new(),
        spans: vec![select(draft, words)],
        derived: None,
    }
}

/// A person, an event and a claim, each from the words that support it.
fn annotated() -> Draft {
    let mut draft = started();
    let person = draft.person_from(select(&draft, "Ann Lee"));
    ok(&mut draft, Edit::Add(Fact::Person(person)));
    let crossing = event(&draft, "crossed the border from Eastland", Some("2020-05-05"), "Ann Lee crossed.");
    ok(&mut draft, Edit::Add(Fact::Event(crossing)));
    let quote = QuoteInput { exact: "she told reporters “it was hard”".into(), ..QuoteInput::default() };
    let said = draft.span_from_quote(ARTICLE, &quote).unwrap_or_else(|e| panic!("{e}"));
    let claim = Claim {
        speaker: Some("ann-lee".into()),
        direct: true,
        text: "it was hard".into(),
        about: vec!["border-crossing-ann-lee-crossed".into()],
        spans: vec![said],
        ..Claim::default()
    };
    ok(&mut draft, Edit::Add(Fact::Claim(claim)));
    draft
}

#[test]
fn a_person_an_event_and_a_claim_are_made_from_selections() {
    let draft = annotated();
    let d = draft.dataset();
    assert_eq!(d.articles[0].id, ARTICLE, "the article's id comes from its title");
    assert_eq!(d.articles[0].paragraphs.len(), 2);
    let person = &d.persons[0];
    assert_eq!((person.id.as_str(), person.name.as_str()), ("ann-lee", "Ann Lee"));
    assert_eq!(person.spans[0].range(), Some((0, 7)));
    assert_eq!(person.spans[0].prefix, None, "nothing comes before the article's first word");
    assert_eq!(person.spans[0].suffix.as_deref(), Some(" crossed the border from Eastlan"));
    let event = &d.events[0];
    assert_eq!(event.id, "border-crossing-ann-lee-crossed", "a fresh id from its kind and summary");
    assert_eq!(event.spans[0].range(), Some((8, 40)));
    let claim = &d.claims[0];
    assert_eq!(claim.id, "claim-it-was-hard");
    assert_eq!(claim.spans[0].exact, "she told reporters “it was hard”");
    assert!(crate::validate(d).is_empty());
    assert!(draft.pending().is_empty() && draft.orphans().is_empty());
}

/// The reader highlights the mentions of a selected person; the page counts a selection's ends
/// in each paragraph's text, across the `<mark>`s.
#[test]
fn a_selection_crossing_a_highlighted_mention() {
    let draft = annotated();
    let catalog = draft.catalog();
    let marks: Vec<Mark> = catalog
        .mentions(ARTICLE, "ann-lee")
        .into_iter()
        .map(|(start, end)| Mark { start, end, kind: MarkKind::Mention })
        .collect();
    let article = &draft.dataset().articles[0];
    let second = &paragraphs(article, &marks, None, None)[1];
    let texts: Vec<&str> = second.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["In Westland, ", "Ann Lee", " was granted asylum in March."]);
    assert!(second[1].mention);
    // From "Westland" in the first text node to "granted" in the node after the mark.
    let dom = |segment: usize, within: u32| -> u32 {
        second[..segment].iter().map(|s| s.text.encode_utf16().count() as u32).sum::<u32>() + within
    };
    let start = ReaderPoint { paragraph: 1, offset: dom(0, 3) };
    let end = ReaderPoint { paragraph: 1, offset: dom(2, 12) };
    let span = draft.span_from_reader(ARTICLE, start, end, Units::Utf16).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(span.exact, "Westland, Ann Lee was granted");
    assert_eq!(span.start, Some(second[0].start + 3));
    let mut draft = draft;
    let asylum = Event {
        kind: EventKind::AsylumGranted,
        date: EventDate {
            edtf: Some("2021-03".into()),
            basis: DateBasis::RelativeToPublication,
            note: Some("March before the June publication".into()),
            ..EventDate::default()
        },
        spans: vec![span],
        ..event(&draft, "granted asylum", None, "Ann Lee was granted asylum in Westland.")
    };
    let applied = ok(&mut draft, Edit::Add(Fact::Event(asylum)));
    assert_eq!(applied.fact.map(|f| (f.kind, f.index)), Some((FactKind::Event, 1)));
}

#[test]
fn a_typed_quote_found_nowhere_or_twice_is_refused_with_the_clis_words() {
    let draft = annotated();
    let none =
        draft.span_from_quote(ARTICLE, &QuoteInput { exact: "crossed the frontier".into(), ..QuoteInput::default() });
    let none = none.err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(none.problem, SelectionProblem::NotFound);
    assert_eq!(none.message, format!("the quote “crossed the frontier” does not occur in article `{ARTICLE}`"));
    let twice = draft.span_from_quote(ARTICLE, &QuoteInput { exact: "Ann Lee".into(), ..QuoteInput::default() });
    let twice = twice.err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(twice.problem, SelectionProblem::Ambiguous);
    assert!(
        twice.message.starts_with("the quote “Ann Lee” occurs 2 times in article `a-week-later`; add a `prefix`"),
        "{}",
        twice.message
    );
    assert_eq!(twice.places.len(), 2);
    // The message is the validator's for a dataset whose span gives the same quote alone.
    let mut d = draft.dataset().clone();
    d.persons[0].spans[0] = Span::quote(ARTICLE, "Ann Lee");
    let problems = crate::validate(&d);
    assert_eq!(problems.list[0].message, twice.message);
    // A quote-only span in an edit is placed by the same rule, and refused beside its field.
    let mut draft = draft;
    let mut crossing = event(&draft, "Eastland", None, "Ann Lee crossed.");
    crossing.spans.push(Span::quote(ARTICLE, "Ann"));
    let refused = draft.apply(Edit::Add(Fact::Event(crossing))).err().unwrap_or_else(|| panic!("refused"));
    let beside: Vec<&FieldProblem> = refused.on(Field::Spans).collect();
    assert_eq!((beside.len(), beside[0].item, beside[0].kind.as_str()), (1, Some(1), "QuoteAmbiguous"));
}

#[test]
fn an_invalid_date_is_refused_beside_the_date_field_and_nothing_changes() {
    let mut draft = annotated();
    let before = draft.dataset().clone();
    let bad = event(&draft, "left in 2021", Some("2021-13"), "Ann and Bo left.");
    let refused = draft.apply(Edit::Add(Fact::Event(bad))).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(refused.total, 1);
    let on_date: Vec<&FieldProblem> = refused.on(Field::Date).collect();
    assert_eq!(on_date.len(), 1);
    let problem = on_date[0];
    assert_eq!(problem.path, "$.events[1].date.edtf");
    assert_eq!(problem.kind, "InvalidDate");
    assert_eq!(
        problem.message,
        "`2021-13` is not a valid EDTF date: month 13 does not exist (01–12, or 21–24 for seasons)"
    );
    assert_eq!(problem.fact.as_ref().map(|f| f.id.as_str()), Some("border-crossing-ann-and-bo-left"));
    assert_eq!(draft.dataset(), &before, "the draft is unchanged");
    // Undo still takes back the last accepted edit, the claim.
    assert!(draft.undo());
    assert_eq!(draft.dataset().claims.len(), 0);
    // A stated basis without a date goes beside the basis; a missing summary beside the summary.
    let mut undated = event(&draft, "left in 2021", None, " ");
    undated.date.basis = DateBasis::Stated;
    let refused = draft.apply(Edit::Add(Fact::Event(undated))).err().unwrap_or_else(|| panic!("refused"));
    let fields: Vec<Field> = refused.problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, [Field::Summary, Field::DateBasis]);
    // Replacing an existing fact with a bad date names it where it is.
    let mut changed = draft.fact("border-crossing-ann-lee-crossed").unwrap_or_else(|| panic!("the event"));
    if let Fact::Event(e) = &mut changed {
        e.date.edtf = Some("2020-02-30".into());
    }
    let id = changed.id().to_string();
    let refused = draft.apply(Edit::Replace { id, fact: changed }).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(refused.on(Field::Date).map(|p| p.path.as_str()).collect::<Vec<_>>(), ["$.events[0].date.edtf"]);
}

#[test]
fn a_save_of_several_edits_is_kept_whole_or_not_at_all() {
    let mut draft = annotated();
    assert!(draft.undo() && draft.undo(), "two edits to redo");
    let before = draft.dataset().clone();
    // A new place, then an event naming it with a month that does not exist: neither is kept.
    let place = Place { id: "eastland".into(), name: "Eastland".into(), ..Place::default() };
    let mut bad = event(&draft, "left in 2021", Some("2021-13"), "Ann and Bo left.");
    bad.places = vec![EventPlace { place: "eastland".into(), role: Default::default() }];
    let edits = vec![Edit::Add(Fact::Place(place.clone())), Edit::Add(Fact::Event(bad.clone()))];
    let refused = draft.apply_all(edits).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(refused.on(Field::Date).count(), 1, "{:#?}", refused.problems);
    assert_eq!(draft.dataset(), &before, "the place went with the event");
    assert!(draft.can_redo(), "the redo history is as it was");
    assert!(draft.redo());
    assert_eq!(draft.dataset().events.len(), 1);
    assert!(draft.undo());
    // Valid, both are kept, and the last edit is what the save reports.
    bad.date.edtf = Some("2021".into());
    let edits = vec![Edit::Add(Fact::Place(place)), Edit::Add(Fact::Event(bad))];
    let applied = draft.apply_all(edits).unwrap_or_else(|p| panic!("{:#?}", p.problems));
    assert_eq!(applied.fact.map(|f| f.id).as_deref(), Some("border-crossing-ann-and-bo-left"));
    assert_eq!(draft.dataset().places.len(), 1);
    assert_eq!(draft.dataset().events[0].places[0].place, "eastland");
    // One save is one step: undo takes the event and its place back together, redo makes both.
    let saved = draft.dataset().clone();
    assert!(draft.undo());
    assert_eq!((draft.dataset().places.len(), draft.dataset().events.len()), (0, 0));
    assert!(draft.redo());
    assert_eq!(draft.dataset(), &saved);
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut draft = started();
    assert!(!draft.can_undo() && !draft.can_redo());
    assert!(!draft.undo() && !draft.redo());
    let person = draft.person_from(select(&draft, "Bo"));
    ok(&mut draft, Edit::Add(Fact::Person(person)));
    let ann = draft.person_from(select(&draft, "Westland, Ann Lee"));
    assert_eq!(ann.name, "Westland, Ann Lee");
    let ann = Person { name: "Ann Lee".into(), id: String::new(), ..ann };
    ok(&mut draft, Edit::Add(Fact::Person(ann)));
    let renamed = Person { name: "Bo Lee".into(), ..draft.dataset().persons[0].clone() };
    ok(&mut draft, Edit::Replace { id: "bo".into(), fact: Fact::Person(renamed) });
    let states = |d: &Draft| d.dataset().persons.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(states(&draft), ["Bo Lee", "Ann Lee"]);
    assert!(draft.undo());
    assert_eq!(states(&draft), ["Bo", "Ann Lee"]);
    assert!(draft.undo());
    assert_eq!(states(&draft), ["Bo"]);
    assert!(draft.can_undo() && draft.can_redo());
    assert!(draft.redo());
    assert_eq!(states(&draft), ["Bo", "Ann Lee"]);
    assert!(draft.redo());
    assert_eq!(states(&draft), ["Bo Lee", "Ann Lee"]);
    assert!(!draft.redo());
    assert!(draft.undo() && draft.undo() && draft.undo());
    assert_eq!(states(&draft), Vec::<String>::new());
    assert!(!draft.undo() && draft.can_redo());
    // A new edit after undoing forgets what could be redone.
    assert!(draft.redo());
    let group = Person { id: "pair".into(), name: "the pair".into(), kind: PersonKind::Group, ..Person::default() };
    let refused = draft.apply(Edit::Add(Fact::Person(group.clone())));
    assert_eq!(refused.err().map(|p| p.problems[0].field), Some(Field::Members), "a group needs two members");
    assert!(draft.can_redo(), "a refused edit keeps the redo history");
    let removed = draft.apply(Edit::Delete { id: "bo".into() }).map(|a| a.fact.map(|f| f.id));
    assert_eq!(removed.ok().flatten().as_deref(), Some("bo"));
    assert!(!draft.can_redo());
    assert!(draft.undo());
    assert_eq!(states(&draft), ["Bo"]);
    // Replacing a fact with itself changes nothing and is not a step.
    let same = draft.fact("bo").unwrap_or_else(|| panic!("bo"));
    ok(&mut draft, Edit::Replace { id: "bo".into(), fact: same });
    assert!(draft.undo());
    assert!(draft.dataset().persons.is_empty());
}

#[test]
fn deleting_or_renaming_a_fact_others_refer_to_is_refused() {
    let mut draft = annotated();
    let bo = draft.person_from(select(&draft, "Bo"));
    ok(&mut draft, Edit::Add(Fact::Person(bo)));
    let couple = Person {
        name: "the couple".into(),
        kind: PersonKind::Group,
        members: vec!["ann-lee".into(), "bo".into()],
        spans: vec![select(&draft, "Ann and Bo, the couple")],
        ..Person::default()
    };
    ok(&mut draft, Edit::Add(Fact::Person(couple)));
    let before = draft.dataset().clone();
    let refused = draft.apply(Edit::Delete { id: "ann-lee".into() }).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(draft.dataset(), &before);
    let summary = &refused.problems[0];
    assert!(summary.own);
    assert_eq!(
        summary.message,
        "person `ann-lee` cannot be deleted while other facts refer to it: person `the-couple` (members), event \
         `border-crossing-ann-lee-crossed` (participants), claim `claim-it-was-hard` (speaker). Remove those \
         references first"
    );
    let elsewhere: Vec<(String, Field, Option<usize>)> =
        refused.elsewhere().map(|p| (p.fact.clone().map(|f| f.id).unwrap_or_default(), p.field, p.item)).collect();
    assert_eq!(
        elsewhere,
        [
            ("the-couple".to_string(), Field::Members, Some(0)),
            ("border-crossing-ann-lee-crossed".to_string(), Field::Participants, Some(0)),
            ("claim-it-was-hard".to_string(), Field::Speaker, None),
        ]
    );
    // An event the claim is about cannot go either; a new id for the person is refused the same way.
    let refused = draft.apply(Edit::Delete { id: "border-crossing-ann-lee-crossed".into() });
    assert!(refused.err().is_some_and(|p| p.problems[0].message.contains("claim `claim-it-was-hard` (about)")));
    let mut renamed = draft.fact("ann-lee").unwrap_or_else(|| panic!("ann-lee"));
    *renamed.id_mut() = "ann".into();
    let refused =
        draft.apply(Edit::Replace { id: "ann-lee".into(), fact: renamed }).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(refused.on(Field::Id).count(), 1);
    assert!(
        refused.problems[0].message.starts_with("other facts refer to `ann-lee`: person `the-couple` (members), event"),
        "{}",
        refused.problems[0].message
    );
    // Once nothing refers to it, it goes; undo brings it back in its place.
    ok(&mut draft, Edit::Delete { id: "claim-it-was-hard".into() });
    ok(&mut draft, Edit::Delete { id: "border-crossing-ann-lee-crossed".into() });
    ok(&mut draft, Edit::Delete { id: "the-couple".into() });
    let applied = ok(&mut draft, Edit::Delete { id: "ann-lee".into() });
    assert_eq!(applied.fact.map(|f| (f.kind, f.index)), Some((FactKind::Person, 0)));
    assert!(draft.undo());
    assert_eq!(draft.dataset().persons[0].id, "ann-lee");
    let unknown = draft.apply(Edit::Delete { id: "nobody".into() }).err().map(|p| p.problems[0].message.clone());
    assert_eq!(unknown.as_deref(), Some("no fact has the id `nobody`"));
}

#[test]
fn a_clash_of_ids_is_said_of_the_edited_fact() {
    let mut draft = annotated();
    let bo = Person { id: "bo".into(), name: "Bo".into(), ..Person::default() };
    ok(&mut draft, Edit::Add(Fact::Person(bo)));
    // Renaming the first person to the second's id: the validator reports it on the second.
    let mut ann = draft.fact("claim-it-was-hard").unwrap_or_else(|| panic!("claim"));
    *ann.id_mut() = "bo".into();
    let refused = draft
        .apply(Edit::Replace { id: "claim-it-was-hard".into(), fact: ann })
        .err()
        .unwrap_or_else(|| panic!("refused"));
    let own: Vec<&FieldProblem> = refused.on(Field::Id).collect();
    assert_eq!(own.len(), 1, "{refused:#?}");
    assert_eq!(own[0].fact.as_ref().map(|f| (f.kind, f.index)), Some((FactKind::Claim, 0)));
    assert!(own[0].message.starts_with("id `bo` is already used at $.persons[1].id"), "{}", own[0].message);
}

#[test]
fn evidence_is_added_replaced_and_removed() {
    let mut draft = annotated();
    let id = "border-crossing-ann-lee-crossed".to_string();
    let more = select(&draft, "on May 5, 2020");
    ok(&mut draft, Edit::AddEvidence { id: id.clone(), span: more.clone() });
    assert_eq!(draft.dataset().events[0].spans.len(), 2);
    let twice = draft.apply(Edit::AddEvidence { id: id.clone(), span: more }).err();
    assert_eq!(twice.map(|p| p.problems[0].message.clone()), Some(format!("`{id}` already has these words as a span")));
    let other = select(&draft, "from Eastland");
    ok(&mut draft, Edit::ReplaceEvidence { id: id.clone(), slot: SpanSlot::Spans(1), span: other });
    assert_eq!(draft.dataset().events[0].spans[1].exact, "from Eastland");
    ok(&mut draft, Edit::RemoveEvidence { id: id.clone(), slot: SpanSlot::Spans(1) });
    let last = draft.apply(Edit::RemoveEvidence { id: id.clone(), slot: SpanSlot::Spans(0) }).err();
    assert_eq!(
        last.map(|p| (p.problems[0].field, p.problems[0].kind.clone())),
        Some((Field::Spans, "EmptyField".into()))
    );
    let missing = draft.apply(Edit::RemoveEvidence { id: id.clone(), slot: SpanSlot::DateSpan }).err();
    assert_eq!(missing.map(|p| p.problems[0].message.clone()), Some(format!("`{id}` has no span at `date.span`")));
    let place = Place { id: "eastland".into(), name: "Eastland".into(), ..Place::default() };
    ok(&mut draft, Edit::Add(Fact::Place(place)));
    let on_place = draft.apply(Edit::AddEvidence { id: "eastland".into(), span: select(&draft, "Eastland") }).err();
    assert!(on_place.is_some_and(|p| p.problems[0].message.contains("places have no spans")));
    // A person's evidence is more of the words that say who they are.
    let couple = select(&draft, "Ann and Bo, the couple");
    ok(&mut draft, Edit::AddEvidence { id: "ann-lee".into(), span: couple });
    assert_eq!(draft.dataset().persons[0].spans.len(), 2);
    // A span whose offsets do not cut out its words is refused beside the spans.
    let mut wrong = select(&draft, "Eastland");
    wrong.exact = "Westland".into();
    let refused =
        draft.apply(Edit::AddEvidence { id: id.clone(), span: wrong }).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        refused.on(Field::Spans).map(|p| (p.item, p.kind.as_str())).collect::<Vec<_>>(),
        [(Some(1), "SpanMismatch")]
    );
    let mut crossing = draft.fact(&id).unwrap_or_else(|| panic!("event"));
    if let Fact::Event(e) = &mut crossing {
        e.places.push(EventPlace { place: "eastland".into(), role: crate::PlaceRole::From });
    }
    ok(&mut draft, Edit::Replace { id, fact: crossing });
}

#[test]
fn a_new_text_re_anchors_every_span_and_lists_the_orphans() {
    let mut draft = annotated();
    // A correction: a sentence added at the start, and the reporters' quote gone.
    let corrected =
        format!("Correction appended.\n\n{}", TEXT.replace(" A week later she told reporters “it was hard”.", ""));
    let applied = ok(&mut draft, Edit::SetText { article: ARTICLE.into(), text: corrected.clone() });
    assert_eq!(applied.fact.as_ref().map(|f| f.kind), Some(FactKind::Article));
    assert_eq!(applied.moved, 2, "the person and the event moved by the new paragraph");
    assert_eq!(draft.dataset().persons[0].spans[0].range(), Some((22, 29)));
    assert_eq!(applied.orphans.len(), 1);
    let orphan = &applied.orphans[0];
    assert_eq!((orphan.fact.id.as_str(), orphan.slot), ("claim-it-was-hard", SpanSlot::Spans(0)));
    assert_eq!(orphan.exact, "she told reporters “it was hard”");
    assert!(!orphan.reason.is_empty());
    assert_eq!(draft.orphans().len(), 1);
    assert_eq!(draft.pending()[0].field, Field::Spans);
    assert!(matches!(draft.to_json(&Limits::default()), Err(OutputError::Orphans(_))));
    // Other edits go on while the orphan waits.
    let bo = draft.person_from(select(&draft, "Bo"));
    ok(&mut draft, Edit::Add(Fact::Person(bo)));
    // Another correction keeps the orphan, and places the rest.
    let again = corrected.replace("Correction appended.", "Correction appended twice.");
    let applied = ok(&mut draft, Edit::SetText { article: ARTICLE.into(), text: again });
    assert_eq!(applied.orphans.iter().map(|o| o.fact.id.as_str()).collect::<Vec<_>>(), ["claim-it-was-hard"]);
    assert_eq!(draft.dataset().persons[0].spans[0].range(), Some((28, 35)));
    // Selecting the words again settles it.
    let span = select(&draft, "Ann and Bo, the couple, left in 2021");
    ok(&mut draft, Edit::ReplaceEvidence { id: "claim-it-was-hard".into(), slot: SpanSlot::Spans(0), span });
    let mut claim = draft.fact("claim-it-was-hard").unwrap_or_else(|| panic!("claim"));
    if let Fact::Claim(c) = &mut claim {
        c.direct = false;
        c.text = "Ann and Bo left in 2021.".into();
    }
    ok(&mut draft, Edit::Replace { id: "claim-it-was-hard".into(), fact: claim });
    assert!(draft.pending().is_empty() && draft.orphans().is_empty());
    let json = draft.to_json(&Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(crate::load(json.as_bytes()).is_ok());
    // Undo goes back through the texts, orphan and all.
    assert!(draft.undo() && draft.undo() && draft.undo());
    assert_eq!(draft.orphans().len(), 1);
    assert!(draft.undo() && draft.undo());
    assert_eq!(draft.dataset().articles[0].paragraphs.len(), 2);
    assert!(draft.orphans().is_empty() && draft.dataset().claims[0].spans[0].range().is_some());
    // The same text again changes nothing, and is no step to undo.
    assert!(draft.undo() && draft.redo());
    let same = ok(&mut draft, Edit::SetText { article: ARTICLE.into(), text: format!("{TEXT}\n") });
    assert_eq!((same.moved, same.orphans.len()), (0, 0));
    assert!(draft.undo());
    assert_eq!(draft.dataset().claims.len(), 0, "the undo took back the claim, not the text");
    let empty = draft.apply(Edit::SetText { article: ARTICLE.into(), text: "\n\n".into() }).err();
    assert_eq!(empty.map(|p| p.problems[0].field), Some(Field::Paragraphs));
}

#[test]
fn a_dataset_made_from_scratch_round_trips_through_its_file() {
    let mut draft = annotated();
    let place = Place { id: String::new(), name: "Eastland".into(), ..Place::default() };
    let applied = ok(&mut draft, Edit::Add(Fact::Place(place)));
    assert_eq!(applied.fact.map(|f| f.id).as_deref(), Some("eastland"));
    let json = draft.to_json(&Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    let catalog = crate::load(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.dataset(), draft.dataset(), "the same facts, offsets and context");
    assert!(
        catalog.dataset().span_sites().iter().all(|s| s.get(catalog.dataset()).is_some_and(|s| s.range().is_some()))
    );
    // Reopened, it is the same draft.
    let reopened = Draft::new(catalog.into_dataset()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(reopened.dataset(), draft.dataset());
    // The exports the viewer offers.
    let annotations =
        draft.export(crate::export::Format::Annotations, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(annotations.body.contains("\"TextQuoteSelector\"") && annotations.body.contains("claim-it-was-hard"));
    let events = draft.table(Table::Events).unwrap_or_else(|e| panic!("{e}"));
    assert!(events.lines().count() >= 2 && events.contains("border-crossing-ann-lee-crossed"));
    let persons = draft.table(Table::Persons).unwrap_or_else(|e| panic!("{e}"));
    assert!(persons.contains("ann-lee"));
}

#[test]
fn edits_travel_as_json_and_a_log_replays() {
    let draft = started();
    let person = draft.person_from(select(&draft, "Ann Lee"));
    let log = vec![
        Action::Apply(Box::new(Edit::Add(Fact::Person(person)))),
        Action::Apply(Box::new(Edit::Add(Fact::Event(event(
            &draft,
            "crossed the border",
            Some("2020-05"),
            "Ann Lee crossed.",
        ))))),
        Action::Undo,
        Action::Redo,
        Action::Apply(Box::new(Edit::SetText { article: ARTICLE.into(), text: TEXT.replace("2021", "2022") })),
    ];
    let text = Action::log_to_json(&log);
    assert!(text.contains(r#"{"apply":{"add":{"person":{"id":"ann-lee""#), "{text}");
    let read = Action::log_from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read, log);
    if let Action::Apply(edit) = &log[1] {
        assert_eq!(Edit::from_json(&edit.to_json()).as_ref(), Ok(edit.as_ref()));
    }
    // Postcard, the worker's encoding, cannot carry the facts: their absent fields are left out.
    let bytes = postcard::to_allocvec(&log[0]).unwrap_or_default();
    assert!(postcard::from_bytes::<Action>(&bytes).is_err());
    let base = started().dataset().clone();
    let replayed = Draft::replay(base.clone(), &read).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replayed.dataset().events.len(), 1);
    assert!(replayed.dataset().articles[0].paragraphs[0].ends_with("left in 2022."));
    let failed = Draft::replay(base, &[Action::Redo]).err().map(|e| e.step);
    assert_eq!(failed, Some(0));
}

#[test]
fn an_existing_dataset_is_continued() {
    let builtin = crate::embedded::default_catalog().unwrap_or_else(|e| panic!("{e}")).into_dataset();
    let mut draft = Draft::new(builtin.clone()).unwrap_or_else(|p| panic!("{p}"));
    assert!(draft.pending().is_empty());
    let article = builtin.articles[0].id.clone();
    let someone = &builtin.persons[0];
    let found = draft.find_persons(&someone.name);
    assert_eq!(found.first().map(|o| o.id.as_str()), Some(someone.id.as_str()));
    let words: String = builtin.articles[0].paragraphs[0].chars().take(12).collect();
    let span = draft.span_from_offsets(&article, 0, 12).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(span.exact, words.trim_end());
    let person = draft.person_from(span);
    assert!(crate::format::validate::is_slug(&person.id));
    ok(&mut draft, Edit::Add(Fact::Person(person)));
    assert_eq!(draft.dataset().persons.len(), builtin.persons.len() + 1);
    // A dataset with a real problem is not opened.
    let mut broken = builtin;
    broken.events[0].date.edtf = Some("someday".into());
    let problems = Draft::new(broken).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(problems.problems[0].field, Field::Date);
    let started = Draft::start("", ArticleInfo { published: "1 June".into(), ..ArticleInfo::default() });
    let fields: Vec<Field> = started.err().map(|p| p.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, [Field::Title, Field::Published, Field::Paragraphs]);
}

/// A dataset of `n` facts over a long article: a third persons, half events, the rest claims.
fn large(n: usize) -> Draft {
    let sentences: Vec<String> = (0..n).map(|i| format!("Person {i} did thing number {i} in town {i}.")).collect();
    let text = sentences.chunks(10).map(|c| c.join(" ")).collect::<Vec<_>>().join("\n\n");
    let info = ArticleInfo {
        title: "Many".into(),
        publisher: "P".into(),
        published: "2020-01-01".into(),
        ..ArticleInfo::default()
    };
    let mut draft = Draft::start(&text, info).unwrap_or_else(|p| panic!("{p}"));
    let mut d: Dataset = draft.dataset().clone();
    for i in 0..n {
        let span = select(&draft, &format!("did thing number {i} in"));
        match i % 6 {
            0 | 1 => d.persons.push(Person {
                id: format!("person-{i}"),
                name: format!("Person {i}"),
                spans: vec![span],
                ..Person::default()
            }),
            2..=4 => d.events.push(Event {
                id: format!("event-{i}"),
                kind: EventKind::Statement,
                date: EventDate { edtf: Some("2019-10~".into()), basis: DateBasis::Stated, ..EventDate::default() },
                participants: vec![Participant { entity: format!("person-{}", i - i % 6), role: "subject".into() }],
                places: Vec::new(),
                summary: format!("Thing {i}."),
                status: Default::default(),
                alleged_by: Vec::new(),
                spans: vec![span],
                derived: None,
            }),
            _ => d.claims.push(Claim {
                id: format!("claim-{i}"),
                speaker_label: Some("officials".into()),
                text: format!("thing {i}"),
                spans: vec![span],
                ..Claim::default()
            }),
        }
    }
    draft = Draft::new(d).unwrap_or_else(|p| panic!("{p}"));
    draft
}

#[test]
fn a_large_draft_takes_edits() {
    let mut draft = large(120);
    let e = draft.fact("event-2").unwrap_or_else(|| panic!("event"));
    let Fact::Event(mut e) = e else { panic!("an event") };
    e.summary = "Changed.".into();
    ok(&mut draft, Edit::Replace { id: "event-2".into(), fact: Fact::Event(e) });
    assert_eq!(draft.dataset().events[0].summary, "Changed.");
}

#[test]
fn more_orphans_than_the_validator_describes_are_all_carried() {
    let mut draft = large(240);
    let article = draft.dataset().articles[0].id.clone();
    let applied = ok(&mut draft, Edit::SetText { article, text: "Nothing of the old words is left.".into() });
    assert_eq!((applied.orphans.len(), draft.orphans().len()), (240, 240));
    assert_eq!(draft.pending().len(), 100, "the validator describes the first 100");
    assert!(matches!(draft.to_json(&Limits::default()), Err(OutputError::Orphans(p)) if p.total == 240));
    // A good edit is taken and a bad one refused, however many orphans wait.
    let words = select(&draft, "old words");
    ok(
        &mut draft,
        Edit::Add(Fact::Person(Person { name: "Old Words".into(), spans: vec![words], ..Person::default() })),
    );
    let mut bad = event(&draft, "Nothing", Some("2020-13"), "Bad.");
    bad.participants[0].entity = "old-words".into();
    let refused = draft.apply(Edit::Add(Fact::Event(bad))).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(refused.on(Field::Date).count(), 1);
    assert_eq!(draft.orphans().len(), 240);
}

/// `cargo test -p factline-core --release -- --ignored --nocapture saving_a_fact_in_a_large_draft`
#[test]
#[ignore = "a timing, not a test: run it with --ignored --nocapture"]
#[allow(clippy::print_stdout, reason = "the figure is the point")]
fn saving_a_fact_in_a_large_draft() {
    use std::time::Instant;
    for n in [100, 1000, 5000] {
        let mut draft = large(n);
        let rounds = 20;
        let started = Instant::now();
        for round in 0..rounds {
            let mut fact = event(&draft, "did thing number 3 in", Some("2020-10-30"), &format!("Saved {round}."));
            fact.participants[0].entity = "person-0".into();
            fact.id = format!("saved-{round}");
            ok(&mut draft, Edit::Add(Fact::Event(fact)));
        }
        let add = started.elapsed() / rounds;
        let started = Instant::now();
        let mut refused = 0;
        for _ in 0..rounds {
            let mut fact = event(&draft, "did thing number 3 in", Some("2020-13"), "Bad.");
            fact.participants[0].entity = "person-0".into();
            refused += usize::from(draft.apply(Edit::Add(Fact::Event(fact))).is_err());
        }
        let refuse = started.elapsed() / rounds;
        let started = Instant::now();
        for _ in 0..rounds {
            draft.undo();
        }
        let undo = started.elapsed() / rounds;
        let started = Instant::now();
        for _ in 0..rounds {
            assert!(crate::validate(draft.dataset()).is_empty());
        }
        let validate = started.elapsed() / rounds;
        let started = Instant::now();
        let found = draft.find_persons("person 1").len();
        let search = started.elapsed();
        println!(
            "{n} facts: save {add:?}, refuse {refuse:?} ({refused} refused), undo {undo:?}, validation alone {validate:?}, \
             first person search {search:?} ({found} found)"
        );
    }
}

#[test]
fn a_person_named_in_a_people_field_is_anchored_where_the_name_occurs_once() {
    let draft = started();
    let bo = draft.person_named(" Bo ").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((bo.id.as_str(), bo.name.as_str()), ("bo", "Bo"));
    assert_eq!(bo.spans.len(), 1);
    assert_eq!(bo.spans[0].exact, "Bo");
    assert_eq!(bo.spans[0].article, ARTICLE);
    // Twice in the text: which one is for the person to select.
    let Err(twice) = draft.person_named("Ann Lee") else { panic!("Ann Lee is named twice") };
    assert_eq!(twice.problem, SelectionProblem::Ambiguous, "{twice}");
    assert_eq!(twice.places.len(), 2);
    let Err(nowhere) = draft.person_named("Zed Arno") else { panic!("no one is named Zed Arno") };
    assert_eq!(nowhere.problem, SelectionProblem::NotFound, "{nowhere}");
}

#[test]
fn downloads_are_named_after_the_article_and_typed_as_the_exports() {
    let draft = started();
    let limits = Limits::default();
    let check = |what: Download, name: &str, media_type: &str| {
        let file = draft.download(what, &limits).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((file.name.as_str(), file.media_type), (name, media_type), "{what:?}");
        file.body
    };
    let dataset = check(Download::Dataset, "a-week-later.factline.json", "application/json");
    assert_eq!(Some(dataset), draft.to_json(&limits).ok());
    let persons = check(Download::Table(Table::Persons), "a-week-later-persons.csv", "text/csv;charset=utf-8");
    assert_eq!(Some(persons), draft.table(Table::Persons).ok());
    check(
        Download::Annotations,
        "a-week-later.annotations.jsonld",
        "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"",
    );
}
