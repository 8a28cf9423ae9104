//! The command line's arguments: `render SPEC -o OUT [options]`, parsed
//! with pico-args (which usvg already depends on) into a `Command`.

use std::ffi::OsString;
use std::path::PathBuf;

use housing_charts::layout::DPR_RANGE;
use housing_charts::model::SIZE_RANGE;
use housing_charts::raster::{Format, Measure};
use housing_charts::spec::{Lang, ThemeName};
use housing_charts::Forced;
use serde::Deserialize;

/// `--help`.
pub const HELP: &str = "\
housing-charts: draws a chart spec (JSON) to SVG or PNG, as the browser draws it.

USAGE:
    housing-charts render SPEC.json -o OUT.svg [OPTIONS]
    housing-charts render SPEC.json -o OUT.png [OPTIONS]
    housing-charts render - -o OUT.png < SPEC.json

    SPEC is a file, or - for standard input. The output's extension chooses
    the format; -o - (or no -o) writes to standard output (SVG unless
    --format png). Built-in datasets (\"dataset\": \"people\") are compiled in.

OPTIONS:
    -o, --output FILE       Where to write (default: standard output)
        --format svg|png    Output format (default: from the extension, else svg)
        --width PX          Width in CSS pixels (default: the spec's width, else 640)
        --height PX         Height in CSS pixels (default: the spec's height, else
                            as tall as the content needs)
        --scale N           PNG pixels per CSS pixel, 0.5 to 4 (default 1): the PNG
                            is width × N pixels wide
        --locale LANG       Language of the chart: en zh fr es ru ar (replaces
                            the spec's locale)
        --theme light|dark|auto
                            Built-in theme (replaces the spec's; a theme object
                            keeps its own values over it; auto is light here:
                            there is no reader's setting to follow)
        --measure fonts|estimate
                            How text is measured for layout (default: fonts for
                            PNG, estimate for SVG, which readers see in their own
                            fonts; estimate gives the same SVG as render_svg)
        --font-dir DIR      Also load the fonts under DIR (repeatable)
        --no-system-fonts   Load only the --font-dir fonts
    -q, --quiet             Do not print warnings
    -h, --help              Print this help
    -V, --version           Print the version

FONTS:
    Text is drawn and measured with the system's fonts (fontconfig's
    directories) and --font-dir's: Noto Sans for Latin and Cyrillic, Noto Sans
    Arabic, Noto Sans CJK SC (Debian: fonts-noto-core, fonts-noto-cjk).

EXIT STATUS:
    0 drawn (warnings, if any, on standard error), 1 the spec or a file was
    bad (the message names the spec's JSON path), 2 bad arguments.
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Print the help.
    Help,
    /// Print the version.
    Version,
    /// Render a spec.
    Render(Render),
}

/// `render`'s arguments.
#[derive(Debug)]
pub struct Render {
    /// The spec file, or None for standard input (`-`).
    pub spec: Option<PathBuf>,
    /// The output file, or None for standard output.
    pub output: Option<PathBuf>,
    /// SVG or PNG.
    pub format: Format,
    /// `--width`.
    pub width: Option<f64>,
    /// `--locale`, `--theme`, `--height`.
    pub forced: Forced,
    /// `--scale`.
    pub scale: f64,
    /// `--measure`, or the format's default.
    pub measure: Measure,
    /// `--font-dir`s.
    pub font_dirs: Vec<PathBuf>,
    /// Load the system's fonts.
    pub system_fonts: bool,
    /// `--quiet`.
    pub quiet: bool,
}

/// Parses the command line (without the program name).
pub fn parse(args: Vec<OsString>) -> Result<Command, String> {
    let mut args = pico_args::Arguments::from_vec(args);
    if args.contains(["-h", "--help"]) {
        return Ok(Command::Help);
    }
    if args.contains(["-V", "--version"]) {
        return Ok(Command::Version);
    }
    match args.subcommand().map_err(|e| e.to_string())?.as_deref() {
        Some("render") => {}
        Some("help") => return Ok(Command::Help),
        Some(other) => return Err(format!("unknown command `{other}`; the command is `render`")),
        None => return Err("expected a command: `render SPEC.json -o OUT.svg`".into()),
    }
    // Errors name the option (pico-args' own say only "failed to parse 'wide'").
    fn opt<T: std::str::FromStr>(args: &mut pico_args::Arguments, keys: &[&'static str]) -> Result<Option<T>, String>
    where
        T::Err: std::fmt::Display,
    {
        let name = keys[keys.len() - 1];
        let found = match keys {
            [short, long] => args.opt_value_from_str([*short, *long]),
            _ => args.opt_value_from_str(name),
        };
        found.map_err(|e| format!("{name}: {e}"))
    }
    let output: Option<PathBuf> = opt(&mut args, &["-o", "--output"])?;
    let format: Option<String> = opt(&mut args, &["--format"])?;
    let width: Option<f64> = opt(&mut args, &["--width"])?;
    let height: Option<f64> = opt(&mut args, &["--height"])?;
    let scale: Option<f64> = opt(&mut args, &["--scale"])?;
    let locale: Option<String> = opt(&mut args, &["--locale"])?;
    let theme: Option<String> = opt(&mut args, &["--theme"])?;
    let measure: Option<String> = opt(&mut args, &["--measure"])?;
    let font_dirs: Vec<PathBuf> = args.values_from_str("--font-dir").map_err(|e| format!("--font-dir: {e}"))?;
    let system_fonts = !args.contains("--no-system-fonts");
    let quiet = args.contains(["-q", "--quiet"]);

    let rest = args.finish();
    if let Some(unknown) = rest.iter().map(|a| a.to_string_lossy()).find(|a| a.starts_with('-') && a != "-") {
        return Err(format!("unknown option `{unknown}`"));
    }
    let mut rest = rest.into_iter();
    let spec = match rest.next() {
        None => return Err("expected the spec: a JSON file, or - for standard input".into()),
        Some(s) if s == "-" => None,
        Some(s) => Some(PathBuf::from(s)),
    };
    if let Some(extra) = rest.next() {
        return Err(format!("unexpected argument `{}` (one spec at a time)", extra.to_string_lossy()));
    }

    let output = output.filter(|o| o.as_os_str() != "-");
    let format = match (format.as_deref(), &output) {
        (Some(f), _) => parse_format(f)?,
        (None, Some(o)) => match o.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("svg") => Format::Svg,
            Some("png") => Format::Png,
            _ => return Err(format!("cannot tell the format of `{}`: name it .svg or .png, or pass --format", o.display())),
        },
        (None, None) => Format::Svg,
    };
    let size = |name: &str, v: Option<f64>| match v {
        Some(v) if !(SIZE_RANGE.0..=SIZE_RANGE.1).contains(&v) => {
            Err(format!("{name}: expected a size from {} to {} pixels, found {v}", SIZE_RANGE.0, SIZE_RANGE.1))
        }
        _ => Ok(v),
    };
    let scale = match (scale, format) {
        (Some(_), Format::Svg) => return Err("--scale: is for PNG output (an SVG has no pixels)".into()),
        (Some(s), _) if !(DPR_RANGE.0..=DPR_RANGE.1).contains(&s) => {
            return Err(format!("--scale: expected a pixel ratio from {} to {}, found {s}", DPR_RANGE.0, DPR_RANGE.1))
        }
        (s, _) => s.unwrap_or(1.0),
    };
    let lang = match locale {
        None => None,
        Some(l) => Some(Lang::from_tag(&l).ok_or_else(|| {
            let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            format!("--locale: expected one of {}, found `{l}`", codes.join(" "))
        })?),
    };
    let theme = match theme {
        None => None,
        Some(t) => Some(
            ThemeName::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(&t))
                .map_err(|e| format!("--theme: {e}"))?,
        ),
    };
    let measure = match measure.as_deref() {
        None if format == Format::Png => Measure::Fonts,
        None => Measure::Estimate,
        Some("fonts") => Measure::Fonts,
        Some("estimate") => Measure::Estimate,
        Some(other) => return Err(format!("--measure: expected `fonts` or `estimate`, found `{other}`")),
    };
    Ok(Command::Render(Render {
        spec,
        output,
        format,
        width: size("--width", width)?,
        forced: Forced { lang, theme, height: size("--height", height)? },
        scale,
        measure,
        font_dirs,
        system_fonts,
        quiet,
    }))
}

fn parse_format(f: &str) -> Result<Format, String> {
    match f {
        "svg" => Ok(Format::Svg),
        "png" => Ok(Format::Png),
        _ => Err(format!("--format: expected `svg` or `png`, found `{f}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command, String> {
        parse(line.split_whitespace().map(OsString::from).collect())
    }

    fn render(line: &str) -> Render {
        match parse_str(line) {
            Ok(Command::Render(r)) => r,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn the_extension_chooses_the_format_and_its_measure() {
        let r = render("render a.json -o out.PNG --scale 2");
        assert_eq!((r.format, r.measure, r.scale), (Format::Png, Measure::Fonts, 2.0));
        assert_eq!(r.spec, Some(PathBuf::from("a.json")));
        let r = render("render - --output=out.svg");
        assert_eq!((r.format, r.measure, r.spec), (Format::Svg, Measure::Estimate, None));
        let r = render("render a.json --format png --measure estimate");
        assert_eq!((r.format, r.measure, r.output), (Format::Png, Measure::Estimate, None));
    }

    #[test]
    fn options_are_read_into_the_forced_values() {
        let r = render("render a.json -o b.svg --locale zh-CN --theme dark --width 480 --height 300 --font-dir x --font-dir y --no-system-fonts -q");
        assert_eq!(r.forced, Forced { lang: Some(Lang::Zh), theme: Some(ThemeName::Dark), height: Some(300.0) });
        assert_eq!(r.width, Some(480.0));
        assert_eq!(r.font_dirs, vec![PathBuf::from("x"), PathBuf::from("y")]);
        assert!(!r.system_fonts && r.quiet);
    }

    #[test]
    fn bad_arguments_say_which_and_why() {
        for (line, says) in [
            ("render a.json -o b.gif", "cannot tell the format of `b.gif`"),
            ("render a.json -o b.svg --scale 2", "--scale: is for PNG output"),
            ("render a.json -o b.png --scale 9", "--scale: expected a pixel ratio from 0.5 to 4, found 9"),
            ("render a.json --locale de", "--locale: expected one of en zh fr es ru ar, found `de`"),
            ("render a.json --theme sepia", "--theme: unknown variant `sepia`, expected one of `light`, `dark`, `auto`"),
            ("render a.json --width 50", "--width: expected a size from 100 to 4000 pixels, found 50"),
            ("render a.json --width wide", "--width: failed to parse 'wide'"),
            ("render a.json --colour red", "unknown option `--colour`"),
            ("render --colour a.json", "unknown option `--colour`"),
            ("render", "expected the spec"),
            ("draw a.json", "unknown command `draw`"),
            ("render a.json b.json", "unexpected argument `b.json`"),
            ("render a.json --measure exact", "--measure: expected `fonts` or `estimate`"),
        ] {
            match parse_str(line) {
                Err(e) => assert!(e.contains(says), "{line}: {e}"),
                Ok(c) => panic!("{line}: accepted as {c:?}"),
            }
        }
        assert!(matches!(parse_str("--help"), Ok(Command::Help)));
        assert!(matches!(parse_str("render a.json -h"), Ok(Command::Help)));
        assert!(matches!(parse_str("-V"), Ok(Command::Version)));
    }
}
