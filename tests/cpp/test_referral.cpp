// Wenzhou-style R3 and R4, and the yearly cap with the layers above it.
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

TEST_CASE("R3: cross-county and unauthorised out-of-city adjustments", "[reimbursement][referral]") {
    const auto policy = reimbursement_preset("wenzhou/2022.json");
    SettlementCase c = one_segment("市医院", 3, "内科", "10000", "I10");
    CHECK(reimburse(policy, c).segment_ratios[0] == 8000);
    c.cross_county = true;
    CHECK(reimburse(policy, c).segment_ratios[0] == 7500);
    c.cross_county = false;
    c.out_of_city_unauthorised = true;
    CHECK(reimburse(policy, c).segment_ratios[0] == 6000);
}

TEST_CASE("R3 refuses an adjustment above 10 points; R4 checks the residents' level gap",
          "[reimbursement][referral]") {
    const std::string base = R"({"name": "t", "ratios": [
        {"level": 1, "insurance": "resident", "ratio": "0.85"},
        {"level": 2, "insurance": "resident", "ratio": "0.80"}], )";
    CHECK_THROWS_WITH(catalog::parse_reimbursement_policy_json(
                          base + R"("referral": {"resident_min_level_gap": "0.10"}})", "."),
                      Catch::Contains("R4"));
    CHECK_NOTHROW(catalog::parse_reimbursement_policy_json(
        base + R"("referral": {"resident_min_level_gap": "0.05"}})", "."));
    CHECK_THROWS_WITH(catalog::parse_reimbursement_policy_json(
                          base + R"("referral": {"cross_county_adjustment": "0.12"}})", "."),
                      Catch::Contains("10 points"));
}

TEST_CASE("The yearly cap sends the rest to 大额, then 大病 on what the patient still bears",
          "[reimbursement][layers]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = one_segment("德州市人民医院", 3, "普内科", "100000", "J18.900");
    c.fund_paid_ytd = yuan("190000");
    auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.fund == yuan("10000"));
    REQUIRE(r.layers.size() == 2);
    CHECK(r.layers[0].name == "大额");
    CHECK(r.layers[0].paid == yuan("80762.48"));  // 92% of 87 785.30 above the cap line
    CHECK(r.layers[1].paid == yuan("1051.89"));   // 85% of 9 237.52 − 8 000
    CHECK(r.patient == yuan("8185.63"));
    CHECK(r.fund + r.layers[0].paid + r.layers[1].paid + r.patient == r.total_cost);

    c.special_group = true;  // 特困/低保/返贫: 大病 deductible 4 000, +5 points, no cap
    r = reimburse(policy, c);
    CHECK(r.layers[1].paid == yuan("4713.77"));
}

TEST_CASE("Bands on the year's cumulative eligible cost", "[reimbursement][layers]") {
    auto policy = reimbursement_preset("dezhou/2021.json");
    policy.key_specialty.reset();
    RatioRow banded;
    banded.level = 3;
    banded.bands = {{0, 8000}, {yuan("30000"), 9000}};
    policy.ratios = {banded};
    SettlementCase c = one_segment("德州市人民医院", 3, "普内科", "10450", "J18.900");
    c.eligible_ytd = yuan("25000");
    CHECK(reimburse(policy, c).fund == apply_ratio(yuan("10000"), 8000));  // per stay: all in band 1
    policy.bands_on_year = true;  // 25 450 → 35 450: 4 550 at 80%, 5 450 at 90%
    CHECK(reimburse(policy, c).fund == apply_ratio(yuan("4550"), 8000) + apply_ratio(yuan("5450"), 9000));
}
