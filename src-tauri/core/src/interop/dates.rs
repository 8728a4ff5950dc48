//! Timestamps as exports write them: unix seconds, ISO 8601 (with `Z`, `+00:00` or
//! `+0000`), `YYYY-MM-DD HH:MM:SS[.ffffff][+00:00]` and Kindle's English long dates.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// Unix milliseconds, or None when the text is no timestamp Lectern knows.
pub fn parse(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = raw.parse().ok()?;
        // Milliseconds since 1970 have 13 digits for the years exports cover.
        return Some(if raw.len() >= 13 { seconds } else { seconds * 1000 });
    }
    iso(raw).or_else(|| kindle(raw)).map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
}

fn iso(raw: &str) -> Option<OffsetDateTime> {
    let mut text = raw.replacen(' ', "T", 1);
    // "+0000" (Wallabag) → "+00:00".
    if let Some(sign) = text.rfind(['+', '-']).filter(|&at| at > 10) {
        let offset = &text[sign + 1..];
        if offset.len() == 4 && offset.bytes().all(|b| b.is_ascii_digit()) {
            text = format!("{}:{}", &text[..sign + 3], &offset[2..]);
        }
    }
    if let Ok(time) = OffsetDateTime::parse(&text, &Rfc3339) {
        return Some(time);
    }
    // No offset: UTC.
    let bare = text.trim_end_matches('Z');
    let with_fraction = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
    let without = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    PrimitiveDateTime::parse(bare, with_fraction)
        .or_else(|_| PrimitiveDateTime::parse(bare, without))
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

/// "Sunday, December 18, 2022 3:19:56 PM" (local time of the reader; taken as UTC).
fn kindle(raw: &str) -> Option<OffsetDateTime> {
    let date = raw.split_once(", ").map_or(raw, |(_, rest)| rest);
    let format = format_description!(
        "[month repr:long] [day padding:none], [year] [hour repr:12 padding:none]:[minute]:[second] [period case:upper]"
    );
    PrimitiveDateTime::parse(date.trim(), format).ok().map(PrimitiveDateTime::assume_utc)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn every_form_seen_in_exports() {
        let noon = 1_735_732_800_000; // 2025-01-01T12:00:00Z
        for form in [
            "1735732800",
            "1735732800000",
            "2025-01-01T12:00:00Z",
            "2025-01-01T12:00:00.000Z",
            "2025-01-01T13:00:00+01:00",
            "2025-01-01T13:00:00+0100",
            "2025-01-01 12:00:00+00:00",
            "2025-01-01 12:00:00.000000+00:00",
            "2025-01-01 12:00:00",
            "Wednesday, January 1, 2025 12:00:00 PM",
        ] {
            assert_eq!(parse(form), Some(noon), "{form}");
        }
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse(""), None);
    }
}
