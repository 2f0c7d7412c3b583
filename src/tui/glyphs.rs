//! The glyphs of the timeline that text elsewhere names (help's legend,
//! the detail pane): one place for each, with no dependencies.

/// Before the selected row (and the active field of a dialog).
pub const SELECTED_GLYPH: char = '▸';
/// Before a marked event, and by "marked" in the detail pane.
pub const MARK_GLYPH: char = '✓';
/// Before the title of an event extracted from an article.
pub const EXTRACTED_GLYPH: char = '~';
/// Before the title of an expected event (planned or foreseen, not reported
/// as happened), in place of [`EXTRACTED_GLYPH`].
pub const EXPECTED_GLYPH: char = '»';
