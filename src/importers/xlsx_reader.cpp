// The .xlsx reader: libzip opens the archive in memory, expat reads its XML
// parts as a stream (a large sheet is never held as a tree).
//
// The parts, as the Office Open XML packaging finds them:
//   _rels/.rels                 → the workbook part (usually xl/workbook.xml)
//   xl/workbook.xml             → the sheets in tab order (name, r:id), date1904
//   xl/_rels/workbook.xml.rels  → r:id → the sheet's part; shared strings, styles
//   xl/sharedStrings.xml        → the texts that cells of type "s" index
//   xl/styles.xml               → cellXfs: style index → number format, to tell
//                                 dates (stored as day numbers) from numbers
// Element names are matched on their local name with the namespace split off,
// so files whose writers use prefixes (<x:c>, as the .NET SDK does) read the same.
#include "importers/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace varde::importers {
namespace {

// --- XML, through expat ------------------------------------------------------

using Attributes = std::map<std::string, std::string>;  // local name → value

struct XmlHandler {
  std::function<void(const std::string& name, const Attributes& attrs)> start;
  std::function<void(const std::string& name)> end;
  std::function<void(std::string_view text)> text;
};

std::string local_name(const char* name) {
  const char* bar = std::strrchr(name, '|');
  return bar ? std::string(bar + 1) : std::string(name);
}

// Parses `xml` calling `h`'s callbacks; returns "" or expat's message with the line.
std::string parse_xml(std::string_view xml, XmlHandler& h) {
  XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
  if (!parser) return "out of memory";
  XML_SetUserData(parser, &h);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** atts) {
        auto* handler = static_cast<XmlHandler*>(data);
        if (!handler->start) return;
        Attributes attrs;
        for (int i = 0; atts[i]; i += 2) attrs[local_name(atts[i])] = atts[i + 1];
        handler->start(local_name(name), attrs);
      },
      [](void* data, const XML_Char* name) {
        auto* handler = static_cast<XmlHandler*>(data);
        if (handler->end) handler->end(local_name(name));
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* s, int len) {
    auto* handler = static_cast<XmlHandler*>(data);
    if (handler->text) handler->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  std::string error;
  if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_ERROR) {
    error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
            std::to_string(XML_GetCurrentLineNumber(parser));
  }
  XML_ParserFree(parser);
  return error;
}

// --- The archive -------------------------------------------------------------

class Archive {
 public:
  explicit Archive(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) {
      archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (!archive_) zip_source_free(source);
    }
    zip_error_fini(&error);
  }
  ~Archive() {
    if (archive_) zip_discard(archive_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool ok() const { return archive_ != nullptr; }

  // The part's content, or nullopt when it is missing; `error` is set when it
  // is there but cannot be read or is larger than kMaxPartBytes.
  std::optional<std::string> read(const std::string& name, std::string& error) const {
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
      error = "cannot read " + name + " in the workbook";
      return std::nullopt;
    }
    if (st.size > kMaxPartBytes) {
      error = name + " is larger than " + std::to_string(kMaxPartBytes >> 20) + " MB unpacked";
      return std::nullopt;
    }
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (!file) {
      error = "cannot read " + name + " in the workbook";
      return std::nullopt;
    }
    std::string content(st.size, '\0');
    // Read one byte more than announced: a forged size header is caught too.
    std::string extra(1, '\0');
    const zip_int64_t n = zip_fread(file, content.data(), st.size);
    const zip_int64_t more = n == static_cast<zip_int64_t>(st.size) ? zip_fread(file, extra.data(), 1) : 0;
    zip_fclose(file);
    if (n != static_cast<zip_int64_t>(st.size) || more != 0) {
      error = "cannot read " + name + " in the workbook (damaged archive)";
      return std::nullopt;
    }
    return content;
  }

 private:
  zip_t* archive_ = nullptr;
};

// A relationship's target resolved against the folder of the part that holds
// it ("xl/"), with "../" and absolute targets ("/xl/…") handled.
std::string resolve(const std::string& base_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string dir_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  const auto slash = part.rfind('/');
  const std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir_of(part) + "_rels/" + file + ".rels";
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

struct Relationship {
  std::string type, target;
};

std::map<std::string, Relationship> read_rels(const std::string& xml, const std::string& base_dir) {
  std::map<std::string, Relationship> rels;
  XmlHandler h;
  h.start = [&](const std::string& name, const Attributes& a) {
    if (name != "Relationship") return;
    const auto id = a.find("Id"), type = a.find("Type"), target = a.find("Target");
    if (id == a.end() || target == a.end()) return;
    const auto mode = a.find("TargetMode");
    if (mode != a.end() && mode->second == "External") return;
    rels[id->second] = {type == a.end() ? "" : type->second, resolve(base_dir, target->second)};
  };
  parse_xml(xml, h);
  return rels;
}

// --- The workbook ------------------------------------------------------------

struct SheetRef {
  std::string name, rel_id;
};

struct Workbook {
  std::vector<SheetRef> sheets;
  bool date1904 = false;
  std::string part;                             // e.g. xl/workbook.xml
  std::map<std::string, Relationship> rels;     // its relationships
  std::string error;
};

Workbook open_workbook(const Archive& zip) {
  Workbook wb;
  std::string error;
  wb.part = "xl/workbook.xml";
  if (const auto root = zip.read("_rels/.rels", error)) {
    for (const auto& [id, rel] : read_rels(*root, ""))
      if (ends_with(rel.type, "/officeDocument")) wb.part = rel.target;
  }
  const auto xml = zip.read(wb.part, error);
  if (!xml) {
    wb.error = error.empty() ? "not an .xlsx file (it has no workbook)" : error;
    return wb;
  }
  XmlHandler h;
  h.start = [&](const std::string& name, const Attributes& a) {
    if (name == "sheet") {
      const auto n = a.find("name"), id = a.find("id");  // id is r:id, namespace split off
      if (n != a.end() && id != a.end()) wb.sheets.push_back({n->second, id->second});
    } else if (name == "workbookPr") {
      const auto d = a.find("date1904");
      wb.date1904 = d != a.end() && (d->second == "1" || d->second == "true");
    }
  };
  if (auto e = parse_xml(*xml, h); !e.empty()) {
    wb.error = "the workbook's " + wb.part + " is not valid XML: " + e;
    return wb;
  }
  if (const auto rels = zip.read(rels_of(wb.part), error)) wb.rels = read_rels(*rels, dir_of(wb.part));
  return wb;
}

std::string part_of_type(const Workbook& wb, std::string_view type_tail, const std::string& fallback) {
  for (const auto& [id, rel] : wb.rels)
    if (ends_with(rel.type, type_tail)) return rel.target;
  return fallback;
}

// Text of <si> / <is>: the <t> elements, directly or in runs <r>, not the
// phonetic guides in <rPh>.
class RichText {
 public:
  void start(const std::string& name) {
    if (name == "rPh") ++in_phonetic_;
    if (name == "t") in_t_ = true;
  }
  void end(const std::string& name) {
    if (name == "rPh") --in_phonetic_;
    if (name == "t") in_t_ = false;
  }
  void text(std::string_view s) {
    if (in_t_ && in_phonetic_ == 0) value_ += s;
  }
  std::string take() {
    std::string out;
    out.swap(value_);
    return out;
  }

 private:
  std::string value_;
  bool in_t_ = false;
  int in_phonetic_ = 0;
};

std::string read_shared_strings(const std::string& xml, std::vector<std::string>& out) {
  RichText rich;
  bool in_si = false;
  XmlHandler h;
  h.start = [&](const std::string& name, const Attributes&) {
    if (name == "si") in_si = true;
    if (in_si) rich.start(name);
  };
  h.end = [&](const std::string& name) {
    if (!in_si) return;
    rich.end(name);
    if (name == "si") {
      out.push_back(rich.take());
      in_si = false;
    }
  };
  h.text = [&](std::string_view s) {
    if (in_si) rich.text(s);
  };
  return parse_xml(xml, h);
}

// Excel's built-in number formats that show dates or times.
bool builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// A custom format code shows a date or time when, outside quoted text,
// escaped characters and [colour]/[condition] brackets, it has d, m, y, h or s.
bool custom_date_format(const std::string& code) {
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (c == '"') quoted = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;  // the next character is literal
    else if (c == '[') {
      const auto close = code.find(']', i);
      const std::string inside = code.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
      // [h], [mm], [ss] are elapsed times; other brackets are colours or conditions.
      if (!inside.empty() && std::all_of(inside.begin(), inside.end(), [](char x) {
            return x == 'h' || x == 'H' || x == 'm' || x == 'M' || x == 's' || x == 'S';
          }))
        return true;
      if (close == std::string::npos) break;
      i = close;
    } else if (std::strchr("dmyhsDMYHS", c)) {
      return true;
    }
  }
  return false;
}

// For each cell style index: does it show a date?
std::vector<bool> read_date_styles(const std::string& xml) {
  std::map<int, std::string> custom;
  std::vector<bool> is_date;
  int depth_in_cellxfs = 0;
  XmlHandler h;
  h.start = [&](const std::string& name, const Attributes& a) {
    if (name == "numFmt") {
      const auto id = a.find("numFmtId"), code = a.find("formatCode");
      if (id != a.end() && code != a.end()) custom[std::atoi(id->second.c_str())] = code->second;
    } else if (name == "cellXfs") {
      depth_in_cellxfs = 1;
    } else if (name == "xf" && depth_in_cellxfs == 1) {
      const auto id = a.find("numFmtId");
      const int fmt = id == a.end() ? 0 : std::atoi(id->second.c_str());
      const auto c = custom.find(fmt);
      is_date.push_back(c != custom.end() ? custom_date_format(c->second) : builtin_date_format(fmt));
    }
  };
  h.end = [&](const std::string& name) {
    if (name == "cellXfs") depth_in_cellxfs = 0;
  };
  parse_xml(xml, h);  // a broken styles part only costs the date detection
  return is_date;
}

// --- Cell values -------------------------------------------------------------

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

// A day number as ISO 8601. Excel's 1900 system counts 1900-01-01 as day 1
// and has a 29 February 1900 (day 60) that never was; days from 61 on are
// counted from 1899-12-30. The 1904 system counts from 1904-01-01 as day 0.
std::string serial_to_iso(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return {};  // beyond 9999-12-31
  double whole = std::floor(serial);
  long long seconds = std::llround((serial - whole) * 86400.0);
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  const auto day_count = static_cast<int>(whole);
  const bool time_only = day_count == 0 && !date1904 && seconds > 0;
  std::string time = two(static_cast<int>(seconds / 3600)) + ":" + two(static_cast<int>(seconds / 60 % 60)) + ":" +
                     two(static_cast<int>(seconds % 60));
  if (time_only) return time;
  sys_days base = date1904 ? sys_days(1904y / January / 1)
                           : day_count >= 61 ? sys_days(1899y / December / 30) : sys_days(1899y / December / 31);
  if (!date1904 && day_count == 60) return "1900-02-29";  // as Excel shows it
  const year_month_day ymd{base + days(day_count)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  std::string out = buf;
  if (seconds > 0) out += "T" + time;
  return out;
}

// A number as Excel's General format shows it: up to 15 significant digits.
std::string general_number(const std::string& v) {
  double d = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || ptr != v.data() + v.size()) return v;  // not a number: keep the text
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 15);
  std::string out(buf, res.ptr);
  if (out == "-0") out = "0";
  return out;
}

// "BC12" → column 54 (0-based) and row 12; false when it is not a reference.
bool parse_ref(const std::string& ref, int& col, int& row) {
  std::size_t i = 0;
  int c = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    c = c * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (c > 16384) return false;  // Excel's last column is XFD
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int r = 0;
  for (; i < ref.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(ref[i]))) return false;
    r = r * 10 + (ref[i] - '0');
    if (r > 1048576) return false;
  }
  col = c - 1;
  row = r;
  return r > 0;
}

std::string column_name(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

struct SheetContext {
  const std::vector<std::string>* shared = nullptr;
  const std::vector<bool>* date_styles = nullptr;
  bool date1904 = false;
};

std::string read_sheet(const std::string& xml, const SheetContext& ctx, std::vector<CsvRow>& rows) {
  CsvRow row;
  bool in_row = false;
  int last_row = 0;
  // The cell being read.
  int col = -1, next_col = 0, style = 0;
  std::string type, value;
  bool in_v = false, in_cell = false, in_is = false;
  RichText inline_text;
  std::string error;

  auto finish_cell = [&]() {
    std::string text;
    if (type == "s") {
      int index = -1;
      const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || index < 0 || static_cast<std::size_t>(index) >= ctx.shared->size()) {
        if (error.empty())
          error = "cell " + column_name(col) + std::to_string(row.line) + " points to a shared text that is not there";
        return;
      }
      text = (*ctx.shared)[static_cast<std::size_t>(index)];
    } else if (type == "inlineStr") {
      text = inline_text.take();
    } else if (type == "b") {
      text = value == "1" || value == "true" ? "TRUE" : "FALSE";
    } else if (type == "str" || type == "e") {
      text = value;
    } else if (type == "d") {  // ISO 8601 already; midnight left off
      text = ends_with(value, "T00:00:00") ? value.substr(0, value.size() - 9) : value;
    } else if (!value.empty()) {  // a number
      const bool is_date = style >= 0 && static_cast<std::size_t>(style) < ctx.date_styles->size() &&
                           (*ctx.date_styles)[static_cast<std::size_t>(style)];
      if (is_date) {
        double d = 0;
        const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), d);
        text = ec == std::errc() ? serial_to_iso(d, ctx.date1904) : std::string();
        if (text.empty()) text = general_number(value);
      } else {
        text = general_number(value);
      }
    }
    if (text.empty()) return;
    if (row.fields.size() <= static_cast<std::size_t>(col)) row.fields.resize(static_cast<std::size_t>(col) + 1);
    row.fields[static_cast<std::size_t>(col)] = std::move(text);
  };

  auto finish_row = [&]() {
    while (!row.fields.empty() && row.fields.back().empty()) row.fields.pop_back();
    if (!row.fields.empty()) rows.push_back(std::move(row));
    row = CsvRow{};
  };

  XmlHandler h;
  h.start = [&](const std::string& name, const Attributes& a) {
    if (name == "row") {
      in_row = true;
      const auto r = a.find("r");
      const int n = r == a.end() ? 0 : std::atoi(r->second.c_str());
      row.line = n > 0 ? n : last_row + 1;
      last_row = row.line;
      next_col = 0;
    } else if (name == "c" && in_row) {
      in_cell = true;
      const auto r = a.find("r");
      int c = next_col, rr = row.line;
      if (r != a.end() && !parse_ref(r->second, c, rr) && error.empty())
        error = "row " + std::to_string(row.line) + " has a cell with the reference \"" + r->second + "\"";
      col = c;
      next_col = c + 1;
      const auto t = a.find("t");
      type = t == a.end() ? "n" : t->second;
      const auto s = a.find("s");
      style = s == a.end() ? 0 : std::atoi(s->second.c_str());
      value.clear();
    } else if (in_cell && name == "v") {
      in_v = true;
    } else if (in_cell && name == "is") {
      in_is = true;
    } else if (in_is) {
      inline_text.start(name);
    }
  };
  h.end = [&](const std::string& name) {
    if (name == "v") in_v = false;
    else if (name == "is") in_is = false;
    else if (in_is) inline_text.end(name);
    else if (name == "c" && in_cell) {
      finish_cell();
      in_cell = false;
    } else if (name == "row" && in_row) {
      finish_row();
      in_row = false;
    }
  };
  h.text = [&](std::string_view s) {
    if (in_v) value += s;
    else if (in_is) inline_text.text(s);
  };
  if (auto e = parse_xml(xml, h); !e.empty()) return "the sheet is not valid XML: " + e;
  return error;
}

bool looks_like_zip(std::string_view bytes) { return bytes.size() >= 4 && bytes.substr(0, 2) == "PK"; }

}  // namespace

std::vector<std::string> xlsx_sheet_names(std::string_view bytes) {
  std::vector<std::string> names;
  if (!looks_like_zip(bytes)) return names;
  Archive zip(bytes);
  if (!zip.ok()) return names;
  for (const auto& s : open_workbook(zip).sheets) names.push_back(s.name);
  return names;
}

XlsxTable read_xlsx(std::string_view bytes, std::string_view sheet) {
  XlsxTable table;
  auto fail = [&](std::string message) {
    table.rows.clear();
    table.error = std::move(message);
    return table;
  };
  if (!looks_like_zip(bytes)) return fail("not an .xlsx file (it is not a zip archive)");
  Archive zip(bytes);
  if (!zip.ok()) return fail("not an .xlsx file (the zip archive cannot be opened)");
  const Workbook wb = open_workbook(zip);
  if (!wb.error.empty()) return fail(wb.error);
  if (wb.sheets.empty()) return fail("the workbook has no sheets");

  const SheetRef* chosen = nullptr;
  for (const auto& s : wb.sheets)
    if (sheet.empty() || s.name == sheet) {
      chosen = &s;
      break;
    }
  if (!chosen) return fail("the workbook has no sheet named \"" + std::string(sheet) + "\"");
  table.sheet = chosen->name;
  const auto rel = wb.rels.find(chosen->rel_id);
  if (rel == wb.rels.end()) return fail("the workbook does not say where sheet \"" + chosen->name + "\" is");

  std::string error;
  std::vector<std::string> shared;
  const std::string base = dir_of(wb.part);
  if (const auto xml = zip.read(part_of_type(wb, "/sharedStrings", base + "sharedStrings.xml"), error)) {
    if (auto e = read_shared_strings(*xml, shared); !e.empty()) return fail("the shared texts are not valid XML: " + e);
  }
  if (!error.empty()) return fail(error);
  std::vector<bool> date_styles;
  if (const auto xml = zip.read(part_of_type(wb, "/styles", base + "styles.xml"), error))
    date_styles = read_date_styles(*xml);
  if (!error.empty()) return fail(error);

  const auto xml = zip.read(rel->second.target, error);
  if (!xml) return fail(error.empty() ? "sheet \"" + chosen->name + "\" is missing from the workbook" : error);
  const SheetContext ctx{&shared, &date_styles, wb.date1904};
  if (auto e = read_sheet(*xml, ctx, table.rows); !e.empty()) return fail("sheet \"" + chosen->name + "\": " + e);
  return table;
}

}  // namespace varde::importers
