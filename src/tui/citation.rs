//! The citation `y` copies: the event's title and date, and the outlet and
//! link of the article that reports it.

use crate::model::{ArticleMeta, Event};
use crate::text::one_line;

/// `Title (15 July 2016). Outlet. https://…`: the title and the date in
/// words, then the outlet and the address of the first article cited that
/// has an address (else of the first article cited). Each part is on one
/// line, control characters shown as escapes, so the text is safe to paste.
pub fn citation(e: &Event) -> String {
    let mut out = format!("{} ({}).", one_line(e.title.trim()), e.describe_date());
    let article: Option<&ArticleMeta> = e
        .sources
        .iter()
        .map(|s| s.article.as_ref())
        .find(|a| a.url.is_some())
        .or_else(|| e.sources.first().map(|s| s.article.as_ref()));
    if let Some(a) = article {
        if let Some(outlet) = a.source.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            out.push(' ');
            out.push_str(&one_line(outlet));
            if !outlet.ends_with('.') {
                out.push('.');
            }
        }
        if let Some(url) = a.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            out.push(' ');
            out.push_str(&one_line(url));
        }
    }
    out
}
