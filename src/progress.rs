//! A spinner on standard error while something slow runs (a fetch). It is drawn
//! only when stderr is a terminal, so pipes, logs and cron mail stay clean.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

const FRAMES: &[char] = &['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Spins until dropped, then erases its line.
pub struct Spinner {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    /// Starts a spinner with a message; does nothing unless `visible`.
    pub fn start(message: String, visible: bool) -> Spinner {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = visible.then(|| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut stderr = std::io::stderr();
                for frame in FRAMES.iter().cycle() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let _ = write!(stderr, "\r{frame} {message}");
                    let _ = stderr.flush();
                    std::thread::sleep(Duration::from_millis(80));
                }
                // Erase the line so the result starts clean.
                let _ = write!(stderr, "\r\x1b[2K");
                let _ = stderr.flush();
            })
        });
        Spinner { stop, thread }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
