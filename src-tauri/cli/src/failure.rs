//! How lectern-cli fails: one line on stderr and an exit code a script can act on.

use std::fmt;
use std::process::ExitCode;

use lectern_core::ErrorKind;

/// The exit codes, as `--help` lists them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  done (also when the reader of the output went away, as with `| head`)
  2  usage: the command line was wrong, or no library path could be found
  3  not found: no such article, file or folder
  4  invalid input: a file, page, export or library Lectern cannot read as given
  5  I/O: the disk, the network, or a library locked by another writer
  70 internal: a bug in Lectern (please report it with the message)";

/// What went wrong, sorted by what a script can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Usage = 2,
    NotFound = 3,
    InvalidInput = 4,
    Io = 5,
    Internal = 70,
}

/// A failed command: why, and with which exit code.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
    /// The output's reader closed the pipe: stop quietly, as `cat` does.
    quiet: bool,
}

pub type CliResult<T = ()> = Result<T, Failure>;

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure { exit, message: message.into(), quiet: false }
    }

    /// The same failure, said about `subject` (a file, an address).
    pub fn about(mut self, subject: impl fmt::Display) -> Failure {
        self.message = format!("{subject}: {}", self.message);
        self
    }

    /// Report it and give the process's exit code.
    pub fn report(self) -> ExitCode {
        if self.quiet {
            return ExitCode::SUCCESS;
        }
        eprintln!("lectern-cli: {}", self.message);
        ExitCode::from(self.exit as u8)
    }
}

impl From<lectern_core::Error> for Failure {
    fn from(error: lectern_core::Error) -> Failure {
        let exit = match error.kind() {
            ErrorKind::NotFound => Exit::NotFound,
            ErrorKind::InvalidInput | ErrorKind::NewerSchema | ErrorKind::Corrupt | ErrorKind::Unreadable => Exit::InvalidInput,
            ErrorKind::Network | ErrorKind::Cancelled | ErrorKind::Database | ErrorKind::Busy | ErrorKind::Storage | ErrorKind::Io => {
                Exit::Io
            }
            ErrorKind::Internal => Exit::Internal,
        };
        Failure::new(exit, error.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        let exit = if error.kind() == std::io::ErrorKind::NotFound { Exit::NotFound } else { Exit::Io };
        let quiet = error.kind() == std::io::ErrorKind::BrokenPipe;
        Failure { exit, message: error.to_string(), quiet }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Failure {
        Failure::new(Exit::Internal, format!("could not write JSON: {error}"))
    }
}

/// `println!` that stops quietly when the reader of the output has gone (`| head`)
/// instead of panicking.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*).map_err($crate::failure::Failure::from)?
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_map_to_the_documented_codes() {
        let code = |error: lectern_core::Error| Failure::from(error).exit as u8;
        assert_eq!(code(lectern_core::Error::NotFound("Article 9".into())), 3);
        assert_eq!(code(lectern_core::Error::InvalidInput("bad".into())), 4);
        assert_eq!(code(lectern_core::Error::Unreadable("binary".into())), 4);
        assert_eq!(code(lectern_core::Error::Network("down".into())), 5);
    }

    #[test]
    fn a_closed_pipe_is_no_failure() {
        let broken = Failure::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(broken.report(), ExitCode::SUCCESS);
    }
}
