// Text → Case: set_field for every kind of field, split_codes, and column-name resolution.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "dipdrg/case_fields.hpp"

using namespace dipdrg;

namespace {
using Codes = std::vector<std::string>;

Case with(CaseField f, const std::string& text) {
    Case c;
    set_field(c, f, text);
    return c;
}

std::size_t cost_index(CostCategory k) {
    return static_cast<std::size_t>(k);
}
CaseField cost_field(CostCategory k) {
    return static_cast<CaseField>(static_cast<int>(CaseField::CostFirst) + static_cast<int>(k));
}
}  // namespace

// A default Case has every integer field absent and no invalid values.
TEST_CASE("case fields: defaults", "[case_fields]") {
    Case c;
    CHECK(c.sex == kAbsent);
    CHECK(c.age_years == kAbsent);
    CHECK(c.age_days == kAbsent);
    CHECK(c.birth_weight_g == kAbsent);
    CHECK(c.los_days == kAbsent);
    CHECK(c.hospital_level == kAbsent);
    CHECK(c.total_cost_fen == 0);
    CHECK(c.invalid_fields.empty());
    CHECK(kAbsent != kInvalid);
}

// Integers: plain, trailing ".0"/".00" from spreadsheets, surrounding blanks.
TEST_CASE("case fields: integer parsing", "[case_fields]") {
    CHECK(with(CaseField::Age, "27").age_years == 27);
    CHECK(with(CaseField::Age, "27.0").age_years == 27);
    CHECK(with(CaseField::Age, "27.00").age_years == 27);
    CHECK(with(CaseField::Age, " 27 ").age_years == 27);
    CHECK(with(CaseField::Age, "0").age_years == 0);
    CHECK(with(CaseField::AgeDays, "29596").age_days == 29596);
    CHECK(with(CaseField::AgeDays, "12.0").age_days == 12);
    CHECK(with(CaseField::BirthWeight, "2500").birth_weight_g == 2500);
    CHECK(with(CaseField::BirthWeight, "1800.0").birth_weight_g == 1800);
    CHECK(with(CaseField::Los, "26").los_days == 26);
    CHECK(with(CaseField::HospitalLevel, "3").hospital_level == 3);
    CHECK(with(CaseField::Age, "27.0").invalid_fields.empty());
}

// Text that is not an integer: kInvalid, and invalid_fields records the field name and
// the raw (trimmed) text; nothing is thrown.
TEST_CASE("case fields: invalid integers are recorded", "[case_fields]") {
    Case c;
    set_field(c, CaseField::Age, "abc");
    CHECK(c.age_years == kInvalid);
    REQUIRE(c.invalid_fields.size() == 1);
    CHECK(c.invalid_fields[0].field == "age");
    CHECK(c.invalid_fields[0].raw == "abc");

    for (const char* bad : {"27.5", "27a", "1e3", "二十", "."}) {
        INFO("input '" << bad << "'");
        Case d;
        set_field(d, CaseField::AgeDays, bad);
        CHECK(d.age_days == kInvalid);
        REQUIRE(d.invalid_fields.size() == 1);
        CHECK(d.invalid_fields[0].field == "age_days");
        CHECK(d.invalid_fields[0].raw == bad);
    }
    Case w;
    set_field(w, CaseField::BirthWeight, "99999999999");  // out of int32 range
    CHECK(w.birth_weight_g == kInvalid);
    CHECK(w.invalid_fields.at(0).field == "weight_g");
    Case l;
    set_field(l, CaseField::Los, " x1 ");
    CHECK(l.los_days == kInvalid);
    CHECK(l.invalid_fields.at(0).raw == "x1");
}

// Empty (or blank) text means absent, with no invalid entry.
TEST_CASE("case fields: empty means absent", "[case_fields]") {
    for (auto f : {CaseField::Sex, CaseField::Age, CaseField::AgeDays, CaseField::BirthWeight, CaseField::Los,
                   CaseField::HospitalLevel}) {
        Case c;
        c.sex = c.age_years = c.age_days = c.birth_weight_g = c.los_days = c.hospital_level = 5;
        set_field(c, f, "");
        set_field(c, f, "  ");
        INFO("field " << field_name(f));
        CHECK(c.invalid_fields.empty());
        const std::int32_t v = f == CaseField::Sex           ? c.sex
                               : f == CaseField::Age         ? c.age_years
                               : f == CaseField::AgeDays     ? c.age_days
                               : f == CaseField::BirthWeight ? c.birth_weight_g
                               : f == CaseField::Los         ? c.los_days
                                                             : c.hospital_level;
        CHECK(v == kAbsent);
    }
}

// Sex: codes 1/2 (also with ".0"), and 男/女.
TEST_CASE("case fields: sex", "[case_fields]") {
    CHECK(with(CaseField::Sex, "男").sex == 1);
    CHECK(with(CaseField::Sex, "女").sex == 2);
    CHECK(with(CaseField::Sex, " 女 ").sex == 2);
    CHECK(with(CaseField::Sex, "1").sex == 1);
    CHECK(with(CaseField::Sex, "2.0").sex == 2);
    CHECK(with(CaseField::Sex, "9").sex == 9);
    Case c = with(CaseField::Sex, "M");
    CHECK(c.sex == kInvalid);
    REQUIRE(c.invalid_fields.size() == 1);
    CHECK(c.invalid_fields[0].field == "sex");
    CHECK(c.invalid_fields[0].raw == "M");
}

// Text fields are stored trimmed, as given.
TEST_CASE("case fields: text fields", "[case_fields]") {
    CHECK(with(CaseField::CaseId, " D00001 ").case_id == "D00001");
    CHECK(with(CaseField::DischargeMode, "1").discharge_mode == "1");
    CHECK(with(CaseField::AdmissionDept, "07").admission_dept == "07");
    CHECK(with(CaseField::DischargeDept, "内科").discharge_dept == "内科");
    CHECK(with(CaseField::HospitalId, "H003").hospital_id == "H003");
    CHECK(with(CaseField::InsuranceType, "390").insurance_type == "390");
    CHECK(with(CaseField::PaymentMethod, "4").payment_method == "4");
    CHECK(with(CaseField::TreatmentType, "2").treatment_type == "2");
}

// Code lists: '|'-joined or ','-joined, blanks trimmed, empty entries dropped.
TEST_CASE("case fields: code lists", "[case_fields]") {
    CHECK(split_codes("A01.000|B02.100|C03.200") == Codes{"A01.000", "B02.100", "C03.200"});
    CHECK(split_codes("A01.000,B02.100") == Codes{"A01.000", "B02.100"});
    CHECK(split_codes(" A01.000 | B02.100 ") == Codes{"A01.000", "B02.100"});
    CHECK(split_codes("A01.000, B02.100 ,C03.200") == Codes{"A01.000", "B02.100", "C03.200"});
    CHECK(split_codes("|A01.000||B02.100|") == Codes{"A01.000", "B02.100"});
    CHECK(split_codes(",A01.000,, ,B02.100,") == Codes{"A01.000", "B02.100"});
    CHECK(split_codes("A01.000") == Codes{"A01.000"});
    CHECK(split_codes("").empty());
    CHECK(split_codes("  ").empty());
    CHECK(split_codes("|").empty());
    CHECK(split_codes(" | , ").size() == 1);  // '|' present: ',' is data, " , " → ","
}

// Dagger-asterisk combination codes are one code, never split on '+' or '*'.
TEST_CASE("case fields: dagger codes kept whole", "[case_fields]") {
    Case c;
    set_field(c, CaseField::Diagnoses, "E14.200x211+N08.3*|I10.x00");
    CHECK(c.diagnoses.text == Codes{"E14.200x211+N08.3*", "I10.x00"});
    set_field(c, CaseField::Diagnoses, "E10.600x015+M14.2*,A01.400,B01.200+J17.1*");
    CHECK(c.diagnoses.text == Codes{"E10.600x015+M14.2*", "A01.400", "B01.200+J17.1*"});
}

// Diagnoses and procedures are set through set_field; the text[0] is the principal and any
// previously interned ids are cleared.
TEST_CASE("case fields: set diagnoses and procedures", "[case_fields]") {
    Case c;
    c.diagnoses.ids = {1, 2, 3};
    c.procedures.ids = {4};
    set_field(c, CaseField::Diagnoses, "C60.900|S07.900");
    set_field(c, CaseField::Procedures, "40.5400x003");
    CHECK(c.diagnoses.text == Codes{"C60.900", "S07.900"});
    CHECK(c.diagnoses.ids.empty());
    CHECK(c.procedures.text == Codes{"40.5400x003"});
    CHECK(c.procedures.ids.empty());
    set_field(c, CaseField::Procedures, "");
    CHECK(c.procedures.empty());
    CHECK(c.invalid_fields.empty());
}

// day_ward: 1/true/是 set it, 0/false/否/empty clear it, anything else is recorded invalid.
TEST_CASE("case fields: day_ward", "[case_fields]") {
    for (const char* yes : {"1", "true", "True", "是", " 1 "}) {
        INFO("'" << yes << "'");
        Case c = with(CaseField::DayWard, yes);
        CHECK(c.day_ward);
        CHECK(c.invalid_fields.empty());
    }
    for (const char* no : {"0", "false", "False", "否", ""}) {
        INFO("'" << no << "'");
        Case c;
        c.day_ward = true;
        set_field(c, CaseField::DayWard, no);
        CHECK_FALSE(c.day_ward);
        CHECK(c.invalid_fields.empty());
    }
    Case c = with(CaseField::DayWard, "maybe");
    CHECK_FALSE(c.day_ward);
    REQUIRE(c.invalid_fields.size() == 1);
    CHECK(c.invalid_fields[0].field == "day_ward");
    CHECK(c.invalid_fields[0].raw == "maybe");
}

// total_cost and every cost_* column are parsed to exact fen; bad text is recorded.
TEST_CASE("case fields: costs in fen", "[case_fields]") {
    CHECK(with(CaseField::TotalCost, "64827.93").total_cost_fen == 6482793);
    CHECK(with(CaseField::TotalCost, "1,234.565").total_cost_fen == 123457);
    CHECK(with(CaseField::TotalCost, "").total_cost_fen == 0);
    CHECK(with(CaseField::TotalCost, "").invalid_fields.empty());

    for (int k = 0; k < static_cast<int>(CostCategory::Count); ++k) {
        auto cat = static_cast<CostCategory>(k);
        Case c;
        set_field(c, cost_field(cat), std::to_string(k + 1) + ".25");
        INFO("category " << k << " " << field_name(cost_field(cat)));
        CHECK(c.cost_fen[cost_index(cat)] == (k + 1) * 100 + 25);
        for (int other = 0; other < static_cast<int>(CostCategory::Count); ++other)
            if (other != k) CHECK(c.cost_fen[static_cast<std::size_t>(other)] == 0);
        CHECK(c.total_cost_fen == 0);
    }
    CHECK(with(cost_field(CostCategory::Bed), "120").cost_fen[cost_index(CostCategory::Bed)] == 12000);
    CHECK(with(cost_field(CostCategory::Other), "-0.5").cost_fen[cost_index(CostCategory::Other)] == -50);

    Case bad;
    set_field(bad, CaseField::TotalCost, "12元");
    set_field(bad, cost_field(CostCategory::Surgery), "n/a");
    CHECK(bad.total_cost_fen == 0);
    CHECK(bad.cost_fen[cost_index(CostCategory::Surgery)] == 0);
    REQUIRE(bad.invalid_fields.size() == 2);
    CHECK(bad.invalid_fields[0].field == "total_cost");
    CHECK(bad.invalid_fields[0].raw == "12元");
    CHECK(bad.invalid_fields[1].field == "cost_surgery");
    CHECK(bad.invalid_fields[1].raw == "n/a");
}

// Canonical names of the fields, and each resolves back to its field.
TEST_CASE("case fields: canonical names round-trip", "[case_fields]") {
    CHECK(field_name(CaseField::CaseId) == "case_id");
    CHECK(field_name(CaseField::Sex) == "sex");
    CHECK(field_name(CaseField::BirthWeight) == "weight_g");
    CHECK(field_name(CaseField::Diagnoses) == "dx_codes");
    CHECK(field_name(CaseField::Procedures) == "px_codes");
    CHECK(field_name(CaseField::TotalCost) == "total_cost");
    CHECK(field_name(CaseField::CostFirst) == "cost_bed");
    CHECK(field_name(CaseField::CostLast) == "cost_other");
    auto all = all_fields();
    CHECK(all.size() == static_cast<std::size_t>(CaseField::CostLast) + 1);
    for (auto f : all) {
        INFO("field " << field_name(f));
        CHECK(field_from_name(field_name(f)) == f);
    }
}

// OpenDRG-style and other aliases resolve to the canonical fields.
TEST_CASE("case fields: aliases", "[case_fields]") {
    CHECK(field_from_name("gender") == CaseField::Sex);
    CHECK(field_from_name("dept") == CaseField::AdmissionDept);
    CHECK(field_from_name("zdList") == CaseField::Diagnoses);
    CHECK(field_from_name("ssList") == CaseField::Procedures);
    CHECK(field_from_name("Index") == CaseField::CaseId);
    CHECK(field_from_name("ageDay") == CaseField::AgeDays);
    CHECK(field_from_name("weight") == CaseField::BirthWeight);
    CHECK(field_from_name("age") == CaseField::Age);
    CHECK(field_from_name("age_years") == CaseField::Age);
    CHECK(field_from_name("diagnoses") == CaseField::Diagnoses);
    CHECK(field_from_name("procedures") == CaseField::Procedures);
    CHECK(field_from_name("discharge_mode") == CaseField::DischargeMode);
    CHECK(field_from_name("discharge_type") == CaseField::DischargeMode);
}

// Unknown column names are nullopt (names are case-sensitive).
TEST_CASE("case fields: unknown names", "[case_fields]") {
    CHECK_FALSE(field_from_name("unknown_column").has_value());
    CHECK_FALSE(field_from_name("").has_value());
    CHECK_FALSE(field_from_name("SEX").has_value());
    CHECK_FALSE(field_from_name("cost_").has_value());
    CHECK_FALSE(field_from_name("case_id ").has_value());
}
