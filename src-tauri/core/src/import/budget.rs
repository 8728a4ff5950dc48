//! What one import may spend: a deadline for the whole of it, and a cancel flag the
//! user's Cancel button sets. Long steps (downloads, chapters, images) check it, so a
//! hostile or broken source can hold an import only so long, and a cancel is heard
//! within a fraction of a second even in the middle of a download.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// A cancel flag shared between whoever runs an import and whoever may stop it.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// Stop the work this token was given to, as soon as it next checks.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once `cancel` was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// True when `other` is a clone of this token (the same flag).
    pub fn is_same(&self, other: &CancelToken) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The deadline and cancel flag of one import (one file, one page, one book).
#[derive(Debug, Clone)]
pub struct Budget {
    cancel: CancelToken,
    deadline: Instant,
    allowed: Duration,
}

impl Budget {
    /// How long one import may take in all: far more than any real page or book
    /// needs, far less than "forever".
    pub const IMPORT_TIME: Duration = Duration::from_secs(120);

    /// A budget of `allowed` from now, stopped early by `cancel`.
    pub fn new(cancel: CancelToken, allowed: Duration) -> Budget {
        Budget { cancel, deadline: Instant::now() + allowed, allowed }
    }

    /// The default budget, cancellable through `cancel`.
    pub fn with_cancel(cancel: CancelToken) -> Budget {
        Budget::new(cancel, Budget::IMPORT_TIME)
    }

    /// When the time is up.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// True once the user cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Fails once the import was cancelled or its time is up.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            return Err(Error::Cancelled);
        }
        if Instant::now() >= self.deadline {
            return Err(Error::Unreadable(format!(
                "the import took longer than {} seconds and was stopped; nothing was saved.",
                self.allowed.as_secs()
            )));
        }
        Ok(())
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::with_cancel(CancelToken::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_fails_after_cancel_or_deadline() {
        let cancel = CancelToken::default();
        let budget = Budget::with_cancel(cancel.clone());
        assert!(budget.check().is_ok());
        cancel.cancel();
        assert_eq!(budget.check().unwrap_err().kind(), crate::ErrorKind::Cancelled);
        let spent = Budget::new(CancelToken::default(), Duration::ZERO);
        assert!(spent.check().unwrap_err().to_string().contains("took longer"));
    }
}
