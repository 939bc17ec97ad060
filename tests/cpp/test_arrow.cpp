// The Arrow C Data Interface without Python: a stream built by ArrowTableBuilder is read back
// by ArrowStreamReader (utf8, int64, float64 with nulls, bool), and every release runs.
#include <catch2/catch.hpp>
#include <cmath>

#include "dipdrg/arrow_input.hpp"
#include "dipdrg/arrow_output.hpp"

using namespace dipdrg;

TEST_CASE("arrow: built stream reads back into cases", "[arrow]") {
    const std::vector<std::string> ids = {"A", "B", "C"};
    const std::vector<std::string> dx = {"K35.300x001|K80.100", "", "P07.200"};
    ArrowTableBuilder b(3);
    b.add_strings("case_id", [&](std::size_t i) { return std::string_view(ids[i]); });
    b.add_int64("sex", {1, 2, 1});
    b.add_float64("age", {40.0, NAN, 0.0});
    b.add_strings("dx_codes", [&](std::size_t i) { return std::string_view(dx[i]); });
    b.add_bool("day_ward", {true, false, true});
    ArrowArrayStream stream{};
    b.export_stream(&stream);
    std::vector<Case> cases;
    {
        ArrowStreamReader reader(&stream);
        CHECK(stream.release == nullptr);  // moved into the reader
        REQUIRE(reader.column_names().size() == 5);
        CHECK(reader.column_names()[3] == "dx_codes");
        cases = reader.read_all({{CaseField::CaseId, 0},
                                 {CaseField::Sex, 1},
                                 {CaseField::Age, 2},
                                 {CaseField::Diagnoses, 3},
                                 {CaseField::DayWard, 4}});
    }
    REQUIRE(cases.size() == 3);
    CHECK(cases[0].case_id == "A");
    CHECK(cases[1].sex == 2);
    CHECK(cases[0].age_years == 40);
    CHECK(cases[1].age_years == kAbsent);  // NaN → null → absent
    CHECK(cases[0].diagnoses.text == std::vector<std::string>{"K35.300x001", "K80.100"});
    CHECK(cases[1].diagnoses.text.empty());
    CHECK(cases[0].day_ward);
    CHECK_FALSE(cases[1].day_ward);
}

TEST_CASE("arrow: a batch's offset and a child's offset both apply", "[arrow]") {
    ArrowTableBuilder b(4);
    const std::vector<std::string> ids = {"r0", "r1", "r2", "r3"};
    b.add_strings("case_id", [&](std::size_t i) { return std::string_view(ids[i]); });
    ArrowArrayStream stream{};
    b.export_stream(&stream);
    ArrowSchema schema{};
    REQUIRE(stream.get_schema(&stream, &schema) == 0);
    ArrowArray batch{};
    REQUIRE(stream.get_next(&stream, &batch) == 0);
    batch.offset = 1;  // the struct sliced from row 1
    batch.length = 2;
    batch.children[0]->offset = 1;  // and its child by one more
    std::vector<Case> cases;
    append_arrow_batch(schema, batch, {{CaseField::CaseId, 0}}, cases);
    REQUIRE(cases.size() == 2);
    CHECK(cases[0].case_id == "r2");
    CHECK(cases[1].case_id == "r3");
    batch.release(&batch);
    schema.release(&schema);
    stream.release(&stream);
    CHECK(stream.release == nullptr);
}

TEST_CASE("arrow: unsupported types are named", "[arrow]") {
    ArrowTableBuilder b(1);
    b.add_int64("dx_codes", {5});
    ArrowArrayStream stream{};
    b.export_stream(&stream);
    ArrowSchema schema{};
    stream.get_schema(&stream, &schema);
    const_cast<char*&>(schema.children[0]->format) = const_cast<char*>("z");  // binary: not readable as codes
    ArrowArray batch{};
    stream.get_next(&stream, &batch);
    std::vector<Case> cases;
    CHECK_THROWS_WITH(append_arrow_batch(schema, batch, {{CaseField::Diagnoses, 0}}, cases),
                      Catch::Contains("dx_codes"));
    batch.release(&batch);
    schema.release(&schema);
    stream.release(&stream);
}
