//! Fetching a press page over HTTP(S): timeouts, a few redirects, a size limit,
//! and one-line errors for what goes wrong (a status other than 200, a body that
//! is not HTML, a server that stops answering).

use std::time::Duration;

use anyhow::{Result, bail};
use ureq::ResponseExt;

/// How to fetch.
#[derive(Debug, Clone, Copy)]
pub struct FetchOptions {
    /// For connecting and for each read; the whole fetch gets four times this.
    pub timeout: Duration,
    /// Larger bodies are refused.
    pub max_bytes: u64,
}

/// Redirects followed before giving up.
const MAX_REDIRECTS: u32 = 5;

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the page was found, after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    /// The `charset` of the Content-Type header, if any.
    pub charset: Option<String>,
}

/// Fetches an HTML page with GET.
pub fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!("{url}: only http:// and https:// URLs can be fetched");
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .user_agent(concat!("redliner/", env!("CARGO_PKG_VERSION")))
        .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        .timeout_connect(Some(options.timeout))
        .timeout_per_read(Some(options.timeout))
        .timeout_global(Some(options.timeout * 4))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| anyhow::anyhow!("{url}: {}", describe(&e, options)))?;
    let status = response.status();
    if status.is_redirection() {
        bail!("{url}: too many redirects (more than {MAX_REDIRECTS})");
    }
    if status != ureq::http::StatusCode::OK {
        let reason = status.canonical_reason().unwrap_or("");
        bail!("{url}: HTTP {} {reason}", status.as_u16());
    }
    let body = response.body();
    if let Some(mime) = body.mime_type()
        && !matches!(mime, "text/html" | "application/xhtml+xml")
    {
        bail!("{url}: not an HTML page (Content-Type: {mime})");
    }
    if let Some(length) = body.content_length()
        && length > options.max_bytes
    {
        bail!("{url}: {}", too_large(length, options));
    }
    let charset = body.charset().map(str::to_string);
    let final_url = response.get_uri().to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .read_to_vec()
        .map_err(|e| match e {
            // Connected, then the body stopped short of what was announced.
            ureq::Error::Io(io) if io.kind() != std::io::ErrorKind::TimedOut => anyhow::anyhow!(
                "{url}: the page was cut off before its end ({io}); nothing stored, try again"
            ),
            e => anyhow::anyhow!("{url}: {}", describe(&e, options)),
        })?;
    Ok(Fetched {
        url: final_url,
        bytes,
        charset,
    })
}

fn too_large(size: u64, options: &FetchOptions) -> String {
    format!(
        "{size} bytes is more than the limit of {} bytes (raise it with --max-bytes)",
        options.max_bytes
    )
}

/// One line for people, without ureq's internal wording where ours is clearer.
fn describe(error: &ureq::Error, options: &FetchOptions) -> String {
    match error {
        ureq::Error::Timeout(_) => format!(
            "timed out after {:.1} s (raise it with --timeout)",
            options.timeout.as_secs_f64()
        ),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "the page is more than the limit of {} bytes (raise it with --max-bytes)",
            options.max_bytes
        ),
        ureq::Error::TooManyRedirects => {
            format!("too many redirects (more than {MAX_REDIRECTS})")
        }
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => format!(
            "timed out after {:.1} s (raise it with --timeout)",
            options.timeout.as_secs_f64()
        ),
        ureq::Error::Io(e) => format!("could not connect: {e}"),
        other => other.to_string(),
    }
}
