// Bad input to the DIP grouper: no diagnosis, garbage codes, missing or unreadable newborn
// fields. Every case gets a status; nothing throws.
#include <catch2/catch.hpp>

#include "dip_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {

const std::vector<std::string>& garbage_codes() {
    static const std::vector<std::string> codes = {
        "???",
        "K",
        "12345",
        "Ｋ35.300",
        "急性阑尾炎",
        "C7-C75",
        "所有诊断",
        "M4",
        "+",
        "*",
        "-",
        "ZZZ.999",
        "..........",
        std::string(5000, 'A'),
        std::string("A\0B", 3),
        "\xff\xfe",
        "A1",
        "1A2.3",
    };
    return codes;
}

std::shared_ptr<const DipCatalog> fallback_catalog() {
    static CraftedDip dip(
        {{"groups.csv", "code,name,kind\nK35-LAP,K35 + 47.0100,base\nKBBZ,空白病组,ungrouped\n"},
         {"rules.csv", "group,principal_dx,principal_px\nK35-LAP,K35,47.0100\n"}});
    return dip.catalog();
}

}  // namespace

TEST_CASE("DIP bad input: no principal diagnosis", "[dip]") {
    auto check = [](const DipGrouper& g) {
        for (const char* dx : {"", "|", " | ", ","}) {
            INFO("diagnoses '" << dx << "'");
            DipRun r;
            REQUIRE_NOTHROW(r = dip_run(g, dx, "47.0100"));
            CHECK(r.result.status == DipStatus::CheckFailed);
            CHECK(r.code.empty());
            CHECK_FALSE(r.result.message.empty());
        }
        // Not even a 所有诊断 pre group without a diagnosis.
        CHECK(dip_run(g, "", "37.5100").result.status == DipStatus::CheckFailed);
        CHECK(g.recommend(dip_case("", "47.0100")).empty());
    };
    REQUIRE(fallback_catalog());
    check(DipGrouper(fallback_catalog()));
    if (!have_dip_reference()) {
        WARN("skipped national part: DIP reference tables not found at " << dip_reference_dir());
        return;
    }
    check(DipGrouper(dip_national_catalog()));
}

TEST_CASE("DIP bad input: garbage codes are not grouped, never a crash", "[dip]") {
    REQUIRE(fallback_catalog());
    DipGrouper local(fallback_catalog());
    for (const auto& code : garbage_codes()) {
        INFO("code '" << code << "'");
        DipRun r;
        REQUIRE_NOTHROW(r = dip_run(local, code, code));
        CHECK(r.result.status == DipStatus::Fallback);
        CHECK(r.code == "KBBZ");
        REQUIRE_NOTHROW(local.recommend(dip_case(code, code)));
    }
    // A real diagnosis with a garbage procedure: K35-LAP needs 47.0100; no conservative
    // row, no comprehensive row → the fall-back.
    CHECK(dip_run(local, "K35.300", "???").code == "KBBZ");

    if (!have_dip_reference()) {
        WARN("skipped national part: DIP reference tables not found at " << dip_reference_dir());
        return;
    }
    DipGrouper national(dip_national_catalog());
    for (const auto& code : garbage_codes()) {
        INFO("code '" << code << "'");
        DipRun r;
        REQUIRE_NOTHROW(r = dip_run(national, code, code));
        CHECK(r.result.status == DipStatus::NotGrouped);
        CHECK(r.code.empty());
        REQUIRE_NOTHROW(national.recommend(dip_case(code, code)));
        // Garbage after a real principal diagnosis is ignored.
        CHECK(dip_run(national, "K35.300|" + code, "47.0100|" + code).code == "JC-3625");
    }
    // A real diagnosis with a garbage principal procedure: the conservative row.
    auto r = dip_run(national, "K35.300", "???");
    CHECK(r.code == "JC-3629");
    CHECK(r.result.status == DipStatus::Ok);
}

// The newborn pre groups need both 天龄 and birth weight; absent or unreadable values
// never satisfy them.
TEST_CASE("DIP bad input: newborn rules without age or weight", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    DipGrouper g(dip_national_catalog());
    auto run = [&](const std::string& dx, const char* age_days, const char* weight) {
        Case c = dip_case(dx, "");
        set_field(c, CaseField::AgeDays, age_days);
        set_field(c, CaseField::BirthWeight, weight);
        return dip_run(g, c).code;
    };
    REQUIRE(run("P07.100", "10", "1200") == "XQ-17");
    // P07 principal: the conservative base row JC-4478 instead.
    CHECK(run("P07.100", "", "1200") == "JC-4478");
    CHECK(run("P07.100", "10", "") == "JC-4478");
    CHECK(run("P07.100", "", "") == "JC-4478");
    CHECK(run("P07.100", "ten", "1200") == "JC-4478");
    CHECK(run("P07.100", "10", "1.2kg") == "JC-4478");
    // P07 secondary: P22.0 conservative, JC-4485.
    CHECK(run("P22.000|P07.100", "", "1200") == "JC-4485");
    CHECK(run("P22.000|P07.100", "10", "") == "JC-4485");
    // A spreadsheet float is an integer (set_field accepts a trailing ".0").
    CHECK(run("P07.100", "10.0", "1200.0") == "XQ-17");
}

TEST_CASE("DIP bad input: a grouper needs a catalog", "[dip]") {
    CHECK_THROWS_AS(DipGrouper(nullptr), std::invalid_argument);
}
