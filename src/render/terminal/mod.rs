//! The terminal view of a compare report: a header, a one-line summary, then the
//! changes in reading order, grouped by paragraph, with a gutter of line numbers
//! from both files. Also the side-by-side and `--stat` layouts.
//!
//! One module per view (`inline`, `side_by_side`, `stat`), what they share
//! (`summary`: the header and summary lines; `changes`: which changes show and
//! how a change reads), and the two steps under all of them (`wrap`, `paint`).
//!
//! Rendering is two steps: build rows of styled spans (layout), then paint them
//! with an [`Ink`]: ANSI colors, readable tags for snapshot tests, or plain
//! wdiff-style markers (`[-deleted-]{+inserted+}`) for pipes and e-mail.

mod changes;
mod inline;
mod paint;
mod side_by_side;
mod stat;
mod summary;
mod wrap;

use crate::report::Report;
use paint::{Style, paint, span};
use summary::header;
use wrap::wrap;

/// How to lay the report out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One column, word edits inline.
    Inline,
    /// Old on the left, new on the right.
    SideBySide,
    /// Only the summary, with per-paragraph counts.
    Stat,
}

/// How to paint styled text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// ANSI colors (deleted words red and struck through, inserted green).
    Color,
    /// `<del>…</del>`-style tags: a readable form of the colored view for tests.
    Tagged,
    /// No color: wdiff markers `[-deleted-]{+inserted+}`.
    Plain,
}

/// Everything the terminal view needs besides the report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewOptions {
    /// Inline, side by side or `--stat`.
    pub layout: Layout,
    /// Unchanged sentences shown around each change; `None` shows all.
    pub context: Option<usize>,
    /// Wrap at this many columns; `None` does not wrap (side-by-side uses 80).
    pub width: Option<usize>,
    /// Changes less significant than this are left out (0 shows all).
    pub min_significance: f64,
    /// Colors, tags or plain markers.
    pub ink: Ink,
}

/// Renders a compare report for the terminal.
pub fn render(report: &Report, options: &ViewOptions) -> String {
    // Side by side is laid out at 80 columns without a width; so is its header.
    let width = match options.layout {
        Layout::SideBySide => Some(options.width.unwrap_or(80)),
        _ => options.width,
    };
    let mut rows = header(report, width);
    let hidden = report
        .changes
        .iter()
        .filter(|c| c.is_change() && !c.is_shown(options.min_significance))
        .count();
    if hidden > 0 {
        let plural = if hidden == 1 { "" } else { "s" };
        let note = vec![span(
            Style::Dim,
            format!(
                "{hidden} change{plural} below significance {} not shown",
                options.min_significance
            ),
        )];
        rows.extend(wrap(&note, width));
    }
    match options.layout {
        Layout::Inline => rows.extend(inline::rows(report, options)),
        Layout::SideBySide => rows.extend(side_by_side::rows(report, options)),
        Layout::Stat => rows.extend(stat::rows(report)),
    }
    paint(&rows, options.ink)
}

/// Statement text and names made safe for a terminal: every view's text goes
/// through these (see [`crate::visible`]).
use crate::visible::{visible, visible_name};

/// Lines of output, to decide on a pager.
pub fn height(text: &str) -> usize {
    text.lines().count()
}
