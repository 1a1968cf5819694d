// The .xlsx reader on workbooks that libxlsxwriter writes here (shared
// strings, and inline strings in its constant-memory mode), and on files
// changed by hand afterwards for what libxlsxwriter does not write (the 1904
// date system, prefixed element names, broken parts).
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "importers/xlsx_reader.hpp"
#include "importers/xlsx_writer.hpp"

using namespace varde::importers;

namespace {

// Runs `fill` on a new workbook and returns the file's bytes.
std::string make_workbook(const std::function<void(lxw_workbook*)>& fill, bool constant_memory = false) {
  char path[] = "/tmp/varde-xlsx-test-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return {};
  close(fd);
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path, &options);
  fill(wb);
  workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

// The archive with `part` replaced by `content` (or added).
std::string replace_part(const std::string& bytes, const std::string& part, const std::string& content) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  // Copy the original into a writable buffer source.
  zip_source_begin_write(src);
  zip_source_write(src, bytes.data(), bytes.size());
  zip_source_commit_write(src);
  zip_t* archive = zip_open_from_source(src, 0, &error);
  zip_source_keep(src);
  zip_source_t* s = zip_source_buffer(archive, content.data(), content.size(), 0);
  const zip_int64_t index = zip_file_add(archive, part.c_str(), s, ZIP_FL_OVERWRITE);
  zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);  // fast for the large part
  zip_close(archive);
  std::string out;
  zip_stat_t st;
  zip_stat_init(&st);
  zip_source_stat(src, &st);
  zip_source_open(src);
  out.resize(st.size);
  zip_source_read(src, out.data(), st.size);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

// The text of one part of the archive.
std::string read_part(const std::string& bytes, const std::string& part) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_stat_t st;
  zip_stat_init(&st);
  zip_stat(archive, part.c_str(), 0, &st);
  std::string out(st.size, '\0');
  zip_file_t* f = zip_fopen(archive, part.c_str(), 0);
  zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  zip_discard(archive);
  zip_error_fini(&error);
  return out;
}

void write_mixed_sheet(lxw_workbook* wb) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Krav");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd.mm.yyyy");
  lxw_format* stamp = workbook_add_format(wb);
  format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00 \"kr\"");
  worksheet_write_string(ws, 0, 0, "kapittel", nullptr);
  worksheet_write_string(ws, 0, 1, "nummer", nullptr);
  worksheet_write_string(ws, 0, 2, "tekst", nullptr);
  worksheet_write_string(ws, 1, 0, "4.2", nullptr);
  worksheet_write_number(ws, 1, 1, 27, nullptr);
  worksheet_write_string(ws, 1, 2, "Oppdatere ROS-analysen; \"snarest\",\nog rapportere", nullptr);
  // Row 3 is left empty; row 4 has a gap in column B.
  worksheet_write_string(ws, 3, 0, "Økonomi og æøå", nullptr);
  worksheet_write_number(ws, 3, 2, 1.5, nullptr);
  worksheet_write_number(ws, 3, 3, 0.1 + 0.2, nullptr);
  worksheet_write_boolean(ws, 3, 4, 1, nullptr);
  worksheet_write_boolean(ws, 3, 5, 0, nullptr);
  lxw_datetime d = {2026, 4, 30, 0, 0, 0};
  worksheet_write_datetime(ws, 4, 0, &d, date);
  lxw_datetime t = {2026, 4, 30, 12, 30, 0};
  worksheet_write_datetime(ws, 4, 1, &t, stamp);
  worksheet_write_number(ws, 4, 2, 1234.5, money);  // a format with 'kr' in quotes is not a date
  worksheet_write_formula_num(ws, 4, 3, "=C4*2", nullptr, 3);
  worksheet_write_formula_str(ws, 4, 4, "=A1", nullptr, "kapittel");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_rich_string_tuple part1 = {bold, (char*)"Fet "};
  lxw_rich_string_tuple part2 = {nullptr, (char*)"og vanlig"};
  lxw_rich_string_tuple* rich[] = {&part1, &part2, nullptr};
  worksheet_write_rich_string(ws, 5, 0, rich, nullptr);
  worksheet_write_number(ws, 5, 1, 1e20, nullptr);
  worksheet_write_number(ws, 5, 2, -0.0, nullptr);

  lxw_worksheet* other = workbook_add_worksheet(wb, "Andre ark");
  worksheet_write_string(other, 2, 1, "bare her", nullptr);
}

void expect_mixed_sheet(const XlsxTable& t) {
  ASSERT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.sheet, "Krav");
  ASSERT_EQ(t.rows.size(), 5u);  // the empty row 3 is left out
  EXPECT_EQ(t.rows[0].line, 1);
  EXPECT_EQ(t.rows[0].fields, (std::vector<std::string>{"kapittel", "nummer", "tekst"}));
  EXPECT_EQ(t.rows[1].line, 2);
  EXPECT_EQ(t.rows[1].fields,
            (std::vector<std::string>{"4.2", "27", "Oppdatere ROS-analysen; \"snarest\",\nog rapportere"}));
  EXPECT_EQ(t.rows[2].line, 4);
  EXPECT_EQ(t.rows[2].fields, (std::vector<std::string>{"Økonomi og æøå", "", "1.5", "0.3", "TRUE", "FALSE"}));
  EXPECT_EQ(t.rows[3].line, 5);
  EXPECT_EQ(t.rows[3].fields,
            (std::vector<std::string>{"2026-04-30", "2026-04-30T12:30:00", "1234.5", "3", "kapittel"}));
  EXPECT_EQ(t.rows[4].line, 6);
  EXPECT_EQ(t.rows[4].fields, (std::vector<std::string>{"Fet og vanlig", "1e+20", "0"}));
}

}  // namespace

TEST(XlsxReader, ReadsTextNumbersBooleansDatesAndFormulaResults) {
  const auto bytes = make_workbook(write_mixed_sheet);
  ASSERT_FALSE(bytes.empty());
  expect_mixed_sheet(read_xlsx(bytes));
}

TEST(XlsxReader, ReadsInlineStringsAsWrittenInConstantMemoryMode) {
  const auto bytes = make_workbook(write_mixed_sheet, true);
  ASSERT_NE(read_part(bytes, "xl/worksheets/sheet1.xml").find("inlineStr"), std::string::npos);
  // constant_memory mode writes rows in order only and no rich strings; the
  // plain cells must still read the same.
  const auto t = read_xlsx(bytes);
  ASSERT_TRUE(t.error.empty()) << t.error;
  ASSERT_GE(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields, (std::vector<std::string>{"kapittel", "nummer", "tekst"}));
  EXPECT_EQ(t.rows[1].fields[2], "Oppdatere ROS-analysen; \"snarest\",\nog rapportere");
}

TEST(XlsxReader, ReadsANamedSheetAndListsTheSheets) {
  const auto bytes = make_workbook(write_mixed_sheet);
  EXPECT_EQ(xlsx_sheet_names(bytes), (std::vector<std::string>{"Krav", "Andre ark"}));
  const auto t = read_xlsx(bytes, "Andre ark");
  ASSERT_TRUE(t.error.empty()) << t.error;
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.rows[0].fields, (std::vector<std::string>{"", "bare her"}));

  const auto missing = read_xlsx(bytes, "Finnes ikke");
  EXPECT_EQ(missing.error, "the workbook has no sheet named \"Finnes ikke\"");
  EXPECT_TRUE(missing.rows.empty());
}

TEST(XlsxReader, Reads1904DatesAndPrefixedElementNames) {
  auto bytes = make_workbook(write_mixed_sheet);
  std::string workbook = read_part(bytes, "xl/workbook.xml");
  const auto pr = workbook.find("<workbookPr");
  ASSERT_NE(pr, std::string::npos);
  workbook.insert(pr + std::string("<workbookPr").size(), " date1904=\"1\"");
  bytes = replace_part(bytes, "xl/workbook.xml", workbook);
  auto t = read_xlsx(bytes);
  ASSERT_TRUE(t.error.empty()) << t.error;
  // The same day number counts from 1904-01-01: 1462 days later.
  EXPECT_EQ(t.rows[3].fields[0], "2030-05-01");

  // A sheet written with a namespace prefix, as the .NET Open XML SDK does.
  const std::string prefixed =
      "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:sheetData><x:row r=\"7\"><x:c r=\"C7\" t=\"inlineStr\"><x:is><x:t>prefiks</x:t></x:is></x:c>"
      "<x:c t=\"n\"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>";
  t = read_xlsx(replace_part(bytes, "xl/worksheets/sheet1.xml", prefixed));
  ASSERT_TRUE(t.error.empty()) << t.error;
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 7);
  EXPECT_EQ(t.rows[0].fields, (std::vector<std::string>{"", "", "prefiks", "42"}));  // D7 follows C7
}

TEST(XlsxReader, SaysWhyAFileCannotBeRead) {
  EXPECT_EQ(read_xlsx("kapittel;nummer\n4.2;27\n").error, "not an .xlsx file (it is not a zip archive)");
  EXPECT_EQ(read_xlsx("PK\x03\x04 and then nothing").error, "not an .xlsx file (the zip archive cannot be opened)");
  EXPECT_TRUE(xlsx_sheet_names("not a workbook").empty());

  const auto bytes = make_workbook(write_mixed_sheet);
  auto t = read_xlsx(replace_part(bytes, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"));
  EXPECT_NE(t.error.find("sheet \"Krav\": the sheet is not valid XML"), std::string::npos) << t.error;
  EXPECT_TRUE(t.rows.empty());

  t = read_xlsx(replace_part(bytes, "xl/worksheets/sheet1.xml",
                             "<worksheet><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>999</v></c></row>"
                             "</sheetData></worksheet>"));
  EXPECT_EQ(t.error, "sheet \"Krav\": cell A2 points to a shared text that is not there");

  t = read_xlsx(replace_part(bytes, "xl/worksheets/sheet1.xml",
                             "<worksheet><sheetData><row r=\"2\"><c r=\"A99999999\"><v>1</v></c></row>"
                             "</sheetData></worksheet>"));
  EXPECT_EQ(t.error, "sheet \"Krav\": row 2 has a cell with the reference \"A99999999\"");

  // A DOCX is a zip too, but has no workbook.
  t = read_xlsx(replace_part(bytes, "xl/workbook.xml", "<workbook><sheets/></workbook>"));
  EXPECT_EQ(t.error, "the workbook has no sheets");
}

TEST(XlsxReader, RefusesAPartLargerThanTheLimit) {
  const auto bytes = make_workbook(write_mixed_sheet);
  // Highly compressible: a few hundred kB in the archive, more than the limit unpacked.
  std::string huge = "<worksheet><sheetData>";
  huge.append(kMaxPartBytes, ' ');
  huge += "</sheetData></worksheet>";
  const auto t = read_xlsx(replace_part(bytes, "xl/worksheets/sheet1.xml", huge));
  EXPECT_EQ(t.error, "xl/worksheets/sheet1.xml is larger than 64 MB unpacked");
}

TEST(XlsxWriter, WritesATemplateThatReadsBackAsTheSameRows) {
  const std::vector<std::vector<std::string>> rows = {
      {"Kapittel", "Nummer", "Krav"},
      {"4.2", "027", "Første linje\nandre linje; med \"sitat\""},
      {"4.3", "", "Uten nummer"},
  };
  const auto bytes = write_xlsx(rows, "Krav: 2026 [mal]");
  ASSERT_FALSE(bytes.empty());
  const auto t = read_xlsx(bytes);
  ASSERT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.sheet, "Krav 2026 mal");  // characters Excel forbids in a tab name are left out
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, rows[0]);
  EXPECT_EQ(t.rows[1].fields, rows[1]);  // "027" stays text
  EXPECT_EQ(t.rows[2].line, 3);
  EXPECT_EQ(t.rows[2].fields, rows[2]);
}
