//! The browser's native-messaging protocol, host side: each message is a 32-bit length
//! in the machine's byte order followed by that many bytes of UTF-8 JSON, on stdin from
//! the browser and on stdout back. The host (`lectern-cli native-host`) answers
//! `{"action":"save",…}` with `{"ok":true,"id","title","status","selection"}` and any
//! failure with `{"ok":false,"error":{"kind","message"}}`, the same errors the app shows.
//!
//! The host writes to the library the app may have open: SQLite in WAL mode with a busy
//! timeout lets both write safely, and the app notices the change within a second.

use std::io::{self, Read, Write};
use std::path::Path;

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Capture, read_capture};
use crate::error::{Error, ErrorPayload};
use crate::import::Budget;
use crate::library::Library;

/// The largest message the host reads: Chromium's own limit for messages to a host. A
/// longer one cannot be skipped safely (the stream cannot be trusted after it), so the
/// host answers with an error and stops.
pub const MAX_MESSAGE_BYTES: u32 = 64 * 1024 * 1024;

/// Chromium drops a host whose reply is over 1 MB; replies are a few hundred bytes.
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;

/// How long saving one page may take, images included, before it is given up.
const SAVE_TIME: std::time::Duration = std::time::Duration::from_secs(60);

/// Why a message could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// The stream ended inside a message (the browser went away mid-write).
    Truncated,
    /// The length prefix announces more than [`MAX_MESSAGE_BYTES`].
    TooLarge(u32),
    /// Reading the stream failed.
    Io(io::Error),
}

/// Read one message. `Ok(None)`: the browser closed the stream between messages.
/// Partial reads (a pipe delivering a few bytes at a time) are completed here.
pub fn read_message(input: &mut impl Read) -> Result<Option<Vec<u8>>, FrameError> {
    let mut prefix = [0u8; 4];
    let mut filled = 0;
    while filled < prefix.len() {
        match input.read(&mut prefix[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(FrameError::Truncated),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(FrameError::Io(e)),
        }
    }
    let length = u32::from_ne_bytes(prefix);
    if length > MAX_MESSAGE_BYTES {
        return Err(FrameError::TooLarge(length));
    }
    let mut body = vec![0u8; length as usize];
    input
        .read_exact(&mut body)
        .map_err(|e| if e.kind() == io::ErrorKind::UnexpectedEof { FrameError::Truncated } else { FrameError::Io(e) })?;
    Ok(Some(body))
}

/// Write one message (a reply too large for the browser becomes an error reply).
pub fn write_message(output: &mut impl Write, reply: &Value) -> io::Result<()> {
    let mut bytes = serde_json::to_vec(reply).map_err(io::Error::other)?;
    if bytes.len() > MAX_REPLY_BYTES {
        bytes = serde_json::to_vec(&failure(&ErrorPayload {
            kind: crate::ErrorKind::Internal,
            message: "The reply was too large to send.".into(),
        }))
        .map_err(io::Error::other)?;
    }
    output.write_all(&(bytes.len() as u32).to_ne_bytes())?;
    output.write_all(&bytes)?;
    output.flush()
}

/// What the extension asks.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "camelCase")]
enum Request {
    /// Is the host installed and working? (The popup asks before saving.)
    Ping,
    /// Save the page (and its selection as a highlight).
    Save(Capture),
    /// Show a saved article in the Lectern app (the popup's "Open in Lectern"): the host
    /// hands a `lectern://open` link to the system, which starts the app or reaches it.
    Open { id: i64 },
}

/// Hands a `lectern://` link to the system (the CLI passes `xdg-open` and its kin).
pub type OpenLink<'a> = &'a dyn Fn(&str) -> io::Result<()>;

/// Answer messages from `input` on `output` until the browser closes the stream. The
/// library at `library_path` is opened at the first save (created if the app never ran).
pub fn serve(input: &mut impl Read, output: &mut impl Write, library_path: &Path, open_link: OpenLink) -> io::Result<()> {
    let mut library: Option<Library> = None;
    loop {
        let message = match read_message(input) {
            Ok(Some(message)) => message,
            Ok(None) => return Ok(()),
            Err(FrameError::TooLarge(length)) => {
                let message = format!(
                    "The page is {} MB; Lectern takes pages up to {} MB from the browser.",
                    length / (1024 * 1024),
                    MAX_MESSAGE_BYTES / (1024 * 1024)
                );
                log::warn!("native message refused: {message}");
                return write_message(output, &failure(&Error::InvalidInput(message).into()));
            }
            Err(FrameError::Truncated) => {
                log::warn!("native message cut short: the browser closed the stream mid-message");
                return Ok(());
            }
            Err(FrameError::Io(error)) => return Err(error),
        };
        let reply = answer(&message, &mut library, library_path, open_link);
        write_message(output, &reply)?;
    }
}

fn answer(message: &[u8], library: &mut Option<Library>, library_path: &Path, open_link: OpenLink) -> Value {
    let request = match serde_json::from_slice::<Request>(message) {
        Ok(request) => request,
        Err(error) => return failure(&Error::InvalidInput(format!("Lectern did not understand the browser's message: {error}")).into()),
    };
    match request {
        Request::Ping => json!({ "ok": true, "version": env!("CARGO_PKG_VERSION") }),
        Request::Save(capture) => match save(&capture, library, library_path) {
            Ok(captured) => {
                let mut reply = serde_json::to_value(captured).unwrap_or_default();
                reply["ok"] = Value::Bool(true);
                reply
            }
            Err(error) => {
                log::warn!("saving {} from the browser failed: {error}", capture.url);
                failure(&(&error).into())
            }
        },
        Request::Open { id } if id > 0 => match open_link(&format!("{}://open?id={id}", super::lectern_link::SCHEME)) {
            Ok(()) => json!({ "ok": true }),
            Err(error) => {
                log::warn!("could not hand article {id} to the Lectern app: {error}");
                failure(&ErrorPayload { kind: crate::ErrorKind::NotFound, message: format!("Lectern could not be started: {error}") })
            }
        },
        Request::Open { .. } => failure(&Error::InvalidInput("The browser named no article to open.".into()).into()),
    }
}

fn save(capture: &Capture, library: &mut Option<Library>, library_path: &Path) -> crate::Result<super::Captured> {
    // Read the page before touching the library: a slow or broken page never holds it.
    let article = read_capture(capture, &Budget::new(Default::default(), SAVE_TIME))?;
    if library.is_none() {
        *library = Some(Library::open(library_path)?);
    }
    let library = library.as_mut().expect("opened above");
    library.save_capture(&article, capture)
}

fn failure(error: &ErrorPayload) -> Value {
    json!({ "ok": false, "error": error })
}
