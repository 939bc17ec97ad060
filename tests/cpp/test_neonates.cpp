// MDCP neonates: PS1–PS4 birth-weight bands, the 28-day limit and validation V4 (spec §3, §9).
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
// A 10-day-old boy whose only diagnosis is P07.200 (on the PS list, not on PR1/PU1).
Grouped preterm(const std::string& weight, const std::string& days = "10") {
    return group_with(reference_grouper(), "1", "0", days, weight, "P07.200", "");
}
}  // namespace

// Bands: PS1 < 1500 <= PS2 < 2000 <= PS3 < 2500 <= PS4 (min inclusive, max exclusive).
TEST_CASE("neonates: birth-weight band boundaries", "[neonate]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(preterm("1499"), "MDCP", "PS1", "PS15", "");
    CHECK_GROUP(preterm("1500"), "MDCP", "PS2", "PS25", "");
    CHECK_GROUP(preterm("1999"), "MDCP", "PS2", "PS25", "");
    CHECK_GROUP(preterm("2000"), "MDCP", "PS3", "PS39", "");
    CHECK_GROUP(preterm("2499"), "MDCP", "PS3", "PS39", "");
    CHECK_GROUP(preterm("2500"), "MDCP", "PS4", "PS45", "");
}

// PS rules are any_dx: a secondary P07.200 qualifies under a PU1 principal (PS before PU1).
TEST_CASE("neonates: the PS diagnosis may be secondary", "[neonate]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_with(reference_grouper(), "2", "0", "10", "2700", "P36.900|P07.200", "");
    CHECK_GROUP(r, "MDCP", "PS4", "PS45", "");
}

// age_days <= 28 is inclusive; at 29 days every MDCP case lands in PV1.
TEST_CASE("neonates: 28 days is a neonate, 29 days goes to PV1", "[neonate]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(preterm("1200", "28"), "MDCP", "PS1", "PS15", "");
    CHECK_GROUP(preterm("1200", "29"), "MDCP", "PV1", "PV15", "");
}

// A zero birth weight passes validation (present) but fails the PS weight condition -> PV1.
TEST_CASE("neonates: zero birth weight matches no PS band", "[neonate]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(preterm("0"), "MDCP", "PV1", "PV15", "");
}

// P07.000 is an MCC of table 163, the principal P07.200's table: excluded -> PS15.
TEST_CASE("neonates: exclusion applies within PS1", "[neonate][cc]") {
    SKIP_WITHOUT_REFERENCE();
    const auto& g = reference_grouper();
    CHECK_GROUP(group_with(g, "2", "0", "10", "1200", "P07.200|P07.000", ""), "MDCP", "PS1", "PS15", "");
    CHECK_GROUP(group_with(g, "2", "0", "10", "1200", "P07.200|P07.000|P22.000", ""), "MDCP", "PS1", "PS11",
                "P22.000");
}

// V4: age 0, <= 28 days and no birth weight -> CHECK_FAILED with the single V4 message.
TEST_CASE("neonates: V4 birth weight missing", "[neonate][validation]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = preterm("");
    CHECK(status_code(r.status) == std::string("CHECK_FAILED"));
    CHECK(r.drg == "0000");
    CHECK(r.check_message == "新生儿的出生体重必须有值");
    CHECK(r.messages == std::vector<std::string>{"新生儿的出生体重必须有值"});
}

// Over 28 days the weight is not required.
TEST_CASE("neonates: no weight needed after 28 days", "[neonate][validation]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(preterm("", "29"), "MDCP", "PV1", "PV15", "");
}
