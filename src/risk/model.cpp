#include "risk/model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>

#include "users/model.hpp"

namespace varde::risk {

namespace {

bool is_hex_colour(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  return std::all_of(c.begin() + 1, c.end(), [](unsigned char ch) { return std::isxdigit(ch) != 0; });
}

std::string idx(std::string_view name, std::size_t i) { return std::string(name) + "[" + std::to_string(i) + "]"; }

void check_text(std::vector<Problem>& out, const std::string& field, const Text& t) {
  if (t.nb.empty()) out.push_back({field + ".nb", "Mangler tekst på bokmål."});
  if (t.en.empty()) out.push_back({field + ".en", "Mangler tekst på engelsk."});
}

void check_axis(std::vector<Problem>& out, std::string_view name, const std::vector<Level>& levels, const char* what) {
  const auto n = static_cast<int>(levels.size());
  if (n < kMinLevels || n > kMaxLevels)
    out.push_back({std::string(name), std::string("Matrisen må ha 3 til 6 nivåer for ") + what + ", ikke " +
                                          std::to_string(n) + "."});
  for (std::size_t i = 0; i < levels.size(); ++i) check_text(out, idx(name, i) + ".label", levels[i].label);
}

// What a consequence level means per area ("pasientsikkerhet" → "Død eller
// varig skade"): only consequence levels have such texts, only for the
// matrix's own areas, and short enough to show in a list. A text may be
// missing (an imported matrix has none) or in one language only.
inline constexpr std::size_t kMaxPerAreaText = 500;  // characters

std::size_t characters(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

void check_per_area(std::vector<Problem>& out, const Matrix& m, const std::set<std::string>& codes) {
  for (std::size_t i = 0; i < m.likelihood.size(); ++i)
    if (!m.likelihood[i].per_area.empty())
      out.push_back({idx("likelihood", i) + ".per_area", "Bare konsekvensnivåene har tekst per konsekvensområde."});
  for (std::size_t i = 0; i < m.consequence.size(); ++i)
    for (const auto& [code, text] : m.consequence[i].per_area) {
      const auto f = idx("consequence", i) + ".per_area." + code;
      if (!codes.count(code)) out.push_back({f, "Konsekvensområdet «" + code + "» finnes ikke i matrisen."});
      if (characters(text.nb) > kMaxPerAreaText) out.push_back({f + ".nb", "Teksten kan være høyst 500 tegn."});
      if (characters(text.en) > kMaxPerAreaText) out.push_back({f + ".en", "Teksten kan være høyst 500 tegn."});
    }
}

}  // namespace

std::vector<Problem> validate(const Matrix& m) {
  std::vector<Problem> out;
  if (m.key.empty()) out.push_back({"key", "Matrisen må ha en nøkkel."});
  check_text(out, "name", m.name);
  check_axis(out, "likelihood", m.likelihood, "sannsynlighet");
  check_axis(out, "consequence", m.consequence, "konsekvens");
  if (m.risk_levels.empty()) out.push_back({"risk_levels", "Matrisen må ha minst ett risikonivå."});
  for (std::size_t i = 0; i < m.risk_levels.size(); ++i) {
    check_text(out, idx("risk_levels", i) + ".label", m.risk_levels[i].label);
    if (!is_hex_colour(m.risk_levels[i].colour))
      out.push_back({idx("risk_levels", i) + ".colour",
                     "Fargen «" + m.risk_levels[i].colour + "» er ikke på formen #RRGGBB."});
  }
  std::set<std::string> codes;
  for (std::size_t i = 0; i < m.areas.size(); ++i) {
    if (m.areas[i].code.empty()) out.push_back({idx("areas", i) + ".code", "Konsekvensområdet mangler kode."});
    else if (!codes.insert(m.areas[i].code).second)
      out.push_back({idx("areas", i) + ".code", "Konsekvensområdet «" + m.areas[i].code + "» står to ganger."});
    check_text(out, idx("areas", i) + ".label", m.areas[i].label);
  }
  check_per_area(out, m, codes);
  if (m.cells.size() != m.likelihood.size()) {
    out.push_back({"cells", "Rutenettet må ha én rad per sannsynlighetsnivå (" + std::to_string(m.likelihood.size()) +
                                "), ikke " + std::to_string(m.cells.size()) + "."});
    return out;
  }
  for (std::size_t l = 0; l < m.cells.size(); ++l) {
    const auto row = idx("cells", l);
    if (m.cells[l].size() != m.consequence.size()) {
      out.push_back({row, "Raden må ha én rute per konsekvensnivå (" + std::to_string(m.consequence.size()) +
                              "), ikke " + std::to_string(m.cells[l].size()) + "."});
      continue;
    }
    for (std::size_t c = 0; c < m.cells[l].size(); ++c) {
      const auto& cell = m.cells[l][c];
      const auto f = row + "[" + std::to_string(c) + "]";
      if (cell.risk_level < 0 || cell.risk_level >= static_cast<int>(m.risk_levels.size()))
        out.push_back({f + ".risk_level", "Risikonivået " + std::to_string(cell.risk_level) + " finnes ikke."});
      if (cell.accept_level != kNotAcceptable &&
          (cell.accept_level < users::kMinLeaderLevel || cell.accept_level > users::kMaxLeaderLevel))
        out.push_back({f + ".accept_level", "Ledernivået må være 1 til 4, eller 0 (kan ikke aksepteres uten tiltak)."});
    }
  }
  return out;
}

bool on_matrix(const Matrix& m, Score s) {
  return s.likelihood >= 1 && s.likelihood <= static_cast<int>(m.likelihood.size()) && s.consequence >= 1 &&
         s.consequence <= static_cast<int>(m.consequence.size()) &&
         static_cast<int>(m.cells.size()) >= s.likelihood &&
         static_cast<int>(m.cells[s.likelihood - 1].size()) >= s.consequence;
}

const Cell* cell_at(const Matrix& m, Score s) {
  if (!on_matrix(m, s)) return nullptr;
  return &m.cells[s.likelihood - 1][s.consequence - 1];
}

std::optional<int> level_of(const Matrix& m, Score s) {
  const auto* c = cell_at(m, s);
  if (!c) return std::nullopt;
  return c->risk_level;
}

std::optional<int> overall_consequence(const std::map<std::string, int>& per_area) {
  std::optional<int> worst;
  for (const auto& [area, level] : per_area)
    if (!worst || level > *worst) worst = level;
  return worst;
}

std::string leader_level_name_nb(int level) {
  switch (level) {
    case 1: return "enhetsleder (nivå 1)";
    case 2: return "avdelingsleder (nivå 2)";
    case 3: return "administrerende direktør (nivå 3)";
    case 4: return "styret eller regionen (nivå 4)";
  }
  return "ingen";
}

std::string leader_level_name_en(int level) {
  switch (level) {
    case 1: return "unit leader (level 1)";
    case 2: return "department leader (level 2)";
    case 3: return "trust director (level 3)";
    case 4: return "board or region (level 4)";
  }
  return "none";
}

Acceptance check_acceptance(const Matrix& m, Score residual, std::optional<int> leader_level) {
  Acceptance a;
  const auto* c = cell_at(m, residual);
  if (!c || c->accept_level == kNotAcceptable) {
    a.acceptable = false;
    return a;
  }
  a.required = c->accept_level;
  a.allowed = leader_level && *leader_level >= c->accept_level;
  return a;
}

std::string refusal_nb(const Acceptance& a) {
  if (!a.acceptable) return "Risikoen ligger i en rute som ikke kan aksepteres uten tiltak. Behandle den først.";
  return "Risikoen må aksepteres av " + leader_level_name_nb(a.required) + " eller høyere.";
}

int default_accept_level(int index, int count) {
  if (count <= 1) return 1;
  if (index >= count - 1) return kNotAcceptable;
  if (count == 2) return 1;
  return 1 + static_cast<int>(std::lround(index * 2.0 / (count - 2)));
}

namespace {

Level lvl(const char* abbr, const char* nb, const char* en, const char* dnb, const char* den) {
  return Level{abbr, {nb, en}, {dnb, den}, {}};
}

}  // namespace

Matrix default_matrix() {
  Matrix m;
  m.key = "helse-5x5";
  m.name = {"Risikomatrise 5 × 5 (helseforetak)", "Risk matrix 5 × 5 (health trust)"};
  m.description = {"Standardmatrisen i Varde: sannsynlighet som hyppighet, konsekvens per område.",
                   "Varde's default matrix: likelihood as frequency, consequence per area."};
  m.likelihood = {
      lvl("1", "Svært lite sannsynlig", "Very unlikely", "Sjeldnere enn hvert tiende år", "Less than once in ten years"),
      lvl("2", "Lite sannsynlig", "Unlikely", "Hvert femte til tiende år", "Every five to ten years"),
      lvl("3", "Mulig", "Possible", "Årlig", "Yearly"),
      lvl("4", "Sannsynlig", "Likely", "Månedlig", "Monthly"),
      lvl("5", "Svært sannsynlig", "Very likely", "Ukentlig eller oftere", "Weekly or more often"),
  };
  m.areas = {
      {"patient_safety", {"Pasientsikkerhet", "Patient safety"}},
      {"privacy", {"Personvern", "Privacy"}},
      {"availability", {"Tilgjengelighet", "Availability of services"}},
      {"reputation", {"Omdømme", "Reputation"}},
      {"economy", {"Økonomi", "Economy"}},
  };
  struct C {
    const char *nb, *en;
    std::array<const char*, 10> areas;  // nb, en per area in m.areas order
  };
  const std::array<C, 5> cons = {{
      {"Ubetydelig", "Insignificant",
       {"Ingen skade", "No harm", "Ingen personopplysninger på avveie", "No personal data exposed",
        "Utilgjengelig under en time", "Unavailable for less than an hour", "Ingen omtale", "No coverage",
        "Under 100 000 kr", "Under NOK 100,000"}},
      {"Liten", "Minor",
       {"Liten skade, ingen behandling", "Minor harm, no treatment", "Få opplysninger, lite følsomme",
        "A few, not sensitive", "Utilgjengelig i timer", "Unavailable for hours", "Lokal omtale", "Local coverage",
        "100 000–1 mill. kr", "NOK 100,000–1 million"}},
      {"Moderat", "Moderate",
       {"Skade som krever behandling", "Harm needing treatment", "Helseopplysninger om få pasienter",
        "Health data of a few patients", "Utilgjengelig i et døgn", "Unavailable for a day", "Regional omtale",
        "Regional coverage", "1–10 mill. kr", "NOK 1–10 million"}},
      {"Alvorlig", "Serious",
       {"Alvorlig skade", "Serious harm", "Helseopplysninger om mange pasienter", "Health data of many patients",
        "Utilgjengelig i flere døgn", "Unavailable for days", "Nasjonal omtale", "National coverage",
        "10–50 mill. kr", "NOK 10–50 million"}},
      {"Svært alvorlig", "Very serious",
       {"Død eller varig skade", "Death or lasting harm", "Omfattende lekkasje av helseopplysninger",
        "Extensive leak of health data", "Utilgjengelig i en uke eller mer", "Unavailable for a week or more",
        "Varig svekket tillit", "Lasting loss of trust", "Over 50 mill. kr", "Over NOK 50 million"}},
  }};
  for (std::size_t i = 0; i < cons.size(); ++i) {
    Level l{std::to_string(i + 1), {cons[i].nb, cons[i].en}, {}, {}};
    for (std::size_t a = 0; a < m.areas.size(); ++a)
      l.per_area[m.areas[a].code] = {cons[i].areas[2 * a], cons[i].areas[2 * a + 1]};
    m.consequence.push_back(std::move(l));
  }
  // Colours pass WCAG AA with black text.
  m.risk_levels = {
      {"L", {"Lav", "Low"}, {"Akseptabel; følges med.", "Acceptable; keep watching."}, "#7BC47F"},
      {"M", {"Middels", "Medium"}, {"Tiltak vurderes; aksept på riktig ledernivå.", "Consider treatment; accept at the right level."}, "#FFD966"},
      {"H", {"Høy", "High"}, {"Tiltak kreves.", "Treatment required."}, "#E06666"},
  };
  // By the product likelihood × consequence: 1–4 low, 5–10 medium, 12–25
  // high. Who may accept: low a unit leader; medium up to 6 a department
  // leader, 8–10 the trust director; high up to 16 the board, above that
  // nobody without treatment.
  m.cells.assign(5, std::vector<Cell>(5));
  for (int l = 1; l <= 5; ++l)
    for (int c = 1; c <= 5; ++c) {
      const int p = l * c;
      Cell& cell = m.cells[l - 1][c - 1];
      cell.risk_level = p <= 4 ? 0 : p <= 10 ? 1 : 2;
      cell.accept_level = p <= 4 ? 1 : p <= 6 ? 2 : p <= 10 ? 3 : p <= 16 ? 4 : kNotAcceptable;
    }
  return m;
}

namespace {
constexpr std::array<std::string_view, 4> kTreatments = {"reduce", "accept", "avoid", "transfer"};
constexpr std::array<std::string_view, 4> kTreatmentLabels = {"Redusere", "Akseptere", "Unngå", "Overføre"};
constexpr std::array<std::string_view, 4> kStatuses = {"planned", "in_progress", "completed", "reassess"};
constexpr std::array<std::string_view, 4> kStatusLabels = {"Planlagt", "Pågår", "Fullført", "Skal revurderes"};
constexpr std::array<std::string_view, 4> kSubjects = {"system", "change", "process", "requirement"};
}  // namespace

std::string_view treatment_code(Treatment t) { return kTreatments[static_cast<int>(t)]; }
std::string_view treatment_label_nb(Treatment t) { return kTreatmentLabels[static_cast<int>(t)]; }
std::optional<Treatment> treatment_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kTreatments.size(); ++i)
    if (kTreatments[i] == code) return static_cast<Treatment>(i);
  return std::nullopt;
}

bool is_assessment_status(std::string_view code) {
  return std::find(kStatuses.begin(), kStatuses.end(), code) != kStatuses.end();
}
std::string_view assessment_status_label_nb(std::string_view code) {
  for (std::size_t i = 0; i < kStatuses.size(); ++i)
    if (kStatuses[i] == code) return kStatusLabels[i];
  return "";
}
bool is_subject_kind(std::string_view code) {
  return std::find(kSubjects.begin(), kSubjects.end(), code) != kSubjects.end();
}

std::string acceptance_state(const std::optional<std::string>& accepted_until, const std::string& today) {
  if (!accepted_until) return "none";
  return accepted_until->substr(0, 10) < today.substr(0, 10) ? "expired" : "accepted";
}

bool review_overdue(const std::optional<std::string>& review_on, const std::string& today) {
  return review_on && !review_on->empty() && review_on->substr(0, 10) < today.substr(0, 10);
}

}  // namespace varde::risk
