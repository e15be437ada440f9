//! `dateline extract`: the people, places and organisations of a text or HTML document
//! (`--json` with character offsets), or of a stream of JSONL texts. Needs neither the
//! configuration nor the cache.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::output::Out;
use super::read_capped;
use crate::cli::ExtractArgs;

/// The most `dateline extract` reads as one text (a FILE or standard input, not `--jsonl`).
const EXTRACT_MAX_BYTES: u64 = 64 << 20;

/// `dateline extract`: entities of a text or HTML document, or of JSONL lines.
pub(super) fn run(args: &ExtractArgs) -> Result<ExitCode> {
    let path = args.file.as_deref().filter(|p| *p != Path::new("-"));
    if args.jsonl {
        let input: Box<dyn io::Read> = match path {
            Some(p) => Box::new(
                std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
            ),
            None => Box::new(io::stdin()),
        };
        return extract_jsonl(io::BufReader::with_capacity(1 << 16, input));
    }
    let raw = match path {
        Some(p) => read_capped(p, EXTRACT_MAX_BYTES)?,
        None => {
            use std::io::Read;
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(EXTRACT_MAX_BYTES + 1)
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            if bytes.len() as u64 > EXTRACT_MAX_BYTES {
                bail!(
                    "standard input is larger than {} MB",
                    EXTRACT_MAX_BYTES >> 20
                );
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let text = if looks_like_html(&raw) {
        crate::extract::html::html_to_text(&raw)
    } else {
        raw
    };
    let entities = crate::extract::resolve::extract_entities(&text);
    let mut rows: Vec<ExtractedMention> = entities
        .iter()
        .flat_map(|e| {
            e.mentions.iter().map(move |m| ExtractedMention {
                start: m.start,
                end: m.end,
                label: crate::extract::Label::from(e.kind).as_str(),
                text: m.text.clone(),
                canonical: e.canonical.clone(),
                lat: e.place.as_ref().map(|p| p.lat),
                lon: e.place.as_ref().map(|p| p.lon),
                country: place_country(e),
            })
        })
        .collect();
    rows.sort_by_key(|r| (r.start, r.end));
    let mut out = Out::new();
    if args.json {
        out.json(&ExtractedJson { entities: rows })?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let coords = match (r.lat, r.lon) {
            (Some(lat), Some(lon)) => format!("{lat:.4},{lon:.4}"),
            _ => "-".to_string(),
        };
        out.line(&format!(
            "{}\t{}\t{}\t{coords}",
            r.label,
            crate::sanitize::sanitize_line(&r.text),
            crate::sanitize::sanitize_line(&r.canonical),
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One mention as `dateline extract --json` prints it.
#[derive(Serialize)]
struct ExtractedMention {
    start: usize,
    end: usize,
    label: &'static str,
    text: String,
    canonical: String,
    lat: Option<f32>,
    lon: Option<f32>,
    /// The ISO 3166-1 alpha-2 code of a geocoded place (`null` for anything else, and for
    /// places in no one country: continents, regions, seas).
    country: Option<String>,
}

/// The ISO 3166-1 alpha-2 code of a resolved entity that is a place in one country.
fn place_country(e: &crate::extract::resolve::ResolvedEntity) -> Option<String> {
    let code = &e.place.as_ref()?.country_code;
    (!code.is_empty()).then(|| code.clone())
}

#[derive(Serialize)]
struct ExtractedJson {
    entities: Vec<ExtractedMention>,
}

/// One input line of `dateline extract --jsonl`.
#[derive(serde::Deserialize)]
struct JsonlText {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct JsonlEntities<'a> {
    id: &'a serde_json::Value,
    entities: Vec<JsonlSpan>,
}

#[derive(Serialize)]
struct JsonlSpan {
    start: usize,
    end: usize,
    label: &'static str,
    /// For a place the resolver geocoded in one country, its ISO 3166-1 alpha-2 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<String>,
}

/// Streams `{"id","text"}` lines to `{"id","entities"}` lines, one line in memory at a time.
/// Output is flushed whenever the input has nothing buffered, so a caller that writes a line
/// and waits for its answer is not left waiting. A malformed line is reported on standard
/// error with its number and skipped; the exit code is then 1.
fn extract_jsonl<R: io::Read>(mut input: io::BufReader<R>) -> Result<ExitCode> {
    use std::io::BufRead;
    let mut output = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut line = Vec::new();
    let mut number = 0usize;
    let mut bad = 0usize;
    let result: io::Result<()> = (|| {
        loop {
            if input.buffer().is_empty() {
                output.flush()?;
            }
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            number += 1;
            let parsed = std::str::from_utf8(&line)
                .map_err(|e| e.to_string())
                .and_then(|l| {
                    if l.trim().is_empty() {
                        Ok(None)
                    } else {
                        serde_json::from_str::<JsonlText>(l)
                            .map(Some)
                            .map_err(|e| e.to_string())
                    }
                });
            let doc = match parsed {
                Ok(Some(doc)) => doc,
                Ok(None) => continue,
                Err(e) => {
                    eprintln!(
                        "dateline: line {number}: expected {{\"id\", \"text\"}}: {e}; skipped"
                    );
                    bad += 1;
                    continue;
                }
            };
            let found = crate::extract::extract(&doc.text);
            let countries: std::collections::HashMap<(usize, usize), String> =
                crate::extract::resolve::resolve(&doc.text, &found)
                    .iter()
                    .filter_map(|e| Some((e, place_country(e)?)))
                    .flat_map(|(e, cc)| {
                        e.mentions
                            .iter()
                            .map(move |m| ((m.start, m.end), cc.clone()))
                    })
                    .collect();
            let entities = found
                .into_iter()
                .map(|e| JsonlSpan {
                    start: e.start,
                    end: e.end,
                    label: e.label.as_str(),
                    country: countries.get(&(e.start, e.end)).cloned(),
                })
                .collect();
            serde_json::to_writer(
                &mut output,
                &JsonlEntities {
                    id: &doc.id,
                    entities,
                },
            )?;
            output.write_all(b"\n")?;
        }
        output.flush()
    })();
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("dateline extract --jsonl")?,
    }
    Ok(if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// True when the input looks like HTML rather than plain text (a tag near the start).
fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start();
    t.starts_with("<!doctype")
        || t.starts_with("<html")
        || [
            "<p>", "<p ", "</p>", "<br", "<div", "<body", "<span", "<a href", "<h1", "<h2", "<li>",
            "<article", "<em>", "<strong>",
        ]
        .iter()
        .any(|m| head.contains(m))
}
