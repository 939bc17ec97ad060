// Reimbursement policies as data: every shipped preset loads, "extends" layers, sections
// are replaceable, and malformed files fail with the field named.
#include <catch2/catch.hpp>
#include <filesystem>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

TEST_CASE("Every shipped policy and section preset loads", "[reimbursement][policy-io]") {
    for (const char* city : {"dezhou/2021.json", "dezhou/2022.json", "jining/2021.json", "weihai/2022.json",
                             "wenzhou/2022.json", "xingtai/2024.json"})
        CHECK_NOTHROW(reimbursement_preset(city));
    int sections = 0;
    for (const char* dir : {"day-ward", "bed-day", "per-disease", "tcm-dip-score"}) {
        const std::string key = std::string(dir) == "day-ward"      ? "day_ward"
                                : std::string(dir) == "bed-day"     ? "bed_day"
                                : std::string(dir) == "per-disease" ? "per_disease"
                                                                    : "tcm_dip_score";
        for (const auto& f : std::filesystem::directory_iterator(reimbursement_dir() + "/" + dir))
            if (f.path().extension() == ".json") {
                INFO(f.path());
                CHECK_NOTHROW(reimbursement_preset(
                    "dezhou/2021.json", {{key, std::string(dir) + "/" + f.path().filename().string()}}));
                ++sections;
            }
    }
    CHECK(sections >= 13);
    const auto harbin = reimbursement_preset("dezhou/2021.json", {{"day_ward", "day-ward/harbin.json"}});
    CHECK(harbin.day_ward->deductible_mode == DayWardRules::DeductibleMode::FractionOfInpatient);
    CHECK(harbin.day_ward->diseases.empty());
    CHECK(reimbursement_preset("dezhou/2021.json").day_ward->diseases.size() == 25);
}

TEST_CASE("extends layers the child's fields over the base", "[reimbursement][policy-io]") {
    const auto p = reimbursement_preset("dezhou/2022.json");
    CHECK(p.name == "dezhou-2022");
    CHECK(p.region == "371400");
    CHECK(p.effective_to.empty());
    CHECK(p.ratios.size() == 9);
    CHECK(p.key_specialty->tier_points.at("national") == 500);
}

TEST_CASE("Malformed policies name the problem", "[reimbursement][policy-io]") {
    using catalog::parse_reimbursement_policy_json;
    CHECK_THROWS_WITH(parse_reimbursement_policy_json(R"({"ratio": []})", "."),
                      Catch::Contains("unknown field 'ratio'"));
    CHECK_THROWS_WITH(parse_reimbursement_policy_json(R"({"ratios": [{"level": 3, "ratio": "85%"}]})", "."),
                      Catch::Contains("not a ratio"));
    CHECK_THROWS_WITH(parse_reimbursement_policy_json(
                          R"({"ratios": [{"level": 3, "insurance": "farmer", "ratio": "0.5"}]})", "."),
                      Catch::Contains("farmer"));
    CHECK_THROWS_WITH(
        parse_reimbursement_policy_json(R"({"deductibles": [{"level": 3, "by_nth": ["abc"]}]})", "."),
        Catch::Contains("not an amount"));
    CHECK_THROWS_WITH(parse_reimbursement_policy_json(
                          R"({"ratios": [{"level": 3, "bands": [["0", "0.8"], ["0", "0.9"]]}]})", "."),
                      Catch::Contains("ascend"));
    CHECK_THROWS_WITH(parse_reimbursement_policy_json(R"({"day_ward": {"deductible_mode": "half"}})", "."),
                      Catch::Contains("deductible_mode"));
    CHECK_THROWS_WITH(parse_reimbursement_policy_json(R"({"day_ward": "missing.json"})", "/nonexistent"),
                      Catch::Contains("missing.json not found"));
    CHECK_THROWS(catalog::load_reimbursement_policy(reimbursement_dir() + "/dezhou/2021.json",
                                                    {{"ratios", "x.json"}}));
}

TEST_CASE("Bad settlement rows come back as statuses, never as exceptions", "[reimbursement][policy-io]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = one_segment("x", 4, "内科", "100", "I10");
    CHECK(reimburse(policy, c).status == ReimbursementStatus::BadInput);
    c.level = 3;
    c.segments.clear();
    CHECK(reimburse(policy, c).status == ReimbursementStatus::BadInput);
    c = one_segment("x", 3, "内科", "100", "I10");
    c.segments[0].eligible = -1;
    CHECK(reimburse(policy, c).status == ReimbursementStatus::BadInput);
    c = one_segment("x", 3, "内科", "100", "I10");
    c.total_cost = yuan("50");
    CHECK_THAT(reimburse(policy, c).message, Catch::Contains("total cost below"));
    c.total_cost = -1;
    c.mode = SettlementMode::BedDay;
    c.bed_day_scope = "psychiatry";
    CHECK(reimburse(policy, c).status == ReimbursementStatus::BadInput);  // los 0
    auto no_resident = policy;
    no_resident.ratios.erase(no_resident.ratios.begin() + 6, no_resident.ratios.end());
    c = one_segment("x", 3, "内科", "100", "I10");
    c.insurance = Insurance::Resident;
    const auto r = reimburse(no_resident, c);
    CHECK(r.status == ReimbursementStatus::NoRatio);
    CHECK(r.fund == 0);
}
