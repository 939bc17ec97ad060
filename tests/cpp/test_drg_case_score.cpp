// DRG point method against the worked example of payment-rules.md §1.3 (V = 100 元/点,
// m_g = 15 000, m = 10 000 → B_g = 150, c = 1.1, k_hi = 2, k_lo = 0.4), and the rate method.
#include <catch2/catch.hpp>

#include "dipdrg/drg_case_score.hpp"

using namespace dipdrg;

namespace {
DrgPaymentPolicy zhejiang_like() {
    DrgPaymentPolicy p;
    p.name = "example";
    p.low_ratio = 0.4;
    p.high_tiers = {{0, 0, 2.0}};
    return p;
}
DrgCaseInput example(Fen cost) {
    DrgCaseInput in;
    in.base_points = drg_base_points(15000, 10000);
    in.coefficient = 1.1;
    in.cost = cost;
    in.group_average = 1500000;
    in.unit_value = 100;
    return in;
}
}  // namespace

TEST_CASE("DRG points: base points are 100 · m_g / m", "[scoring]") {
    CHECK(drg_base_points(15000, 10000) == Approx(150));
    CHECK_THROWS(drg_base_points(1, 0));
}

TEST_CASE("DRG points: the §1.3 worked example", "[scoring]") {
    auto p = zhejiang_like();
    auto normal = score_drg_case(example(1400000), p);
    CHECK(normal.rule == DrgCaseRule::Normal);
    CHECK(normal.points == Approx(165));
    CHECK(normal.amount == 1650000);  // 16 500 元
    auto base = example(1400000);
    base.base_group = true;
    auto b = score_drg_case(base, p);
    CHECK(b.rule == DrgCaseRule::BaseGroup);
    CHECK(b.amount == 1500000);  // 15 000 元
    auto high = score_drg_case(example(4500000), p);
    CHECK(high.rule == DrgCaseRule::High);
    CHECK(high.points == Approx(315));
    CHECK(high.amount == 3150000);  // 31 500 元
    auto low = score_drg_case(example(500000), p);
    CHECK(low.rule == DrgCaseRule::Low);
    CHECK(low.points == Approx(50));
    CHECK(low.amount == 500000);  // 5 000 元
    DrgCaseInput bed;
    bed.bed_day = true;
    bed.base_points = drg_base_points(400, 10000);  // B_day = 4
    bed.los_days = 90;
    bed.unit_value = 100;
    auto bd = score_drg_case(bed, p);
    CHECK(bd.points == Approx(360));
    CHECK(bd.amount == 3600000);  // 36 000 元
}

TEST_CASE("DRG points: incomplete stays are capped at B_g; readmissions halve the earlier stay",
          "[scoring]") {
    auto p = zhejiang_like();
    auto in = example(3000000);  // ρ = 2 would be normal, but the stay is incomplete
    in.incomplete_stay = true;
    auto s = score_drg_case(in, p);
    CHECK(s.rule == DrgCaseRule::Incomplete);
    CHECK(s.points == Approx(150));  // capped at B_g, not B_g · c · ρ = 330
    auto re = example(1400000);
    re.readmitted_within_15_days = true;
    CHECK(score_drg_case(re, p).points == Approx(82.5));
}

TEST_CASE("DRG points: national thresholds differ by hospital level", "[scoring]") {
    DrgPaymentPolicy national;   // 三级 3×, otherwise 2×
    auto in = example(4000000);  // ρ = 2.67
    in.hospital_level = 3;
    CHECK(score_drg_case(in, national).rule == DrgCaseRule::Normal);
    in.hospital_level = 2;
    CHECK(score_drg_case(in, national).rule == DrgCaseRule::High);
    CHECK(score_drg_case(example(400000), national).rule == DrgCaseRule::Low);  // ρ = 0.27 < 0.3
}

TEST_CASE("DRG rate method: S_g = R · RW · k, outliers against the standard", "[scoring]") {
    DrgPaymentPolicy rate;
    rate.method = DrgMethod::Rate;
    rate.high_tiers = {{0, 0, 3.0}};
    DrgCaseInput in;
    in.base_points = 0.56;  // NF19, RW 0.56, 费率 10 000 元/权重: standard 5 600 元
    in.unit_value = 10000;
    in.cost = 500000;
    auto s = score_drg_case(in, rate);
    CHECK(s.rule == DrgCaseRule::Normal);
    CHECK(s.amount == 560000);
    in.cost = 2240000;  // ρ = 4 > 3: 5 600 + 5 600 × 1
    CHECK(score_drg_case(in, rate).amount == 1120000);
}

TEST_CASE("DRG points: payment never decreases with cost above the high threshold", "[scoring][property]") {
    auto p = zhejiang_like();
    double last = 0;
    for (Fen cost = 3000001; cost < 20000000; cost += 104729) {
        auto s = score_drg_case(example(cost), p);
        CHECK(s.points >= last);
        last = s.points;
    }
}

#include <fstream>
#include <sstream>

#include "dipdrg/catalog/scoring_policy_io.hpp"

TEST_CASE("DRG payment presets parse and reproduce §1.3", "[scoring]") {
    std::ifstream in(std::string(DIPDRG_SOURCE_DIR) + "/catalogs/chs-drg/payment/zhejiang-example.json");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    auto p = catalog::parse_drg_payment_policy_json(text.str());
    CHECK(p.low_ratio == Approx(0.4));
    REQUIRE(p.high_tiers.size() == 2);
    CHECK(score_drg_case(example(4500000), p).amount == 3150000);  // 150 points > 100: 2× tier
    CHECK_THROWS_WITH(catalog::parse_drg_payment_policy_json(R"({"method": "barter"})"),
                      Catch::Contains("method"));
    CHECK_THROWS_WITH(catalog::parse_drg_payment_policy_json(R"({"high_tiers": [{"level": 3}]})"),
                      Catch::Contains("payment policy"));
}

TEST_CASE("DRG points: penalties give no points and deduct multiples of B_g", "[scoring]") {
    auto in = example(1400000);
    in.penalised = true;
    auto none = score_drg_case(in, zhejiang_like());
    CHECK(none.rule == DrgCaseRule::Penalty);
    CHECK(none.points == Approx(0));
    in.penalty_multiple = 2;  // 高套, serious: deduct 2 × B_g
    auto serious = score_drg_case(in, zhejiang_like());
    CHECK(serious.points == Approx(-300));
    CHECK(serious.amount == -3000000);
}
