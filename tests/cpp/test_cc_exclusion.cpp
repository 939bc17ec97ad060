// DRG splits: has(MCC)/has(CC) and the principal diagnosis's exclusion table (spec §7).
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

// I61.900 is an MCC of table 96, the table of principal I63.900: it is skipped -> BM15.
TEST_CASE("cc exclusion: an MCC in the principal's table is excluded", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "I63.900|I61.900", "88.4101");
    CHECK_GROUP(r, "MDCB", "BM1", "BM15", "");
    CHECK(r.has_message("主诊断I63.900排除表96"));
    CHECK(r.has_message("诊断I61.900属于MCC，排除表96"));
}

// J96.000 (table 109) is not in the principal's table 96 and counts -> BM11.
TEST_CASE("cc exclusion: an MCC of another table counts", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "I63.900|J96.000", "88.4101"), "MDCB", "BM1", "BM11", "J96.000");
}

// The scan continues past an excluded MCC to the next one.
TEST_CASE("cc exclusion: an excluded MCC does not hide a later counted one", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "I63.900|I61.900|J96.000", "88.4101");
    CHECK_GROUP(r, "MDCB", "BM1", "BM11", "J96.000");
}

// K65.900 is a CC of table 116, K65.000's own table: excluded -> GJ15; a CC of table 52 counts.
TEST_CASE("cc exclusion: a CC in the principal's table is excluded, another counts", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "K65.000|K65.900", "54.9500"), "MDCG", "GJ1", "GJ15", "");
    CHECK_GROUP(group_adult("1", "K65.000|K65.900|E87.600", "54.9500"), "MDCG", "GJ1", "GJ13", "E87.600");
}

// x1 is tried before x3: an MCC listed after a CC still gives x1, decided by the MCC.
TEST_CASE("cc exclusion: MCC is tested before CC whatever the list order", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "K65.000|E87.600|J96.000", "54.9500");
    CHECK_GROUP(r, "MDCG", "GJ1", "GJ11", "J96.000");
}

// x3 is has(MCC) or has(CC): in a [x3, x5] ADRG an MCC gives x3.
TEST_CASE("cc exclusion: an MCC satisfies the x3 rule", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "S71.100|J96.000", "86.2201"), "MDCV", "VC1", "VC13", "J96.000");
}

// A principal with no exclusion table (Z00.600) excludes nothing and logs no table line.
TEST_CASE("cc exclusion: principal without a table", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("2", "Z00.600|I61.900", "");
    CHECK_GROUP(r, "MDCX", "XS2", "XS21", "I61.900");
    CHECK_FALSE(r.mentions("主诊断Z00.600排除表"));
}

// One diagnosis only: has() is false, even when the principal itself is an MCC (N18.500),
// and no split lines are logged.
TEST_CASE("cc exclusion: a single diagnosis never splits", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "N18.500", "39.9500");
    CHECK_GROUP(r, "MDCL", "LL1", "LL15", "");
    CHECK_FALSE(r.mentions("排除表"));
    CHECK_GROUP(group_adult("1", "K65.000", "54.9500"), "MDCG", "GJ1", "GJ15", "");
}

// Codes on neither list and unknown codes are ignored by the split.
TEST_CASE("cc exclusion: non-CC and unknown secondaries are ignored", "[cc]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "K65.000|I10.x00|NOPE", "54.9500"), "MDCG", "GJ1", "GJ15", "");
}
