// Every layer of the national DIP 3.0 rule set, on crafted cases whose expected groups
// were read off the reference tables (../shared/reference/dip-3.0/*.csv) and the matching
// semantics of its README: exclusions → 先期 → 并项 → 烧伤/肿瘤/结核 → 基础; no comprehensive
// groups and no fall-back in the national catalog.
#include <catch2/catch.hpp>

#include "dip_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {

DipRun national(const std::string& dx, const std::string& px, const std::string& age_days = "",
                const std::string& weight = "") {
    static const DipGrouper g(dip_national_catalog());
    Case c = dip_case(dx, px);
    set_field(c, CaseField::AgeDays, age_days);
    set_field(c, CaseField::BirthWeight, weight);
    return dip_run(g, c);
}

}  // namespace

// 先期分组 seq 1–10, 12, 15: 所有诊断 + the transplant procedure.
TEST_CASE("DIP national: transplants pre-empt any principal diagnosis", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // XQ-2 心脏移植: 37.5100|37.5100x001, any diagnosis.
    for (const char* dx : {"J18.900", "I50.900", "K35.300"}) {
        INFO("principal diagnosis " << dx);
        auto r = national(dx, "37.5100");
        CHECK(r.result.status == DipStatus::Ok);
        CHECK(r.code == "XQ-2");
    }
    CHECK(national("I50.900", "37.5100x001").code == "XQ-2");
    // K35 + 47.0100 is JC-3625 on its own; the pre layer is evaluated first.
    CHECK(national("K35.300", "37.5100|47.0100").code == "XQ-2");
    // XQ-6 肾移植 (55.6901), XQ-7 肺移植 (33.5200).
    CHECK(national("N18.500", "55.6901").code == "XQ-6");
    CHECK(national("J84.101", "33.5200").code == "XQ-7");
}

// XQ-11 ECMO: the note 不限定为主要手术操作 lets 39.6500 sit in any position.
TEST_CASE("DIP national: ECMO groups to XQ-11 from any procedure position", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    CHECK(national("J18.900", "39.6500").code == "XQ-11");
    CHECK(national("J18.900", "96.7101|39.6500").code == "XQ-11");
    CHECK(national("I21.001", "36.0700|00.2400x001|39.6500x001").code == "XQ-11");
    // Without ECMO the same J18 case is the base row J18 + 96.7101.
    CHECK(national("J18.900", "96.7101").code == "JC-3413");
}

// XQ-13 (96.7201+39.9500x007) is more specific than XQ-14 (96.7201); both any position.
TEST_CASE("DIP national: ventilation >= 96h with CRRT beats ventilation alone", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    CHECK(national("J18.900", "96.7201|39.9500x007").code == "XQ-13");
    CHECK(national("J18.900", "39.9500x007|96.7201").code == "XQ-13");
    CHECK(national("J18.900", "31.9400|96.7201|39.9500x007").code == "XQ-13");
    CHECK(national("J18.900", "96.7201").code == "XQ-14");
    // 96.7201 as a secondary procedure still counts (any position).
    CHECK(national("J18.900", "96.7101|96.7201").code == "XQ-14");
    // CRRT without the ventilation code is no pre group: J18 with an unlisted principal
    // procedure falls to the J18 conservative row.
    CHECK(national("J18.900", "39.9500x007").code == "JC-3414");

    auto r = national("J18.900", "96.7201|39.9500x007");
    bool tie = false;
    for (const auto& e : r.trace)
        if (e.kind == TraceKind::DipTieBreak) {
            tie = true;
            CHECK(e.subject == "XQ-13");
            CHECK(e.codes.size() == 1);
            CHECK(e.codes.front().find("XQ-14") != std::string::npos);
        }
    CHECK(tie);
}

// XQ-16..19: P07 among any diagnoses, 天龄 < 29 d, birth-weight band (0-999, 1000-1499,
// 1500-1999, 2000-2499 g).
TEST_CASE("DIP national: low-birth-weight newborns", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    const std::string dx = "P22.000|P07.100";  // P07 as a secondary diagnosis
    CHECK(national(dx, "", "10", "1200").code == "XQ-17");
    CHECK(national("P07.100", "", "10", "1200").code == "XQ-17");  // P07 as principal too
    CHECK(national(dx, "", "28", "1200").code == "XQ-17");         // < 29 days: 28 is in
    // 29 days is not < 29: no pre group; P22.0 with no procedure is the conservative row.
    auto old = national(dx, "", "29", "1200");
    CHECK(old.code == "JC-4485");
    CHECK(old.code.rfind("XQ", 0) != 0);

    // Weight band edges.
    CHECK(national(dx, "", "10", "0").code == "XQ-16");
    CHECK(national(dx, "", "10", "999").code == "XQ-16");
    CHECK(national(dx, "", "10", "1000").code == "XQ-17");
    CHECK(national(dx, "", "10", "1499").code == "XQ-17");
    CHECK(national(dx, "", "10", "1500").code == "XQ-18");
    CHECK(national(dx, "", "10", "1999").code == "XQ-18");
    CHECK(national(dx, "", "10", "2000").code == "XQ-19");
    CHECK(national(dx, "", "10", "2499").code == "XQ-19");
    CHECK(national(dx, "", "10", "2500").code == "JC-4485");

    // No P07 anywhere: no newborn group whatever the weight.
    CHECK(national("P22.000", "", "10", "1200").code == "JC-4485");
    // P07 principal, too old: the P07 conservative base row.
    CHECK(national("P07.100", "", "40", "1200").code == "JC-4478");
}

// 并项: principal dx + principal procedure + (one alternative of) related procedures.
TEST_CASE("DIP national: merge rows need their related procedures", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // BX-918 K35 + 47.0100 + related 45.2302; BX-919 related 54.5100x005|54.5101;
    // BX-920 K35 + 47.0901 + related 54.5903. Without them: JC-3625 / JC-3626.
    CHECK(national("K35.300", "47.0100|45.2302").code == "BX-918");
    CHECK(national("K35.300", "47.0100|54.5101").code == "BX-919");
    CHECK(national("K35.300", "47.0100|54.5100x005").code == "BX-919");
    CHECK(national("K35.300", "47.0100").code == "JC-3625");
    CHECK(national("K35.300", "47.0901|54.5903").code == "BX-920");
    CHECK(national("K35.300", "47.0901|54.5101").code == "JC-3626");
    // The related procedure must be another procedure, not the principal one: with
    // 45.2302 first (an endoscopy code K35 may keep as principal) no K35 row has it as
    // principal procedure, so the conservative row.
    CHECK(national("K35.300", "45.2302|47.0100").code == "JC-3629");

    // A merge row without related_px: BX-20 A09.0 + 44.1300x001|45.1300x004|45.2302.
    CHECK(national("A09.001", "44.1300x001").code == "BX-20");
    CHECK(national("A09.001", "45.1300x004").code == "BX-20");
    // BX-1536 P22.0 + 93.9000 (non-invasive ventilation) vs base rows of P22.0.
    CHECK(national("P22.000", "93.9000").code == "BX-1536");
    CHECK(national("P22.000", "96.7101").code == "JC-4484");
}

// A '+' inside a related alternative means all of its codes.
TEST_CASE("DIP national: all-of related procedures", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // BX-588 I08 + 35.2101 + related 35.1401+35.2301; base JC-3138 I08 + 35.2101.
    CHECK(national("I08.000", "35.2101|35.1401|35.2301").code == "BX-588");
    CHECK(national("I08.000", "35.2101|35.2301|35.1401").code == "BX-588");
    CHECK(national("I08.000", "35.2101|35.1401").code == "JC-3138");
    CHECK(national("I08.000", "35.2101").code == "JC-3138");
}

// README tie-break: C20 seq 97 (48.6300x003, no related) comes before seq 99 (48.6300x003 +
// 40.5900x019); the satisfied specific row must win over workbook order.
TEST_CASE("DIP national: a later row with satisfied related procedures beats an earlier plain row", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    CHECK(national("C20.x00", "48.6300x003|40.5900x019").code == "BX-99");
    CHECK(national("C20.x00", "48.6300x003").code == "BX-97");
}

// 烧伤: degree (principal dx), area (secondary T31/T32), procedure (empty = conservative).
TEST_CASE("DIP national: burn groups", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // Second degree (T21.2), 10-29 % (T31.1): FZ-1748 conservative, FZ-1749 debridement,
    // FZ-1750 grafting.
    CHECK(national("T21.200|T31.100", "").code == "FZ-1748");
    CHECK(national("T21.200|T31.100", "86.2201").code == "FZ-1749");
    CHECK(national("T21.200|T31.100", "86.6201").code == "FZ-1750");
    // < 10 % (T31.0) and >= 50 % (T31.5, only a conservative row for second degree).
    CHECK(national("T21.200|T31.000", "86.2201").code == "FZ-1746");
    CHECK(national("T21.200|T31.500", "").code == "FZ-1754");
    // Third degree (T21.3), 10-29 %: grafting FZ-1762; + related 86.6901 → FZ-1763, the
    // row that repeats 1762's codes and adds related_px.
    CHECK(national("T21.300|T31.100", "86.6201").code == "FZ-1762");
    CHECK(national("T21.300|T31.100", "86.6201|86.6901").code == "FZ-1763");
    CHECK(national("T21.300|T31.100", "").code == "FZ-1760");
    // The area must be another diagnosis: no burn row without T31/T32.
    CHECK(national("T21.200", "86.2201").code.rfind("FZ", 0) != 0);
}

// 肿瘤: Z51.1 + secondary tumour family + therapy expression over all procedures.
TEST_CASE("DIP national: tumour therapy groups", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // FZ-1770 Z51.1 + C00-C75 + 99.2503; FZ-1771 + 99.2800x005; FZ-1772 + 99.2800x006;
    // FZ-1773 all three.
    CHECK(national("Z51.103|C34.101", "99.2503").code == "FZ-1770");
    CHECK(national("Z51.103|C34.101", "99.2503|99.2800x005").code == "FZ-1771");
    CHECK(national("Z51.103|C34.101", "99.2800x005|99.2503").code == "FZ-1771");
    CHECK(national("Z51.103|C34.101", "99.2503|99.2800x006").code == "FZ-1772");
    CHECK(national("Z51.103|C34.101", "99.2503|99.2800x006|99.2800x005").code == "FZ-1773");
    // Any further procedure (unrelated, a base-row one, an excluded one) leaves no row exact:
    // the row whose whole combination the case satisfies still wins over the single therapy.
    for (const char* extra : {"88.0000x999", "32.3001", "87.4100"}) {
        INFO(extra);
        CHECK(national("Z51.103|C34.101", std::string("99.2503|99.2800x006|") + extra).code == "FZ-1772");
        CHECK(national("Z51.103|C34.101", std::string("99.2503|99.2800x005|") + extra).code == "FZ-1771");
        CHECK(national("Z51.103|C34.101", std::string("99.2503|99.2800x006|99.2800x005|") + extra).code
              == "FZ-1773");
        CHECK(national("Z51.800x095|C34.101", std::string("99.2800x006|99.2800x005|") + extra).code
              == "FZ-1796");
    }
    // The trace names the specificity that decided, in both languages.
    auto combo = national("Z51.103|C34.101", "99.2503|99.2800x006|88.0000x999");
    std::string zh, en;
    for (const auto& line : render_trace(combo.trace, Language::Chinese, false)) zh += line + "\n";
    for (const auto& line : render_trace(combo.trace, Language::English, false)) en += line + "\n";
    CHECK(zh.find("FZ-1772优先于FZ-1770（匹配的手术操作编码更多，2>1）") != std::string::npos);
    CHECK(en.find("FZ-1772 beats FZ-1770 (more required procedure codes matched, 2>1)") != std::string::npos);
    // Range edges of the tumour families: C75 is in C00-C75, C76 starts C76-C80.
    CHECK(national("Z51.103|C75.000", "99.2503").code == "FZ-1770");
    CHECK(national("Z51.103|C76.000", "99.2503").code == "FZ-1774");  // excluded only as principal
    CHECK(national("Z51.103|C91.000", "99.2503").code == "FZ-1790");
    // Z51.8: immunotherapy alone.
    CHECK(national("Z51.800x095|C34.101", "99.2800x005").code == "FZ-1794");
    // No tumour secondary diagnosis: no tumour row; Z51.1 base has no 99.2503 row, so
    // the conservative row JC-5111.
    CHECK(national("Z51.103|J18.900", "99.2503").code == "JC-5111");
}

// 结核: drug resistance from the annex (principal) or U84.300 (another diagnosis).
TEST_CASE("DIP national: tuberculosis groups by drug resistance", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // A15-A16: FZ-1828/1829 (34.0401 resistant / not), FZ-1836/1837 conservative.
    CHECK(national("A15.000x010", "34.0401").code == "FZ-1828");  // annex code
    CHECK(national("A15.000x010", "").code == "FZ-1836");
    CHECK(national("A15.000x018|U84.300", "34.0401").code == "FZ-1828");  // U84.300 secondary
    CHECK(national("A15.000x018|U84.300", "").code == "FZ-1836");
    CHECK(national("A15.000x018", "34.0401").code == "FZ-1829");  // drug-sensitive
    CHECK(national("A15.000x018", "").code == "FZ-1837");
    // A17: only U84.300 marks resistance.
    CHECK(national("A17.000+G01*|U84.300", "").code == "FZ-1840");
    CHECK(national("A17.000+G01*", "").code == "FZ-1841");
    CHECK(national("A17.000+G01*", "03.3101").code == "FZ-1839");
}

// 基础: principal dx + principal procedure, the conservative row when no procedure row
// matched.
TEST_CASE("DIP national: base rows, procedure vs conservative", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    CHECK(national("K35.300", "").code == "JC-3629");
    CHECK(national("K35.300", "47.0901").code == "JC-3626");
    CHECK(national("K35.300", "47.0100").code == "JC-3625");
    CHECK(national("K35.300", "47.2x01").code == "JC-3628");
    // An unlisted principal procedure: the conservative row applies (fallback).
    auto other = national("K35.300", "86.2201");
    CHECK(other.code == "JC-3629");
    CHECK(other.result.status == DipStatus::Ok);
    CHECK(national("J18.900", "").code == "JC-3414");
    CHECK(national("J18.900", "31.9400").code == "JC-3411");
}

// 基层病种 is a flag on top of the group.
TEST_CASE("DIP national: grassroots flag", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    auto lap = national("K35.300", "47.0100");  // 基层 #59 K35 + 47.0100
    CHECK(lap.code == "JC-3625");
    CHECK(lap.result.grassroots);
    CHECK(national("K35.300", "47.0901").result.grassroots);  // #60
    CHECK(national("K35.800x001", "").result.grassroots);     // #61 K35.8 conservative
    CHECK_FALSE(national("K35.300", "").result.grassroots);   // K35.3 conservative: not listed
    // Evaluated on principal dx + principal procedure whatever the group: BX-918 is still
    // K35 + 47.0100.
    auto merged = national("K35.300", "47.0100|45.2302");
    CHECK(merged.code == "BX-918");
    CHECK(merged.result.grassroots);
}

// The national catalog has no comprehensive groups and no fall-back group.
TEST_CASE("DIP national: a diagnosis without rows is not grouped", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // A20 (plague): no rule row in any layer; A20.000 is not excluded.
    auto r = national("A20.000", "");
    CHECK(r.result.status == DipStatus::NotGrouped);
    CHECK(r.code.empty());
    CHECK_FALSE(r.result.message.empty());
    CHECK_FALSE(dip_events(r.trace, TraceKind::DipNotGrouped).empty());
    CHECK(national("A20.000", "47.0100").result.status == DipStatus::NotGrouped);
    // ... unless a pre group applies: 所有诊断.
    CHECK(national("A20.000", "37.5100").code == "XQ-2");
}
