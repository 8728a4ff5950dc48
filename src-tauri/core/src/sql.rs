//! What every table module shares: enumerations stored as text (one mapping each, in
//! both directions, with the SQL `CHECK` list beside it) and `Filter`, the one way a
//! `WHERE` clause is assembled from optional parts.
//!
//! The SQL itself is hand-written, one module per table (`library::articles`,
//! `annotate::highlights`, `annotate::bookmarks`, `library::tags`): the queries lean on
//! SQLite itself (FTS5 `MATCH`, `rank`, trigram shadow tables, functions registered on
//! the connection), which a query builder would only wrap back into raw strings.

use rusqlite::ToSql;
use rusqlite::types::{FromSqlError, FromSqlResult, ValueRef};

/// An enumeration stored as one of a fixed set of words. `text_enum!` writes the impl,
/// and `ToSql`/`FromSql` for it, from one table of variants and words.
pub trait TextEnum: Sized + Copy + 'static {
    /// Every variant, with the word stored for it.
    const WORDS: &'static [(Self, &'static str)];

    /// The word stored for this variant.
    fn as_str(self) -> &'static str;

    /// The variant stored as `word`, if it is one.
    fn parse(word: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(_, w)| *w == word).map(|(variant, _)| *variant)
    }

    /// The SQL list for a `CHECK (column IN (...))`: `'a','b'`.
    fn sql_list() -> String {
        Self::WORDS.iter().map(|(_, w)| format!("'{w}'")).collect::<Vec<_>>().join(",")
    }
}

/// Implement `TextEnum`, `ToSql` and `FromSql` for an enum from its variants' words.
macro_rules! text_enum {
    ($name:ty { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $crate::sql::TextEnum for $name {
            const WORDS: &'static [(Self, &'static str)] = &[$((<$name>::$variant, $word)),+];

            fn as_str(self) -> &'static str {
                match self {
                    $(<$name>::$variant => $word),+
                }
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from($crate::sql::TextEnum::as_str(*self)))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                $crate::sql::enum_from_sql(value)
            }
        }
    };
}
pub(crate) use text_enum;

/// Read a stored word back as its variant; any other word is an error, never a guess
/// (the schema's `CHECK` constraints keep such words out).
pub(crate) fn enum_from_sql<T: TextEnum>(value: ValueRef<'_>) -> FromSqlResult<T> {
    let word = value.as_str()?;
    T::parse(word).ok_or_else(|| FromSqlError::Other(format!("{word:?} is not one of {}", T::sql_list()).into()))
}

/// A `WHERE` clause from parts, each written with bare `?` placeholders and given its
/// values in the same order. `sql` numbers them (`?N`) after the ones the surrounding
/// statement numbered itself, so a statement has one placeholder style.
#[derive(Default)]
pub(crate) struct Filter {
    parts: Vec<String>,
    values: Vec<Box<dyn ToSql>>,
}

impl Filter {
    /// No conditions yet.
    pub fn new() -> Filter {
        Filter::default()
    }

    /// How many conditions it holds.
    pub fn count(&self) -> usize {
        self.parts.len()
    }

    /// A condition without values.
    pub fn and(&mut self, condition: impl Into<String>) -> &mut Filter {
        let condition = condition.into();
        debug_assert!(!condition.contains('?'), "a placeholder needs its value: use and_with for {condition}");
        self.parts.push(condition);
        self
    }

    /// A condition with one `?` per value, in order.
    pub fn and_with(&mut self, condition: &str, values: impl IntoIterator<Item = Box<dyn ToSql>>) -> &mut Filter {
        let before = self.values.len();
        self.values.extend(values);
        debug_assert_eq!(condition.matches('?').count(), self.values.len() - before, "one value per ? in {condition}");
        self.parts.push(condition.to_string());
        self
    }

    /// The conditions joined with AND (`1 = 1` when there are none), placeholders
    /// numbered from `numbered + 1`.
    pub fn sql(&self, numbered: usize) -> String {
        if self.parts.is_empty() {
            return "1 = 1".into();
        }
        number_placeholders(&self.parts.join(" AND "), numbered)
    }

    /// The statement's own values (`?1` … `?numbered`) followed by the filter's.
    pub fn values<'a>(&'a self, own: &[&'a dyn ToSql]) -> Vec<&'a dyn ToSql> {
        own.iter().copied().chain(self.values.iter().map(|v| v.as_ref() as &dyn ToSql)).collect()
    }
}

/// Box one value for `Filter::and_with`.
pub(crate) fn value(v: impl ToSql + 'static) -> Box<dyn ToSql> {
    Box::new(v)
}

/// Number the bare `?` placeholders in `sql`, starting after `numbered`.
fn number_placeholders(sql: &str, numbered: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = numbered;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' && !chars.peek().is_some_and(char::is_ascii_digit) {
            next += 1;
            out.push_str(&next.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_after_the_statements_own() {
        let mut filter = Filter::new();
        filter
            .and("a.deleted_at IS NULL")
            .and_with("a.state = ?", [value("inbox")])
            .and_with("(a.x LIKE ? OR a.y LIKE ?)", [value("%a%"), value("%a%")]);
        assert_eq!(filter.sql(2), "a.deleted_at IS NULL AND a.state = ?3 AND (a.x LIKE ?4 OR a.y LIKE ?5)");
        assert_eq!(filter.values(&[&1, &2]).len(), 5);
        assert_eq!(Filter::new().sql(0), "1 = 1");
    }

    #[test]
    fn numbered_placeholders_are_left_alone() {
        assert_eq!(number_placeholders("id = ?1 AND x = ?", 1), "id = ?1 AND x = ?2");
    }
}
