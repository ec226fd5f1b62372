// Rendering of the formatter's layout items into text (see layout.hpp).
#include "compiler/format/layout.hpp"

#include <limits>

#include "runtime/common/utf8.hpp"

namespace frist::compiler::format {
namespace {

// Width of `s` up to its first line end, and whether it has one.
std::size_t first_line_width(std::string_view s, bool& has_newline) {
  const std::size_t nl = s.find('\n');
  has_newline = nl != std::string_view::npos;
  return count_code_points(s.substr(0, nl));
}

class Renderer {
 public:
  Renderer(const std::vector<Item>& items, std::size_t width) : items_(items), width_(width) {}

  std::string run() {
    for (std::size_t i = 0; i < items_.size(); ++i) step(i);
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
    return std::move(out_);
  }

 private:
  std::uint32_t indent() const { return indents_.empty() ? 0 : indents_.back(); }

  void write(std::string_view s) {
    if (pending_newline_ && !out_.empty()) {
      out_ += '\n';
      if (pending_blank_) out_ += '\n';
      out_.append(pending_indent_, ' ');
      column_ = pending_indent_;
      line_has_content_ = false;
    }
    pending_newline_ = pending_blank_ = false;
    if (pending_space_ && line_has_content_) {
      out_ += ' ';
      ++column_;
    }
    pending_space_ = false;
    out_ += s;
    const std::size_t nl = s.rfind('\n');
    if (nl == std::string_view::npos) column_ += count_code_points(s);
    else column_ = count_code_points(s.substr(nl + 1));
    line_has_content_ = true;
  }

  // The next text starts a new line indented by `at` (the indentation where
  // the line end was asked for, not where the next text happens to be).
  void end_line(std::uint32_t at) {
    if (out_.empty() && !line_has_content_) return;
    pending_newline_ = true;
    pending_indent_ = at;
    pending_space_ = false;
  }

  // Width of the chunk after the break at `from` (see layout.hpp).
  std::size_t chunk_width(std::size_t from) const {
    std::size_t w = 0;
    int depth = 0;
    bool after_group = false;
    for (std::size_t j = from; j < items_.size(); ++j) {
      const Item& it = items_[j];
      switch (it.kind) {
        case ItemKind::Text: {
          bool nl = false;
          w += first_line_width(it.text, nl);
          if (nl) return w;
          break;
        }
        case ItemKind::Space: ++w; break;
        case ItemKind::Break:
          if (after_group || depth == 0) return w;
          ++w;
          break;
        case ItemKind::Begin:
          if (!after_group) ++depth;
          break;
        case ItemKind::End:
          if (!after_group) {
            if (depth == 0) after_group = true;
            else --depth;
          }
          break;
        case ItemKind::Newline:
        case ItemKind::BlankLine:
        case ItemKind::FitsStop:
        case ItemKind::OwnLineComment:
        case ItemKind::TrailingComment: return w;
      }
    }
    return w;
  }

  void step(std::size_t i) {
    const Item& it = items_[i];
    switch (it.kind) {
      case ItemKind::Text: write(it.text); break;
      case ItemKind::Space: pending_space_ = true; break;
      case ItemKind::Break:
        if (pending_newline_ || !line_has_content_) break;
        if (column_ + 1 + chunk_width(i + 1) > width_) end_line(indent());
        else pending_space_ = true;
        break;
      case ItemKind::Newline: end_line(indent()); break;
      case ItemKind::BlankLine:
        if (!out_.empty()) {
          end_line(indent());
          pending_blank_ = true;
        }
        break;
      case ItemKind::Begin: indents_.push_back(indent() + it.indent); break;
      case ItemKind::End:
        if (!indents_.empty()) indents_.pop_back();
        break;
      case ItemKind::FitsStop: break;
      case ItemKind::OwnLineComment: {
        // On the line (and indentation) the next text would have started.
        if (!pending_newline_) end_line(indent());
        if (it.blank_before) pending_blank_ = !out_.empty();
        const std::uint32_t at = pending_indent_;
        pending_space_ = false;
        write(it.text);
        end_line(at);
        break;
      }
      case ItemKind::TrailingComment:
        if (pending_newline_ || !line_has_content_) {
          pending_space_ = false;
          write(it.text);
        } else {
          out_ += "  ";
          out_ += it.text;
          column_ += 2 + count_code_points(it.text);
        }
        end_line(indent());
        break;
    }
  }

  const std::vector<Item>& items_;
  std::size_t width_;
  std::string out_;
  std::vector<std::uint32_t> indents_;
  std::size_t column_ = 0;
  std::uint32_t pending_indent_ = 0;
  bool line_has_content_ = false;
  bool pending_newline_ = false;
  bool pending_blank_ = false;
  bool pending_space_ = false;
};

}  // namespace

std::string render(const Layout& layout, std::size_t width) {
  return Renderer(layout.items(), width == 0 ? std::numeric_limits<std::size_t>::max() / 2 : width).run();
}

}  // namespace frist::compiler::format
