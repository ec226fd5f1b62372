// The simulation behind `frist gen`: how a synthetic child-welfare case
// unfolds — notifications and their assessment, the børnefaglig undersøgelse,
// conversations, decisions under Serviceloven or Barnets lov, plans, measures
// with follow-up, placements with supervision — and the data faults a real
// extract has. Rates are in ‰ and aimed at the national figures of
// Ankestyrelsen's Børnesagsbarometer (see docs/gen.md); they are a model, not
// statistics.
#include "cli/gen/generator.hpp"

#include <algorithm>
#include <utility>

#include "cli/gen/municipalities.hpp"

namespace frist::gen {
namespace {

constexpr std::array<std::string_view, kEventTypeCount> kEventTypeNames = {
    "underretning",       "underretning_vurderet",     "underretning_kvitteret",
    "opmærksom",          "undersøgelse_påbegyndt",    "undersøgelse_afsluttet",
    "foreløbig_vurdering", "partshøringsmøde",         "børnesamtale",
    "samtale_forældremyndighed", "synspunkter_indhentet", "afgørelse",
    "handleplan",         "handleplan_undladt",        "barnets_plan",
    "ungeplan",           "ungeplan_vurderet",         "indsats_iværksat",
    "indsats_ophørt",     "opfølgning",                "anbringelse_iværksat",
    "anbringelse_ophørt", "tilsynsbesøg",
};

constexpr std::array<std::string_view, kAttributeCount> kAttributeNames = {
    "fagperson", "underretning", "opdateret",   "om",          "afslået",
    "hjemmel",   "akut",         "samtale_undladt", "formål",  "varighed",
    "anbringelse", "uden_samtykke", "angiver_indsats", "begrundelse",
};

// ---- When cases happen ------------------------------------------------------

// The day the municipality became aware (opmærksom) is drawn uniformly from
// this range; first decisions then fall in 2021–2025, on both sides of
// Barnets lov's start.
const Days kFirstAwareDay = days_from_civil(2021, 1, 1);
const Days kLastAwareDay = days_from_civil(2025, 6, 30);
// Ankestyrelsen's 2023 practice (the partshøringsmøde counts inside the four
// months, Ishøj's notat of September 2023): after this, hearings are less
// often held after the deadline.
const Days kPracticeChangeDay = days_from_civil(2023, 7, 1);
const Days kNever = kExtractDay + 1;

// Age of the child at the start of the case, 0–17: teenagers a little more
// often than toddlers.
constexpr std::array<std::uint32_t, 18> kAgeWeights = {5, 4, 4, 4, 4, 5, 5, 5, 5,
                                                       6, 6, 6, 7, 7, 7, 7, 6, 5};

// ---- How cases go (‰) -------------------------------------------------------

enum class CasePath : std::uint8_t {
  ScreenedOut,       // notifications only: the assessment found no need
  InvestigatedOnly,  // a BFU, but no decision on support
  AcuteFirst,        // an acute decision, then the BFU and a regular decision
  DecidedEarly,      // a decision without (or before the end of) a BFU
  Standard,          // BFU, hearing, decision, measure
};
constexpr std::array<std::uint32_t, 5> kPathWeights = {50, 40, 60, 60, 790};

// Notifications.
constexpr PerMille kNoNotification = 80;          // case started another way
constexpr PerMille kSecondNotification = 300;
constexpr PerMille kThirdNotification = 250;
constexpr PerMille kNotificationDateOnly = 40;    // fault: date instead of date-time
constexpr PerMille kNotificationWithoutId = 10;   // fault
constexpr PerMille kFromProfessional = 650;       // fagperson: true
constexpr PerMille kFagpersonRecorded = 950;      // otherwise the attribute is absent
constexpr PerMille kAssessedWithin24h = 880;
constexpr PerMille kAssessedLate = 80;            // the rest: never assessed
constexpr PerMille kAssessmentDateOnly = 50;
constexpr PerMille kReceiptInTime = 850;          // within 6 workdays
constexpr PerMille kReceiptLate = 100;            // the rest: no receipt

// Awareness and the investigation (BFU).
constexpr PerMille kAwarenessMissing = 30;        // fault: no `opmærksom`
constexpr PerMille kInvestigationInTime = 470;    // BFU completed within 4 months
constexpr PerMille kInvestigationLate = 465;      // the rest: not completed
constexpr PerMille kChildHeardInInvestigation = 870;
constexpr PerMille kCustodyHeardInInvestigation = 900;
constexpr PerMille kHearingHeld = 880;
constexpr PerMille kHearingLateBeforePractice = 350;  // in-time BFU, hearing after deadline
constexpr PerMille kHearingLateAfterPractice = 120;
constexpr PerMille kPreliminaryAssessment = 600;  // BL: when the BFU overruns
constexpr PerMille kInvestigationUpdated = 150;   // before a later decision

// Decisions.
constexpr PerMille kRegularDecisionAfterAcute = 700;
constexpr PerMille kEarlyDecisionWithoutBfu = 500;
constexpr PerMille kSecondDecision = 250;
constexpr PerMille kThirdDecision = 300;
constexpr PerMille kPlacement = 110;
constexpr PerMille kAcutePlacement = 500;
constexpr PerMille kWithoutConsent = 250;
constexpr PerMille kConversationOmittedYoung = 700;  // child under 4
constexpr PerMille kConversationOmitted = 40;
constexpr PerMille kConversationBeforeDecision = 680;
constexpr PerMille kViewsObtainedOtherwise = 700;    // BL, when the conversation is omitted
constexpr PerMille kHjemmelRecorded = 990;
constexpr PerMille kAkutFalseWritten = 500;         // otherwise left to the default
constexpr PerMille kConversationTopicMissing = 20;  // fault: `om` missing
constexpr PerMille kConversationDeclined = 30;      // afslået: true
constexpr PerMille kPurposeAndDuration = 800;       // BL § 32: both true
constexpr PerMille kPurposeOrDurationFalse = 80;    // the rest: one or both missing

// Plans.
constexpr PerMille kActionPlanInTime = 870;
constexpr PerMille kActionPlanWaived = 40;
constexpr PerMille kActionPlanLate = 50;            // the rest: no plan
constexpr PerMille kPlanNamesMeasure = 960;
constexpr PerMille kPlanNamesNoMeasure = 25;        // the rest: attribute missing
constexpr PerMille kChildPlanInTime = 780;
constexpr PerMille kChildPlanLate = 150;
constexpr PerMille kYouthPlanInTime = 750;
constexpr PerMille kYouthPlanLate = 150;

// Measures and placements.
constexpr PerMille kFirstFollowUpInTime = 765;      // within 3 months
constexpr PerMille kFirstFollowUpLate = 170;        // the rest: none
constexpr PerMille kFollowUpEverySixMonths = 850;
constexpr PerMille kMeasureEnds = 550;
constexpr PerMille kPlacementEnds = 450;
constexpr std::array<std::uint32_t, 5> kVisitsPerPlacementYear = {30, 100, 550, 250, 70};

// Timestamps and order.
constexpr PerMille kDateTimeUtc = 60;               // `Z`
constexpr PerMille kDateTimeOffset = 40;            // `+01:00` / `+02:00`
constexpr PerMille kDateTimeWithSeconds = 80;
constexpr PerMille kShuffled = 100;                 // events not in time order
constexpr PerMille kKommuneMissing = 3;
constexpr PerMille kBornMissing = 20;

constexpr std::array<std::string_view, 8> kSelSupport = {
    "SEL § 52, stk. 3, nr. 1", "SEL § 52, stk. 3, nr. 2", "SEL § 52, stk. 3, nr. 3",
    "SEL § 52, stk. 3, nr. 3", "SEL § 52, stk. 3, nr. 4", "SEL § 52, stk. 3, nr. 5",
    "SEL § 52, stk. 3, nr. 6", "SEL § 52, stk. 3, nr. 9",
};
constexpr std::string_view kSelPlacement = "SEL § 52, stk. 3, nr. 7";
constexpr std::string_view kSelPlacementWithoutConsent = "SEL § 58, stk. 1";
constexpr std::array<std::string_view, 8> kBlSupport = {
    "BL § 32, stk. 1, nr. 1", "BL § 32, stk. 1, nr. 2", "BL § 32, stk. 1, nr. 3",
    "BL § 32, stk. 1, nr. 3", "BL § 32, stk. 1, nr. 4", "BL § 32, stk. 1, nr. 5",
    "BL § 32, stk. 1, nr. 6", "BL § 32, stk. 1, nr. 7",
};
constexpr std::string_view kBlPlacement = "BL § 46, stk. 1";
constexpr std::string_view kBlPlacementWithoutConsent = "BL § 47, stk. 1";
constexpr std::array<std::string_view, 3> kOmissionReasons = {
    "barnets alder og modenhed", "hensynet til barnet", "sagens karakter"};
constexpr std::array<std::string_view, 2> kPlanWaivedReasons = {
    "kortvarig indsats", "indsatsen er en ren aflastning"};

struct Investigation {
  bool started = false;
  bool completed = false;
  Days start = 0;
  Days end = 0;       // completion (undersøgelse_afsluttet)
  Days settled = 0;   // the later of completion and partshøringsmøde
};

struct Decision {
  Days day = 0;
  bool placement = false;
  bool recorded = false;  // false: it would lie after the extract day
};

class CaseSimulation {
 public:
  CaseSimulation(Random& random, CaseRecord& record) noexcept : random_(random), case_(record) {}

  void run() noexcept {
    case_.municipality = &pick_municipality(random_);
    case_.kommune_recorded = !random_.chance(kKommuneMissing);
    aware_ = random_.between(kFirstAwareDay, kLastAwareDay);
    const int age = static_cast<int>(random_.weighted(kAgeWeights));
    born_ = add_years(aware_, -age) - random_.between(0, 364);
    case_.born = born_;
    case_.born_recorded = !random_.chance(kBornMissing);

    const auto path = static_cast<CasePath>(random_.weighted(kPathWeights));
    add_notifications(path == CasePath::ScreenedOut);
    if (path != CasePath::ScreenedOut) simulate_support(path);
    put_in_input_order();
  }

 private:
  // ---- events -----------------------------------------------------------------

  // Appends an event; none (nullptr) after the extract day or when full.
  Event* add(EventType type, EventTime at) noexcept {
    if (at.day > kExtractDay || case_.event_count == kMaxEvents) return nullptr;
    Event& e = case_.events[case_.event_count++];
    e.type = type;
    e.at = at;
    e.id = {};
    e.attribute_count = 0;
    return &e;
  }

  static void set_flag(Event* e, Attribute name, bool value) noexcept {
    if (!e || e->attribute_count == kMaxAttributesPerEvent) return;
    e->attributes[e->attribute_count++] = {name, ValueKind::Bool, value, {}, {}};
  }
  static void set_text(Event* e, Attribute name, std::string_view value) noexcept {
    if (!e || e->attribute_count == kMaxAttributesPerEvent) return;
    e->attributes[e->attribute_count++] = {name, ValueKind::Text, false, {}, value};
  }
  static void set_reference(Event* e, Attribute name, EventId target) noexcept {
    if (!e || e->attribute_count == kMaxAttributesPerEvent) return;
    e->attributes[e->attribute_count++] = {name, ValueKind::Reference, false, target, {}};
  }

  // ---- timestamps -------------------------------------------------------------

  static EventTime on(Days day) noexcept { return {day, 0, ClockStyle::DateOnly, false}; }

  EventTime at_clock(Days day, int second) noexcept {
    EventTime t{day, second, ClockStyle::Local, false};
    const std::uint32_t style = random_.below(1000);
    if (style < kDateTimeUtc) {
      t.style = ClockStyle::Utc;
    } else if (style < kDateTimeUtc + kDateTimeOffset) {
      t.style = ClockStyle::Offset;
    }
    if (random_.chance(kDateTimeWithSeconds)) {
      t.with_seconds = true;
      t.second += random_.between(0, 59);
    }
    return t;
  }

  // A time in office hours, 08:00–15:59, on the minute.
  EventTime office_time(Days day) noexcept { return at_clock(day, random_.between(8 * 60, 15 * 60 + 59) * 60); }

  // Most case events are recorded as dates; some systems give date-times.
  EventTime recorded(Days day, PerMille date_only) noexcept {
    return random_.chance(date_only) ? on(day) : office_time(day);
  }

  // ---- notifications ----------------------------------------------------------

  void add_notifications(bool screened_out) noexcept {
    if (!screened_out && random_.chance(kNoNotification)) return;
    int count = 1;
    if (random_.chance(kSecondNotification)) count += random_.chance(kThirdNotification) ? 2 : 1;
    std::array<Days, 3> days{};
    for (int k = 0; k < count; ++k) {
      days[k] = aware_;
      if (k == 0) {
        if (random_.chance(300)) days[k] -= random_.between(1, 3);  // read a few days later
      } else {
        days[k] += random_.between(14, 900);  // a new concern later in the case
      }
    }
    if (count == 3 && days[2] < days[1]) std::swap(days[1], days[2]);  // ids u1, u2, u3 in time order
    for (int k = 0; k < count; ++k) add_notification(k + 1, days[k]);
  }

  void add_notification(int number, Days day) noexcept {
    // Police and hospitals notify at all hours; most come in the day time.
    const int arrival_minute = random_.between(7 * 60 + 30, 21 * 60 + 59);
    EventTime received = at_clock(day, arrival_minute * 60);
    const bool date_only = random_.chance(kNotificationDateOnly);
    if (date_only) received = on(day);
    Event* u = add(EventType::Underretning, received);
    if (!u) return;
    if (!random_.chance(kNotificationWithoutId)) u->id = {'u', static_cast<std::uint8_t>(number)};
    const EventId id = u->id;
    bool professional = false;
    if (random_.chance(kFagpersonRecorded)) {
      professional = random_.chance(kFromProfessional);
      set_flag(u, Attribute::Fagperson, professional);
    }

    // The 24-hour assessment, in office hours: the same day when the
    // notification came before the afternoon, else the next morning; late
    // ones two to five days after.
    const std::uint32_t assessed = random_.below(1000);
    if (assessed < kAssessedWithin24h + kAssessedLate) {
      const int arrival = date_only ? 8 * 3600 : received.second;
      Days when = day;
      int minute = 0;
      if (assessed >= kAssessedWithin24h) {
        when += random_.between(2, 5);
        minute = random_.between(8 * 60, 15 * 60 + 59);
      } else if (arrival / 60 + 10 <= 16 * 60 + 30) {
        minute = random_.between(arrival / 60 + 10, std::min(arrival / 60 + 8 * 60, 16 * 60 + 30));
      } else {
        when += 1;
        minute = random_.between(8 * 60, std::min(arrival / 60 - 10, 12 * 60));
      }
      const EventTime t = random_.chance(kAssessmentDateOnly) ? on(when) : at_clock(when, minute * 60);
      Event* v = add(EventType::UnderretningVurderet, t);
      if (id.present()) set_reference(v, Attribute::Underretning, id);
    }

    // Receipt to a professional notifier within 6 workdays (§ 155 b). Six
    // calendar days are never more than six workdays; two weeks always are.
    if (professional) {
      const std::uint32_t receipt = random_.below(1000);
      if (receipt < kReceiptInTime + kReceiptLate) {
        const Days when = day + (receipt < kReceiptInTime ? random_.between(0, 6) : random_.between(14, 45));
        Event* k = add(EventType::UnderretningKvitteret, recorded(when, 900));
        if (id.present()) set_reference(k, Attribute::Underretning, id);
      }
    }
  }

  // ---- the case after the notifications -----------------------------------------

  void simulate_support(CasePath path) noexcept {
    if (!random_.chance(kAwarenessMissing)) add(EventType::Opmaerksom, recorded(aware_, 900));

    switch (path) {
      case CasePath::InvestigatedOnly:
        add_investigation();
        break;
      case CasePath::Standard: {
        const Investigation bfu = add_investigation();
        if (!bfu.completed) break;
        const Decision first = add_decision(1, bfu.settled + random_.between(2, 40), false, 0);
        if (!first.recorded) break;
        add_action_plan(first, false);
        start_support(first, 1);
        add_later_decisions(first.day, 2, bfu);
        break;
      }
      case CasePath::AcuteFirst: {
        const Decision first = add_decision(1, aware_ + random_.between(0, 7), true, 0);
        if (!first.recorded) break;
        add_action_plan(first, true);
        start_support(first, 1);
        const Investigation bfu = add_investigation();
        if (!bfu.completed || !random_.chance(kRegularDecisionAfterAcute)) break;
        const Days day = std::max(bfu.settled, first.day + 14) + random_.between(2, 40);
        const Decision regular = add_decision(2, day, false, first.day);
        if (!regular.recorded) break;
        start_support(regular, 2);
        add_later_decisions(regular.day, 3, bfu);
        break;
      }
      case CasePath::DecidedEarly: {
        Investigation bfu;
        Days day = aware_ + random_.between(10, 90);
        if (!random_.chance(kEarlyDecisionWithoutBfu)) {
          bfu = add_investigation();
          day = bfu.start + random_.between(10, 25);  // before the BFU is done
        }
        const Decision first = add_decision(1, day, false, 0);
        if (!first.recorded) break;
        add_action_plan(first, false);
        start_support(first, 1);
        add_later_decisions(first.day, 2, bfu);
        break;
      }
      case CasePath::ScreenedOut:
        break;
    }
  }

  Investigation add_investigation() noexcept {
    Investigation bfu;
    bfu.started = true;
    bfu.start = aware_ + random_.between(1, 25);
    add(EventType::UndersoegelsePaabegyndt, recorded(bfu.start, 900));
    const Days deadline = add_months(aware_, 4);

    const std::uint32_t outcome = random_.below(1000);
    bfu.completed = outcome < kInvestigationInTime + kInvestigationLate;
    if (outcome < kInvestigationInTime) {
      bfu.end = random_.between(bfu.start + 30, deadline);
    } else {
      bfu.end = deadline + random_.between(1, 150);
    }
    if (bfu.completed) add(EventType::UndersoegelseAfsluttet, recorded(bfu.end, 850));
    const Days last_talk = (bfu.completed ? bfu.end : bfu.start + 90) - 2;

    if (random_.chance(kChildHeardInInvestigation))
      add_child_conversation(random_.between(bfu.start + 7, last_talk), "undersøgelse");
    if (random_.chance(kCustodyHeardInInvestigation))
      add(EventType::SamtaleForaeldremyndighed, recorded(random_.between(bfu.start + 3, last_talk), 850));

    bfu.settled = bfu.end;
    if (bfu.completed && random_.chance(kHearingHeld)) {
      Days day;
      if (bfu.end <= deadline) {
        const PerMille late = deadline < kPracticeChangeDay ? kHearingLateBeforePractice : kHearingLateAfterPractice;
        day = random_.chance(late) ? deadline + random_.between(1, 40)
                                   : random_.between(bfu.end, std::min(bfu.end + 20, deadline));
      } else {
        day = bfu.end + random_.between(0, 25);
      }
      add(EventType::Partshoeringsmoede, recorded(day, 800));
      bfu.settled = day;
    }

    // Barnets lov § 20, stk. 3: a preliminary assessment when the BFU will not
    // be settled within the four months.
    const bool overrun = !bfu.completed || bfu.settled > deadline;
    if (deadline >= kBarnetsLovDay && overrun && random_.chance(kPreliminaryAssessment))
      add(EventType::ForeloebigVurdering, recorded(random_.between(std::max(bfu.start, deadline - 25), deadline), 900));
    return bfu;
  }

  void add_child_conversation(Days day, std::string_view topic) noexcept {
    Event* e = add(EventType::Boernesamtale, recorded(day, 850));
    if (!random_.chance(kConversationTopicMissing)) set_text(e, Attribute::Om, topic);
    if (random_.chance(kConversationDeclined)) set_flag(e, Attribute::Afslaaet, true);
  }

  // One `afgørelse` with the conversation before it (window (previous, day]).
  Decision add_decision(int number, Days day, bool acute, Days previous) noexcept {
    Decision d;
    d.day = day;
    d.placement = random_.chance(acute ? kAcutePlacement : kPlacement);
    const bool without_consent = d.placement && random_.chance(kWithoutConsent);
    const bool barnets_lov = day >= kBarnetsLovDay;
    const int age = age_in_years(born_, day);

    const bool omitted = random_.chance(age < 4 ? kConversationOmittedYoung : kConversationOmitted);
    const Days window_start = std::max(previous + 1, day - 30);
    if (random_.chance(omitted ? 30 : kConversationBeforeDecision))
      add_child_conversation(random_.between(window_start, day), "afgørelse");
    if (omitted && barnets_lov && random_.chance(kViewsObtainedOtherwise))
      add(EventType::SynspunkterIndhentet, recorded(random_.between(window_start, day), 900));

    Event* e = add(EventType::Afgoerelse, recorded(day, 850));
    if (!e) return d;
    d.recorded = true;
    e->id = {'a', static_cast<std::uint8_t>(number)};
    std::string_view hjemmel;
    if (barnets_lov) {
      hjemmel = d.placement ? (without_consent ? kBlPlacementWithoutConsent : kBlPlacement)
                            : kBlSupport[random_.below(kBlSupport.size())];
    } else {
      hjemmel = d.placement ? (without_consent ? kSelPlacementWithoutConsent : kSelPlacement)
                            : kSelSupport[random_.below(kSelSupport.size())];
    }
    if (random_.chance(kHjemmelRecorded)) set_text(e, Attribute::Hjemmel, hjemmel);
    if (acute) {
      set_flag(e, Attribute::Akut, true);
    } else if (random_.chance(kAkutFalseWritten)) {
      set_flag(e, Attribute::Akut, false);
    }
    if (omitted) set_text(e, Attribute::SamtaleUndladt, kOmissionReasons[random_.below(kOmissionReasons.size())]);
    if (barnets_lov) add_purpose_and_duration(e);
    if (d.placement) {
      set_flag(e, Attribute::Anbringelse, true);
      set_flag(e, Attribute::UdenSamtykke, without_consent);
    } else if (random_.chance(300)) {
      set_flag(e, Attribute::Anbringelse, false);
    }
    if (barnets_lov) add_child_plans(d, without_consent, age);
    return d;
  }

  // BL § 32, stk. 3 (and § 46 for placements): purpose and expected duration.
  void add_purpose_and_duration(Event* e) noexcept {
    const std::uint32_t r = random_.below(1000);
    if (r < kPurposeAndDuration) {
      set_flag(e, Attribute::Formaal, true);
      set_flag(e, Attribute::Varighed, true);
    } else if (r < kPurposeAndDuration + kPurposeOrDurationFalse) {
      const bool purpose_given = random_.chance(500);
      set_flag(e, Attribute::Formaal, purpose_given);
      set_flag(e, Attribute::Varighed, !purpose_given);
    } else if (random_.chance(500)) {
      set_flag(e, Attribute::Formaal, true);  // varighed not recorded
    }
  }

  // Barnets lov: barnets plan for a placement (§ 91) and the youth plan from 16 (§ 108).
  void add_child_plans(const Decision& d, bool without_consent, int age) noexcept {
    const Days three_months = add_months(d.day, 3);
    if (d.placement) {
      const std::uint32_t r = random_.below(1000);
      if (r < kChildPlanInTime) {
        const Days day = without_consent ? d.day - random_.between(0, 14) : random_.between(d.day - 10, three_months);
        add(EventType::BarnetsPlan, recorded(day, 900));
      } else if (r < kChildPlanInTime + kChildPlanLate) {
        add(EventType::BarnetsPlan, recorded((without_consent ? d.day : three_months) + random_.between(1, 60), 900));
      }
    }
    if (age >= 16) {
      const std::uint32_t r = random_.below(1000);
      const EventType plan = random_.chance(750) ? EventType::Ungeplan : EventType::UngeplanVurderet;
      if (r < kYouthPlanInTime) {
        const Days day = without_consent ? d.day - random_.between(0, 10) : random_.between(d.day - 10, three_months);
        add(plan, recorded(day, 900));
      } else if (r < kYouthPlanInTime + kYouthPlanLate) {
        add(plan, recorded((without_consent ? d.day : three_months) + random_.between(1, 90), 900));
      }
    }
  }

  // Serviceloven § 140: the action plan for the first decision.
  void add_action_plan(const Decision& first, bool acute) noexcept {
    if (first.day >= kBarnetsLovDay) return;
    const Days deadline = acute ? add_months(first.day, 4) : first.day;
    const std::uint32_t r = random_.below(1000);
    if (r < kActionPlanInTime) {
      const Days day = acute ? random_.between(first.day, deadline) : first.day - random_.between(0, 20);
      Event* plan = add(EventType::Handleplan, recorded(day, 900));
      const std::uint32_t names = random_.below(1000);
      if (names < kPlanNamesMeasure) {
        set_flag(plan, Attribute::AngiverIndsats, true);
      } else if (names < kPlanNamesMeasure + kPlanNamesNoMeasure) {
        set_flag(plan, Attribute::AngiverIndsats, false);
      }
    } else if (r < kActionPlanInTime + kActionPlanWaived) {
      Event* waived = add(EventType::HandleplanUndladt, recorded(first.day, 900));
      set_text(waived, Attribute::Begrundelse, kPlanWaivedReasons[random_.below(kPlanWaivedReasons.size())]);
    } else if (r < kActionPlanInTime + kActionPlanWaived + kActionPlanLate) {
      Event* plan = add(EventType::Handleplan, recorded(deadline + random_.between(1, 60), 900));
      set_flag(plan, Attribute::AngiverIndsats, true);
    }
  }

  void add_later_decisions(Days previous, int number, const Investigation& bfu) noexcept {
    PerMille more = kSecondDecision;
    while (number <= 4 && random_.chance(more)) {
      const Days day = previous + random_.between(60, 420);
      if (day > kExtractDay) return;
      if (bfu.completed && random_.chance(kInvestigationUpdated)) {
        Event* update = add(EventType::UndersoegelseAfsluttet, recorded(day - random_.between(5, 30), 850));
        set_flag(update, Attribute::Opdateret, true);
      }
      const Decision d = add_decision(number, day, false, previous);
      if (!d.recorded) return;
      start_support(d, number);
      previous = day;
      ++number;
      more = kThirdDecision;
    }
  }

  // The measure a decision starts: a placement, or (once per case) a
  // supportive measure with its follow-ups.
  void start_support(const Decision& d, int number) noexcept {
    if (d.placement) {
      if (!placed_) add_placement(d.day + random_.between(0, 14));
      placed_ = true;
    } else if (!measure_started_ && number <= 2) {
      add_measure(d.day + random_.between(0, 30));
      measure_started_ = true;
    }
  }

  void add_measure(Days start) noexcept {
    if (!add(EventType::IndsatsIvaerksat, recorded(start, 900))) return;
    const Days end = random_.chance(kMeasureEnds) ? start + random_.between(90, 1000) : kNever;
    const std::uint32_t first = random_.below(1000);
    Days follow_up = kNever;
    if (first < kFirstFollowUpInTime) {
      follow_up = random_.between(start + 14, add_months(start, 3));
    } else if (first < kFirstFollowUpInTime + kFirstFollowUpLate) {
      follow_up = add_months(start, 3) + random_.between(1, 120);
    }
    while (follow_up < end && follow_up <= kExtractDay) {
      if (!add(EventType::Opfoelgning, recorded(follow_up, 900))) break;
      follow_up += random_.chance(kFollowUpEverySixMonths) ? random_.between(120, 182) : random_.between(190, 320);
    }
    if (end != kNever) add(EventType::IndsatsOphoert, recorded(end, 900));
  }

  void add_placement(Days start) noexcept {
    if (!add(EventType::AnbringelseIvaerksat, recorded(start, 850))) return;
    const Days end = random_.chance(kPlacementEnds) ? start + random_.between(60, 1500) : kNever;
    const Days last = std::min(end, kExtractDay);
    for (int year = 0;; ++year) {
      const Days from = add_years(start, year);
      if (from > last) break;
      const Days until = std::min(add_years(start, year + 1) - 1, last);
      const auto visits = random_.weighted(kVisitsPerPlacementYear);
      for (std::size_t v = 0; v < visits; ++v)
        add(EventType::Tilsynsbesoeg, recorded(random_.between(from, until), 800));
    }
    if (end != kNever) add(EventType::AnbringelseOphoert, recorded(end, 850));
  }

  // ---- order ------------------------------------------------------------------

  // Most extracts list events in time order; some do not (input order must
  // not matter to a reader).
  void put_in_input_order() noexcept {
    auto* first = case_.events.data();
    auto* last = first + case_.event_count;
    if (random_.chance(kShuffled)) {
      for (std::uint32_t i = case_.event_count; i > 1; --i) std::swap(first[i - 1], first[random_.below(i)]);
      return;
    }
    // Insertion sort: stable, no allocation, and the events are nearly in
    // order already.
    for (auto* it = first + 1; it < last; ++it) {
      if (!(it->at.sort_key() < (it - 1)->at.sort_key())) continue;
      Event moving = *it;
      auto* hole = it;
      do {
        *hole = *(hole - 1);
        --hole;
      } while (hole > first && moving.at.sort_key() < (hole - 1)->at.sort_key());
      *hole = moving;
    }
  }

  Random& random_;
  CaseRecord& case_;
  Days aware_ = 0;
  Days born_ = 0;
  bool placed_ = false;
  bool measure_started_ = false;
};

// Picks what to break in a malformed case, from its own random stream.
void damage(const GeneratorOptions& options, CaseRecord& record) noexcept {
  record.malformation = Malformation::None;
  if (options.malformed_rate == 0 || record.event_count == 0) return;
  Random random = Random::for_case(options.seed, record.index, RandomStream::Malformation);
  if (!random.chance_ppm(options.malformed_rate)) return;
  record.malformation = static_cast<Malformation>(1 + random.below(4));
  record.damaged_event = static_cast<std::uint8_t>(random.below(record.event_count));
  if (record.malformation != Malformation::WrongValueType) return;
  for (std::uint32_t step = 0; step < record.event_count; ++step) {
    const std::uint32_t i = (record.damaged_event + step) % record.event_count;
    const Event& e = record.events[i];
    for (std::uint8_t a = 0; a < e.attribute_count; ++a) {
      if (e.attributes[a].kind == ValueKind::Bool) {
        record.damaged_event = static_cast<std::uint8_t>(i);
        record.damaged_attribute = a;
        return;
      }
    }
  }
  record.malformation = Malformation::ImpossibleDate;  // no boolean to mistype
}

}  // namespace

std::string_view event_type_name(EventType type) noexcept { return kEventTypeNames[static_cast<std::size_t>(type)]; }

std::string_view attribute_name(Attribute attribute) noexcept {
  return kAttributeNames[static_cast<std::size_t>(attribute)];
}

void generate_case(const GeneratorOptions& options, std::uint64_t index, CaseRecord& out) noexcept {
  out.index = index;
  out.event_count = 0;
  out.damaged_event = 0;
  out.damaged_attribute = 0;
  Random random = Random::for_case(options.seed, index, RandomStream::Timeline);
  CaseSimulation(random, out).run();
  damage(options, out);
}

}  // namespace frist::gen
