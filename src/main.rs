//! The `annals` command line: the explorer by default, and `list`, `extract`,
//! `export` and `check` for headless use.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};

mod console;

use annals::diag::LoadError;
use annals::export::{self, ExportContext, ExportError, Format};
use annals::filter::Filter;
use annals::findings;
use annals::jsonl::{self, MentionFormat, MentionWriter, Records};
use annals::loader::{self, Loaded, Progress, Sources, Stage};
use annals::model::DateValue;
use annals::report;
use annals::text::{inert, json_inert};
use console::{WriteFailed, note, out};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Explore timelines of world events drawn from news articles",
    long_about = "Explore timelines of world events drawn from news articles.\n\n\
        With no command, annals opens the explorer on the bundled data (or on \
        ./events.toml and ./assets/articles when present); press ? in it for \
        help. When standard input or output is not a terminal, it prints the \
        timeline as `annals list` does."
)]
struct Cli {
    #[command(flatten)]
    data: DataArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Clone, Default)]
struct DataArgs {
    /// The event catalog (TOML or JSON), or a GDELT 2.0 event export
    /// (`*.export.CSV`, `*.export.CSV.zip`) [default: ./events.toml, else bundled]
    #[arg(long, global = true, value_name = "FILE")]
    events: Option<PathBuf>,
    /// How to read --events: by its name and shape, as annals' catalog, or as
    /// a GDELT export
    #[arg(long, global = true, value_enum, default_value_t = EventsFormat::Auto)]
    events_format: EventsFormat,
    /// GDELT: merge rows that repeat one event (same day, actors and event
    /// code), summing their counts
    #[arg(long, global = true)]
    fold: bool,
    /// A folder of articles, or an article file; may repeat
    /// [default: ./assets/articles, else bundled]
    #[arg(long, global = true, value_name = "PATH")]
    articles: Vec<PathBuf>,
    /// The gazetteer [default: ./assets/countries.toml, else bundled]
    #[arg(long, global = true, value_name = "FILE")]
    countries: Option<PathBuf>,
    /// Neither read nor write the cache of article results
    /// ($XDG_CACHE_HOME/annals, else ~/.cache/annals)
    #[arg(long, global = true)]
    no_cache: bool,
}

impl DataArgs {
    fn sources(&self) -> Sources {
        Sources {
            events: self.events.clone(),
            articles: self.articles.clone(),
            countries: self.countries.clone(),
            events_options: annals::input::EventsOptions {
                format: match self.events_format {
                    EventsFormat::Auto => annals::input::Events::Auto,
                    EventsFormat::Annals => annals::input::Events::Annals,
                    EventsFormat::Gdelt => annals::input::Events::Gdelt,
                },
                fold: self.fold,
            },
        }
    }
}

#[derive(Clone, Copy, Default, ValueEnum)]
enum EventsFormat {
    /// By the file's name and shape
    #[default]
    Auto,
    /// annals' catalog, TOML or JSON by extension
    Annals,
    /// A GDELT 2.0 event export, tab-separated or zipped
    Gdelt,
}

#[derive(Subcommand)]
enum Command {
    /// List the timeline, filtered
    List(ListArgs),
    /// Print every temporal expression found in articles, as JSON
    Extract(ExtractArgs),
    // the formats, their help and the examples come from the format registry
    #[command(
        about = Format::command_about(),
        after_help = Format::command_examples()
    )]
    Export(ExportArgs),
    /// Validate the catalog, the gazetteer and the articles
    Check,
    /// Build the events from mentions extracted elsewhere, and print them as
    /// `list --format json` does
    #[command(after_help = "Example:\n  \
        annals extract --for-events assets/articles > mentions.jsonl\n  \
        annals events --from-mentions mentions.jsonl > events.json\n\n\
        The mentions may come from many workers, in any order; the events equal \
        those of a local load of the same articles with the same --events and \
        --countries.")]
    Events(EventsArgs),
    /// Show or empty the cache of article results ($XDG_CACHE_HOME/annals,
    /// else ~/.cache/annals)
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Show what annals understood of each article: kind, title, outlet,
    /// author, publication date and where it came from, URL, size, mentions
    #[command(after_help = "Examples:\n  \
        annals articles saved-pages/\n  \
        annals articles feeds/bbc.xml --format jsonl")]
    Articles(ArticlesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Args)]
struct ArticlesArgs {
    /// Article files or folders [default: the articles in use]
    paths: Vec<PathBuf>,
    /// Output format: a table, or one JSON object per line
    #[arg(long, value_enum, default_value_t = ArticlesFormat::Table)]
    format: ArticlesFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ArticlesFormat {
    Table,
    Jsonl,
}

#[derive(Subcommand)]
enum CacheAction {
    /// What is cached, and how big it is
    Info,
    /// Remove every cache file
    Clear,
}

#[derive(Args)]
struct EventsArgs {
    /// Article and mention lines as `annals extract --for-events` writes
    /// them; `-` reads standard input
    #[arg(long, value_name = "FILE|-")]
    from_mentions: PathBuf,
}

#[derive(Args, Clone, Default)]
struct FilterArgs {
    /// Country codes, comma-separated; events with any of them
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    country: Vec<String>,
    /// With --country: events with all of the countries
    #[arg(long)]
    all_countries: bool,
    /// Tags, comma-separated; events with any of them
    #[arg(long, value_delimiter = ',', value_name = "TAGS")]
    tag: Vec<String>,
    /// With --tag: events with all of the tags
    #[arg(long)]
    all_tags: bool,
    /// Events overlapping from this date on (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<DateValue>,
    /// Events overlapping up to the end of this date
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<DateValue>,
    /// Words that must all match: fuzzy in titles, actors and aliases, by word
    /// in summaries and quoted sentences
    #[arg(long, short, value_name = "TEXT")]
    query: Option<String>,
    /// Only the curated catalog's events, not those extracted from articles
    #[arg(long)]
    curated_only: bool,
    /// Only events with these statuses, comma-separated: happened, expected
    /// (planned or scheduled), mentioned (a date used as a bound)
    #[arg(long, value_delimiter = ',', value_name = "STATUSES", value_parser = parse_status)]
    status: Vec<annals::events::Status>,
    /// Only extracted events at least this confident (0 to 1); curated events
    /// always pass
    #[arg(long, value_name = "C", value_parser = parse_confidence)]
    min_confidence: Option<u8>,
}

impl FilterArgs {
    /// The filter the arguments ask for, or why no event could ever match
    /// it: an empty country code or tag, or a range that ends before it
    /// starts. Such a filter is a mistake to report, not an empty result.
    fn filter(&self) -> Result<Filter, String> {
        let codes = |flag: &str, given: &[String], example: &str| {
            if given.iter().any(|c| c.trim().is_empty()) {
                return Err(format!(
                    "{flag}: an empty value (in `{}`): give one or more, comma-separated, \
                     such as {example}",
                    inert(&given.join(","))
                ));
            }
            Ok(given.iter().map(|c| c.trim().to_string()).collect())
        };
        let countries: Vec<String> = codes("--country", &self.country, "TR,RU")?;
        let tags: Vec<String> = codes("--tag", &self.tag, "sanctions,s-400")?;
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if to.end() <= from.start() {
                return Err(format!(
                    "--to {to} ends before --from {from} starts, so no event can match: \
                     swap the two dates"
                ));
            }
        }
        Ok(Filter {
            countries: countries.iter().map(|c| c.to_uppercase()).collect(),
            all_countries: self.all_countries,
            tags: tags.iter().map(|t| t.to_lowercase()).collect(),
            all_tags: self.all_tags,
            from: self.from,
            to: self.to,
            query: self.query.clone().unwrap_or_default(),
            curated_only: self.curated_only,
            statuses: self.status.iter().copied().collect(),
            min_confidence: self.min_confidence,
        })
    }
}

/// Arguments that ask for something that cannot be done; exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

fn parse_status(s: &str) -> Result<annals::events::Status, String> {
    s.parse()
}

/// A confidence from 0 to 1, kept in hundredths.
fn parse_confidence(s: &str) -> Result<u8, String> {
    match s.trim().parse::<f32>() {
        Ok(c) if (0.0..=1.0).contains(&c) => Ok((c * 100.0).round() as u8),
        _ => Err(format!(
            "`{}` is not a confidence: give a number from 0 to 1, such as 0.6",
            inert(s)
        )),
    }
}

fn parse_date(s: &str) -> Result<DateValue, String> {
    s.parse::<DateValue>()
        .map_err(|e| inert(&e.to_string()).into_owned())
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Format,
    /// The file to write; `-` or none writes to standard output
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace the output file when it already exists
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct ExtractArgs {
    /// Article files or folders [default: the articles in use]
    paths: Vec<PathBuf>,
    /// Output format: one object per line, or one JSON array
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    format: ExtractFormat,
    /// Read articles as JSON Lines {"id", "published", "text"} from standard
    /// input, writing each one's mentions as soon as its line is read; a bad
    /// line is reported, skipped and makes the exit code 1
    #[arg(long, conflicts_with = "paths")]
    stdin: bool,
    /// Before each article's mentions, write an article line with what
    /// `annals events --from-mentions` needs (JSON Lines only)
    #[arg(long)]
    for_events: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Arguments are quoted back in the message: keep them inert.
            console::message(inert(&e.render().to_string()).trim_end_matches('\n'));
            return ExitCode::from(e.exit_code().clamp(1, 255) as u8);
        }
        Err(e) => e.exit(),
    };
    if !cli.data.no_cache {
        annals::cache::set_dir(annals::cache::default_dir());
    }
    let result = match cli.command {
        None => cmd_explore(&cli.data),
        Some(Command::List(args)) => cmd_list(&cli.data, &args),
        Some(Command::Extract(args)) => cmd_extract(&cli.data, &args),
        Some(Command::Export(args)) => cmd_export(&cli.data, &args),
        Some(Command::Check) => cmd_check(&cli.data),
        Some(Command::Events(args)) => cmd_events(&cli.data, &args),
        Some(Command::Cache { action }) => cmd_cache(&action),
        Some(Command::Articles(args)) => cmd_articles(&cli.data, &args),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "annals", &mut script);
            out(&String::from_utf8_lossy(&script))
                .map(|_| ExitCode::SUCCESS)
                .map_err(Into::into)
        }
        Some(Command::Man) => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(Into::into)
                .and_then(|_| out(&String::from_utf8_lossy(&page)).map_err(Into::into))
                .map(|_| ExitCode::SUCCESS)
        }
    };
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            note!("annals: {}", inert(&e.to_string()));
            // a full disk is not the user's mistake nor the data's
            ExitCode::from(if e.is::<WriteFailed>() { 1 } else { 2 })
        }
    };
    if console::messages_lost() && code == ExitCode::SUCCESS {
        return ExitCode::from(1);
    }
    code
}

/// Loads the data; when standard error is a terminal and loading takes more
/// than a moment, with a progress bar there.
fn load_showing_progress(sources: &Sources) -> Result<Loaded, LoadError> {
    let loaded = if !io::stderr().is_terminal() {
        loader::load(sources)
    } else {
        let bar = LoadBar::new();
        let loaded = loader::load_with_progress(sources, &|p| bar.update(p));
        bar.bar.finish_and_clear();
        loaded
    };
    if let Ok(Some(w)) = loaded.as_ref().map(|l| &l.cache.warning) {
        note!("annals: warning: {}", inert(w));
    }
    loaded
}

/// `annals cache info` and `annals cache clear`.
fn cmd_cache(action: &CacheAction) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let Some(dir) = annals::cache::default_dir() else {
        note!("annals: cache: neither XDG_CACHE_HOME nor HOME is set: there is no cache folder");
        return Ok(ExitCode::from(1));
    };
    let shown = inert(&dir.display().to_string()).into_owned();
    let failed = |e: std::io::Error| format!("cache folder {shown}: {e}");
    match action {
        CacheAction::Info => {
            let files = annals::cache::info(&dir).map_err(failed)?;
            let mut text = format!("cache folder: {shown}\n");
            for f in &files {
                text += &format!("  {}\n", inert(&f.describe()));
            }
            let total: u64 = files.iter().map(|f| f.bytes).sum();
            text += &format!(
                "{}, {}\n",
                annals::text::count(files.len(), "cache file"),
                annals::cache::human_bytes(total)
            );
            out(&text)?;
        }
        CacheAction::Clear => {
            let (files, bytes) = annals::cache::clear(&dir).map_err(failed)?;
            out(&format!(
                "removed {} ({}) from {shown}\n",
                annals::text::count(files, "cache file"),
                annals::cache::human_bytes(bytes)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on standard error that appears only once loading has
/// taken a quarter of a second.
struct LoadBar {
    bar: ProgressBar,
    started: Instant,
    stage: Mutex<Option<Stage>>,
}

impl LoadBar {
    fn new() -> LoadBar {
        LoadBar {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            started: Instant::now(),
            stage: Mutex::new(None),
        }
    }

    fn update(&self, p: Progress) {
        if self.bar.is_hidden() && self.started.elapsed() >= Duration::from_millis(250) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        let Ok(mut stage) = self.stage.lock() else {
            return;
        };
        if *stage != Some(p.stage) {
            *stage = Some(p.stage);
            let (template, message) = match p.stage {
                Stage::Catalog => (
                    "{msg} [{bar:30}] {bytes}/{total_bytes}",
                    "reading the catalog",
                ),
                Stage::Reading => ("{msg} [{bar:30}] {pos}/{len}", "reading articles"),
                Stage::Articles => (
                    "{msg} [{bar:30}] {pos}/{len} ({eta} left)",
                    "finding dates in articles",
                ),
                Stage::Timeline => ("{msg} {spinner}", "building the timeline"),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                self.bar.set_style(style.progress_chars("=> "));
            }
            self.bar.set_message(message);
            self.bar.reset();
        }
        self.bar.set_length(p.total);
        self.bar.set_position(p.done);
    }
}

/// Loads the data, printing its problems to standard error.
fn load_reporting(data: &DataArgs) -> Result<Loaded, LoadError> {
    load_reporting_sources(&data.sources())
}

/// Loads what `sources` name, printing its problems to standard error.
fn load_reporting_sources(sources: &Sources) -> Result<Loaded, LoadError> {
    let loaded = load_showing_progress(sources)?;
    for p in &loaded.problems {
        note!("{p}");
    }
    Ok(loaded)
}

/// Loads the data and applies the filter arguments, warning about country
/// codes the gazetteer does not know.
fn load_filtered(
    data: &DataArgs,
    args: &FilterArgs,
) -> Result<(Loaded, Filter, Vec<usize>), Box<dyn std::error::Error>> {
    let filter = args.filter().map_err(UsageError)?;
    let loaded = load_reporting(data)?;
    for c in &filter.countries {
        if !loaded.timeline.gazetteer.contains(c) {
            note!("annals: warning: unknown country code `{}`", inert(c));
        }
    }
    let shown = loaded.timeline.filter(&filter);
    Ok((loaded, filter, shown))
}

fn cmd_list(data: &DataArgs, args: &ListArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let (loaded, _, shown) = load_filtered(data, &args.filter)?;
    match args.format {
        ListFormat::Table => {
            let width = terminal_width().unwrap_or(80);
            out(&report::table(&loaded.timeline, &shown, width))?;
        }
        ListFormat::Json => {
            let arr: Vec<serde_json::Value> = shown
                .iter()
                .map(|&i| report::event_json(&loaded.timeline.events[i]))
                .collect();
            out(&(json_inert(serde_json::to_string_pretty(&arr)?) + "\n"))?;
        }
    }
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}

/// Leaves the loaded data for the operating system to take back when the
/// process exits, which it does at once: freeing a million events one by one
/// would take a noticeable part of a second.
fn exit_without_freeing(loaded: Loaded) {
    std::mem::forget(loaded);
}

fn cmd_export(data: &DataArgs, args: &ExportArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let (loaded, filter, shown) = load_filtered(data, &args.filter)?;
    let description = filter.describe();
    let path = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let outcome = match path {
        None => {
            let ctx = ExportContext::now(&description);
            export::render(&loaded.timeline, &shown, args.format, &ctx).map(|text| (text, 0))
        }
        Some(p) => export::write_file(
            &loaded.timeline,
            &shown,
            args.format,
            p,
            args.force,
            &description,
        )
        .map(|n| (String::new(), n)),
    };
    match (outcome, path) {
        (Ok((text, _)), None) => out(&text)?,
        (Ok((_, n)), Some(p)) => note!(
            "annals: wrote {n} {} to {}",
            if n == 1 { "event" } else { "events" },
            inert(&p.display().to_string())
        ),
        (Err(e), _) => {
            match &e {
                ExportError::Exists(_) => note!(
                    "annals: export: {} (use --force to replace it)",
                    inert(&e.to_string())
                ),
                ExportError::Nothing if filter.is_empty() => {
                    note!("annals: export: nothing to export: the timeline has no events")
                }
                ExportError::Nothing => note!(
                    "annals: export: nothing to export: no events match the filters ({})",
                    inert(&description)
                ),
                _ => note!("annals: export: {}", inert(&e.to_string())),
            }
            return Ok(ExitCode::from(1));
        }
    }
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}

/// The width to print tables at, never more than a screen could show (a huge
/// `COLUMNS` would pad every line to it).
fn terminal_width() -> Option<usize> {
    const WIDEST: usize = 1000;
    annals::tui::terminal::width().map(|w| w.min(WIDEST))
}

/// The explorer. It opens at once and loads the data on a thread, showing
/// how the load goes; a load error restores the terminal and is reported on
/// the normal screen with exit code 2. The data's problems are printed once
/// the explorer has closed.
fn cmd_explore(data: &DataArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    use std::io::IsTerminal;
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return cmd_list(
            data,
            &ListArgs {
                filter: FilterArgs::default(),
                format: ListFormat::Table,
            },
        );
    }
    let path = annals::tui::keymap::config_path();
    let (keymap, notes) = annals::tui::keymap::KeyMap::load(path.as_deref());
    for n in &notes {
        note!("annals: {}", inert(n));
    }
    let problems = annals::tui::run(data.sources(), keymap, notes)
        .map_err(|e| inert(&e.to_string()).into_owned())?;
    for p in &problems {
        note!("{}", inert(&p.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_extract(
    data: &DataArgs,
    args: &ExtractArgs,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let format = match args.format {
        ExtractFormat::Jsonl => MentionFormat::Lines,
        ExtractFormat::Json => MentionFormat::Array,
    };
    if args.for_events && format != MentionFormat::Lines {
        note!(
            "annals: extract: --for-events writes JSON Lines; it cannot be used with --format json"
        );
        return Ok(ExitCode::from(2));
    }
    if args.stdin {
        return extract_stdin(data, format, args.for_events);
    }
    let mut sources = data.sources();
    if !args.paths.is_empty() {
        sources.articles = args.paths.clone();
    }
    let mapped = map_showing_progress(&sources)?;
    for p in mapped
        .problems
        .iter()
        .chain(mapped.results.iter().flat_map(|r| &r.problems))
    {
        note!("{p}");
    }
    let mut out = MentionWriter::new(console::Stdout::default(), format);
    let written = (|| {
        for r in &mapped.results {
            // a file that gave no article (a broken feed) has only problems
            if args.for_events && r.row.is_none() {
                continue;
            }
            if args.for_events {
                out.line(&findings::article_line(r, &mapped.events)?)?;
                out.line(&findings::mention_lines(r)?)?;
                out.flush()?;
            } else {
                out.article(&r.mentions)?;
            }
        }
        out.finish().map(drop)
    })();
    written.map_err(WriteFailed)?;
    // an article path that is not there or cannot be read is named above
    // and fails the command, after the mentions of the others are written;
    // a bad catalog event is left out as everywhere else
    let failed = mapped
        .problems
        .iter()
        .chain(mapped.results.iter().flat_map(|r| &r.problems))
        .any(|p| {
            !p.warning
                && sources
                    .articles
                    .iter()
                    .any(|a| p.location.file.starts_with(a))
        });
    std::mem::forget(mapped);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `extract --stdin`: the mentions of each line's article are written as soon
/// as the line is read. A bad line is reported and skipped, and the exit code
/// is 1 at the end; a line over the limit stops the reading with exit code 2.
fn extract_stdin(
    data: &DataArgs,
    format: MentionFormat,
    for_events: bool,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let sources = data.sources();
    let gazetteer = loader::load_gazetteer(&sources)?;
    let catalog = load_catalog_only(&sources, &gazetteer)?;
    let linker = loader::Linker::new(&catalog.events);
    let mut records = Records::new(io::stdin().lock(), jsonl::STDIN_NAME, MAX_STDIN_LINE);
    let mut out = MentionWriter::new(console::Stdout::default(), format);
    let mut bad = 0;
    let written = (|| {
        for record in records.by_ref() {
            let record = match record {
                Ok(r) => r,
                Err(p) => {
                    note!("{p}");
                    bad += 1;
                    continue;
                }
            };
            for w in &record.warnings {
                note!("{w}");
            }
            if console::stdout_gone() {
                break;
            }
            let result = loader::result_for_text(
                &record.id,
                record.published,
                &record.text,
                &linker,
                &gazetteer,
                &catalog.events,
            );
            if for_events {
                out.line(&findings::article_line(&result, &catalog.events)?)?;
                out.line(&findings::mention_lines(&result)?)?;
                out.flush()?;
            } else {
                out.article(&result.mentions)?;
            }
        }
        out.finish().map(drop)
    })();
    written.map_err(WriteFailed)?;
    if console::stdout_gone() {
        // whoever read the output wanted no more of it
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if records.stopped_early() {
        ExitCode::from(2)
    } else if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The map step over the sources' articles, with a progress bar as
/// [`load_showing_progress`] shows one.
fn map_showing_progress(sources: &Sources) -> Result<loader::Mapped, LoadError> {
    if !io::stderr().is_terminal() {
        return loader::map_sources(sources, &|_| {});
    }
    let bar = LoadBar::new();
    let mapped = loader::map_sources(sources, &|p| bar.update(p));
    bar.bar.finish_and_clear();
    mapped
}

/// `annals events --from-mentions`: reads the lines, reports what is wrong
/// with them, and prints the timeline the same reduce step as a local load
/// builds from them. A malformed line is an error: nothing is printed and the
/// exit code is 2.
fn cmd_events(data: &DataArgs, args: &EventsArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let sources = data.sources();
    let gazetteer = loader::load_gazetteer(&sources)?;
    let catalog = loader::load_catalog(&sources, &gazetteer, &|_| {}, &|_, _| {})?;
    let read = if args.from_mentions.as_os_str() == "-" {
        findings::read(
            io::stdin().lock(),
            std::path::Path::new("<stdin>"),
            &catalog.events,
        )
    } else {
        let file = std::fs::File::open(&args.from_mentions).map_err(|e| LoadError::Io {
            path: args.from_mentions.clone(),
            source: e,
        })?;
        findings::read(file, &args.from_mentions, &catalog.events)
    }
    .map_err(|e| format!("{}: {e}", args.from_mentions.display()))?;
    if !read.errors.is_empty() {
        for p in &read.errors {
            note!("{p}");
        }
        if read.more_errors > 0 {
            note!("annals: events: {} more malformed lines", read.more_errors);
        }
        note!(
            "annals: events: {} could not be read; no events were written",
            args.from_mentions.display()
        );
        return Ok(ExitCode::from(2));
    }
    let loaded = findings::build(gazetteer, catalog, read);
    for p in &loaded.problems {
        note!("{p}");
    }
    let arr: Vec<serde_json::Value> = loaded
        .timeline
        .events
        .iter()
        .map(report::event_json)
        .collect();
    out(&(json_inert(serde_json::to_string_pretty(&arr)?) + "\n"))?;
    exit_without_freeing(loaded);
    Ok(ExitCode::SUCCESS)
}

/// The longest line `extract --stdin` reads: an article at the size limit,
/// with room for the escapes JSON adds.
const MAX_STDIN_LINE: u64 = 2 * annals::article::MAX_ARTICLE_BYTES;

/// The catalog alone (for `extract --stdin`), chosen as a load chooses it,
/// its problems printed to standard error.
fn load_catalog_only(
    sources: &Sources,
    gazetteer: &annals::gazetteer::Gazetteer,
) -> Result<annals::catalog::Catalog, LoadError> {
    let catalog = loader::load_catalog(sources, gazetteer, &|_| {}, &|_, _| {})?;
    for p in &catalog.problems {
        note!("{p}");
    }
    Ok(catalog)
}

/// `annals articles`: one row per article of the given paths (or of the
/// articles in use).
fn cmd_articles(
    data: &DataArgs,
    args: &ArticlesArgs,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut sources = data.sources();
    if !args.paths.is_empty() {
        sources.articles = args.paths.clone();
    }
    let loaded = load_reporting_sources(&sources)?;
    let errors = loaded.problems.iter().any(|p| !p.warning);
    match args.format {
        ArticlesFormat::Table => {
            let width = terminal_width().unwrap_or(1000);
            out(&annals::input::articles_table(&loaded.articles, width))?;
        }
        ArticlesFormat::Jsonl => {
            let mut lines = String::new();
            for r in &loaded.articles {
                lines.push_str(&json_inert(serde_json::to_string(r)?));
                lines.push('\n');
            }
            out(&lines)?;
        }
    }
    exit_without_freeing(loaded);
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn cmd_check(data: &DataArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let loaded = match load_showing_progress(&data.sources()) {
        Ok(l) => l,
        Err(e) => {
            note!("{e}");
            out("check: failed: the data could not be loaded\n")?;
            return Ok(ExitCode::from(2));
        }
    };
    for p in &loaded.problems {
        note!("{p}");
    }
    let s = &loaded.stats;
    let errors = loaded.problems.iter().filter(|p| !p.warning).count();
    let warnings = loaded.problems.len() - errors;
    let count = annals::text::count;
    out(&format!(
        "{} ({} curated, {} extracted), {}, {}, {}; {}, {}\n",
        count(s.events, "event"),
        s.curated,
        s.extracted,
        count(s.articles, "article"),
        count(s.mentions, "mention"),
        count(s.links, "link"),
        count(errors, "error"),
        count(warnings, "warning")
    ))?;
    // a warning does not fail the check; an error does
    let code = if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    exit_without_freeing(loaded);
    Ok(code)
}
