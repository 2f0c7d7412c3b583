//! The `annals` command line: the explorer by default, and subcommands
//! (`list`, `export`, `extract`, `check` and others) for headless use. This
//! file declares the arguments and picks the subcommand; each subcommand runs
//! in its own file under `cmd/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod cmd;
mod console;

use annals::export::Format;
use annals::filter::Filter;
use annals::loader::Sources;
use annals::model::DateValue;
use annals::text::inert;
use console::{WriteFailed, note, out};

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
    /// A folder of articles, or an article file; may repeat [default: none
    /// with --events; else ./assets/articles, else the bundled articles when
    /// the catalog is the bundled one]
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
            // no command shows the mention records of a load
            timeline_only: true,
            // each command but the explorer reads every event
            stored_events: false,
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
    /// Write each value as the timeline places it instead of TimeML's form: a
    /// clock time on a known day as that day (2015-07-14, not
    /// 2015-07-14T09:45), a weekend as its week (2015-W07, not 2015-W07-WE)
    #[arg(long, conflicts_with = "for_events")]
    timeline_values: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Json,
}

/// The allocator: loading an archive makes and frees millions of small
/// strings on every core, which the system allocator serves slowly when
/// threads contend for it. mimalloc's second version (the `v2` feature)
/// gives back the pages a load frees after 10 ms, where the third holds them
/// for a second: a cold load of 10,000 articles peaks some 50 MB lower, at
/// the same speed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gives the pages mimalloc holds freed back to the system
/// ([`annals::memory`]): each thread's own, on every thread of the pool
/// that loads, and this one's.
fn give_back() {
    // SAFETY: `mi_collect` takes no pointer; each thread collects the heap
    // it owns.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

fn main() -> ExitCode {
    annals::memory::set_give_back(give_back);
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
        None => cmd::explore::run(&cli.data),
        Some(Command::List(args)) => cmd::list::run(&cli.data, &args),
        Some(Command::Extract(args)) => cmd::extract::run(&cli.data, &args),
        Some(Command::Export(args)) => cmd::export::run(&cli.data, &args),
        Some(Command::Check) => cmd::check::run(&cli.data),
        Some(Command::Events(args)) => cmd::events::run(&cli.data, &args),
        Some(Command::Cache { action }) => cmd::cache::run(&action),
        Some(Command::Articles(args)) => cmd::articles::run(&cli.data, &args),
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
