// Diagnosis specifications of the DIP rule tables (parse_dx_spec / DxSpec::matches):
// category, subcategory, category range, dagger form, exact complete code, 所有诊断, and the
// malformed forms a catalog must reject.
#include <catch2/catch.hpp>

#include "dipdrg/dip_catalog.hpp"

using namespace dipdrg;

namespace {
DxSpec spec(const std::string& text, bool exact = false) {
    DxSpec s;
    std::string error;
    INFO("spec " << text);
    REQUIRE(parse_dx_spec(text, exact, s, error));
    return s;
}
std::string parse_error(const std::string& text) {
    DxSpec s;
    std::string error;
    if (parse_dx_spec(text, false, s, error)) return "";
    return error.empty() ? "(no message)" : error;
}
}  // namespace

TEST_CASE("DIP dx spec: category covers every complete code below it", "[dip]") {
    auto k35 = spec("K35");
    CHECK(k35.kind == DxSpec::Kind::Prefix);
    CHECK(k35.text == "K35");
    CHECK(k35.matches("K35.300x001"));
    CHECK(k35.matches("K35.300"));
    CHECK(k35.matches("K35.800x001"));
    CHECK_FALSE(k35.matches("K36.x00"));
    CHECK_FALSE(k35.matches("K3"));
    CHECK_FALSE(k35.matches(""));
    CHECK_FALSE(k35.matches("J35.300"));
}

TEST_CASE("DIP dx spec: subcategory", "[dip]") {
    auto k353 = spec("K35.3");
    CHECK(k353.kind == DxSpec::Kind::Prefix);
    CHECK(k353.matches("K35.300"));
    CHECK(k353.matches("K35.301"));
    CHECK(k353.matches("K35.300x001"));
    CHECK_FALSE(k353.matches("K35.800"));
    CHECK_FALSE(k353.matches("K35.200"));
    CHECK_FALSE(k353.matches("K35"));
    // J44.0 covers J44.000…
    CHECK(spec("J44.0").matches("J44.000x002"));
}

TEST_CASE("DIP dx spec: category ranges", "[dip]") {
    auto solid = spec("C00-C75");
    CHECK(solid.kind == DxSpec::Kind::Range);
    CHECK(solid.matches("C00.000"));
    CHECK(solid.matches("C34.100"));
    CHECK(solid.matches("C34.101"));
    CHECK(solid.matches("C75.9"));
    CHECK(solid.matches("C75.900"));
    CHECK_FALSE(solid.matches("C76.0"));
    CHECK_FALSE(solid.matches("C76.000"));
    CHECK_FALSE(solid.matches("D00.0"));
    CHECK_FALSE(solid.matches("B99.x00"));
    CHECK_FALSE(solid.matches(""));
    CHECK_FALSE(solid.matches("C7"));

    auto tb = spec("A15-A16");
    CHECK(tb.matches("A15.000x010"));
    CHECK(tb.matches("A16.200"));
    CHECK_FALSE(tb.matches("A17.000+G01*"));
    CHECK_FALSE(tb.matches("A14.000"));

    // A one-category range.
    auto c88 = spec("C88-C88");
    CHECK(c88.matches("C88.000"));
    CHECK_FALSE(c88.matches("C89.000"));
}

// The national tables only use same-letter ranges; a cross-letter range such as A00-B99
// (ICD-10 chapter I) covers every category between, ordered by letter then number.
TEST_CASE("DIP dx spec: cross-letter range", "[dip]") {
    auto chapter1 = spec("A00-B99");
    CHECK(chapter1.kind == DxSpec::Kind::Range);
    CHECK(chapter1.matches("A00.000"));
    CHECK(chapter1.matches("A15.000x010"));
    CHECK(chapter1.matches("A99.x00"));
    CHECK(chapter1.matches("B00.000"));
    CHECK(chapter1.matches("B20.000"));
    CHECK(chapter1.matches("B99.x00"));
    CHECK_FALSE(chapter1.matches("C00.000"));
    CHECK_FALSE(chapter1.matches("Z99.000"));
}

// `M47.0+` is the dagger form: it matches dagger/asterisk pairs below M47.0, not a plain
// prefix test (which would fail on "M47.000+G99.2*" against "M47.0+").
TEST_CASE("DIP dx spec: dagger form", "[dip]") {
    auto m47 = spec("M47.0+");
    CHECK(m47.kind == DxSpec::Kind::Dagger);
    CHECK(m47.matches("M47.000+G99.2*"));
    CHECK(m47.matches("M47.001+G99.2*"));
    CHECK_FALSE(m47.matches("M47.000"));
    CHECK_FALSE(m47.matches("M47.100+G99.2*"));
    CHECK_FALSE(m47.matches("M48.000+G99.2*"));
}

TEST_CASE("DIP dx spec: exact complete codes", "[dip]") {
    // A complete code (longer than a subcategory) is exact.
    auto full = spec("K35.300x001");
    CHECK(full.kind == DxSpec::Kind::Exact);
    CHECK(full.matches("K35.300x001"));
    CHECK_FALSE(full.matches("K35.300"));
    CHECK_FALSE(full.matches("K35.300x0011"));
    // Exact-code lists (exclusions) take even short codes literally.
    auto literal = spec("K35.3", true);
    CHECK(literal.kind == DxSpec::Kind::Exact);
    CHECK(literal.matches("K35.3"));
    CHECK_FALSE(literal.matches("K35.300"));
    auto pair = spec("B33.400+J17.1*", true);
    CHECK(pair.matches("B33.400+J17.1*"));
    CHECK_FALSE(pair.matches("B33.400"));
}

TEST_CASE("DIP dx spec: 所有诊断 is any diagnosis", "[dip]") {
    auto any = spec("所有诊断");
    CHECK(any.kind == DxSpec::Kind::Any);
    CHECK(any.matches("K35.300"));
    CHECK(any.matches("Z99.900"));
    CHECK(any.matches("M47.000+G99.2*"));
}

TEST_CASE("DIP dx spec: malformed specifications are rejected with a message", "[dip]") {
    for (const char* bad : {"C7-C75", "C75-C00", "1234", "K3", "C00-", "-C75", "C00-C7", "C0A-C75"}) {
        INFO("spec '" << bad << "'");
        auto err = parse_error(bad);
        CHECK_FALSE(err.empty());
        CHECK(err != "(no message)");
    }
    CHECK(parse_error("C7-C75").find("C7-C75") != std::string::npos);
    CHECK(parse_error("C75-C00").find("C75-C00") != std::string::npos);
    CHECK(parse_error("1234").find("1234") != std::string::npos);
    // The well-formed neighbours parse.
    CHECK(parse_error("C00-C75").empty());
    CHECK(parse_error("K35").empty());
}
