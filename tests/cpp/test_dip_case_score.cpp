// DIP case scores against the worked examples of dip.md §9.7 (RW 1338.5, K_h 1.05, PV 9.5,
// Std = RW × K_h × PV = 13351.54) and the deviation rules of §6.
#include <catch2/catch.hpp>

#include "dipdrg/dip_case_score.hpp"

using namespace dipdrg;

namespace {
DipCaseInput example(Fen cost) {
    DipCaseInput in;
    in.group_score = 1338.5;
    in.hospital_coefficient = 1.05;
    in.point_value = 9.5;
    in.cost = cost;
    return in;
}
DipScoringPolicy jining() {
    DipScoringPolicy p;
    p.name = "jining";
    p.low_inclusive = true;
    p.high_formula = HighCostFormula::RatioMinusTwoPlusK;
    p.extreme_formula = ExtremeFormula::FlatK;
    p.ungrouped_factor = 0.7;
    return p;
}
DipScoringPolicy dip30() {
    DipScoringPolicy p;
    p.name = "dip-3.0";
    p.low_formula = LowCostFormula::PaidAtCost;
    p.high_formula = HighCostFormula::SpecialReview;
    p.extreme_formula = ExtremeFormula::None;
    return p;
}
}  // namespace

TEST_CASE("DIP scoring: normal case is RW × K_h", "[scoring]") {
    auto s = score_dip_case(example(1200000), DipScoringPolicy{});
    CHECK(s.rule == DipCaseRule::Normal);
    CHECK(s.points == Approx(1405.425));
    CHECK(s.amount == 1335154);  // 13 351.54 元
}

TEST_CASE("DIP scoring: low-cost cases, 1.0 and 3.0 formulas", "[scoring]") {
    auto v10 = score_dip_case(example(600000), DipScoringPolicy{});
    CHECK(v10.rule == DipCaseRule::Low);
    CHECK(v10.ratio == Approx(0.4494).epsilon(1e-4));
    CHECK(v10.points == Approx(601.50).margin(0.005));
    CHECK(v10.amount == 571429);  // 5 714.29 元
    auto v30 = score_dip_case(example(600000), dip30());
    CHECK(v30.points == Approx(631.58).margin(0.005));
    CHECK(v30.amount == 600000);  // paid its cost
}

TEST_CASE("DIP scoring: high-cost cases, 1.0 and 济宁 formulas", "[scoring]") {
    auto v10 = score_dip_case(example(3000000), DipScoringPolicy{});
    CHECK(v10.rule == DipCaseRule::High);
    CHECK(v10.points == Approx(1669.02).margin(0.005));
    CHECK(v10.amount == 1585568);  // 15 855.68 元
    auto jn = score_dip_case(example(3000000), jining());
    CHECK(jn.points == Approx(1735.94).margin(0.005));
    CHECK(jn.amount == 1649147);  // 16 491.47 元
    auto v30 = score_dip_case(example(3000000), dip30());
    CHECK(v30.rule == DipCaseRule::High);
    CHECK(v30.review);  // 费用超高: 特例单议 candidate
}

TEST_CASE("DIP scoring: extreme cases", "[scoring]") {
    auto jn = score_dip_case(example(7000000), jining());
    CHECK(jn.rule == DipCaseRule::Extreme);
    CHECK(jn.amount == 1335154);  // 济宁 > 5×: RW × K_h = 13 351.54 元
    auto v10 = score_dip_case(example(7000000), DipScoringPolicy{});
    CHECK(v10.rule == DipCaseRule::Extreme);
    CHECK(v10.review);  // expert panel
}

TEST_CASE("DIP scoring: auxiliary subtype factor", "[scoring]") {
    auto in = example(1200000);
    in.aux_factor = 18000.0 / 13385.0;
    auto s = score_dip_case(in, DipScoringPolicy{});
    CHECK(s.points == Approx(1890.00).margin(0.005));
    CHECK(s.amount == 1795500);  // 17 955.00 元
}

TEST_CASE("DIP scoring: ungrouped cases by the pool's factor", "[scoring]") {
    DipCaseInput in;
    in.group_score = 500;
    in.point_value = 10;
    in.standard = 500000;  // avg_KBBZ 5 000 元
    in.cost = 1000000;     // ρ = 2
    in.ungrouped = true;
    auto jn = score_dip_case(in, jining());
    CHECK(jn.rule == DipCaseRule::Ungrouped);
    CHECK(jn.points == Approx(500 * 2 * 0.7));
    DipScoringPolicy taian = jining();
    taian.ungrouped_factor = 0.4368 * 0.9;
    CHECK(score_dip_case(in, taian).points == Approx(500 * 2 * 0.4368 * 0.9));
}

TEST_CASE("DIP scoring: grass-roots groups take no hospital coefficient", "[scoring]") {
    auto in = example(1200000);
    in.grassroots = true;
    auto s = score_dip_case(in, DipScoringPolicy{});
    CHECK(s.points == Approx(1338.5));
}

TEST_CASE("DIP scoring: thresholds are inclusive or not as the policy says", "[scoring]") {
    DipCaseInput in;
    in.group_score = 1000;
    in.point_value = 10;
    in.cost = 500000;  // exactly 0.5 × 10 000 元
    CHECK(score_dip_case(in, DipScoringPolicy{}).rule == DipCaseRule::Normal);
    CHECK(score_dip_case(in, jining()).rule == DipCaseRule::Low);
}

TEST_CASE("DIP scoring: score never decreases with cost inside the 1.0 bands", "[scoring][property]") {
    // Property: within the low band and within the high band the score grows with cost.
    double last_low = -1, last_high = -1;
    for (Fen cost = 1000; cost < 600000; cost += 7919) {
        auto s = score_dip_case(example(cost), DipScoringPolicy{});
        if (s.rule == DipCaseRule::Low) {
            CHECK(s.points >= last_low);
            last_low = s.points;
        }
    }
    for (Fen cost = 2700000; cost < 6600000; cost += 7919) {
        auto s = score_dip_case(example(cost), DipScoringPolicy{});
        CHECK(s.points >= last_high);
        last_high = s.points;
    }
}

TEST_CASE("DIP scoring: misuse and data edge cases", "[scoring]") {
    auto in = example(100000);
    in.point_value = 0;
    CHECK_THROWS_AS(score_dip_case(in, DipScoringPolicy{}), std::invalid_argument);
    auto zero = example(123456);
    zero.group_score = 0;
    auto s = score_dip_case(zero, DipScoringPolicy{});
    CHECK(s.rule == DipCaseRule::AtCost);
    CHECK(s.amount == 123456);
}

#include <fstream>
#include <sstream>

#include "dipdrg/catalog/scoring_policy_io.hpp"

namespace {
DipScoringPolicy preset(const std::string& name) {
    std::ifstream in(std::string(DIPDRG_SOURCE_DIR) + "/catalogs/dip/scoring/" + name + ".json");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return catalog::parse_dip_scoring_policy_json(text.str());
}
}  // namespace

TEST_CASE("DIP scoring: shipped presets reproduce the worked examples", "[scoring]") {
    auto v10 = preset("dip-1.0");
    CHECK(score_dip_case(example(3000000), v10).amount == 1585568);
    CHECK(score_dip_case(example(600000), v10).amount == 571429);
    auto jn = preset("jining-370800");
    CHECK(jn.region == "370800");
    CHECK(score_dip_case(example(3000000), jn).amount == 1649147);
    CHECK(score_dip_case(example(7000000), jn).amount == 1335154);
    CHECK(score_dip_case(example(600000), preset("dip-3.0")).amount == 600000);
    CHECK(preset("taian-370900").ungrouped_factor == Approx(0.4368 * 0.9));
    auto hb = preset("hubei");
    DipCaseInput at_two;
    at_two.group_score = 1000;
    at_two.point_value = 10;
    at_two.cost = 2000000;  // exactly 2 × 10 000 元: "C ≥ 2·A" is high in 湖北
    CHECK(score_dip_case(at_two, hb).rule == DipCaseRule::High);
    CHECK(score_dip_case(at_two, v10).rule == DipCaseRule::Normal);
}

TEST_CASE("DIP scoring: bad policies are refused with the field named", "[scoring]") {
    CHECK_THROWS_WITH(catalog::parse_dip_scoring_policy_json(R"({"low_formula": "magic"})"),
                      Catch::Contains("low_formula"));
    CHECK_THROWS_WITH(catalog::parse_dip_scoring_policy_json(R"({"bonus": 1})"), Catch::Contains("bonus"));
    CHECK_THROWS_WITH(catalog::parse_dip_scoring_policy_json(R"({"low_ratio": 3})"),
                      Catch::Contains("ratios"));
}
