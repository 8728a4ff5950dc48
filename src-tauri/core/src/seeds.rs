//! The articles a new library starts with, compiled into the binary from seeds/.
//!
//! Each seed is offered once per library: `seed_imports` remembers it, so a seed the
//! user deletes never comes back.

use rusqlite::{OptionalExtension, params};

use crate::error::Result;
use crate::import::{self, SourceKind};
use crate::library::{Library, now_millis};

/// An article a new library starts with.
pub struct Seed {
    /// Its file name (which also says its format).
    pub name: &'static str,
    /// Its contents.
    pub bytes: &'static [u8],
}

/// Every file in seeds/ (a test checks none is missing).
pub const BUNDLED: &[Seed] = &[Seed { name: "iran-russia-letter.txt", bytes: include_bytes!("../../../seeds/iran-russia-letter.txt") }];

impl Library {
    /// Import the seeds this library has never been offered. Returns how many were added.
    /// A seed that fails to import is logged and skipped; it does not stop the app.
    pub fn import_seeds(&mut self, seeds: &[Seed]) -> Result<usize> {
        let mut added = 0;
        for seed in seeds {
            let tx = self.conn.transaction()?;
            let offered: Option<i64> = tx.query_row("SELECT 1 FROM seed_imports WHERE name = ?1", [seed.name], |r| r.get(0)).optional()?;
            if offered.is_some() {
                continue;
            }
            match import::import_bytes(seed.name, seed.bytes) {
                Ok(mut article) => {
                    article.source_kind = SourceKind::Seed;
                    crate::library::save_article_in(&tx, &article)?;
                    added += 1;
                }
                Err(error) => {
                    // Not recorded as offered: a later version that can read it will import it.
                    log::warn!("seed {} could not be imported: {error}", seed.name);
                    continue;
                }
            }
            tx.execute("INSERT INTO seed_imports (name, imported_at) VALUES (?1, ?2)", params![seed.name, now_millis()])?;
            tx.commit()?;
        }
        Ok(added)
    }
}
