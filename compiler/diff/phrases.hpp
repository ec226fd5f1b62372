// The words of the diff in Danish and English: labels, sentence patterns
// (fmt patterns with positional {0}, {1}) and verdict names. The language
// of the new file picks the table.
#pragma once

#include "grammar/keywords.hpp"

namespace frist::compiler::diff {

struct Words {
  // sentences: {0} = label/what, {1} = old, {2} = new
  const char* changed;          // "{0}: {1} → {2}"
  const char* added;            // "{0} tilføjet: {1}"
  const char* removed;          // "{0} fjernet: {1}"
  const char* deadline_amount;  // "fristen ændret fra {0} til {1}"
  const char* deadline;         // "fristen"
  const char* deadline_start;   // "fristen regnes fra"
  const char* end_event;        // "slutbegivenhed"
  const char* requirement;      // "kræv"
  const char* reason_changed;   // "{0} {1}: begrundelse {2} → {3}"
  const char* placement;        // "{0} {1}: flyttet ({2} → {3})"
  const char* before_require;   // "før kravet"
  const char* after_require;    // "efter kravet"
  const char* per_occurrence;   // "for hver forekomst"
  const char* whole_case;       // "for hele sagen"
  const char* clause_order;     // "rækkefølgen af reglens led er ændret"
  const char* same_words;       // "(samme ord; beregningen er ændret: {0})"
  const char* deadline_gone;    // "kravet har ikke længere en frist"
  const char* deadline_new;     // "kravet har nu en frist"
  // metadata and header
  const char* title;
  const char* basis;
  const char* status;
  const char* note;
  const char* verified;
  const char* unverified;
  const char* id;
  const char* version;
  const char* source;
  const char* effective;
  const char* always;           // effective period without bounds
  const char* case_date;
  const char* calendar;
  const char* holiday;          // "helligdag {0}"
  const char* none;             // "(ingen)"
  // vocabulary
  const char* event_type;       // "hændelsestype {0}"
  const char* attribute;        // "attribut {0}"
  const char* case_attribute;   // "sagsattribut {0}"
  const char* event_type_word;  // "hændelsestype"
  const char* attribute_word;   // "attribut"
  const char* case_attribute_word;  // "sagsattribut"
  const char* type_label;       // "type"
  const char* default_label;    // "standardværdi"
  const char* doc_label;        // "beskrivelse"
  const char* affects;          // "påvirker"
  const char* no_rule;          // "ingen regler"
  // rules
  const char* rules;            // "Regler"
  const char* rule_added;       // "tilføjet"
  const char* rule_removed;     // "fjernet"
  const char* rule_changed;     // "ændret"
  const char* rule_renamed;     // "omdøbt"
  const char* rule_moved;       // "flyttet fra plads {0} til plads {1}"
  const char* moved_word;       // "flyttet"
  const char* unchanged;        // "uændret"/"uændrede"
  const char* vocabulary;       // "Ordforråd"
  const char* ruleset;          // "Regelsæt"
  const char* heading;          // "Semantisk forskel"
  const char* no_changes;       // "Ingen ændringer i betydning."
  const char* minor;            // "(kun dokumentation)"
  // impact
  const char* impact;           // "Virkning på sagerne"
  const char* cases_line;       // "{0} sager læst pr. {1}"
  const char* old_side;         // "før"
  const char* new_side;         // "nu"
  const char* evaluated;        // "vurderet"
  const char* rejected;         // "afvist"
  const char* uncovered;        // "ikke dækket"
  const char* rate;             // "overholdt i {0} ud af {1}"
  const char* rate_short;       // "{0} ud af {1}"
  const char* flipped;          // "sager, der skifter"
  const char* more;             // "og {0} til"
  const char* no_flips;         // "{0} regler uden ændrede udfald"
  const char* only_old;         // "findes kun før"
  const char* only_new;         // "findes kun nu"
  const char* unchanged_cases;  // "uændret"
  const char* cases;            // "sager"
  const char* state[9];         // by CaseState (impact.hpp)
};

const Words& words(grammar::Lang lang);

}  // namespace frist::compiler::diff
