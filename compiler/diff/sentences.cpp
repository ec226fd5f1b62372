// Change sentences and brief descriptions of differing expressions.
#include "compiler/diff/sentences.hpp"

#include <fmt/format.h>

#include <vector>

#include "compiler/diff/describe.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::compiler::diff {
namespace {

// An expression fits "in a line" below this many characters.
constexpr std::size_t kWholeLimit = 120;

bool same_shape(const Node& a, const Node& b) {
  return a.kind == b.kind && a.head == b.head && a.kids.size() == b.kids.size();
}

// The innermost pairs of subexpressions where two trees differ.
void differences(const Node& a, const Node& b, std::vector<std::pair<const Node*, const Node*>>& out) {
  if (a.key == b.key) return;
  if (!same_shape(a, b) || a.kids.empty()) {
    out.emplace_back(&a, &b);
    return;
  }
  for (std::size_t i = 0; i < a.kids.size(); ++i) differences(*a.kids[i], *b.kids[i], out);
}

// The smallest pair of subexpressions that holds the whole difference: the
// one place where they differ, or the one replacement made everywhere (a
// template argument used twice); else the innermost node above all of them.
std::pair<const Node*, const Node*> focus(const Node* a, const Node* b) {
  std::vector<std::pair<const Node*, const Node*>> diffs;
  differences(*a, *b, diffs);
  bool uniform = !diffs.empty();
  for (const auto& [x, y] : diffs)
    uniform = uniform && x->key == diffs.front().first->key && y->key == diffs.front().second->key;
  if (uniform) return diffs.front();
  while (same_shape(*a, *b)) {
    std::size_t differing = 0, at = 0;
    for (std::size_t i = 0; i < a->kids.size(); ++i) {
      if (a->kids[i]->key != b->kids[i]->key) {
        ++differing;
        at = i;
      }
    }
    if (differing != 1) break;
    a = a->kids[at].get();
    b = b->kids[at].get();
  }
  return {a, b};
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    const std::size_t j = s.find(' ', i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

std::string join_words(const std::vector<std::string>& w, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i > from ? " " : "") + w[i];
  return out;
}

// The changed middle of two texts with up to `context` words around it.
std::pair<std::string, std::string> excerpts(const std::string& a, const std::string& b) {
  constexpr std::size_t kContext = 3;
  const auto wa = split_words(a), wb = split_words(b);
  std::size_t prefix = 0;
  while (prefix < wa.size() && prefix < wb.size() && wa[prefix] == wb[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < wa.size() - prefix && suffix < wb.size() - prefix &&
         wa[wa.size() - 1 - suffix] == wb[wb.size() - 1 - suffix])
    ++suffix;
  const std::size_t from = prefix > kContext ? prefix - kContext : 0;
  auto cut = [&](const std::vector<std::string>& w) {
    const std::size_t end_middle = w.size() - suffix;
    const std::size_t to = std::min(w.size(), end_middle + kContext);
    std::string out = (from > 0 ? "… " : "") + join_words(w, from, to);
    if (to < w.size()) out += " …";
    return out;
  };
  return {cut(wa), cut(wb)};
}

}  // namespace

Change prose_change(const std::string& kind, const std::string& label, const std::string& old_text,
                    const std::string& new_text, grammar::Lang lang) {
  Change c;
  if (old_text.empty()) {
    c = added_change(kind, label, quote(new_text), lang);
  } else if (new_text.empty()) {
    c = removed_change(kind, label, quote(old_text), lang);
  } else if (char_count(old_text) + char_count(new_text) <= kWholeLimit) {
    c = changed_change(kind, label, quote(old_text), quote(new_text), lang);
  } else {
    const auto [x, y] = excerpts(old_text, new_text);
    c = changed_change(kind, label, quote(x), quote(y), lang);
  }
  c.old_text = old_text;
  c.new_text = new_text;
  c.prose = true;
  return c;
}

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::size_t char_count(const std::string& text) { return count_code_points(text); }

std::string kw_text(grammar::Kw k, grammar::Lang lang) { return std::string(grammar::spelling(k, lang)); }

Change changed_change(const std::string& kind, const std::string& label, std::string old_text, std::string new_text,
                      grammar::Lang lang) {
  Change c;
  c.kind = kind;
  c.action = "changed";
  c.label = label;
  c.text = fmt::format(fmt::runtime(words(lang).changed), label, old_text, new_text);
  c.old_text = std::move(old_text);
  c.new_text = std::move(new_text);
  return c;
}

Change added_change(const std::string& kind, const std::string& label, std::string new_text, grammar::Lang lang) {
  Change c;
  c.kind = kind;
  c.action = "added";
  c.label = label;
  c.text = fmt::format(fmt::runtime(words(lang).added), label, new_text);
  c.new_text = std::move(new_text);
  return c;
}

Change removed_change(const std::string& kind, const std::string& label, std::string old_text, grammar::Lang lang) {
  Change c;
  c.kind = kind;
  c.action = "removed";
  c.label = label;
  c.text = fmt::format(fmt::runtime(words(lang).removed), label, old_text);
  c.old_text = std::move(old_text);
  return c;
}

PairText describe_pair(const Node& a, const Node& b, grammar::Lang lang) {
  PairText out;
  out.old_text = render(a, lang);
  out.new_text = render(b, lang);
  const bool short_enough = char_count(out.old_text) <= kWholeLimit && char_count(out.new_text) <= kWholeLimit;
  if (out.old_text != out.new_text && short_enough) return out;
  const auto [fa, fb] = focus(&a, &b);
  const std::string fx = render(*fa, lang), fy = render(*fb, lang);
  if (fx == fy) {
    out.same_words = out.old_text == out.new_text;
    out.detail = clip(fa->key, 100) + " → " + clip(fb->key, 100);
    return out;
  }
  if (fa != &a) {
    out.old_text = "… " + fx + " …";
    out.new_text = "… " + fy + " …";
  }
  return out;
}

Change expression_change(const std::string& kind, const std::string& label, const Node& a, const Node& b,
                         grammar::Lang lang) {
  PairText p = describe_pair(a, b, lang);
  Change c = changed_change(kind, label, p.old_text, p.new_text, lang);
  if (p.same_words) c.text += " " + fmt::format(fmt::runtime(words(lang).same_words), p.detail);
  return c;
}

}  // namespace frist::compiler::diff
