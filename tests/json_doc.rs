//! The JSON documentation against the JSON itself: every field a table of
//! `docs/json.md` or `docs/report.md` documents is in the output of the real
//! binary, and every field of that output is in the table for its object.

mod common;
use common::{stderr, write};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// The field tables of a document, by their caption: the heading or the line
/// that introduces them. A field table's header starts `| field |`; its fields
/// are the backticked names of each row's first cell.
fn field_tables(doc: &str) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(Path::new(MANIFEST).join(doc)).unwrap();
    let mut tables = BTreeMap::new();
    let mut caption = String::new();
    let mut current: Option<BTreeSet<String>> = None;
    let mut in_code = false;
    let mut previous_blank = true;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            previous_blank = false;
            continue;
        }
        if in_code {
            continue;
        }
        if line.starts_with("| field |") {
            current = Some(BTreeSet::new());
            continue;
        }
        if let Some(fields) = current.as_mut() {
            if let Some(row) = line.strip_prefix('|') {
                if row.starts_with("---") {
                    continue;
                }
                let first = row.split(" |").next().unwrap_or("");
                fields.extend(first.split('`').skip(1).step_by(2).map(str::to_string));
                continue;
            }
            let fields = current.take().unwrap();
            let previous = tables.insert(format!("{doc}: {caption}"), fields);
            assert!(previous.is_none(), "{doc}: two tables under {caption:?}");
        }
        // A heading, or the first line of a paragraph.
        if line.starts_with('#') || (!line.trim().is_empty() && previous_blank) {
            caption = line.trim_start_matches('#').trim().to_string();
        }
        previous_blank = line.trim().is_empty();
    }
    if let Some(fields) = current {
        tables.insert(format!("{doc}: {caption}"), fields);
    }
    tables
}

/// The keys seen on each object of a JSON document, by the object's path
/// (array positions as `[]`): `changes[].signals[]`.
fn object_keys(value: &Value, path: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    match value {
        Value::Object(map) => {
            out.entry(path.to_string())
                .or_default()
                .extend(map.keys().cloned());
            for (key, v) in map {
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                object_keys(v, &sub, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                object_keys(item, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

fn run(dir: &Path, args: &[&str]) -> Value {
    let output = common::command()
        .args(args)
        .current_dir(dir)
        .env("REDLINER_STORE", dir.join("statements"))
        .output()
        .expect("runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// Copies the bundled threads into `dir/statements`.
fn copy_store(dir: &Path) {
    let from = Path::new(MANIFEST).join("statements");
    for thread in std::fs::read_dir(&from).unwrap() {
        let thread = thread.unwrap().path();
        for file in std::fs::read_dir(&thread).unwrap() {
            let file = file.unwrap().path();
            let name = format!(
                "statements/{}/{}",
                thread.file_name().unwrap().to_string_lossy(),
                file.file_name().unwrap().to_string_lossy()
            );
            write(dir, &name, std::fs::read(&file).unwrap());
        }
    }
}

/// A command's arguments, the table for each object path of its JSON, and
/// the paths whose keys are free (front matter).
type Case<'a> = (Vec<&'a str>, Vec<(String, String)>, Vec<&'a str>);

const REPORT: &str = "docs/report.md";
const JSON: &str = "docs/json.md";

/// Which table documents the objects at each path of a report (`prefix` the
/// report's own path).
fn report_objects(prefix: &str) -> Vec<(String, String)> {
    let at = |p: &str| {
        if prefix.is_empty() {
            p.to_string()
        } else if p.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{p}")
        }
    };
    let mut objects = vec![
        (at(""), format!("{REPORT}: The report")),
        (
            at("old"),
            format!("{REPORT}: `old`, `new`: the two statements"),
        ),
        (
            at("new"),
            format!("{REPORT}: `old`, `new`: the two statements"),
        ),
        (at("stats"), format!("{REPORT}: `stats`")),
    ];
    objects.extend(change_objects(&at("changes[]")));
    objects
}

fn change_objects(at: &str) -> Vec<(String, String)> {
    vec![
        (
            at.to_string(),
            format!(
                "{REPORT}: Every sentence of both statements appears in exactly one change. Changes come in"
            ),
        ),
        (format!("{at}.old[]"), format!("{REPORT}: A sentence:")),
        (format!("{at}.new[]"), format!("{REPORT}: A sentence:")),
        (
            format!("{at}.signals[]"),
            format!("{REPORT}: A signal (`signals`, most prominent first):"),
        ),
        (
            format!("{at}.edits[]"),
            format!("{REPORT}: A redline piece (`edits`, see [Redlines](#redlines)):"),
        ),
    ]
}

fn summary(at: &str) -> (String, String) {
    (
        at.to_string(),
        format!("{REPORT}: `old`, `new`: the two statements"),
    )
}

#[test]
fn every_documented_field_is_in_the_json_and_every_field_is_documented() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_store(dir);
    let readout = write(
        dir,
        "readout.txt",
        "The delegations met in Geneva. They agreed to meet again.\n",
    );
    let readout = readout.to_string_lossy().into_owned();

    let digest_objects = {
        let mut objects = vec![
            (
                String::new(),
                format!(
                    "{REPORT}: `redliner digest … --format json` prints the digest, exactly what the digest"
                ),
            ),
            summary("statements[]"),
            ("totals".into(), format!("{REPORT}: `totals`:")),
            (
                "key_shifts[]".into(),
                format!("{REPORT}: A key shift (`key_shifts`):"),
            ),
            ("held_steady[]".into(), format!("{REPORT}: A sentence:")),
            ("since_first".into(), format!("{REPORT}: `since_first`:")),
            (
                "hidden".into(),
                format!("{REPORT}: `hidden` (here and in the compare context):"),
            ),
        ];
        objects.extend(change_objects("key_shifts[].change"));
        objects.extend(report_objects("rounds[]"));
        objects.extend(report_objects("since_first.report"));
        objects.extend(change_objects("since_first.highlights[]"));
        objects
    };
    // Each command's JSON, the tables for its objects, and objects whose keys
    // are whatever the statement's front matter holds.
    let cases: Vec<Case> = vec![
        (
            vec!["compare", "rate-decisions", "--format", "json"],
            report_objects(""),
            vec![],
        ),
        (
            vec!["digest", "rate-decisions", "--format", "json"],
            digest_objects.clone(),
            vec![],
        ),
        (
            // Changes hidden: the digest says so.
            vec![
                "digest",
                "ceasefire-talks",
                "--format",
                "json",
                "--min-significance",
                "0.3",
            ],
            digest_objects,
            vec![],
        ),
        (
            vec!["log", "rate-decisions", "--format", "json"],
            vec![
                (String::new(), format!("{JSON}: `log`")),
                ("entries[]".into(), format!("{JSON}: An entry:")),
                summary("entries[].statement"),
                ("entries[].changes".into(), format!("{REPORT}: `stats`")),
            ],
            vec![],
        ),
        (
            vec!["blame", "ceasefire-talks", "--format", "json"],
            vec![
                (String::new(), format!("{JSON}: `blame`")),
                summary("statements[]"),
                ("lines[]".into(), format!("{JSON}: A line:")),
                ("lines[].sentence".into(), format!("{REPORT}: A sentence:")),
            ],
            vec![],
        ),
        (
            vec!["show", "rate-decisions", "--format", "json"],
            vec![(String::new(), format!("{JSON}: `show`"))],
            vec!["meta"],
        ),
        (
            vec!["list", "--format", "json"],
            vec![
                (String::new(), format!("{JSON}: `list`")),
                ("threads[]".into(), format!("{JSON}: A thread:")),
                ("threads[].latest".into(), format!("{JSON}: Its `latest`:")),
            ],
            vec!["threads[].latest.meta"],
        ),
        (
            vec!["templates", "list", "--format", "json"],
            vec![(
                "[]".into(),
                format!("{JSON}: One object per built-in template:"),
            )],
            vec![],
        ),
        (
            vec![
                "add",
                "harbor-talks",
                &readout,
                "--title",
                "Readout",
                "--date",
                "2026-03-04",
                "--format",
                "json",
            ],
            vec![(String::new(), format!("{JSON}: `add`"))],
            vec!["meta"],
        ),
    ];

    let mut tables = field_tables(REPORT);
    tables.extend(field_tables(JSON));
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for (args, objects, free) in &cases {
        let json = run(dir, args);
        let mut seen = BTreeMap::new();
        object_keys(&json, "", &mut seen);
        let command = args[..2].join(" ");
        for (path, keys) in &seen {
            if free.contains(&path.as_str()) {
                continue;
            }
            let Some((_, table)) = objects.iter().find(|(p, _)| p == path) else {
                problems.push(format!("{command}: no table documents `{path}`: {keys:?}"));
                continue;
            };
            let documented = tables
                .get(table)
                .unwrap_or_else(|| panic!("no table {table:?} in {:?}", tables.keys()));
            used.insert(table.clone());
            for key in keys.difference(documented) {
                problems.push(format!(
                    "{command}: `{path}.{key}` is not documented in {table}"
                ));
            }
            for key in documented.difference(keys) {
                problems.push(format!(
                    "{command}: {table} documents `{key}`, not in `{path}`"
                ));
            }
        }
    }
    // The compare context: fields templates receive besides the report.
    let context = &tables[&format!(
        "{REPORT}: `compare --format md|html` (and `--template`) renders the report above, with"
    )];
    used.insert(format!(
        "{REPORT}: `compare --format md|html` (and `--template`) renders the report above, with"
    ));
    let probe: String = context
        .iter()
        .map(|f| format!("{f}={{{{ {f} is defined }}}}\n"))
        .collect();
    let template = write(dir, "probe.md.j2", probe);
    let output = common::command()
        .args(["compare", "rate-decisions", "--format", "md", "--template"])
        .arg(&template)
        .current_dir(dir)
        .env("REDLINER_STORE", dir.join("statements"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    for field in context {
        if !out.to_lowercase().contains(&format!("{field}=true")) {
            problems.push(format!("compare templates receive no `{field}`: {out}"));
        }
    }
    for table in tables.keys() {
        if !used.contains(table) {
            problems.push(format!("{table}: no JSON checked against this table"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
