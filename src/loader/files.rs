//! Finding the article files under the `--articles` paths and reading them,
//! within the limits on each article's and on all articles' size.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{OnProgress, Progress, Stage};
use crate::article::{self, ArticleInput};
use crate::diag::{LoadError, Problem};

/// An article file found under the `--articles` paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    pub path: PathBuf,
    /// The file's path relative to the `--articles` path it was found under
    /// (for a path that is itself a file, its file name). When several paths
    /// are given, the path as given comes first, so that `a.txt` in two
    /// folders gives two names. Names are unique within one load and stay the
    /// same from one run to the next with the same arguments.
    pub name: String,
}

/// The name of `file` found under the `--articles` path `root`; `several`
/// when more than one path was given.
fn article_name(root: &Path, file: &Path, several: bool) -> String {
    let rel = match file.strip_prefix(root) {
        Ok(r) if !r.as_os_str().is_empty() => r,
        _ => Path::new(file.file_name().unwrap_or(file.as_os_str())),
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    if !several {
        return rel;
    }
    let given = root.to_string_lossy().replace('\\', "/");
    let given = given.trim_end_matches('/');
    let given = given.strip_prefix("./").unwrap_or(given);
    if root.is_dir() {
        if given.is_empty() || given == "." {
            rel
        } else {
            format!("{given}/{rel}")
        }
    } else {
        given.to_string()
    }
}

/// Lists the article files under the given paths (files, or folders read one
/// level deep for the files an input kind claims by extension: text, web
/// pages, feeds; see [`crate::input::KINDS`]), sorted by name, each with its
/// name (see [`ArticleFile::name`]). A file named twice (the same folder given
/// twice, a file inside a folder also given, or two spellings of one path) is
/// listed once, where it is first found. A path that does not exist or cannot
/// be read is an error named with the path: the rest still loads.
pub fn article_files(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<ArticleFile> {
    let several = paths.len() > 1;
    let named = |root: &Path, f: PathBuf| ArticleFile {
        name: article_name(root, &f, several),
        path: f,
    };
    let fail = |problems: &mut Vec<Problem>, p: &Path, message: String| {
        problems.push(Problem {
            location: crate::diag::Location {
                file: p.to_path_buf(),
                line: 1,
                col: 1,
            },
            message,
            warning: false,
        })
    };
    let mut out: Vec<(ArticleFile, PathBuf)> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let rd = match std::fs::read_dir(p) {
                Ok(rd) => rd,
                Err(e) => {
                    fail(problems, p, format!("cannot read the folder: {e}"));
                    continue;
                }
            };
            // resolved once: a plain file's resolved path is the folder's
            // and its name
            let full = std::fs::canonicalize(p).ok();
            let mut files: Vec<(PathBuf, PathBuf)> = rd
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let f = e.path();
                    // the entry's type is had without a status call, but
                    // for a link, whose target is looked at
                    let plain = e.file_type().is_ok_and(|t| t.is_file());
                    let file = plain || (!e.file_type().is_ok_and(|t| t.is_dir()) && f.is_file());
                    let identity = match &full {
                        Some(dir) if plain => dir.join(e.file_name()),
                        _ => file_identity(&f),
                    };
                    (file && crate::input::is_article_file(&f)).then_some((f, identity))
                })
                .collect();
            files.sort_by(|a, b| a.0.cmp(&b.0));
            out.extend(files.into_iter().map(|(f, id)| (named(p, f), id)));
        } else if p.exists() {
            out.push((named(p, p.clone()), file_identity(p)));
        } else {
            fail(
                problems,
                p,
                "no such file or folder; no articles read from it".into(),
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.into_iter()
        .filter(|(_, id)| seen.insert(id.clone()))
        .map(|(f, _)| f)
        .collect()
}

/// A file's path with every link resolved, which tells it from every other
/// (two names of one file are one file); the path itself when it cannot be
/// resolved.
fn file_identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// All the articles of one load together may hold at most this much: past it,
/// the remaining files are skipped with a warning each.
pub const MAX_TOTAL_ARTICLE_BYTES: u64 = 1 << 30;

pub(super) fn read_articles(
    files: &[ArticleFile],
    problems: &mut Vec<Problem>,
    progress: OnProgress,
) -> Vec<ArticleInput> {
    read_articles_within(files, MAX_TOTAL_ARTICLE_BYTES, problems, progress)
}

fn read_articles_within(
    files: &[ArticleFile],
    total_limit: u64,
    problems: &mut Vec<Problem>,
    progress: OnProgress,
) -> Vec<ArticleInput> {
    /// The most files read at once, on every core; what they hold is then
    /// counted against the total one after the other, in order.
    const BATCH: usize = 128;
    let mut out = Vec::new();
    let mut total = 0u64;
    let mut done = 0;
    while done < files.len() {
        progress(Progress {
            stage: Stage::Reading,
            done: done as u64,
            total: files.len() as u64,
        });
        // what is left before this batch: no file of it may hold more, and
        // the batch together no more than twice that
        let left = total_limit.saturating_sub(total);
        let cap = article::MAX_ARTICLE_BYTES.min(left);
        let room = usize::try_from(left / cap.max(1)).unwrap_or(usize::MAX);
        let n = room.clamp(1, BATCH).min(files.len() - done);
        let batch = &files[done..done + n];
        done += n;
        let read: Vec<Result<Vec<u8>, LoadError>> = batch
            .par_iter()
            .map(|file| crate::diag::read_capped(&file.path, cap, "the article"))
            .collect();
        for (file, read) in batch.iter().zip(read) {
            take_article(file, read, total_limit, &mut total, &mut out, problems);
        }
    }
    out
}

/// Adds what was read of `file` to `out` when it fits in what is left of
/// `total_limit` after the `total` read before it, else the problem why not.
fn take_article(
    file: &ArticleFile,
    read: Result<Vec<u8>, LoadError>,
    total_limit: u64,
    total: &mut u64,
    out: &mut Vec<ArticleInput>,
    problems: &mut Vec<Problem>,
) {
    let f = &file.path;
    let at_start = crate::diag::Location {
        file: f.clone(),
        line: 1,
        col: 1,
    };
    let left = total_limit.saturating_sub(*total);
    // read within what was left before its batch, it may not fit what is
    // left now: as if it had been refused
    let read = match read {
        Ok(bytes) if bytes.len() as u64 > left => Err(LoadError::Refused {
            path: f.clone(),
            message: String::new(),
        }),
        other => other,
    };
    match read {
        Ok(bytes) => {
            *total += bytes.len() as u64;
            out.push(ArticleInput {
                path: f.clone(),
                name: file.name.clone(),
                bytes,
            });
        }
        Err(LoadError::Refused { .. }) if left < article::MAX_ARTICLE_BYTES => {
            problems.push(Problem {
                location: at_start,
                message: format!(
                    "skipped: the articles read before it hold {} MiB, and all together \
                     may hold at most {} MiB",
                    *total >> 20,
                    total_limit >> 20
                ),
                warning: true,
            });
        }
        Err(LoadError::Refused { message, .. }) => problems.push(Problem {
            location: at_start,
            message: format!("{message}; the article is skipped"),
            warning: true,
        }),
        Err(e) => problems.push(Problem {
            location: at_start,
            message: format!("cannot read: {}", io_reason(&e)),
            warning: false,
        }),
    }
}

/// The reason of an error without the path that the problem's location names.
fn io_reason(e: &LoadError) -> String {
    match e {
        LoadError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_past_the_total_limit_are_skipped_with_a_warning_each() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<ArticleFile> = (0..4)
            .map(|i| {
                let f = dir.path().join(format!("{i}.txt"));
                std::fs::write(&f, "x".repeat(40)).unwrap();
                ArticleFile {
                    path: f,
                    name: format!("{i}.txt"),
                }
            })
            .collect();
        let mut problems = Vec::new();
        let read = read_articles_within(&files, 100, &mut problems, &|_| {});
        assert_eq!(
            read.len(),
            2,
            "two of 40 bytes fit in 100, a third does not"
        );
        assert_eq!(problems.len(), 2);
        for (p, name) in problems.iter().zip(["2.txt", "3.txt"]) {
            let shown = p.to_string();
            assert!(p.warning && shown.contains(name), "{shown}");
            assert!(shown.contains("skipped"), "{shown}");
        }
        // a file that cannot be read is an error naming it
        let mut problems = Vec::new();
        let gone = ArticleFile {
            path: dir.path().join("gone.txt"),
            name: "gone.txt".into(),
        };
        assert!(read_articles_within(&[gone], 100, &mut problems, &|_| {}).is_empty());
        assert!(!problems[0].warning);
        assert!(
            problems[0]
                .to_string()
                .contains("gone.txt:1:1: error: cannot read")
        );
    }

    #[test]
    fn a_file_named_twice_is_listed_once_and_two_files_twice() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("articles");
        std::fs::create_dir(&folder).unwrap();
        let a = folder.join("a.txt");
        std::fs::write(&a, "On 2 June 2019 a summit was held.\n").unwrap();
        // another name of the same content: another article, as before
        std::fs::hard_link(&a, folder.join("b.txt")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&a, folder.join("c.txt")).unwrap();
        let names = |paths: &[PathBuf]| -> Vec<String> {
            let mut problems = Vec::new();
            let files = article_files(paths, &mut problems);
            assert!(problems.is_empty(), "{problems:?}");
            files.into_iter().map(|f| f.name).collect()
        };
        let listed = names(std::slice::from_ref(&folder));
        // the link to a.txt is a.txt
        assert_eq!(listed, ["a.txt", "b.txt"]);
        // the folder twice, a file of it again, and another spelling of it
        let again = folder.join("..").join("articles").join("a.txt");
        let many = names(&[folder.clone(), folder.clone(), a.clone(), again]);
        assert_eq!(many.len(), 2, "{many:?}");
    }
}
