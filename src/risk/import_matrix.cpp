#include "risk/import_matrix.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace varde::risk {

namespace {

std::string trim(std::string s) {
  auto sp = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && sp(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && sp(s[i])) ++i;
  return s.substr(i);
}

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int line_of(const YAML::Node& n) { return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::string scalar(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return "";
  return trim(n.as<std::string>());
}

// The text of `key` in a locale: the object's own when the file's locale is
// that one, else from its translations.
std::string text_in(const YAML::Node& obj, const std::string& key, const std::string& file_locale,
                    const std::vector<std::string>& locales) {
  for (const auto& loc : locales) {
    if (loc == file_locale) {
      auto v = scalar(obj[key]);
      if (!v.empty()) return v;
    }
    const auto tr = obj["translations"];
    if (tr && tr.IsMap() && tr[loc] && tr[loc].IsMap()) {
      auto v = scalar(tr[loc][key]);
      if (!v.empty()) return v;
    }
  }
  return "";
}

const std::vector<std::string> kNb = {"nb", "no", "nb-NO", "nb_NO", "nn"};
const std::vector<std::string> kEn = {"en", "en-GB", "en-US", "en_GB", "en_US"};

struct Reader {
  std::string locale;
  MatrixImport& out;
  int missing_nb_descriptions = 0;
  std::vector<int> colour_lines;  // the line of each risk level, in sorted order

  void warn(const YAML::Node& n, std::string field, std::string message) {
    out.warnings.push_back({line_of(n), std::move(field), std::move(message)});
  }
  void error(const YAML::Node& n, std::string field, std::string message) {
    out.errors.push_back({line_of(n), std::move(field), std::move(message)});
  }

  // The label and description of an object in both languages.
  void texts(const YAML::Node& obj, const std::string& field, Text& label, Text& description) {
    label.en = text_in(obj, "name", locale, kEn);
    if (label.en.empty()) label.en = scalar(obj["name"]);  // the file's own language stands in
    label.nb = text_in(obj, "name", locale, kNb);
    if (label.nb.empty()) label.nb = glossary_nb(label.en);
    if (label.nb.empty() && !label.en.empty()) {
      label.nb = label.en;
      warn(obj, field + ".name", "Ingen norsk tekst for «" + label.en + "»; den engelske brukes til noen oversetter den.");
    }
    description.en = text_in(obj, "description", locale, kEn);
    if (description.en.empty()) description.en = scalar(obj["description"]);
    description.nb = text_in(obj, "description", locale, kNb);
    if (description.nb.empty() && !description.en.empty()) {
      description.nb = description.en;
      ++missing_nb_descriptions;
    }
  }

  // A level list ordered by id; `ids` maps each id to its index.
  template <class L>
  std::vector<L> levels(const YAML::Node& list, const std::string& field, std::map<long, int>& ids,
                        std::vector<std::string>* colours) {
    // Sorted as (id, position) pairs: YAML::Node assignment writes through
    // to the document, so nodes themselves must not be moved by a sort.
    std::vector<std::pair<long, std::size_t>> items;
    if (!list || !list.IsSequence() || list.size() == 0) {
      error(list, field, "Listen «" + field.substr(field.rfind('.') + 1) + "» mangler eller er tom.");
      return {};
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto item = list[i];
      const auto f = field + "[" + std::to_string(i) + "]";
      long id = static_cast<long>(i);
      if (item["id"]) {
        try {
          id = item["id"].as<long>();
        } catch (const YAML::Exception&) {
          error(item, f + ".id", "«id» må være et heltall.");
          continue;
        }
      }
      if (std::any_of(items.begin(), items.end(), [&](const auto& p) { return p.first == id; })) {
        error(item, f + ".id", "«id» " + std::to_string(id) + " står to ganger.");
        continue;
      }
      items.emplace_back(id, i);
    }
    std::sort(items.begin(), items.end());
    std::vector<L> result;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto id = items[i].first;
      const auto item = list[items[i].second];
      const auto f = field + "[" + std::to_string(i) + "]";
      ids[id] = static_cast<int>(i);
      L level;
      level.abbreviation = scalar(item["abbreviation"]);
      texts(item, f, level.label, level.description);
      if (level.label.en.empty()) {
        level.label = {"Nivå " + std::to_string(i + 1), "Level " + std::to_string(i + 1)};
        warn(item, f + ".name", "Nivået har ikke navn; kalt «" + level.label.nb + "».");
      }
      if (colours) {
        colours->push_back(scalar(item["hexcolor"]));
        colour_lines.push_back(line_of(item));
      }
      result.push_back(std::move(level));
    }
    return result;
  }

  void matrix(const YAML::Node& node, std::size_t index) {
    const auto field = "risk_matrix[" + std::to_string(index) + "]";
    Matrix m;
    m.key = scalar(node["ref_id"]);
    if (m.key.empty()) m.key = scalar(node["urn"]);
    if (m.key.empty()) {
      error(node, field + ".ref_id", "Matrisen mangler «ref_id».");
      return;
    }
    texts(node, field, m.name, m.description);
    if (m.name.en.empty()) m.name = {m.key, m.key};
    std::map<long, int> p_ids, i_ids, r_ids;
    m.likelihood = levels<Level>(node["probability"], field + ".probability", p_ids, nullptr);
    m.consequence = levels<Level>(node["impact"], field + ".impact", i_ids, nullptr);
    std::vector<std::string> colours;
    colour_lines.clear();
    m.risk_levels = levels<RiskLevel>(node["risk"], field + ".risk", r_ids, &colours);
    for (std::size_t i = 0; i < m.risk_levels.size(); ++i) {
      auto c = colours[i];
      if (c.size() == 7 && c[0] == '#') {
        m.risk_levels[i].colour = c;
      } else {
        m.risk_levels[i].colour = "#CCCCCC";
        out.warnings.push_back({colour_lines[i], field + ".risk[" + std::to_string(i) + "].hexcolor",
                                "Risikonivået har ingen gyldig farge (#RRGGBB); grått brukes."});
      }
    }
    const auto grid = node["grid"];
    if (!grid || !grid.IsSequence()) {
      error(node, field + ".grid", "Matrisen mangler «grid».");
      return;
    }
    if (grid.size() != m.likelihood.size()) {
      error(grid, field + ".grid", "«grid» har " + std::to_string(grid.size()) + " rader, men det er " +
                                       std::to_string(m.likelihood.size()) + " sannsynlighetsnivåer.");
      return;
    }
    // Row r of the grid is the probability with the r-th smallest id, as
    // the levels are sorted; CISO Assistant numbers them 0.. in that order.
    m.cells.assign(m.likelihood.size(), std::vector<Cell>(m.consequence.size()));
    for (std::size_t r = 0; r < grid.size(); ++r) {
      const auto row = grid[r];
      const auto rf = field + ".grid[" + std::to_string(r) + "]";
      if (!row.IsSequence() || row.size() != m.consequence.size()) {
        error(row, rf, "Raden må ha " + std::to_string(m.consequence.size()) + " verdier, én per konsekvensnivå.");
        continue;
      }
      for (std::size_t c = 0; c < row.size(); ++c) {
        long id = -1;
        try {
          id = row[c].as<long>();
        } catch (const YAML::Exception&) {
        }
        auto it = r_ids.find(id);
        if (it == r_ids.end()) {
          error(row[c], rf + "[" + std::to_string(c) + "]",
                "Verdien «" + scalar(row[c]) + "» er ikke id-en til et risikonivå.");
          continue;
        }
        m.cells[r][c] = {it->second, default_accept_level(it->second, static_cast<int>(m.risk_levels.size()))};
      }
    }
    if (!out.errors.empty()) return;
    for (const auto& p : validate(m)) out.errors.push_back({line_of(node), field + "." + p.field, p.message});
    if (!out.errors.empty()) return;
    out.warnings.push_back({line_of(node), field,
                            "Filen har ingen regler for aksept; høyeste risikonivå kan ikke aksepteres uten tiltak, "
                            "de andre fra enhetsleder til administrerende direktør. Se over reglene."});
    out.matrices.push_back(std::move(m));
  }
};

}  // namespace

std::string glossary_nb(std::string_view english) {
  static const std::map<std::string, std::string> words = {
      {"very unlikely", "Svært lite sannsynlig"}, {"unlikely", "Lite sannsynlig"},
      {"rather unlikely", "Nokså usannsynlig"},   {"rather likely", "Nokså sannsynlig"},
      {"possible", "Mulig"},                      {"likely", "Sannsynlig"},
      {"very likely", "Svært sannsynlig"},        {"almost certain", "Nesten sikkert"},
      {"certain", "Sikkert"},                     {"rare", "Sjelden"},
      {"very rare", "Svært sjelden"},             {"exceptional", "Svært sjelden"},
      {"uncommon", "Uvanlig"},                    {"common", "Vanlig"},
      {"frequent", "Hyppig"},                     {"very frequent", "Svært hyppig"},
      {"recurrent", "Gjentakende"},               {"occasional", "Av og til"},
      {"improbable", "Usannsynlig"},              {"probable", "Sannsynlig"},
      {"negligible", "Ubetydelig"},               {"insignificant", "Ubetydelig"},
      {"minor", "Liten"},                         {"limited", "Begrenset"},
      {"moderate", "Moderat"},                    {"significant", "Betydelig"},
      {"important", "Stor"},                      {"major", "Alvorlig"},
      {"serious", "Alvorlig"},                    {"severe", "Alvorlig"},
      {"critical", "Kritisk"},                    {"catastrophic", "Katastrofal"},
      {"very low", "Svært lav"},                  {"low", "Lav"},
      {"medium", "Middels"},                      {"high", "Høy"},
      {"very high", "Svært høy"},                 {"extreme", "Ekstrem"},
  };
  const std::string text = trim(std::string(english));
  // A leading "[1] " or "1 - " stays as it is.
  std::size_t start = 0;
  if (!text.empty() && text[0] == '[') {
    auto close = text.find(']');
    if (close != std::string::npos) start = close + 1;
  } else {
    std::size_t i = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i > 0) {
      std::size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '-' || text[j] == '.' || text[j] == ')')) ++j;
      if (j > i) start = j;
    }
  }
  while (start < text.size() && text[start] == ' ') ++start;
  auto it = words.find(lower_ascii(text.substr(start)));
  if (it == words.end()) return "";
  return text.substr(0, start) + it->second;
}

MatrixImport parse_ciso_library(std::string_view yaml_text) {
  MatrixImport out;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    out.errors.push_back({e.mark.line + 1, "", "Filen er ikke gyldig YAML: " + e.msg});
    return out;
  } catch (const YAML::Exception& e) {
    out.errors.push_back({0, "", std::string("Filen er ikke gyldig YAML: ") + e.what()});
    return out;
  }
  if (!root.IsMap()) {
    out.errors.push_back({1, "", "Filen er ikke et CISO Assistant-bibliotek (ventet en YAML-mapping øverst)."});
    return out;
  }
  try {
    Reader r{scalar(root["locale"]).empty() ? "en" : scalar(root["locale"]), out};
    Text lib_name, lib_description;
    r.texts(root, "library", lib_name, lib_description);
    out.library_name = lib_name.nb;
    out.warnings.clear();  // the library's own name needs no translation
    const auto objects = root["objects"];
    const auto list = objects && objects.IsMap() ? objects["risk_matrix"] : YAML::Node();
    if (!list || !list.IsSequence() || list.size() == 0) {
      out.errors.push_back({line_of(objects), "objects.risk_matrix", "Filen har ingen risikomatrise (objects.risk_matrix)."});
      return out;
    }
    for (std::size_t i = 0; i < list.size(); ++i) r.matrix(list[i], i);
    if (r.missing_nb_descriptions > 0)
      out.warnings.push_back({0, "description", std::to_string(r.missing_nb_descriptions) +
                                                    " beskrivelse(r) har ingen norsk tekst; den engelske vises."});
  } catch (const YAML::Exception& e) {
    out.errors.push_back({e.mark.line + 1, "", std::string("Filen kan ikke leses: ") + e.what()});
  }
  if (!out.errors.empty()) out.matrices.clear();
  return out;
}

}  // namespace varde::risk
