//! Fetching a press page over HTTP(S): timeouts, a few redirects, a size limit,
//! and one-line errors for what goes wrong (a status other than 200, a body that
//! is not HTML, a server that stops answering).
//!
//! Redirects are followed here, one hop at a time, rather than by ureq, which
//! has no hook to look at a hop before it is taken: each target must be http or
//! https, and by default neither link-local (169.254.0.0/16, where cloud
//! metadata services answer, fe80::/10) nor private when the page came from a
//! public host.

use std::net::{IpAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

/// How to fetch.
#[derive(Debug, Clone, Copy)]
pub struct FetchOptions {
    /// For connecting and for each read; the whole fetch gets four times this.
    pub timeout: Duration,
    /// Larger bodies are refused.
    pub max_bytes: u64,
    /// Follow redirects to link-local addresses and from public hosts to
    /// private ones.
    pub allow_private_redirects: bool,
}

/// Redirects followed before giving up.
const MAX_REDIRECTS: u32 = 5;

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the page was found, after redirects.
    pub url: String,
    /// The body, as sent (at most `--max-bytes`).
    pub bytes: Vec<u8>,
    /// The `charset` of the Content-Type header, if any.
    pub charset: Option<String>,
}

/// A [`Fetch`](ErrorKind::Fetch) error about `url`.
fn refused(url: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Fetch, message).at(url)
}

/// Fetches an HTML page with GET. Every error is a [`Fetch`](ErrorKind::Fetch)
/// error about `url`; ureq's, when there is one, is kept
/// ([`Error::underlying`]).
pub fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched> {
    let mut current = parse_url(url).map_err(|e| refused(url, e))?;
    // One budget for the whole fetch, redirects included.
    let deadline = Instant::now() + options.timeout * 4;
    let mut hops = 0;
    let mut response = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(refused(url, whole_fetch_timed_out(options)));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("redliner/", env!("CARGO_PKG_VERSION")))
            .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
            .timeout_connect(Some(options.timeout.min(left)))
            .timeout_per_read(Some(options.timeout.min(left)))
            .timeout_global(Some(left))
            .build()
            .into();
        let response = agent
            .get(current.to_string())
            .call()
            .map_err(|e| refused(url, describe(&e, options)).reporting(e))?;
        if !response.status().is_redirection() {
            break response;
        }
        let Some(location) = response
            .headers()
            .get(ureq::http::header::LOCATION)
            .and_then(|l| l.to_str().ok())
        else {
            break response;
        };
        hops += 1;
        if hops > MAX_REDIRECTS {
            let message = format!("too many redirects (more than {MAX_REDIRECTS})");
            return Err(refused(url, message));
        }
        let next = join(&current, location.trim())
            .map_err(|e| refused(url, format!("refused a redirect to {location}: {e}")))?;
        if !options.allow_private_redirects
            && let Some(why) = refused_hop(&current, &next)
        {
            let message = format!(
                "refused a redirect to {next}: {why} (--allow-private-redirects to follow it)"
            );
            return Err(refused(url, message));
        }
        current = next;
    };
    let status = response.status();
    if status != ureq::http::StatusCode::OK {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(refused(url, format!("HTTP {} {reason}", status.as_u16())));
    }
    let body = response.body();
    if let Some(mime) = body.mime_type()
        && !matches!(mime, "text/html" | "application/xhtml+xml")
    {
        let message = format!("not an HTML page (Content-Type: {mime})");
        return Err(refused(url, message));
    }
    if let Some(length) = body.content_length()
        && length > options.max_bytes
    {
        return Err(refused(url, too_large(length, options)));
    }
    let charset = body.charset().map(str::to_string);
    let final_url = current.to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .read_to_vec()
        .map_err(|e| match e {
            // Connected, then the body stopped short of what was announced.
            ureq::Error::Io(io) if io.kind() != std::io::ErrorKind::TimedOut => {
                let message = format!(
                    "the page was cut off before its end ({io}); nothing stored, try again"
                );
                refused(url, message).reporting(io)
            }
            e => refused(url, describe(&e, options)).reporting(e),
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
        ureq::Error::Timeout(ureq::Timeout::Global) => whole_fetch_timed_out(options),
        ureq::Error::Timeout(_) => timed_out(options),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "the page is more than the limit of {} bytes (raise it with --max-bytes)",
            options.max_bytes
        ),
        ureq::Error::TooManyRedirects => {
            format!("too many redirects (more than {MAX_REDIRECTS})")
        }
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => timed_out(options),
        ureq::Error::Io(e) => format!("could not connect: {e}"),
        other => other.to_string(),
    }
}

/// The budget of the whole fetch, redirects and body included, ran out.
fn whole_fetch_timed_out(options: &FetchOptions) -> String {
    format!(
        "timed out: the whole fetch took more than {:.1} s (4 x --timeout {:.1} s; raise it with --timeout)",
        (options.timeout * 4).as_secs_f64(),
        options.timeout.as_secs_f64()
    )
}

fn timed_out(options: &FetchOptions) -> String {
    format!(
        "timed out after {:.1} s (raise it with --timeout)",
        options.timeout.as_secs_f64()
    )
}

type Uri = ureq::http::Uri;

/// An absolute http(s) URL; the scheme in any case (`HTTP://` is `http://`).
fn parse_url(text: &str) -> Result<Uri, String> {
    let only = || "only http:// and https:// URLs can be fetched".to_string();
    let (scheme, rest) = text.split_once("://").ok_or_else(only)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(only());
    }
    let uri: Uri = format!("{scheme}://{rest}")
        .parse()
        .map_err(|e| format!("not a valid URL ({e})"))?;
    if uri.host().is_none_or(str::is_empty) {
        return Err("not a valid URL (no host)".into());
    }
    Ok(uri)
}

/// Where a `Location` points from `base`: absolute, scheme-relative
/// (`//host/x`), absolute-path (`/x`) or relative to the base's folder.
fn join(base: &Uri, location: &str) -> Result<Uri, String> {
    if let Some((scheme, _)) = location.split_once(':')
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return parse_url(location).map_err(|_| format!("not http or https ({scheme}:)"));
    }
    let scheme = base.scheme_str().unwrap_or("http");
    let authority = base.authority().map_or("", |a| a.as_str());
    let absolute = if let Some(rest) = location.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let path = base.path();
        let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let folder = if folder.is_empty() { "/" } else { folder };
        format!("{scheme}://{authority}{folder}{location}")
    };
    parse_url(&absolute)
}

/// Why a redirect from `from` to `to` is not followed by default, if it is not.
fn refused_hop(from: &Uri, to: &Uri) -> Option<String> {
    let target = addresses(to);
    if let Some(ip) = target.iter().find(|ip| link_local(ip)) {
        return Some(format!("{ip} is a link-local or metadata address"));
    }
    let public_source = addresses(from).iter().any(|ip| !private(ip));
    if public_source && let Some(ip) = target.iter().find(|ip| private(ip)) {
        return Some(format!(
            "a public host redirected to the private address {ip}"
        ));
    }
    None
}

/// The addresses a URL's host stands for: itself when it is an IP literal,
/// else what the resolver says (nothing when it says nothing: the fetch then
/// fails as "host not found").
fn addresses(uri: &Uri) -> Vec<IpAddr> {
    let host = uri.host().unwrap_or("");
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return vec![ip];
    }
    let port = uri.port_u16().unwrap_or(80);
    (bare, port)
        .to_socket_addrs()
        .map(|addrs| addrs.map(|a| a.ip()).collect())
        .unwrap_or_default()
}

fn link_local(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => {
            (v6.segments()[0] & 0xffc0) == 0xfe80
                || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_link_local())
        }
    }
}

/// Loopback, private, link-local, unspecified, carrier-grade NAT, unique-local.
fn private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || link_local(ip)
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| private(&IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        parse_url(text).unwrap()
    }

    #[test]
    fn errors_are_fetch_errors_about_the_url_keeping_ureqs() {
        let options = FetchOptions {
            timeout: Duration::from_secs(5),
            max_bytes: 1000,
            allow_private_redirects: false,
        };
        let error = fetch("ftp://example.org/x", &options).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Fetch);
        assert_eq!(error.path(), Some("ftp://example.org/x"));
        assert!(error.underlying().is_none());

        // A port nobody listens on: refused at once, ureq's error kept.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/");
        let error = fetch(&url, &options).unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (ErrorKind::Fetch, Some(url.as_str()))
        );
        assert!(error.message().starts_with("could not connect"), "{error}");
        assert!(error.underlying().is_some_and(|e| e.is::<ureq::Error>()));
        let printed = format!("{:#}", anyhow::Error::new(error));
        assert_eq!(printed.lines().count(), 1, "{printed}");
        assert_eq!(printed.matches("refused").count(), 1, "{printed}");
    }

    #[test]
    fn schemes_in_any_case_and_only_http() {
        assert_eq!(
            uri("HTTP://Example.org/a").to_string(),
            "http://Example.org/a"
        );
        assert_eq!(uri("HtTpS://example.org/").scheme_str(), Some("https"));
        assert!(parse_url("ftp://example.org/").is_err());
        assert!(parse_url("file:///etc/passwd").is_err());
        assert!(parse_url("example.org").is_err());
    }

    #[test]
    fn locations_join_like_a_browser() {
        let base = uri("http://a.example:8080/news/2026/item.html?x=1");
        for (location, joined) in [
            ("https://b.example/x", "https://b.example/x"),
            ("//c.example/y", "http://c.example/y"),
            ("/top", "http://a.example:8080/top"),
            ("next.html", "http://a.example:8080/news/2026/next.html"),
        ] {
            assert_eq!(
                join(&base, location).unwrap().to_string(),
                joined,
                "{location}"
            );
        }
        for location in [
            "ftp://x.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "gopher://x/",
        ] {
            let err = join(&base, location).unwrap_err();
            assert!(err.contains("not http or https"), "{location}: {err}");
        }
    }

    #[test]
    fn hops_refused_by_default() {
        let public = uri("http://93.184.216.34/page");
        let local = uri("http://127.0.0.1:8000/page");
        for (from, to, why) in [
            (
                &public,
                "http://169.254.169.254/latest/meta-data/",
                "link-local",
            ),
            (&local, "http://169.254.169.254/", "link-local"),
            (&local, "http://[fe80::1]/", "link-local"),
            (&public, "http://10.0.0.7/admin", "private address 10.0.0.7"),
            (&public, "http://127.0.0.1/", "private address 127.0.0.1"),
            (&public, "http://[::1]/", "private address ::1"),
            (&public, "http://192.168.1.1/", "private"),
            (&public, "http://[fd00::1]/", "private"),
        ] {
            let why_not = refused_hop(from, &uri(to)).unwrap_or_default();
            assert!(why_not.contains(why), "{from} -> {to}: {why_not:?}");
        }
        // Private to private (a test server, an intranet) and public to public are fine.
        assert_eq!(refused_hop(&local, &uri("http://127.0.0.1:9000/x")), None);
        assert_eq!(refused_hop(&public, &uri("http://93.184.216.35/x")), None);
    }
}
