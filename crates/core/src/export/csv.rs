//! CSV of events (RFC 4180), guarded against spreadsheet formulas.

use crate::export::EventRecord;
use crate::query::catalog::{Catalog, EventRef};

/// CSV (RFC 4180) with a header row; participants and quotes are joined with ` | `.
pub fn to_csv(catalog: &Catalog, events: &[EventRef<'_>]) -> String {
    let mut out = String::from(
        "id,kind,date,earliest,latest,precision,date_label,date_basis,derived,status,participants,summary,quotes\r\n",
    );
    for e in events {
        let r = EventRecord::new(catalog, e);
        let fields = [
            r.id,
            r.kind,
            r.date.unwrap_or_default(),
            r.earliest.unwrap_or_default(),
            r.latest.unwrap_or_default(),
            r.precision.unwrap_or_default(),
            r.date_label,
            r.date_basis,
            r.derived.to_string(),
            r.status,
            r.participants.join(" | "),
            r.summary,
            r.quotes.join(" | "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(value: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheets; a quote mark disarms it.
    let guarded = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) || guarded != value {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_disarms_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
    }
}
