#include "actions/model.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/text.hpp"
#include "importers/pdf_text.hpp"

namespace varde::actions {

namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// Lower-case, trimmed, with a trailing full stop and spaces removed: how
// labels and names are compared.
std::string key(std::string_view s) {
  auto t = core::fold_for_search(importers::collapse_spaces(s));
  while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
  return t;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Dashes as plans write them: '-', en dash, em dash.
std::size_t dash_at(std::string_view s, std::size_t i) {
  if (i < s.size() && s[i] == '-') return 1;
  if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") return 3;
  return 0;
}

bool read_year(std::string_view s, std::size_t& i, int& year) {
  if (i + 4 > s.size()) return false;
  for (std::size_t k = 0; k < 4; ++k)
    if (!std::isdigit(static_cast<unsigned char>(s[i + k]))) return false;
  if (i + 4 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 4]))) return false;
  year = std::stoi(std::string(s.substr(i, 4)));
  i += 4;
  return year >= 1990 && year <= 2100;
}

void skip_spaces(std::string_view s, std::size_t& i) {
  while (i < s.size() && s[i] == ' ') ++i;
}

// What is left after the period: ". Årshjul skal …" → "Årshjul skal …".
// Returns false when the rest is not a note (it goes on with more words
// of the period itself).
bool rest_as_note(std::string_view s, std::size_t i, std::string& note) {
  skip_spaces(s, i);
  if (i >= s.size()) return true;
  if (s[i] != '.' && s[i] != ',' && s[i] != ';' && s[i] != '(') return false;
  if (s[i] != '(') ++i;
  note = trim(s.substr(i));
  if (!note.empty() && note.front() == '(' && note.back() == ')') note = note.substr(1, note.size() - 2);
  return true;
}

int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::string civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y + (m <= 2), m, d);
  return buf;
}

std::optional<int> day_number(std::string_view date) {
  if (date.size() < 10 || !core::is_iso_date_or_instant(date.substr(0, 10))) return std::nullopt;
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  return days_from_civil(y, m, d);
}

// Lower-case phrases that mean "every trust of the region".
const std::vector<std::string>& each_trust_phrases() {
  static const std::vector<std::string> all = {
      "de enkelte hf", "det enkelte hf", "hvert enkelt hf", "hvert enkelt foretak", "hvert foretak",
      "de enkelte foretak", "det enkelte foretak", "alle hf", "alle foretak", "alle helseforetak",
      "de enkelte helseforetak", "hvert helseforetak"};
  return all;
}

// An organisation's name without its "HF"/"RHF"/"SF" suffix, folded.
std::string name_stem(std::string_view name) {
  auto k = key(name);
  for (const char* suffix : {" rhf", " hf", " sf"}) {
    const std::string s = suffix;
    if (k.size() > s.size() && k.compare(k.size() - s.size(), s.size(), s) == 0) return k.substr(0, k.size() - s.size());
  }
  return k;
}

std::optional<int64_t> match_org(std::string_view part, const std::vector<OrgName>& orgs) {
  const auto k = key(part);
  for (const auto& o : orgs)
    if (k == key(o.name) || k == key(o.code)) return o.id;
  for (const auto& o : orgs)
    if (name_stem(k) == name_stem(o.name)) return o.id;
  return std::nullopt;
}

// Splits text at " og " and ", " into parties, but only where both sides
// begin a party (an upper-case name or an each-trust phrase), so "innkalling
// og møteledelse" stays whole.
std::vector<std::string> split_parties(const std::string& subject) {
  std::vector<std::string> out;
  std::string current;
  std::size_t i = 0;
  auto begins_party = [](std::string_view rest) {
    const auto k = key(rest);
    if (importers::starts_upper(rest)) return true;
    for (const auto& p : each_trust_phrases())
      if (starts_with(k, p)) return true;
    return false;
  };
  while (i < subject.size()) {
    std::size_t len = 0;
    if (subject.compare(i, 4, " og ") == 0) len = 4;
    else if (subject.compare(i, 2, ", ") == 0) len = 2;
    if (len && !current.empty() && begins_party(std::string_view(subject).substr(i + len))) {
      out.push_back(trim(current));
      current.clear();
      i += len;
      continue;
    }
    current += subject[i++];
  }
  if (!trim(current).empty()) out.push_back(trim(current));
  return out;
}

}  // namespace

std::string_view kind_code(StatusKind k) {
  switch (k) {
    case StatusKind::not_started: return "not_started";
    case StatusKind::active: return "active";
    case StatusKind::continuous: return "continuous";
    case StatusKind::paused: return "paused";
    case StatusKind::closed: return "closed";
  }
  return "active";
}

std::optional<StatusKind> kind_from_code(std::string_view code) {
  for (auto k : {StatusKind::not_started, StatusKind::active, StatusKind::continuous, StatusKind::paused,
                 StatusKind::closed})
    if (kind_code(k) == code) return k;
  return std::nullopt;
}

const Scale& default_scale() {
  // Colours pass 4.5:1 with white text.
  static const Scale scale = {
      {"not_started", "Ikke startet", "Not started", "#616161", StatusKind::not_started},
      {"in_progress", "Pågår", "In progress", "#1565c0", StatusKind::active},
      {"done", "Fullført", "Completed", "#2e7d32", StatusKind::closed},
      {"continuous", "Kontinuerlig", "Continuous", "#6a1b9a", StatusKind::continuous},
      {"postponed", "Utsatt", "Postponed", "#a84300", StatusKind::paused},
      {"cancelled", "Avbrutt", "Cancelled", "#b71c1c", StatusKind::closed},
  };
  return scale;
}

const StatusLevel* find_status(const Scale& scale, std::string_view code) {
  for (const auto& l : scale)
    if (l.code == code) return &l;
  return nullptr;
}

const StatusLevel* status_by_label(const Scale& scale, std::string_view label) {
  const auto k = key(label);
  if (k.empty()) return nullptr;
  for (const auto& l : scale)
    if (k == key(l.label_nb) || k == key(l.label_en) || k == l.code) return &l;
  return nullptr;
}

std::optional<std::string> transition_error(const Scale& scale, std::string_view from,
                                            const std::optional<std::string>& to, std::string_view comment) {
  const bool has_comment = !core::is_blank(comment);
  if (!to || *to == from) {
    if (!has_comment) return "En oppdatering må endre status eller ha en kommentar.";
    return std::nullopt;
  }
  const auto* next = find_status(scale, *to);
  if (!next) return "Ukjent status «" + *to + "».";
  const auto* current = find_status(scale, from);
  if (current && current->kind == StatusKind::closed && !has_comment)
    return "Tiltaket er «" + current->label_nb + "»; skriv hvorfor det åpnes igjen.";
  if ((next->kind == StatusKind::paused || (next->kind == StatusKind::closed && next->code != "done")) && !has_comment)
    return "Skriv hvorfor tiltaket settes til «" + next->label_nb + "».";
  return std::nullopt;
}

InferredStatus infer_status(const Scale& scale, std::string_view status_text, bool period_is_continuous) {
  if (const auto* l = status_by_label(scale, status_text)) return {l->code, true};
  const auto k = key(status_text);
  // "Ikke startet som tiltak under handlingsplanen, men …": a label that opens the text.
  for (const auto& l : scale) {
    const auto lk = key(l.label_nb);
    if (starts_with(k, lk) && (k.size() == lk.size() || k[lk.size()] == ' ' || k[lk.size()] == ',' || k[lk.size()] == '.'))
      return {l.code, false};
  }
  auto first_of_kind = [&](StatusKind kind) -> std::string {
    for (const auto& l : scale)
      if (l.kind == kind) return l.code;
    return scale.empty() ? "" : scale.front().code;
  };
  if (k.find("fullført") != std::string::npos && k.find("gjenstår") == std::string::npos &&
      k.find("pågår") == std::string::npos)
    return {first_of_kind(StatusKind::closed), false};
  if (period_is_continuous) return {first_of_kind(StatusKind::continuous), false};
  return {first_of_kind(StatusKind::active), false};
}

std::string_view period_kind_code(PeriodKind k) {
  switch (k) {
    case PeriodKind::year: return "year";
    case PeriodKind::years: return "years";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::ongoing: return "ongoing";
    case PeriodKind::continuous: return "continuous";
    case PeriodKind::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<PeriodKind> period_kind_from_code(std::string_view code) {
  for (auto k : {PeriodKind::year, PeriodKind::years, PeriodKind::quarter, PeriodKind::ongoing, PeriodKind::continuous,
                 PeriodKind::unknown})
    if (period_kind_code(k) == code) return k;
  return std::nullopt;
}

std::optional<std::string> Period::end_date() const {
  char buf[16];
  switch (kind) {
    case PeriodKind::year:
    case PeriodKind::years:
      std::snprintf(buf, sizeof buf, "%04d-12-31", to_year);
      return std::string(buf);
    case PeriodKind::quarter: {
      static const char* ends[] = {"03-31", "06-30", "09-30", "12-31"};
      std::snprintf(buf, sizeof buf, "%04d-%s", from_year, ends[std::clamp(quarter, 1, 4) - 1]);
      return std::string(buf);
    }
    default:
      return std::nullopt;
  }
}

std::string Period::label() const {
  switch (kind) {
    case PeriodKind::year: return std::to_string(from_year);
    case PeriodKind::years: return std::to_string(from_year) + "\xE2\x80\x93" + std::to_string(to_year);
    case PeriodKind::quarter: return "Q" + std::to_string(quarter) + " " + std::to_string(from_year);
    case PeriodKind::ongoing: return "Løpende";
    case PeriodKind::continuous: return "Kontinuerlig";
    case PeriodKind::unknown: return text;
  }
  return text;
}

Period parse_period(std::string_view raw) {
  Period p;
  p.text = importers::collapse_spaces(raw);
  const std::string s = p.text;
  const auto k = key(s);
  for (auto [word, kind] : {std::pair{"løpende", PeriodKind::ongoing}, std::pair{"kontinuerlig", PeriodKind::continuous}}) {
    const std::string w = word;
    if (starts_with(k, w)) {
      std::string note;
      if (rest_as_note(s, w.size(), note)) {
        p.kind = kind;
        p.note = note;
        return p;
      }
    }
  }
  std::size_t i = 0;
  // Quarters: "Q4:2021", "Q4 2021", "Q4-2021", "4. kvartal 2021".
  if (s.size() >= 2 && (s[0] == 'Q' || s[0] == 'q') && s[1] >= '1' && s[1] <= '4') {
    const int q = s[1] - '0';
    i = 2;
    if (i < s.size() && (s[i] == ':' || s[i] == '-' || s[i] == '/')) ++i;
    skip_spaces(s, i);
    int y = 0;
    std::string note;
    if (read_year(s, i, y) && rest_as_note(s, i, note)) {
      p.kind = PeriodKind::quarter;
      p.quarter = q;
      p.from_year = p.to_year = y;
      p.note = note;
    }
    return p;
  }
  if (s.size() >= 11 && s[0] >= '1' && s[0] <= '4' && s.compare(1, 10, ". kvartal ") == 0) {
    i = 11;
    int y = 0;
    std::string note;
    if (read_year(s, i, y) && rest_as_note(s, i, note)) {
      p.kind = PeriodKind::quarter;
      p.quarter = s[0] - '0';
      p.from_year = p.to_year = y;
      p.note = note;
    }
    return p;
  }
  int from = 0;
  if (!read_year(s, i, from)) return p;
  std::size_t j = i;
  skip_spaces(s, j);
  if (const auto d = dash_at(s, j)) {
    j += d;
    skip_spaces(s, j);
    int to = 0;
    std::string note;
    if (read_year(s, j, to) && to >= from && rest_as_note(s, j, note)) {
      p.kind = to == from ? PeriodKind::year : PeriodKind::years;
      p.from_year = from;
      p.to_year = to;
      p.note = note;
    }
    return p;
  }
  std::string note;
  if (rest_as_note(s, i, note)) {
    p.kind = PeriodKind::year;
    p.from_year = p.to_year = from;
    p.note = note;
  }
  return p;
}

std::vector<Responsible> parse_responsible(std::string_view text, const std::vector<OrgName>& orgs) {
  std::vector<Responsible> out;
  const auto clean = importers::collapse_spaces(text);
  // Sentences: "X er ansvarlig for … . Y er ansvarlig for …" → their subjects.
  std::vector<std::string> subjects;
  std::size_t start = 0;
  while (start < clean.size()) {
    auto end = clean.find(". ", start);
    std::string sentence = trim(std::string_view(clean).substr(start, end == std::string::npos ? std::string::npos : end - start));
    while (!sentence.empty() && sentence.back() == '.') sentence.pop_back();
    if (const auto at = sentence.find(" er ansvarlig"); at != std::string::npos) sentence = sentence.substr(0, at);
    if (const auto at = sentence.find(" har en koordineringsrolle"); at != std::string::npos) sentence = sentence.substr(0, at);
    if (!trim(sentence).empty()) subjects.push_back(trim(sentence));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  for (const auto& subject : subjects) {
    for (auto& part : split_parties(subject)) {
      Responsible r;
      r.text = part;
      const auto k = key(part);
      for (const auto& phrase : each_trust_phrases())
        if (starts_with(k, phrase)) r.each_trust = true;
      if (!r.each_trust) r.org_id = match_org(part, orgs);
      // One party named twice ("… RHF er ansvarlig for X. … RHF er ansvarlig for Y") counts once.
      const bool seen = std::any_of(out.begin(), out.end(), [&](const Responsible& o) {
        return (r.org_id && o.org_id == r.org_id) || (r.each_trust && o.each_trust) || key(o.text) == k;
      });
      if (!seen) out.push_back(std::move(r));
    }
  }
  return out;
}

std::optional<int> days_between(std::string_view from, std::string_view to) {
  auto a = day_number(from);
  auto b = day_number(to);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

std::optional<std::string> add_days(std::string_view date, int days) {
  auto n = day_number(date);
  if (!n) return std::nullopt;
  return civil_from_days(*n + days);
}

std::optional<std::string> effective_due_date(const std::optional<std::string>& due_date, const Period& period) {
  if (due_date && !due_date->empty()) return due_date;
  return period.end_date();
}

bool is_overdue(StatusKind kind, const std::optional<std::string>& due, std::string_view today) {
  if (kind == StatusKind::closed || kind == StatusKind::continuous || !due) return false;
  auto d = days_between(*due, today);
  return d && *d > 0;
}

bool is_stale(StatusKind kind, std::string_view last_update, std::string_view today, int days) {
  if (kind == StatusKind::closed) return false;
  auto d = days_between(last_update, today);
  return d && *d > days;
}

bool carries_over(StatusKind kind) { return kind != StatusKind::closed; }

}  // namespace varde::actions
