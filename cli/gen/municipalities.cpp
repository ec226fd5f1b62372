// The table of Denmark's 98 municipalities and the weighted draw over it.
// Populations are rounded figures of 2023 (Danmarks Statistik), good enough
// to make the case mix look like the country; they are not statistics.
#include "cli/gen/municipalities.hpp"

#include <algorithm>
#include <array>

#include "cli/gen/random.hpp"

namespace frist::gen {
namespace {

constexpr std::array<Municipality, 98> kMunicipalities{{
    {101, "København", 6530},     {147, "Frederiksberg", 1040}, {151, "Ballerup", 490},
    {153, "Brøndby", 390},        {155, "Dragør", 140},         {157, "Gentofte", 750},
    {159, "Gladsaxe", 700},       {161, "Glostrup", 240},       {163, "Herlev", 300},
    {165, "Albertslund", 280},    {167, "Hvidovre", 540},       {169, "Høje-Taastrup", 580},
    {173, "Lyngby-Taarbæk", 560}, {175, "Rødovre", 410},        {183, "Ishøj", 240},
    {185, "Tårnby", 440},         {187, "Vallensbæk", 170},     {190, "Furesø", 410},
    {201, "Allerød", 260},        {210, "Fredensborg", 410},    {217, "Helsingør", 630},
    {219, "Hillerød", 520},       {223, "Hørsholm", 250},       {230, "Rudersdal", 570},
    {240, "Egedal", 440},         {250, "Frederikssund", 460},  {253, "Greve", 510},
    {259, "Køge", 620},           {260, "Halsnæs", 310},        {265, "Roskilde", 900},
    {269, "Solrød", 230},         {270, "Gribskov", 410},       {306, "Odsherred", 330},
    {316, "Holbæk", 730},         {320, "Faxe", 370},           {326, "Kalundborg", 480},
    {329, "Ringsted", 360},       {330, "Slagelse", 800},       {336, "Stevns", 230},
    {340, "Sorø", 300},           {350, "Lejre", 290},          {360, "Lolland", 400},
    {370, "Næstved", 840},        {376, "Guldborgsund", 600},   {390, "Vordingborg", 450},
    {400, "Bornholm", 390},       {410, "Middelfart", 390},     {420, "Assens", 410},
    {430, "Faaborg-Midtfyn", 510}, {440, "Kerteminde", 240},    {450, "Nyborg", 320},
    {461, "Odense", 2070},        {479, "Svendborg", 590},      {480, "Nordfyns", 300},
    {482, "Langeland", 120},      {492, "Ærø", 60},             {510, "Haderslev", 550},
    {530, "Billund", 270},        {540, "Sønderborg", 740},     {550, "Tønder", 370},
    {561, "Esbjerg", 1160},       {563, "Fanø", 35},            {573, "Varde", 500},
    {575, "Vejen", 430},          {580, "Aabenraa", 590},       {607, "Fredericia", 520},
    {615, "Horsens", 970},        {621, "Kolding", 940},        {630, "Vejle", 1210},
    {657, "Herning", 900},        {661, "Holstebro", 590},      {665, "Lemvig", 190},
    {671, "Struer", 210},         {706, "Syddjurs", 430},       {707, "Norddjurs", 370},
    {710, "Favrskov", 490},       {727, "Odder", 240},          {730, "Randers", 990},
    {740, "Silkeborg", 980},      {741, "Samsø", 37},           {746, "Skanderborg", 640},
    {751, "Aarhus", 3610},        {756, "Ikast-Brande", 420},   {760, "Ringkøbing-Skjern", 560},
    {766, "Hedensted", 470},      {773, "Morsø", 200},          {779, "Skive", 460},
    {787, "Thisted", 430},        {791, "Viborg", 970},         {810, "Brønderslev", 360},
    {813, "Frederikshavn", 580},  {820, "Vesthimmerlands", 360}, {825, "Læsø", 18},
    {840, "Rebild", 300},         {846, "Mariagerfjord", 420},  {849, "Jammerbugt", 380},
    {851, "Aalborg", 2210},       {860, "Hjørring", 640},
}};

// Running totals of the weights, for a binary search per draw.
constexpr std::array<std::uint32_t, kMunicipalities.size()> kCumulativeWeight = [] {
  std::array<std::uint32_t, kMunicipalities.size()> sums{};
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < kMunicipalities.size(); ++i) {
    total += kMunicipalities[i].weight;
    sums[i] = total;
  }
  return sums;
}();

constexpr bool codes_ascending() {
  for (std::size_t i = 1; i < kMunicipalities.size(); ++i)
    if (kMunicipalities[i - 1].code >= kMunicipalities[i].code) return false;
  return true;
}
static_assert(codes_ascending(), "municipality codes must be unique (kept ascending)");

}  // namespace

std::span<const Municipality> municipalities() noexcept { return kMunicipalities; }

const Municipality& pick_municipality(Random& random) noexcept {
  const std::uint32_t x = random.below(kCumulativeWeight.back());
  const auto it = std::upper_bound(kCumulativeWeight.begin(), kCumulativeWeight.end(), x);
  return kMunicipalities[static_cast<std::size_t>(it - kCumulativeWeight.begin())];
}

}  // namespace frist::gen
