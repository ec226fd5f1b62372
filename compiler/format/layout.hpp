// The formatter's layout engine: a flat stream of layout items (words,
// spaces, breakable spaces, line ends, nesting, comments) built by the
// printer, and the renderer that turns it into text of a given width.
//
// Line breaking is "fill" style: a breakable space becomes a line end only
// when the chunk after it (up to the next breakable space of the same
// group, or to the end of the group and what is glued after it) does not fit
// on the current line. The layout depends only on the items, never on the
// layout of the source, which is what makes formatting idempotent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace frist::compiler::format {

enum class ItemKind : std::uint8_t {
  Text,             // a word or punctuation; may hold a line end (a string literal)
  Space,            // one blank, dropped at the start of a line
  Break,            // a blank, or a line end when the next chunk does not fit
  Newline,          // a line end (lines never end twice: consecutive ones merge)
  BlankLine,        // a line end and one empty line
  Begin,            // a group: its breaks indent continuation lines by `indent` more
  End,              // end of the innermost group
  FitsStop,         // what follows does not count when deciding a break before it
  OwnLineComment,   // `# …` on a line of its own
  TrailingComment,  // `# …` at the end of the current line
};

struct Item {
  ItemKind kind = ItemKind::Text;
  std::string text;      // Text and comments
  std::uint32_t indent = 0;  // Begin
  bool blank_before = false;  // OwnLineComment: an empty line before it
};

class Layout {
 public:
  void text(std::string_view s) { items_.push_back(Item{ItemKind::Text, std::string(s), 0, false}); }
  void space() { items_.push_back(Item{ItemKind::Space, {}, 0, false}); }
  void line_break() { items_.push_back(Item{ItemKind::Break, {}, 0, false}); }
  void newline() { items_.push_back(Item{ItemKind::Newline, {}, 0, false}); }
  void blank_line() { items_.push_back(Item{ItemKind::BlankLine, {}, 0, false}); }
  void begin(std::uint32_t indent) { items_.push_back(Item{ItemKind::Begin, {}, indent, false}); }
  void end() { items_.push_back(Item{ItemKind::End, {}, 0, false}); }
  void fits_stop() { items_.push_back(Item{ItemKind::FitsStop, {}, 0, false}); }
  void own_line_comment(std::string_view s, bool blank_before) {
    items_.push_back(Item{ItemKind::OwnLineComment, std::string(s), 0, blank_before});
  }
  void trailing_comment(std::string_view s) { items_.push_back(Item{ItemKind::TrailingComment, std::string(s), 0, false}); }

  const std::vector<Item>& items() const noexcept { return items_; }

 private:
  std::vector<Item> items_;
};

// Renders the items into lines of at most `width` characters where the
// breakable spaces allow it; the text ends with exactly one line end.
std::string render(const Layout& layout, std::size_t width);

}  // namespace frist::compiler::format
