// The RFC 4180 catalog-table reader: record splitting, whole-file reading with its error
// messages, and the regional layering operations append_rows / remove_rows.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dipdrg/catalog/csv.hpp"
#include "temp_dir.hpp"

using dipdrg::catalog::CsvTable;
using dipdrg::catalog::split_csv_line;
namespace fs = std::filesystem;
using dipdrg::testing::TempDir;

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> f;
    REQUIRE(split_csv_line(line, f));
    return f;
}

using Row = std::vector<std::string>;

// All rows of a table as strings, for whole-table comparisons.
std::vector<Row> rows_of(const CsvTable& t, const std::vector<std::string>& columns) {
    std::vector<Row> out;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        Row row;
        for (const auto& c : columns) row.push_back(t.at(r, t.column(c)));
        out.push_back(row);
    }
    return out;
}

}  // namespace

// Plain fields split on commas; empty fields (leading, trailing, doubled commas) are kept.
TEST_CASE("csv: split plain and empty fields", "[csv]") {
    CHECK(split("a,b,c") == Row{"a", "b", "c"});
    CHECK(split("") == Row{""});
    CHECK(split("a,") == Row{"a", ""});
    CHECK(split(",a") == Row{"", "a"});
    CHECK(split("a,,b") == Row{"a", "", "b"});
    CHECK(split("  a , b ") == Row{"  a ", " b "});  // no trimming
}

// Quoted fields: quotes removed, embedded commas kept, "" inside quotes is one quote.
TEST_CASE("csv: split quoted fields", "[csv]") {
    CHECK(split("\"a\",b") == Row{"a", "b"});
    CHECK(split("\"a,b\",c") == Row{"a,b", "c"});
    CHECK(split("x,\"say \"\"hi\"\"\",y") == Row{"x", "say \"hi\"", "y"});
    CHECK(split("\"\"\"\"") == Row{"\""});
    CHECK(split("\"\",b") == Row{"", "b"});
    CHECK(split("\"a\nb\",c") == Row{"a\nb", "c"});
    CHECK(split("\"主诊断，逗号\",合并症") == Row{"主诊断，逗号", "合并症"});
}

// A trailing CR (CRLF files) is dropped; a CR elsewhere is data.
TEST_CASE("csv: split strips the CR of CRLF", "[csv]") {
    CHECK(split("a,b\r") == Row{"a", "b"});
    CHECK(split("a,\"b\"\r") == Row{"a", "b"});
    CHECK(split("a\rb,c") == Row{"a\rb", "c"});
    CHECK(split("a,\r") == Row{"a", ""});
}

// An unclosed quote makes split_csv_line return false (the reader then reads on).
TEST_CASE("csv: split reports an unterminated quote", "[csv]") {
    std::vector<std::string> f;
    CHECK_FALSE(split_csv_line("\"abc", f));
    CHECK_FALSE(split_csv_line("a,\"b,c", f));
    CHECK_FALSE(split_csv_line("a,\"b\"\"", f));  // the doubled quote is data: still open
    CHECK(split_csv_line("a,\"b\"\"\"", f));
    CHECK(f == Row{"a", "b\""});
}

// The fields vector is cleared on each call, not appended to.
TEST_CASE("csv: split reuses the output vector", "[csv]") {
    std::vector<std::string> f{"old", "stuff", "here"};
    REQUIRE(split_csv_line("x", f));
    CHECK(f == Row{"x"});
}

// A UTF-8 BOM on the header line is stripped, so the first column is found by name.
TEST_CASE("csv: read strips a UTF-8 BOM", "[csv]") {
    TempDir dir;
    auto p = dir.write("bom.csv",
                       "\xEF\xBB\xBF"
                       "code,name_zh\r\nA01.000,伤寒\r\n");
    auto t = CsvTable::read(p);
    CHECK(t.has_column("code"));
    CHECK_FALSE(
        t.has_column("\xEF\xBB\xBF"
                     "code"));
    REQUIRE(t.rows() == 1);
    CHECK(t.at(0, t.column("code")) == "A01.000");
    CHECK(t.at(0, t.column("name_zh")) == "伤寒");  // CRLF: no trailing CR kept
    CHECK(t.path() == p);
}

// A quoted field may span lines; rows keep the line where their record started.
TEST_CASE("csv: read a quoted newline and track source lines", "[csv]") {
    TempDir dir;
    auto p = dir.write("nl.csv", "code,note\nA,\"line1\nline2\"\n\nB,\"x,y\"\n");
    auto t = CsvTable::read(p);
    REQUIRE(t.rows() == 2);  // the blank line is skipped
    CHECK(t.at(0, 1) == "line1\nline2");
    CHECK(t.at(1, 0) == "B");
    CHECK(t.at(1, 1) == "x,y");
    CHECK(t.line_of(0) == 2);
    CHECK(t.line_of(1) == 5);
    CHECK(t.where(0) == p + ":2");
    CHECK(t.where(1) == p + ":5");
}

// A header-only file is a table with zero rows; a completely empty file is an error.
TEST_CASE("csv: read header-only and empty files", "[csv]") {
    TempDir dir;
    auto t = CsvTable::read(dir.write("h.csv", "a,b\n"));
    CHECK(t.rows() == 0);
    CHECK(t.has_column("b"));
    CHECK_THROWS_AS(CsvTable::read(dir.write("e.csv", "")), std::runtime_error);
}

// A row with the wrong number of fields throws, naming file:line of that row.
TEST_CASE("csv: read rejects a wrong field count with file:line", "[csv]") {
    TempDir dir;
    auto p = dir.write("bad.csv", "a,b,c\n1,2,3\n4,5\n");
    try {
        CsvTable::read(p);
        FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        std::string msg = e.what();
        INFO(msg);
        CHECK(msg.find(p + ":3") != std::string::npos);
        CHECK(msg.find("expected 3 fields") != std::string::npos);
    }
    auto p2 = dir.write("bad2.csv", "a,b\n1,2,3\n");
    CHECK_THROWS_WITH(CsvTable::read(p2), Catch::Contains(p2 + ":2"));
}

// A quote left open at end of file throws rather than silently dropping the record.
TEST_CASE("csv: read rejects an unterminated quote at end of file", "[csv]") {
    TempDir dir;
    auto p = dir.write("open.csv", "a,b\n1,\"never closed\n2,3\n");
    CHECK_THROWS_WITH(CsvTable::read(p), Catch::Contains(p + ":2"));
}

// A missing file throws naming it.
TEST_CASE("csv: read of a missing file throws naming it", "[csv]") {
    TempDir dir;
    auto p = (dir.path / "nope.csv").string();
    CHECK_THROWS_WITH(CsvTable::read(p), Catch::Contains(p));
}

// column() on an absent name throws naming the column and the table; has_column is false.
TEST_CASE("csv: missing column throws naming it", "[csv]") {
    TempDir dir;
    auto p = dir.write("t.csv", "code,name\nX,y\n");
    auto t = CsvTable::read(p);
    CHECK(t.column("code") == 0);
    CHECK(t.column("name") == 1);
    CHECK_FALSE(t.has_column("level"));
    try {
        t.column("level");
        FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        std::string msg = e.what();
        CHECK(msg.find("level") != std::string::npos);
        CHECK(msg.find(p) != std::string::npos);
    }
}

// append_rows maps the other table's columns by name, whatever their order, and keeps
// each appended row's own source file and line.
TEST_CASE("csv: append_rows with a different column order", "[csv][layering]") {
    TempDir dir;
    auto base_p = dir.write("base.csv", "code,level,name\nA,CC,甲\nB,MCC,乙\n");
    auto add_p = dir.write("base.add.csv", "name,code,level\n丙,C,CC\n丁,D,MCC\n");
    auto t = CsvTable::read(base_p);
    t.append_rows(CsvTable::read(add_p));
    REQUIRE(t.rows() == 4);
    CHECK(rows_of(t, {"code", "level", "name"})
          == std::vector<Row>{{"A", "CC", "甲"}, {"B", "MCC", "乙"}, {"C", "CC", "丙"}, {"D", "MCC", "丁"}});
    // Column indices are still the base table's.
    CHECK(t.at(2, 0) == "C");
    CHECK(t.at(3, 2) == "丁");
    CHECK(t.where(1) == base_p + ":3");
    CHECK(t.where(2) == add_p + ":2");
    CHECK(t.where(3) == add_p + ":3");
}

// append_rows from a table lacking one of the base columns throws naming that column.
TEST_CASE("csv: append_rows requires every base column", "[csv][layering]") {
    TempDir dir;
    auto t = CsvTable::read(dir.write("base.csv", "code,level\nA,CC\n"));
    auto add = CsvTable::read(dir.write("add.csv", "code\nB\n"));
    CHECK_THROWS_WITH(t.append_rows(add), Catch::Contains("level"));
}

// remove_rows drops every row matching a key row on the keys' columns and keeps the
// others in order, with their line numbers: first, last and adjacent rows included.
TEST_CASE("csv: remove_rows keeps order and handles edges", "[csv][layering]") {
    TempDir dir;
    auto base_p = dir.write("t.csv",
                            "adrg,code,list\n"
                            "AA1,c1,1\n"    // line 2
                            "AA1,c2,1\n"    // line 3
                            "AB1,c3,2\n"    // line 4
                            "AB1,c4,1\n"    // line 5
                            "AC1,c5,1\n"    // line 6
                            "AC1,c6,2\n");  // line 7

    SECTION("first row") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "adrg,code\nAA1,c1\n")));
        CHECK(rows_of(t, {"code"}) == std::vector<Row>{{"c2"}, {"c3"}, {"c4"}, {"c5"}, {"c6"}});
        CHECK(t.line_of(0) == 3);
        CHECK(t.line_of(4) == 7);
    }
    SECTION("last row") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "adrg,code\nAC1,c6\n")));
        CHECK(rows_of(t, {"code"}) == std::vector<Row>{{"c1"}, {"c2"}, {"c3"}, {"c4"}, {"c5"}});
        CHECK(t.line_of(4) == 6);
    }
    SECTION("adjacent rows, first and last, keys in another column order") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "code,adrg\nc3,AB1\nc4,AB1\nc1,AA1\nc6,AC1\n")));
        REQUIRE(t.rows() == 2);
        CHECK(rows_of(t, {"adrg", "code", "list"})
              == std::vector<Row>{{"AA1", "c2", "1"}, {"AC1", "c5", "1"}});
        CHECK(t.line_of(0) == 3);
        CHECK(t.line_of(1) == 6);
        CHECK(t.where(1) == base_p + ":6");
    }
    SECTION("a key on one column removes every row with that value") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "list\n2\n")));
        CHECK(rows_of(t, {"code"}) == std::vector<Row>{{"c1"}, {"c2"}, {"c4"}, {"c5"}});
    }
    SECTION("a key must match on every key column") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "adrg,code\nAA1,c3\nZZ9,c1\n")));
        CHECK(t.rows() == 6);
    }
    SECTION("removing every row") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "list\n1\n2\n")));
        CHECK(t.rows() == 0);
    }
    SECTION("no keys leaves the table unchanged") {
        auto t = CsvTable::read(base_p);
        t.remove_rows(CsvTable::read(dir.write("k.csv", "code\n")));
        CHECK(rows_of(t, {"adrg", "code", "list"}).size() == 6);
        CHECK(t.at(5, 1) == "c6");
    }
    SECTION("a key column the table lacks throws naming it") {
        auto t = CsvTable::read(base_p);
        CHECK_THROWS_WITH(t.remove_rows(CsvTable::read(dir.write("k.csv", "severity\n1\n"))),
                          Catch::Contains("severity"));
    }
}

// Values that only differ by where the key separator would fall are not confused.
TEST_CASE("csv: remove_rows compares whole values", "[csv][layering]") {
    TempDir dir;
    auto t = CsvTable::read(dir.write("t.csv", "a,b\nxy,z\nx,yz\n"));
    t.remove_rows(CsvTable::read(dir.write("k.csv", "a,b\nx,yz\n")));
    REQUIRE(t.rows() == 1);
    CHECK(t.at(0, 0) == "xy");
    CHECK(t.at(0, 1) == "z");
}
