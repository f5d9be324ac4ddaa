//! The terminal we print to: whether to color, how wide to wrap, whether to page.
//!
//! The environment is captured once into [`Environment`] so that every decision
//! is a pure function tests can feed with any environment they like.

use std::io::{IsTerminal, Write};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

/// What the process was started with, as far as output is concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set to a value other than `0`.
    pub clicolor_force: bool,
    /// `CLICOLOR`: `Some(false)` for `0` (no color unless forced), `Some(true)`
    /// for any other value (color on a terminal even when `TERM` says dumb).
    pub clicolor: Option<bool>,
    /// `TERM=dumb`: a terminal that shows escape codes as text.
    pub dumb_terminal: bool,
    /// `COLUMNS`, if it is a number.
    pub columns: Option<usize>,
    pub redliner_pager: Option<String>,
    pub pager: Option<String>,
    pub stdout_is_terminal: bool,
    /// Progress (a spinner) is drawn only on a terminal.
    pub stderr_is_terminal: bool,
    /// Git runs us with its pager on stdout (`GIT_PAGER_IN_USE`): color as for a terminal.
    pub git_pager_in_use: bool,
    /// Columns and rows of the terminal on stdout.
    pub terminal_size: Option<(usize, usize)>,
}

impl Environment {
    /// Reads the real environment.
    pub fn capture() -> Environment {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let stdout_is_terminal = std::io::stdout().is_terminal();
        Environment {
            no_color: var("NO_COLOR").is_some(),
            clicolor_force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
            clicolor: var("CLICOLOR").map(|v| v != "0"),
            dumb_terminal: var("TERM").is_some_and(|v| v == "dumb"),
            columns: var("COLUMNS").and_then(|v| v.trim().parse().ok()),
            redliner_pager: std::env::var("REDLINER_PAGER").ok(),
            pager: std::env::var("PAGER").ok(),
            stdout_is_terminal,
            stderr_is_terminal: std::io::stderr().is_terminal(),
            git_pager_in_use: var("GIT_PAGER_IN_USE").is_some(),
            terminal_size: terminal_size::terminal_size_of(std::io::stdout())
                .map(|(w, h)| (usize::from(w.0), usize::from(h.0))),
        }
    }
}

pub use redliner::config::ColorChoice;

/// Whether to write ANSI colors. `auto` decides as anstream does: `NO_COLOR`
/// wins, then `CLICOLOR_FORCE`, then `CLICOLOR=0`; otherwise color on a
/// terminal whose `TERM` is not `dumb` (or where `CLICOLOR` asks for it).
pub fn use_color(choice: ColorChoice, env: &Environment) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto if env.clicolor_force => true,
        ColorChoice::Auto if env.clicolor == Some(false) => false,
        ColorChoice::Auto => {
            env.stdout_is_terminal && (!env.dumb_terminal || env.clicolor == Some(true))
        }
    }
}

/// The widest a view is laid out: wider terminals do not exist, and a line is
/// built in memory at this width (`COLUMNS=10000000000` once asked for 9.7 GB).
pub const MAX_WIDTH: usize = 1000;

/// The width to wrap at: `--width`, else `COLUMNS`, else the terminal's; `None`
/// (do not wrap) when writing to a pipe or file without either. Clamped to
/// 20..=[`MAX_WIDTH`] (`--width` itself is checked when parsed).
pub fn width(flag: Option<usize>, env: &Environment) -> Option<usize> {
    flag.or(env.columns)
        .or_else(|| {
            env.stdout_is_terminal
                .then(|| env.terminal_size.map_or(80, |(w, _)| w))
        })
        .map(|w| w.clamp(20, MAX_WIDTH))
}

/// The pager to use for output of `height` lines, if any: only on a terminal and
/// only when the output does not fit; `$REDLINER_PAGER`, then `$PAGER`, then
/// `less -RFX`. An empty value or `cat` means no pager.
pub fn pager(env: &Environment, no_pager: bool, height: usize) -> Option<String> {
    if no_pager || !env.stdout_is_terminal {
        return None;
    }
    let rows = env.terminal_size.map_or(24, |(_, h)| h);
    if height < rows {
        return None;
    }
    let command = env
        .redliner_pager
        .clone()
        .or_else(|| env.pager.clone())
        .unwrap_or_else(|| "less -RFX".to_string());
    let command = command.trim();
    (!command.is_empty() && command != "cat").then(|| command.to_string())
}

/// Writes `text` to stdout, through `pager` if given. A closed pipe (`| head`, or
/// quitting the pager early) is not an error.
pub fn show(text: &str, pager: Option<&str>) -> Result<()> {
    // A pager that cannot start (not installed) is skipped: print directly.
    if let Some(command) = pager
        && let Ok(mut child) = Command::new("sh")
            .arg("-c")
            .arg(command)
            .envs(pager_environment(|name| std::env::var_os(name).is_some()))
            .stdin(Stdio::piped())
            .spawn()
    {
        if let Some(mut stdin) = child.stdin.take() {
            ignore_broken_pipe(stdin.write_all(text.as_bytes()))?;
        }
        let status = child.wait().with_context(|| format!("pager `{command}`"))?;
        // 127: the shell could not find the pager; show the text rather than lose it.
        if status.code() != Some(127) {
            return Ok(());
        }
    }
    let mut stdout = std::io::stdout().lock();
    ignore_broken_pipe(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

/// What the pager is started with, as git does: `LESS=FRX` (quit if one
/// screen, pass colors through, keep the screen) and `LV=-c` (colors in `lv`),
/// each only when the user has not set it. Without them, `PAGER=less` shows the
/// escape codes of the colored view as text.
pub fn pager_environment(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    [("LESS", "FRX"), ("LV", "-c")]
        .into_iter()
        .filter(|(name, _)| !is_set(name))
        .collect()
}

/// Streams output to stdout through a buffer, for outputs too large to build
/// whole in memory first (JSON of long statements). A closed pipe is not an error.
pub fn stream(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    ignore_broken_pipe(write(&mut out).and_then(|()| out.flush()))
}

fn ignore_broken_pipe(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terminal() -> Environment {
        Environment {
            stdout_is_terminal: true,
            terminal_size: Some((100, 30)),
            ..Environment::default()
        }
    }

    #[test]
    fn color_follows_the_terminal_and_the_conventions() {
        let pipe = Environment::default();
        assert!(use_color(ColorChoice::Auto, &terminal()));
        assert!(!use_color(ColorChoice::Auto, &pipe));
        let no_color = Environment {
            no_color: true,
            ..terminal()
        };
        assert!(!use_color(ColorChoice::Auto, &no_color));
        assert!(use_color(ColorChoice::Always, &no_color));
        let forced = Environment {
            clicolor_force: true,
            ..pipe.clone()
        };
        assert!(use_color(ColorChoice::Auto, &forced));
        assert!(!use_color(ColorChoice::Never, &terminal()));
        // As anstream decides: TERM=dumb and CLICOLOR=0 turn auto color off,
        // CLICOLOR=1 turns it back on for a dumb terminal, CLICOLOR_FORCE beats both.
        let dumb = Environment {
            dumb_terminal: true,
            ..terminal()
        };
        assert!(!use_color(ColorChoice::Auto, &dumb));
        assert!(use_color(ColorChoice::Always, &dumb));
        let asked = Environment {
            clicolor: Some(true),
            ..dumb.clone()
        };
        assert!(use_color(ColorChoice::Auto, &asked));
        assert!(!use_color(
            ColorChoice::Auto,
            &Environment {
                clicolor: Some(true),
                ..pipe.clone()
            }
        ));
        let clicolor_off = Environment {
            clicolor: Some(false),
            ..terminal()
        };
        assert!(!use_color(ColorChoice::Auto, &clicolor_off));
        let forced_anyway = Environment {
            clicolor_force: true,
            ..clicolor_off
        };
        assert!(use_color(ColorChoice::Auto, &forced_anyway));
    }

    #[test]
    fn width_prefers_flag_then_columns_then_terminal() {
        assert_eq!(width(Some(90), &terminal()), Some(90));
        let columns = Environment {
            columns: Some(70),
            ..terminal()
        };
        assert_eq!(width(None, &columns), Some(70));
        assert_eq!(width(None, &terminal()), Some(100));
        assert_eq!(width(None, &Environment::default()), None);
    }

    #[test]
    fn pager_gets_less_and_lv_settings_unless_set() {
        assert_eq!(
            pager_environment(|_| false),
            [("LESS", "FRX"), ("LV", "-c")]
        );
        assert_eq!(pager_environment(|name| name == "LESS"), [("LV", "-c")]);
        assert!(pager_environment(|_| true).is_empty());
    }

    #[test]
    fn the_pager_runs_with_less_set_for_colors() {
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        let command = format!(
            "cat > /dev/null; printf '%s|%s' \"${{LESS-unset}}\" \"${{LV-unset}}\" > '{}'",
            seen.display()
        );
        show("some text\n", Some(&command)).unwrap();
        let seen = std::fs::read_to_string(&seen).unwrap();
        let expected = |name: &str, ours: &str| std::env::var(name).unwrap_or_else(|_| ours.into());
        assert_eq!(
            seen,
            format!("{}|{}", expected("LESS", "FRX"), expected("LV", "-c"))
        );
    }

    #[test]
    fn pager_only_for_tall_output_on_a_terminal() {
        let env = terminal();
        assert_eq!(pager(&env, false, 10), None);
        assert_eq!(pager(&env, false, 100).as_deref(), Some("less -RFX"));
        assert_eq!(pager(&env, true, 100), None);
        assert_eq!(pager(&Environment::default(), false, 100), None);
        let custom = Environment {
            pager: Some("more".into()),
            redliner_pager: Some("most -s".into()),
            ..terminal()
        };
        assert_eq!(pager(&custom, false, 100).as_deref(), Some("most -s"));
        let cat = Environment {
            pager: Some("cat".into()),
            ..terminal()
        };
        assert_eq!(pager(&cat, false, 100), None);
    }
}
