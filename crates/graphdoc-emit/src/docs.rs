//! Doc comments from the docs' descriptions: placeholders dropped, markdown links
//! reduced to their text, whitespace tidied.

use std::borrow::Cow;

/// Cleans a description for a doc comment. `None` when nothing is left (the text
/// was only a TODO or "Not yet documented").
///
/// - `**TODO: ...**` (and a bare `TODO...` up to the end of its sentence) is dropped;
/// - "Not yet documented" is dropped;
/// - `[text](target)` and `![alt](target)` become `text` and `alt`;
/// - `<br>` becomes a line break; runs of spaces collapse; paragraphs (blank lines)
///   are kept; leading punctuation left behind by a removal is dropped.
pub fn clean(text: &str) -> Option<String> {
    // Each step copies the text only when it has something to change: most
    // descriptions are one plain sentence.
    let text = if text.contains("<br") {
        Cow::Owned(
            text.replace("<br/>", "\n")
                .replace("<br />", "\n")
                .replace("<br>", "\n"),
        )
    } else {
        Cow::Borrowed(text)
    };
    let text = if text.contains('[') {
        Cow::Owned(reduce_links(&text))
    } else {
        text
    };
    let text = if text.contains("TODO") {
        Cow::Owned(drop_todos(&text))
    } else {
        text
    };
    let text = drop_phrase(&text, "not yet documented");
    let tidied = tidy_whitespace(&text);
    let start = tidied.len()
        - tidied
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'))
            .len();
    let trimmed = tidied[start..].trim_end();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return None;
    }
    let end = start + trimmed.len();
    let mut tidied = tidied;
    tidied.truncate(end);
    tidied.drain(..start);
    Some(tidied)
}

/// Runs of whitespace in a line become one space, the lines of a paragraph
/// one line, and paragraphs (split by blank lines) are kept apart by one
/// blank line.
fn tidy_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let one_spaced_line = bytes.iter().all(|&b| b == b' ' || b.is_ascii_graphic())
        && !bytes.windows(2).any(|w| w == b"  ");
    if one_spaced_line {
        return text.trim_matches(' ').to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut paragraph_ended = false;
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            paragraph_ended = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if paragraph_ended { "\n\n" } else { " " });
        }
        paragraph_ended = false;
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// `[text](target)` -> `text`, `![alt](target)` -> `alt`. Brackets not followed by
/// `(` are left alone.
fn reduce_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let (before, after_open) = rest.split_at(open);
        let link = after_open[1..].find(']').and_then(|close| {
            let label = &after_open[1..1 + close];
            let tail = &after_open[close + 2..];
            let target_len = tail.strip_prefix('(')?.find(')')?;
            Some((label, &tail[target_len + 2..]))
        });
        match link {
            Some((label, tail)) if !label.contains('[') => {
                out.push_str(before.strip_suffix('!').unwrap_or(before));
                out.push_str(label);
                rest = tail;
            }
            _ => {
                out.push_str(before);
                out.push('[');
                rest = &after_open[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops `**TODO...**`, `*TODO...*` and bare `TODO...` up to the end of the sentence.
fn drop_todos(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("TODO") {
        let mut start = at;
        let stars = rest[..at].len() - rest[..at].trim_end_matches('*').len();
        start -= stars;
        out.push_str(&rest[..start]);
        let after = &rest[at..];
        let end = if stars > 0 {
            let closing = &"**"[..stars.min(2)];
            after
                .find(closing)
                .map_or(after.len(), |i| i + closing.len())
        } else {
            sentence_end(after)
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The end of the sentence starting the text: after a `.` followed by whitespace
/// or the end, else the end of the line.
fn sentence_end(text: &str) -> usize {
    let line_end = text.find('\n').unwrap_or(text.len());
    let bytes = text.as_bytes();
    (0..line_end)
        .find(|&i| bytes[i] == b'.' && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))
        .map_or(line_end, |i| i + 1)
}

/// Drops a phrase (lowercase ASCII), case-insensitively, with a `.` right
/// after it.
fn drop_phrase<'t>(text: &'t str, phrase: &str) -> Cow<'t, str> {
    let found = text
        .as_bytes()
        .windows(phrase.len())
        .any(|w| w.eq_ignore_ascii_case(phrase.as_bytes()));
    if !found {
        return Cow::Borrowed(text);
    }
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(found) = lower[pos..].find(phrase) {
        let start = pos + found;
        out.push_str(&text[pos..start]);
        pos = start + phrase.len();
        if text[pos..].starts_with('.') {
            pos += 1;
        }
    }
    out.push_str(&text[pos..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_todo_placeholders() {
        assert_eq!(clean("**TODO: Add Description**"), None);
        assert_eq!(
            clean("**TODO: Add Description** Inherited from [entity](../resources/entity.md)"),
            Some("Inherited from entity".into())
        );
        assert_eq!(
            clean("**TODO: Add Description**. Possible values are: `unknown`, `compliant`."),
            Some("Possible values are: `unknown`, `compliant`.".into())
        );
        assert_eq!(
            clean("The name. TODO: check this. Read-only."),
            Some("The name. Read-only.".into())
        );
        assert_eq!(clean("*TODO: Determine scopes*"), None);
    }

    #[test]
    fn drops_not_yet_documented() {
        assert_eq!(clean("Not yet documented"), None);
        assert_eq!(clean("Not yet documented."), None);
        assert_eq!(
            clean("Not yet documented. Read-only."),
            Some("Read-only.".into())
        );
    }

    #[test]
    fn reduces_links_to_their_text() {
        assert_eq!(
            clean("A [user](user.md) or ![logo](x.png) with [brackets] and [a](b) (c)."),
            Some("A user or logo with [brackets] and a (c).".into())
        );
        assert_eq!(clean("[x](y"), Some("[x](y".into()));
        assert_eq!(clean("[unclosed"), Some("[unclosed".into()));
    }

    #[test]
    fn tidies_whitespace() {
        assert_eq!(
            clean("  One  line\nand   more<br>next\n\n\nSecond paragraph.  "),
            Some("One line and more next\n\nSecond paragraph.".into())
        );
        assert_eq!(clean("   "), None);
        assert_eq!(
            clean(" One line,  spaced. "),
            Some("One line, spaced.".into())
        );
        assert_eq!(
            clean("Tab\tand\u{b}vertical tab"),
            Some("Tab and vertical tab".into())
        );
        assert_eq!(clean(". ,"), None);
    }
}
