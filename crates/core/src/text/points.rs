//! Code points, the unit span offsets count in, to and from byte offsets.

/// How many code points apart the index marks a byte offset.
const STRIDE: usize = 64;

/// Where a text's code points start: the byte offset of every 64th one, so the index is under a
/// sixteenth of the text's size and a conversion walks at most 63 characters. A text in ASCII needs
/// no index. (A table of every code point took 4–8 bytes per character: 1 GB for the article texts
/// of a 1M-event corpus.)
///
/// It answers for the text it was made from, which each call is given again.
#[derive(Debug, Clone, Default)]
pub struct CodePoints {
    /// Code points in the text.
    len: usize,
    /// Byte offset of code points 0, 64, 128, …; empty for ASCII, where the two offsets agree.
    marks: Vec<usize>,
}

impl CodePoints {
    /// Indexes `text`.
    pub fn new(text: &str) -> CodePoints {
        if text.is_ascii() {
            return CodePoints { len: text.len(), marks: Vec::new() };
        }
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len = 0;
        for (byte, _) in text.char_indices() {
            if len % STRIDE == 0 {
                marks.push(byte);
            }
            len += 1;
        }
        CodePoints { len, marks }
    }

    /// How many code points the text has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The byte offset where code point `n` starts (`len()` gives the text's length); `None`
    /// past the end.
    pub fn byte(&self, text: &str, n: usize) -> Option<usize> {
        if self.marks.is_empty() || n == self.len {
            return (n <= self.len).then_some(if n == self.len { text.len() } else { n });
        }
        let from = *self.marks.get(n / STRIDE)?;
        text.get(from..)?.char_indices().nth(n % STRIDE).map(|(i, _)| from + i)
    }

    /// How many code points start before byte offset `byte`: the code point there, for a byte on
    /// a character's boundary.
    pub fn before(&self, text: &str, byte: usize) -> usize {
        if self.marks.is_empty() {
            return byte.min(self.len);
        }
        let marked = self.marks.partition_point(|&m| m < byte);
        let Some(last) = marked.checked_sub(1) else { return 0 };
        let from = self.marks[last];
        let walked =
            text.get(from..).map_or(0, |rest| rest.char_indices().take_while(|&(i, _)| from + i < byte).count());
        last * STRIDE + walked
    }

    /// The text between code points `start` and `end`, if they are in order and inside it.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        text.get(self.byte(text, start)?..self.byte(text, end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full table the index stands for.
    fn table(text: &str) -> Vec<usize> {
        text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()
    }

    #[test]
    fn agrees_with_a_table_of_every_code_point() {
        let mixed: String = (0..300).map(|i| ["a", "é", "—", "𝄞", " "][i % 5]).collect();
        for text in ["", "plain ASCII text", "Қазақстан", mixed.as_str()] {
            let points = CodePoints::new(text);
            let table = table(text);
            assert_eq!(points.len(), table.len() - 1, "{text}");
            for (n, &byte) in table.iter().enumerate() {
                assert_eq!(points.byte(text, n), Some(byte), "code point {n} of {text:?}");
                assert_eq!(points.before(text, byte), n, "byte {byte} of {text:?}");
            }
            assert_eq!(points.byte(text, table.len()), None);
            for byte in 0..=text.len() {
                assert_eq!(points.before(text, byte), table.partition_point(|&b| b < byte), "byte {byte}");
            }
        }
    }

    #[test]
    fn slices_by_code_points() {
        let text = "Ақорда said “no”";
        let points = CodePoints::new(text);
        assert_eq!(points.slice(text, 0, 6), Some("Ақорда"));
        assert_eq!(points.slice(text, 12, 16), Some("“no”"));
        assert_eq!(points.slice(text, 6, 5), None);
        assert_eq!(points.slice(text, 12, 17), None);
    }
}
