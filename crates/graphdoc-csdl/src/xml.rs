//! A small element tree over quick-xml's event reader, with source positions.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::CsdlError;

/// An XML element: local name, attributes (unescaped), children, and the byte
/// offset of its start tag.
#[derive(Debug)]
pub(crate) struct Elem {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Elem>,
    pub offset: usize,
}

impl Elem {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn bool_attr(&self, name: &str) -> bool {
        self.attr(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Line and column (1-based, column in characters) of byte offsets in a text.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, column as u32 + 1)
    }
}

fn element(
    start: &BytesStart<'_>,
    offset: usize,
    lines: &LineIndex<'_>,
) -> Result<Elem, CsdlError> {
    let name = start.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| CsdlError::at(lines, offset, format!("bad attribute: {e}")))?;
        let key = attr.key.local_name().as_ref().to_string();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| CsdlError::at(lines, offset, format!("bad attribute value: {e}")))?
            .into_owned();
        // Keep namespace declarations out of the way of real attributes.
        if attr.key.0.starts_with("xmlns") {
            continue;
        }
        attrs.push((key, value));
    }
    Ok(Elem {
        name,
        attrs,
        children: Vec::new(),
        offset,
    })
}

/// Parses a whole document into its root element.
pub(crate) fn parse(text: &str, lines: &LineIndex<'_>) -> Result<Elem, CsdlError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            CsdlError::at(
                lines,
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        // `before` may sit on whitespace preceding the tag; point at the `<`.
        let offset = text[before.min(text.len())..]
            .find('<')
            .map_or(before, |i| before + i);
        match event {
            Event::Start(start) => stack.push(element(&start, offset, lines)?),
            Event::Empty(start) => {
                let elem = element(&start, offset, lines)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(elem),
                    None => set_root(&mut root, elem, lines)?,
                }
            }
            Event::End(_) => {
                let elem = stack.pop().ok_or_else(|| {
                    CsdlError::at(lines, offset, "closing tag without an open element".into())
                })?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(elem),
                    None => set_root(&mut root, elem, lines)?,
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(CsdlError::at(
            lines,
            open.offset,
            format!("element <{}> is never closed", open.name),
        ));
    }
    root.ok_or_else(|| CsdlError::at(lines, 0, "the document has no root element".into()))
}

fn set_root(root: &mut Option<Elem>, elem: Elem, lines: &LineIndex<'_>) -> Result<(), CsdlError> {
    if root.is_some() {
        return Err(CsdlError::at(
            lines,
            elem.offset,
            "more than one root element".into(),
        ));
    }
    *root = Some(elem);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_count_characters() {
        let text = "ab\nçd<x/>";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        let x = text.find('<').unwrap();
        assert_eq!(idx.line_col(x), (2, 3));
    }
}
