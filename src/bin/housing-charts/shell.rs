//! The command-line renderer at work: a thin shell over the library (`housing_charts::raster`), as
//! `web` is for the browser: arguments in, the spec read from a file or
//! standard input, bytes out to a file or standard output, warnings and
//! errors (with the spec's JSON path) on standard error.

use std::io::{Read, Write};
use std::process::ExitCode;

use crate::args::{self, Command, Render, HELP};
use housing_charts::raster::{self, Fonts, Job};

/// Runs the command line.
pub fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1).collect()) {
        Ok(Command::Help) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("housing-charts {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Render(r)) => match render(&r) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("housing-charts: error: {message}");
                ExitCode::from(1)
            }
        },
        Err(message) => {
            eprintln!("housing-charts: {message}\n(housing-charts --help for the options)");
            ExitCode::from(2)
        }
    }
}

/// Reads, renders and writes; the error is the line to print.
fn render(r: &Render) -> Result<(), String> {
    let spec_json = match &r.spec {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
            text
        }
    };
    let job = Job {
        spec_json: &spec_json,
        width: r.width,
        forced: r.forced,
        format: r.format,
        scale: r.scale,
        measure: r.measure,
    };
    let needs_fonts = job.format == raster::Format::Png || job.measure == raster::Measure::Fonts;
    let fonts = needs_fonts.then(|| Fonts::load(r.system_fonts, &r.font_dirs));
    let out = raster::render(&job, fonts.as_ref()).map_err(|e| {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
            _ => String::new(),
        };
        format!("{e}{place}")
    })?;
    if !r.quiet {
        for w in &out.warnings {
            eprintln!("housing-charts: warning: {w}");
        }
    }
    match &r.output {
        Some(path) => std::fs::write(path, &out.bytes).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => std::io::stdout().write_all(&out.bytes).map_err(|e| format!("cannot write to standard output: {e}")),
    }
}
