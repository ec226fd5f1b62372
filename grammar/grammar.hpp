// The PEGTL 3.2 grammar of the Frist language (spec/language.md), rules only.
// Included by grammar/parse.cpp (the one place PEGTL is instantiated) and by
// the grammar's analyze test. Keywords are matched at run time against the
// file's keyword set (ParseState::lang), so one grammar serves Danish and
// English files; a keyword never matches the prefix of a longer UTF-8
// identifier. Every rule that can fail under must<> has a message in
// expect.def (expect_of below), and expressions are nesting-limited.
//
// Layout convention: a rule consumes no leading separator; the enclosing
// sequence puts `sep` (whitespace and # comments) between tokens.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "grammar/keywords.hpp"
#include "grammar/parse.hpp"

namespace frist::grammar::peg {

namespace pegtl = tao::pegtl;
using pegtl::any;
using pegtl::digit;
using pegtl::eof;
using pegtl::eolf;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::ranges;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::until;

// ---------------------------------------------------------------------------
// Parse state and the run-time matched tokens (keywords, names)

struct ParseState {
  Lang lang = Lang::En;
  std::uint32_t depth = 0;  // expression nesting
  const char* base = nullptr;
};

// Thrown by the control on a failed must<>; caught in parse.cpp.
struct SyntaxErrorException {
  SyntaxError error;
};

template <typename T, typename First, typename... Rest>
T& find_state(First& first, Rest&... rest) {
  if constexpr (std::is_same_v<std::decay_t<First>, T>) {
    return first;
  } else {
    static_assert(sizeof...(Rest) > 0, "ParseState missing from the parse call");
    return find_state<T>(rest...);
  }
}

// Identifier characters: ASCII letters, digits, '_' and letters beyond ASCII
// (Latin-1 and Latin Extended, Greek, Cyrillic and the other alphabetic
// blocks). Decodes one UTF-8 sequence at p; returns its length when it
// continues an identifier, else 0.
std::size_t identifier_char_length(const char* p, const char* end, bool first) noexcept;
// Length of the identifier starting at p (0 when none).
std::size_t identifier_length(const char* p, const char* end) noexcept;
// Length of `phrase` (words separated by single spaces; source may separate
// them by any whitespace) matched at p with a word boundary after it, or 0.
std::size_t phrase_length(std::string_view phrase, const char* p, const char* end) noexcept;

template <Kw K>
struct kw {
  using rule_t = kw;
  using subs_t = pegtl::empty_list;
  static constexpr Kw keyword = K;

  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    const Lang lang = find_state<ParseState>(st...).lang;
    const std::size_t n = phrase_length(spelling(K, lang), in.current(), in.end());
    if (n == 0) return false;
    in.bump(n);
    return true;
  }
};

// An identifier that is not a reserved word of the file's language.
struct name_token {
  using rule_t = name_token;
  using subs_t = pegtl::empty_list;
  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    const std::size_t n = identifier_length(in.current(), in.end());
    if (n == 0) return false;
    if (is_reserved(std::string_view(in.current(), n), find_state<ParseState>(st...).lang)) return false;
    in.bump(n);
    return true;
  }
};

// Any identifier, reserved or not (attribute names: `a.hjemmel`).
struct raw_name_token {
  using rule_t = raw_name_token;
  using subs_t = pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const std::size_t n = identifier_length(in.current(), in.end());
    if (n == 0) return false;
    in.bump(n);
    return true;
  }
};

struct name : name_token {};
struct raw_name : raw_name_token {};
struct rule_id : name_token {};
struct ruleset_id : name_token {};
struct binder : name_token {};

// ---------------------------------------------------------------------------
// Lexical rules

struct comment : seq<one<'#'>, until<eolf>> {};
struct ws_char : one<' ', '\t', '\r', '\n'> {};
struct sep : star<sor<ws_char, comment>> {};

struct escape_char : one<'"', '\\', 'n', 't'> {};
struct string_char : sor<seq<one<'\\'>, must<escape_char>>, not_one<'"', '\\'>> {};
struct close_quote : one<'"'> {};
struct string_lit : seq<one<'"'>, star<string_char>, must<close_quote>> {};

struct number : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
struct date_core : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct date_lit : seq<date_core, not_at<one<'T'>>, not_at<digit>> {};
struct utc_offset : sor<one<'Z'>, seq<one<'+', '-'>, rep<2, digit>, one<':'>, rep<2, digit>>> {};
struct datetime_lit : seq<date_core, one<'T'>, rep<2, digit>, one<':'>, rep<2, digit>,
                          opt<one<':'>, rep<2, digit>, opt<one<'.'>, plus<digit>>>, opt<utc_offset>> {};
struct timestamp_lit : sor<datetime_lit, date_lit> {};
struct date_value : date_lit {};  // a date where only a date will do (message: Date)

struct qualified_name : seq<name, star<one<'.'>, name>> {};
struct module_name : qualified_name {};

struct type_name : sor<name, string_lit> {};
struct event_type_name : type_name {};
struct attr_name : sor<raw_name, string_lit> {};

struct lang_code : sor<pegtl::string<'d', 'a'>, pegtl::string<'e', 'n'>> {};
struct lang_word : sor<pegtl::string<'s', 'p', 'r', 'o', 'g'>, pegtl::string<'l', 'a', 'n', 'g', 'u', 'a', 'g', 'e'>> {};
struct lang_line : seq<lang_word, not_at<raw_name_token>, plus<one<' ', '\t'>>, must<lang_code>, not_at<raw_name_token>> {};

// ---------------------------------------------------------------------------
// Expressions

struct expr;
struct nested_expr;
struct postfix;
struct add_expr;
struct operand;        // right side of an operator (message: Operand)
struct expr_required;  // an expression that must follow (message: Expr)
struct anchor_expr;
struct close_paren : one<')'> {};
struct open_paren : one<'('> {};
struct colon : one<':'> {};
struct equals : seq<one<'='>, not_at<one<'>'>>> {};

// Quantifiers over events
struct type_ref : sor<kw<Kw::AnyEvent>, type_name> {};
struct type_ref_required : type_ref {};
struct where_clause : seq<kw<Kw::Where>, sep, must<expr_required>> {};
struct anchor : seq<sor<kw<Kw::After>, kw<Kw::Before>>, sep, must<anchor_expr>> {};
struct in_period : seq<kw<Kw::In>, sep, must<anchor_expr>> {};
struct quantifier_kind : sor<kw<Kw::First>, kw<Kw::Last>, kw<Kw::Exists>, kw<Kw::Count>> {};
struct relative_kind : sor<kw<Kw::Next>, kw<Kw::Previous>> {};
struct quantifier
    : sor<seq<quantifier_kind, sep, must<type_ref_required>, opt<sep, binder>, opt<sep, in_period>, opt<sep, where_clause>>,
          seq<relative_kind, sep, must<type_ref_required>, opt<sep, binder>, sep, must<anchor>, opt<sep, where_clause>>> {};

// Literals
struct unit : sor<kw<Kw::UnitYears>, kw<Kw::UnitYear>, kw<Kw::UnitMonths>, kw<Kw::UnitMonth>, kw<Kw::UnitWeeks>,
                  kw<Kw::UnitWeek>, kw<Kw::UnitDays>, kw<Kw::UnitDay>, kw<Kw::UnitWorkdays>, kw<Kw::UnitWorkday>,
                  kw<Kw::UnitHours>, kw<Kw::UnitHour>, kw<Kw::UnitMinutes>, kw<Kw::UnitMinute>,
                  kw<Kw::UnitSeconds>, kw<Kw::UnitSecond>> {};
// An identifier after a number that is not a unit (`4 månder`): kept so the
// compiler can say "unknown time unit" with a suggestion. Not followed by ':'
// (a test attribute `n: 3 m: 4` is not a unit) and not followed by a date (a
// test event `x: 1` ends its line, the next event `B 2024-…` is no unit).
struct bad_unit : seq<name_token, not_at<sep, one<':'>>, not_at<one<'('>>, not_at<sep, date_core>> {};
struct duration_lit : seq<number, sep, sor<unit, bad_unit>> {};
struct true_lit : kw<Kw::True> {};
struct false_lit : kw<Kw::False> {};
struct none_lit : kw<Kw::None> {};
struct literal : sor<datetime_lit, date_lit, duration_lit, number, string_lit, true_lit, false_lit> {};
struct negative_number : seq<one<'-'>, number> {};
struct signed_literal : sor<negative_number, literal> {};
struct literal_required : signed_literal {};

// Calls
struct lambda_params : seq<one<'('>, sep, binder, star<sep, one<','>, sep, binder>, sep, one<')'>> {};
struct lambda : seq<sor<lambda_params, binder>, sep, pegtl::string<'=', '>'>, sep, must<expr_required>> {};
struct arg_value : sor<lambda, nested_expr> {};
struct named_arg : seq<name, sep, one<':'>, not_at<one<'='>>, sep, must<arg_value>> {};
struct arg : sor<named_arg, arg_value> {};
struct arg_required : arg {};
struct arg_list : seq<arg, star<sep, one<','>, sep, must<arg_required>>> {};
struct call_args : seq<one<'('>, sep, opt<arg_list, sep>, must<close_paren>> {};
struct builtin_name : sor<kw<Kw::FnDate>, kw<Kw::FnYear>, kw<Kw::FnMonth>, kw<Kw::FnDay>, kw<Kw::FnWeekday>,
                          kw<Kw::FnAge>, kw<Kw::FnEarliest>, kw<Kw::FnLatest>> {};
struct builtin_call : seq<builtin_name, sep, call_args> {};
struct call : seq<name, sep, call_args> {};

struct paren : seq<one<'('>, sep, must<expr_required>, sep, must<close_paren>> {};
struct case_ref : kw<Kw::Case> {};
struct as_of_ref : kw<Kw::AsOfValue> {};
struct name_ref : name {};

struct primary : sor<paren, quantifier, builtin_call, call, literal, none_lit, case_ref, as_of_ref, name_ref> {};
struct attr_required : attr_name {};
struct attr_access : seq<one<'.'>, must<attr_required>> {};
struct postfix : seq<primary, star<attr_access>> {};

struct anchor_expr : postfix {};

struct unary;
struct negate : seq<one<'-'>, sep, must<unary>> {};
struct unary : sor<negate, postfix> {};
struct unary_required : unary {};
// A value followed by a time unit is a duration: `(a + b) dage`, `n måneder`.
struct scaled : seq<unary, opt<sep, unit>> {};
struct scaled_required : scaled {};
struct mul_op : sor<one<'*'>, one<'/'>, kw<Kw::Div>, kw<Kw::Mod>> {};
struct mul_expr : seq<scaled, star<sep, mul_op, sep, must<scaled_required>>> {};
struct mul_required : mul_expr {};
struct add_op : sor<one<'+'>, seq<one<'-'>, not_at<one<'>'>>>> {};
struct add_expr : seq<mul_expr, star<sep, add_op, sep, must<mul_required>>> {};
struct operand : add_expr {};

struct cmp_op : sor<pegtl::string<'<', '='>, pegtl::string<'>', '='>, pegtl::string<'!', '='>,
                    pegtl::utf8::one<0x2260>, pegtl::utf8::one<0x2264>, pegtl::utf8::one<0x2265>,
                    one<'<'>, one<'>'>, seq<one<'='>, not_at<one<'>'>>>, kw<Kw::OnOrBefore>, kw<Kw::OnOrAfter>,
                    kw<Kw::Before>, kw<Kw::After>> {};
struct compare_tail : seq<cmp_op, sep, must<operand>> {};
struct between_tail : seq<kw<Kw::Between>, sep, must<operand>, sep, must<kw<Kw::And>>, sep, must<operand>> {};
struct within_tail : seq<kw<Kw::Within>, sep, must<operand>, sep, must<kw<Kw::After>>, sep, must<operand>> {};
struct starts_with_tail : seq<kw<Kw::StartsWith>, sep, must<operand>> {};
struct is_tail : seq<kw<Kw::Is>, sep, must<type_ref_required>> {};
struct present_tail : kw<Kw::Present> {};
struct missing_tail : kw<Kw::Missing> {};
struct cmp_tail : sor<compare_tail, between_tail, within_tail, starts_with_tail, is_tail, present_tail, missing_tail> {};
struct cmp_expr : seq<add_expr, opt<sep, cmp_tail>> {};

struct not_expr;
struct not_required;
struct not_expr : sor<seq<kw<Kw::Not>, sep, must<not_required>>, cmp_expr> {};
struct not_required : not_expr {};
struct and_expr : seq<not_expr, star<sep, kw<Kw::And>, sep, must<not_required>>> {};
struct and_required : and_expr {};
struct or_expr : seq<and_expr, star<sep, kw<Kw::Or>, sep, must<and_required>>> {};
struct if_expr : seq<kw<Kw::If>, sep, must<expr_required>, sep, must<kw<Kw::Then>>, sep, must<expr_required>, sep,
                     must<kw<Kw::Else>>, sep, must<expr_required>> {};
struct expr : sor<if_expr, or_expr> {};

// Every expression entry counts nesting depth, so 100 000 nested
// parentheses give an error instead of a stack overflow.
struct nested_expr {
  using rule_t = nested_expr;
  using subs_t = pegtl::type_list<expr>;
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    ParseState& state = find_state<ParseState>(st...);
    if (state.depth >= kMaxExpressionNesting) {
      throw SyntaxErrorException{SyntaxError{static_cast<std::uint32_t>(in.current() - state.base), Expect::Nesting,
                                             Kw::Count_, static_cast<std::uint32_t>(in.current() - state.base)}};
    }
    ++state.depth;
    const bool ok = Control<expr>::template match<A, M, Action, Control>(in, st...);
    --state.depth;
    return ok;
  }
};
struct expr_required : nested_expr {};

// ---------------------------------------------------------------------------
// Declarations

struct effective_clause : sor<seq<kw<Kw::EffectiveFrom>, sep, must<date_value>, opt<sep, kw<Kw::Until>, sep, must<date_value>>>,
                              seq<kw<Kw::EffectiveUntil>, sep, must<date_value>>> {};
struct version_clause : seq<kw<Kw::Version>, sep, must<string_lit>> {};
struct source_clause : seq<kw<Kw::Source>, sep, must<string_lit>> {};
struct case_date_clause : seq<kw<Kw::CaseDate>, sep, must<expr_required>, star<sep, kw<Kw::Else>, sep, must<expr_required>>> {};
struct calendar_ref : seq<kw<Kw::Calendar>, sep, module_name, not_at<sep, one<'('>>> {};
struct amends_clause : seq<kw<Kw::Amends>, sep, must<ruleset_id>> {};
struct header_clause : sor<version_clause, source_clause, effective_clause, case_date_clause, calendar_ref, amends_clause> {};
struct ruleset_decl : seq<kw<Kw::Ruleset>, sep, must<ruleset_id>, opt<sep, string_lit>, star<sep, header_clause>> {};

struct use_decl : seq<kw<Kw::Use>, sep, must<module_name>> {};

struct value_type : sor<kw<Kw::TypeBool>, kw<Kw::TypeInt>, kw<Kw::TypeDecimal>, kw<Kw::TypeText>, kw<Kw::TypeDate>,
                        kw<Kw::TypeDateTime>, kw<Kw::TypeDuration>> {};
struct attr_default : seq<equals, sep, must<literal_required>> {};
// A doc string is never followed by ':' (that is the next, quoted attribute).
struct doc_string : seq<string_lit, not_at<sep, one<':'>>> {};
struct attr_decl : seq<attr_name, sep, one<':'>, sep, must<value_type>, opt<sep, attr_default>, opt<sep, doc_string>> {};
struct attr_decl_required : attr_decl {};
struct event_decl : seq<kw<Kw::Event>, sep, must<event_type_name>, opt<sep, doc_string>, star<sep, attr_decl>> {};
struct case_attr_decl : seq<kw<Kw::CaseAttribute>, sep, must<attr_decl_required>> {};

struct holiday_decl : seq<kw<Kw::Holiday>, sep, must<string_lit>, sep, must<equals>, sep, must<expr_required>,
                          opt<sep, effective_clause>> {};
struct calendar_decl : seq<kw<Kw::Calendar>, sep, must<name>, sep, must<open_paren>, sep, must<binder>, sep,
                           must<close_paren>, opt<sep, string_lit>, star<sep, holiday_decl>> {};

struct param_type : sor<kw<Kw::TypeEventType>, kw<Kw::TypeCondition>, value_type> {};
struct param_type_required : param_type {};
struct param_default : seq<equals, sep, must<arg_value>> {};
struct param : seq<name, sep, must<colon>, sep, must<param_type_required>, opt<sep, param_default>> {};
struct param_list : seq<one<'('>, sep, opt<param, star<sep, one<','>, sep, must<param>>, sep>, must<close_paren>> {};

struct let_clause;
struct function_body : sor<seq<equals, sep, must<expr_required>>,
                           seq<star<let_clause, sep>, kw<Kw::Result>, sep, must<expr_required>>> {};
struct function_body_required : function_body {};
struct function_decl : seq<kw<Kw::Function>, sep, must<name>, sep, must<param_list>,
                           opt<sep, one<':'>, sep, must<value_type>>, opt<sep, string_lit>, sep,
                           must<function_body_required>> {};

// Rule clauses
struct basis_clause : seq<kw<Kw::Basis>, sep, must<string_lit>> {};
struct status_value : sor<kw<Kw::Verified>, kw<Kw::Unverified>> {};
struct status_clause : seq<kw<Kw::Status>, sep, must<status_value>> {};
struct note_clause : seq<kw<Kw::Note>, sep, must<string_lit>> {};
struct applies_clause : seq<kw<Kw::AppliesWhen>, sep, must<expr_required>> {};
struct let_clause : seq<kw<Kw::Let>, sep, must<name>, sep, must<equals>, sep, must<expr_required>> {};
struct undetermined_clause : seq<kw<Kw::UndeterminedWhen>, sep, must<expr_required>, sep, must<kw<Kw::Because>>, sep,
                                 must<string_lit>> {};
struct exempt_clause : seq<kw<Kw::ExemptWhen>, sep, must<expr_required>, sep, must<kw<Kw::Because>>, sep,
                           must<string_lit>> {};
struct require_clause : seq<kw<Kw::Require>, sep, must<expr_required>> {};
struct period_target : seq<kw<Kw::Period>, sep, must<binder>, sep, must<kw<Kw::Of>>, sep, must<operand>, sep,
                           must<kw<Kw::From>>, sep, must<expr_required>, sep, must<kw<Kw::Until>>, sep,
                           must<expr_required>> {};
struct occurrence_target : seq<type_ref, sep, must<binder>, opt<sep, where_clause>> {};
struct foreach_target : sor<period_target, occurrence_target> {};
struct foreach_clause : seq<kw<Kw::ForEach>, sep, must<foreach_target>> {};
struct apply_clause : seq<kw<Kw::Apply>, sep, must<name>, sep, must<call_args>> {};
struct rule_clause : sor<basis_clause, status_clause, note_clause, applies_clause, let_clause, undetermined_clause,
                         exempt_clause, require_clause, foreach_clause, apply_clause> {};

struct rule_decl : seq<kw<Kw::Rule>, sep, must<rule_id>, opt<sep, string_lit>, star<sep, rule_clause>> {};
struct replace_rule_decl : seq<kw<Kw::Replace>, sep, must<kw<Kw::Rule>>, sep, must<rule_id>, opt<sep, string_lit>,
                               star<sep, rule_clause>> {};
struct remove_rule_decl : seq<kw<Kw::Remove>, sep, must<kw<Kw::Rule>>, sep, must<rule_id>> {};
struct template_decl : seq<kw<Kw::Template>, sep, must<name>, sep, must<param_list>, opt<sep, string_lit>,
                           star<sep, rule_clause>> {};

// Tests
struct test_attr : seq<attr_name, sep, one<':'>, sep, must<literal_required>> {};
struct test_event : seq<type_name, sep, timestamp_lit, star<sep, opt<one<','>, sep>, test_attr>> {};
struct test_case_attr : test_attr {};
struct test_case : seq<kw<Kw::Case>, star<sep, test_case_attr>, star<sep, test_event>> {};
struct verdict : sor<kw<Kw::Compliant>, kw<Kw::Violated>, kw<Kw::Pending>, kw<Kw::NotApplicable>,
                     kw<Kw::Undetermined>, kw<Kw::Uncovered>> {};
struct verdict_required : verdict {};
struct verdict_tail : seq<opt<sep, kw<Kw::Exempt>>, opt<sep, kw<Kw::Because>, sep, must<string_lit>>> {};
struct expect_verdict : seq<verdict, verdict_tail> {};
struct expect_rule_verdict : seq<rule_id, sep, verdict, verdict_tail> {};
struct expect_expr : nested_expr {};
struct expectation : sor<expect_verdict, expect_rule_verdict, expect_expr> {};
struct expect_clause : seq<kw<Kw::Expect>, sep, must<expectation>> {};
struct test_for : seq<kw<Kw::For>, sep, must<rule_id>> {};
struct test_as_of : seq<kw<Kw::AsOf>, sep, must<date_value>> {};
struct test_decl : seq<kw<Kw::Test>, sep, must<string_lit>, opt<sep, test_for>, opt<sep, test_as_of>,
                       opt<sep, test_case>, sep, must<expect_clause>, star<sep, expect_clause>> {};

struct declaration : sor<ruleset_decl, use_decl, event_decl, case_attr_decl, calendar_decl, function_decl,
                         template_decl, replace_rule_decl, remove_rule_decl, rule_decl, test_decl> {};
// One top-level item, with the separator before it; at end of input, nothing.
struct item : seq<sep, sor<eof, must<declaration>>> {};
// The optional language line at the very start.
struct file_start : seq<opt<pegtl::utf8::bom>, sep, opt<lang_line>> {};

// ---------------------------------------------------------------------------
// Node kinds kept in the parse tree

template <typename Rule> inline constexpr bool keeps_node = false;
template <typename Rule> inline constexpr NodeKind node_kind_of = NodeKind::Name;

#define FRIST_NODE(rule, kind)                                  \
  template <> inline constexpr bool keeps_node<rule> = true;    \
  template <> inline constexpr NodeKind node_kind_of<rule> = NodeKind::kind;

template <Kw K> inline constexpr bool keeps_node<kw<K>> = true;
template <Kw K> inline constexpr NodeKind node_kind_of<kw<K>> = NodeKind::Keyword;

FRIST_NODE(name, Name)
FRIST_NODE(rule_id, Name)
FRIST_NODE(ruleset_id, Name)
FRIST_NODE(raw_name, RawName)
FRIST_NODE(string_lit, String)
FRIST_NODE(number, Number)
FRIST_NODE(date_lit, DateLit)
FRIST_NODE(datetime_lit, DateTimeLit)
FRIST_NODE(bad_unit, BadUnit)
FRIST_NODE(lang_line, LangLine)
FRIST_NODE(ruleset_decl, RulesetDecl)
FRIST_NODE(version_clause, VersionClause)
FRIST_NODE(source_clause, SourceClause)
FRIST_NODE(effective_clause, EffectiveClause)
FRIST_NODE(case_date_clause, CaseDateClause)
FRIST_NODE(calendar_ref, CalendarRef)
FRIST_NODE(amends_clause, AmendsClause)
FRIST_NODE(qualified_name, QualifiedName)
FRIST_NODE(use_decl, UseDecl)
FRIST_NODE(event_decl, EventDecl)
FRIST_NODE(case_attr_decl, CaseAttrDecl)
FRIST_NODE(attr_decl, AttrDecl)
FRIST_NODE(value_type, ValueType)
FRIST_NODE(calendar_decl, CalendarDecl)
FRIST_NODE(holiday_decl, HolidayDecl)
FRIST_NODE(function_decl, FunctionDecl)
FRIST_NODE(param, Param)
FRIST_NODE(param_type, ParamType)
FRIST_NODE(function_body, FunctionBody)
FRIST_NODE(template_decl, TemplateDecl)
FRIST_NODE(rule_decl, RuleDecl)
FRIST_NODE(replace_rule_decl, ReplaceRuleDecl)
FRIST_NODE(remove_rule_decl, RemoveRuleDecl)
FRIST_NODE(basis_clause, BasisClause)
FRIST_NODE(status_clause, StatusClause)
FRIST_NODE(note_clause, NoteClause)
FRIST_NODE(applies_clause, AppliesClause)
FRIST_NODE(let_clause, LetClause)
FRIST_NODE(undetermined_clause, UndeterminedClause)
FRIST_NODE(exempt_clause, ExemptClause)
FRIST_NODE(require_clause, RequireClause)
FRIST_NODE(occurrence_target, ForEachOccurrence)
FRIST_NODE(period_target, ForEachPeriod)
FRIST_NODE(apply_clause, ApplyClause)
FRIST_NODE(test_decl, TestDecl)
FRIST_NODE(test_for, TestFor)
FRIST_NODE(test_as_of, TestAsOf)
FRIST_NODE(test_case, TestCase)
FRIST_NODE(test_case_attr, TestCaseAttr)
FRIST_NODE(test_event, TestEvent)
FRIST_NODE(test_attr, TestAttr)
FRIST_NODE(expect_verdict, ExpectVerdict)
FRIST_NODE(expect_rule_verdict, ExpectRuleVerdict)
FRIST_NODE(expect_expr, ExpectExpr)
FRIST_NODE(verdict, Verdict)
FRIST_NODE(if_expr, IfExpr)
FRIST_NODE(or_expr, OrExpr)
FRIST_NODE(and_expr, AndExpr)
FRIST_NODE(not_expr, NotExpr)
FRIST_NODE(compare_tail, Compare)
FRIST_NODE(cmp_op, CmpOp)
FRIST_NODE(between_tail, BetweenExpr)
FRIST_NODE(within_tail, WithinExpr)
FRIST_NODE(starts_with_tail, StartsWithExpr)
FRIST_NODE(is_tail, IsType)
FRIST_NODE(present_tail, PresentTest)
FRIST_NODE(missing_tail, MissingTest)
FRIST_NODE(cmp_expr, CmpExpr)
FRIST_NODE(add_expr, AddExpr)
FRIST_NODE(add_op, AddOp)
FRIST_NODE(mul_expr, MulExpr)
FRIST_NODE(mul_op, MulOp)
FRIST_NODE(negate, Negate)
FRIST_NODE(scaled, Scaled)
FRIST_NODE(attr_access, AttrAccess)
FRIST_NODE(paren, Paren)
FRIST_NODE(call, Call)
FRIST_NODE(builtin_call, BuiltinCall)
FRIST_NODE(arg, Arg)
FRIST_NODE(named_arg, NamedArg)
FRIST_NODE(lambda, Lambda)
FRIST_NODE(duration_lit, DurationLit)
FRIST_NODE(true_lit, TrueLit)
FRIST_NODE(false_lit, FalseLit)
FRIST_NODE(none_lit, NoneLit)
FRIST_NODE(case_ref, CaseRef)
FRIST_NODE(as_of_ref, AsOfRef)
FRIST_NODE(name_ref, NameRef)
FRIST_NODE(quantifier, Quantifier)
FRIST_NODE(type_ref, TypeRef)
FRIST_NODE(binder, Binder)
FRIST_NODE(anchor, Anchor)
FRIST_NODE(in_period, InPeriod)
FRIST_NODE(where_clause, Where)
FRIST_NODE(postfix, Postfix)
FRIST_NODE(negative_number, Negate)
FRIST_NODE(attr_default, Default)
FRIST_NODE(param_default, Default)
FRIST_NODE(date_value, DateLit)
FRIST_NODE(module_name, QualifiedName)
FRIST_NODE(type_ref_required, TypeRef)
FRIST_NODE(operand, AddExpr)
FRIST_NODE(not_required, NotExpr)
FRIST_NODE(and_required, AndExpr)
FRIST_NODE(mul_required, MulExpr)
FRIST_NODE(scaled_required, Scaled)
FRIST_NODE(anchor_expr, Postfix)
FRIST_NODE(attr_decl_required, AttrDecl)
FRIST_NODE(param_type_required, ParamType)
FRIST_NODE(function_body_required, FunctionBody)
FRIST_NODE(arg_required, Arg)
#undef FRIST_NODE

// Expression levels that only pass one operand through are folded away, so
// `x` is a NameRef, not Or(And(Not(Cmp(Add(Mul(Postfix(NameRef))))))).
template <typename Rule> inline constexpr bool folds_single_child = false;
template <> inline constexpr bool folds_single_child<or_expr> = true;
template <> inline constexpr bool folds_single_child<and_expr> = true;
template <> inline constexpr bool folds_single_child<not_expr> = true;
template <> inline constexpr bool folds_single_child<cmp_expr> = true;
template <> inline constexpr bool folds_single_child<add_expr> = true;
template <> inline constexpr bool folds_single_child<mul_expr> = true;
template <> inline constexpr bool folds_single_child<postfix> = true;
template <> inline constexpr bool folds_single_child<scaled> = true;
template <> inline constexpr bool folds_single_child<operand> = true;
template <> inline constexpr bool folds_single_child<not_required> = true;
template <> inline constexpr bool folds_single_child<and_required> = true;
template <> inline constexpr bool folds_single_child<mul_required> = true;
template <> inline constexpr bool folds_single_child<scaled_required> = true;
template <> inline constexpr bool folds_single_child<anchor_expr> = true;

// ---------------------------------------------------------------------------
// What each must<> rule expects (expect.def)

template <typename Rule> inline constexpr Expect expect_of = Expect::None;
template <Kw K> inline constexpr Expect expect_of<kw<K>> = Expect::Keyword;
#define FRIST_EXPECT(rule, what) template <> inline constexpr Expect expect_of<rule> = Expect::what;
FRIST_EXPECT(declaration, Declaration)
FRIST_EXPECT(name, Name)
FRIST_EXPECT(rule_id, RuleId)
FRIST_EXPECT(ruleset_id, RulesetId)
FRIST_EXPECT(binder, Binder)
FRIST_EXPECT(module_name, ModuleName)
FRIST_EXPECT(event_type_name, TypeName)
FRIST_EXPECT(type_ref_required, TypeName)
FRIST_EXPECT(attr_decl_required, AttrDecl)
FRIST_EXPECT(value_type, ValueType)
FRIST_EXPECT(param_type_required, ParamType)
FRIST_EXPECT(string_lit, String)
FRIST_EXPECT(close_quote, EndOfString)
FRIST_EXPECT(escape_char, Escape)
FRIST_EXPECT(date_value, Date)
FRIST_EXPECT(literal_required, Literal)
FRIST_EXPECT(expr_required, Expr)
FRIST_EXPECT(operand, Operand)
FRIST_EXPECT(unary, Operand)
FRIST_EXPECT(unary_required, Operand)
FRIST_EXPECT(scaled_required, Operand)
FRIST_EXPECT(mul_required, Operand)
FRIST_EXPECT(not_required, Operand)
FRIST_EXPECT(and_required, Operand)
FRIST_EXPECT(close_paren, CloseParen)
FRIST_EXPECT(open_paren, OpenParen)
FRIST_EXPECT(equals, Equals)
FRIST_EXPECT(colon, Colon)
FRIST_EXPECT(verdict_required, Verdict)
FRIST_EXPECT(status_value, Status)
FRIST_EXPECT(foreach_target, ForEachTarget)
FRIST_EXPECT(expectation, Expectation)
FRIST_EXPECT(arg_required, Argument)
FRIST_EXPECT(arg_value, Argument)
FRIST_EXPECT(function_body_required, FunctionBody)
FRIST_EXPECT(lang_code, LanguageCode)
FRIST_EXPECT(attr_required, AttrName)
FRIST_EXPECT(anchor, Anchor)
FRIST_EXPECT(anchor_expr, Operand)
FRIST_EXPECT(param, Name)
FRIST_EXPECT(param_list, OpenParen)
FRIST_EXPECT(call_args, OpenParen)
FRIST_EXPECT(expect_clause, Expectation)
#undef FRIST_EXPECT

}  // namespace frist::grammar::peg

// Custom token rules consume input when they succeed.
namespace tao::pegtl {
template <typename Name, frist::grammar::Kw K>
struct analyze_traits<Name, frist::grammar::peg::kw<K>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, frist::grammar::peg::name_token> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, frist::grammar::peg::raw_name_token> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, frist::grammar::peg::nested_expr> : analyze_seq_traits<frist::grammar::peg::expr> {};
}  // namespace tao::pegtl
