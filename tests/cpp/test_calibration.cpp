// Calibration: year weights, trimming, scores, CV, thresholds, level coefficients (dip.md §5, §9.7).
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "dipdrg/calibration.hpp"

using namespace dipdrg;

TEST_CASE("calibration: 1:2:7 weighted mean (dip.md §9.7)", "[calibration]") {
    CHECK(year_weighted_mean({12800, 13100, 13560}, {1, 2, 7}) == Approx(13392));
    CHECK(year_weighted_mean({NAN, 13100, 13560}, {1, 2, 7}) == Approx((2 * 13100 + 7 * 13560) / 9.0));
}

TEST_CASE("calibration: scores against the overall mean, a reference group, a fixed unit", "[calibration]") {
    // One year; group 0 costs 2 000 each, group 1 costs 6 000 each: M = 4 000.
    std::vector<HistoryCase> cases;
    for (int i = 0; i < 20; ++i) cases.push_back({0, 0, 2000, 1});
    for (int i = 0; i < 20; ++i) cases.push_back({0, 1, 6000, 3});
    CalibrationPolicy p;
    p.year_weights = {1};
    p.trim_low = 0;
    p.trim_high = 1;
    auto r = calibrate(cases, 2, 1, p);
    CHECK(r.overall_mean == Approx(4000));
    CHECK(r.groups[0].score == Approx(500));
    CHECK(r.groups[1].score == Approx(1500));
    p.method = ScoreMethod::ReferenceGroup;
    p.reference_group = 0;
    CHECK(calibrate(cases, 2, 1, p).groups[1].score == Approx(3000));
    p.method = ScoreMethod::FixedUnit;
    p.fixed_unit = 100;
    CHECK(calibrate(cases, 2, 1, p).groups[1].score == Approx(60));
    p.reference_group = 5;
    p.method = ScoreMethod::ReferenceGroup;
    CHECK_THROWS(calibrate(cases, 2, 1, p));
}

TEST_CASE("calibration: trimming, CV, thresholds and 基层 candidates", "[calibration]") {
    std::vector<HistoryCase> cases;
    for (int i = 0; i < 100; ++i) cases.push_back({i % 3, 0, 1000.0 + i, 1});       // grass-roots, stable
    cases.push_back({2, 0, 1.0e6, 1});                                              // an outlier
    for (int i = 0; i < 10; ++i) cases.push_back({2, 1, 5000.0 * (1 + i % 4), 3});  // small, variable
    CalibrationPolicy p;
    auto r = calibrate(cases, 3, 3, p);
    CHECK(r.groups[0].kept < r.groups[0].cases);  // the outlier is cut
    CHECK(r.groups[0].mean < 1200);
    CHECK(r.groups[0].core);
    CHECK(r.groups[0].grassroots_candidate);
    CHECK_FALSE(r.groups[1].core);  // 10 < 15
    CHECK(r.groups[1].note.find("comprehensive") != std::string::npos);
    CHECK(r.groups[2].cases == 0);
    CHECK(std::isnan(r.groups[2].score));
    CHECK(r.groups[1].cv > 0.3);
    p.coverage = 0.9;  // group 0 alone covers 101 of 111 cases
    CHECK(calibrate(cases, 3, 3, p).threshold == 101);
}

TEST_CASE("calibration: level coefficients follow the case mix", "[calibration]") {
    // Level 3 costs 20 % more than level 1 in every group.
    std::vector<HistoryCase> cases;
    for (int g = 0; g < 4; ++g)
        for (int i = 0; i < 50; ++i) {
            cases.push_back({0, g, 1000.0 * (g + 1), 1});
            cases.push_back({0, g, 1200.0 * (g + 1), 3});
        }
    CalibrationPolicy p;
    p.year_weights = {1};
    p.trim_low = 0;
    p.trim_high = 1;
    auto r = calibrate(cases, 4, 1, p);
    CHECK(r.level_coefficients[2] / r.level_coefficients[0] == Approx(1.2));
    CHECK(std::isnan(r.level_coefficients[1]));
}

TEST_CASE("calibration: total points equal total weighted cost / M (property)", "[calibration][property]") {
    std::mt19937_64 rng(7);
    std::vector<HistoryCase> cases;
    for (int i = 0; i < 5000; ++i)
        cases.push_back(
            {0, static_cast<std::int32_t>(rng() % 40), 500.0 + static_cast<double>(rng() % 20000), 2});
    CalibrationPolicy p;
    p.year_weights = {1};
    p.trim_low = 0;
    p.trim_high = 1;
    p.score_decimals = 9;
    auto r = calibrate(cases, 40, 1, p);
    double points = 0, cost = 0;
    for (const auto& c : cases) {
        points += r.groups[static_cast<std::size_t>(c.group)].score;
        cost += c.cost;
    }
    CHECK(points == Approx(cost / r.overall_mean * 1000).epsilon(1e-9));
}
