// The two national exclusion lists (五、不纳入分组的主要诊断 / 主要手术操作): an excluded principal
// diagnosis ends the case; an excluded principal procedure makes it conservative, except the
// 7 endoscopy codes under digestive diagnoses; 不可作为主要手术操作 adjuncts are conservative by
// default, or skipped with DipPolicy::skip_adjunct_principal.
#include <catch2/catch.hpp>

#include "dip_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
const DipGrouper& national_grouper() {
    static const DipGrouper g(dip_national_catalog());
    return g;
}
bool has_excluded_px_event(const Trace& t, const std::string& code, const std::string& detail) {
    for (const auto& e : dip_events(t, TraceKind::DipExcludedPx))
        if (e.subject == code && e.detail == detail) return true;
    return false;
}
}  // namespace

TEST_CASE("DIP exclusions: an excluded principal diagnosis is not grouped", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    const auto& g = national_grouper();
    // C34.100 is on excluded_dx.csv (C34 has rows, but only for other extensions).
    auto r = dip_run(g, "C34.100", "32.3001|32.2001");
    CHECK(r.result.status == DipStatus::Excluded);
    CHECK(r.code.empty());
    CHECK(r.result.message.find("C34.100") != std::string::npos);
    auto ev = dip_events(r.trace, TraceKind::DipExcludedDx);
    REQUIRE(ev.size() == 1);
    CHECK(ev.front().subject == "C34.100");

    // Exclusion comes before every layer, even the 所有诊断 pre groups.
    CHECK(dip_run(g, "C34.100", "37.5100").result.status == DipStatus::Excluded);
    // A dagger/asterisk pair is one complete code.
    auto dagger = dip_run(g, "M47.000+G99.2*", "");
    CHECK(dagger.result.status == DipStatus::Excluded);
    CHECK(dagger.result.message.find("M47.000+G99.2*") != std::string::npos);
    // Membership is on the complete code: K35.800 is excluded, K35.800x001 is not;
    // I21.000 is excluded, I21.001 is not.
    CHECK(dip_run(g, "K35.800", "").result.status == DipStatus::Excluded);
    CHECK(dip_run(g, "K35.800x001", "").code == "JC-3629");
    CHECK(dip_run(g, "I21.000", "").result.status == DipStatus::Excluded);
    CHECK(dip_run(g, "I21.001", "").code == "JC-3163");
    // Only the principal diagnosis counts: an excluded code as a secondary is fine.
    CHECK(dip_run(g, "K35.300|K35.800|U84.300", "47.0100").code == "JC-3625");
}

// 按保守治疗入组: the excluded code is not the principal procedure; the case is conservative.
TEST_CASE("DIP exclusions: an excluded principal procedure groups as conservative", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    const auto& g = national_grouper();
    // 99.2500 注射或输注癌瘤化学治疗药物: 按保守治疗入组.
    auto r = dip_run(g, "K35.300", "99.2500");
    CHECK(r.code == "JC-3629");
    CHECK(r.result.principal_px.empty());
    CHECK(has_excluded_px_event(r.trace, "99.2500", "conservative"));
    // The case continues as conservative: a later procedure does not move up.
    auto later = dip_run(g, "K35.300", "99.2500|47.0100");
    CHECK(later.code == "JC-3629");
    CHECK(later.result.principal_px.empty());
    // Same principal procedure not excluded: grouped on it.
    CHECK(dip_run(g, "K35.300", "47.0100|99.2500").code == "JC-3625");
}

// The 7 endoscopy codes stay principal under A00-A09|C15-C26|D01|D12|D13|D37|I85|K20-K93.
TEST_CASE("DIP exclusions: endoscopy codes stay principal under digestive diagnoses", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    const auto& g = national_grouper();
    const char* endoscopy[]
        = {"44.1300x001", "44.1401", "45.1300x004", "45.1302", "45.1600x001", "45.2302", "45.2501"};

    // K29.7: BX-903 (44.1300x001|45.1300x004), BX-904 (44.1401|45.1600x001), JC-3613 conservative.
    auto gastro = dip_run(g, "K29.700", "44.1300x001");
    CHECK(gastro.code == "BX-903");
    CHECK(gastro.result.principal_px == "44.1300x001");
    CHECK(has_excluded_px_event(gastro.trace, "44.1300x001", "allowed"));
    CHECK(dip_run(g, "K29.700", "45.1300x004").code == "BX-903");
    CHECK(dip_run(g, "K29.700", "44.1401").code == "BX-904");
    CHECK(dip_run(g, "K29.700", "45.1600x001").code == "BX-904");
    // A09.0 + 44.1300x001 → BX-20.
    CHECK(dip_run(g, "A09.001", "44.1300x001").code == "BX-20");

    // Every code, every listed range (including D12 after the line break and I85 with its
    // trailing space in the source note): the code stays principal.
    for (const char* dx : {"K29.700", "A09.001", "C16.000", "D01.000", "D12.000", "D13.000", "D37.000x001",
                           "I85.000x001", "K20.x00"}) {
        for (const char* px : endoscopy) {
            INFO(dx << " + " << px);
            CHECK(dip_run(g, dx, px).result.principal_px == px);
        }
    }
    // Outside those ranges the code is conservative.
    for (const char* px : endoscopy) {
        INFO("J18.900 + " << px);
        auto r = dip_run(g, "J18.900", px);
        CHECK(r.code == "JC-3414");
        CHECK(r.result.principal_px.empty());
        CHECK(has_excluded_px_event(r.trace, px, "conservative"));
    }
    // C34 is not in C15-C26, D50 not a listed D category.
    auto c34 = dip_run(g, "C34.101", "44.1300x001|32.3001");
    CHECK(c34.code == "JC-2067");
    CHECK(c34.result.principal_px.empty());
    CHECK(dip_run(g, "D50.000", "45.2302").code == "JC-2442");
}

// 不可作为主要手术操作 (adjuncts such as 00.3101 CT navigation).
TEST_CASE("DIP exclusions: an adjunct procedure first", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    // Default (national preset): the case is conservative.
    const auto& g = national_grouper();
    CHECK_FALSE(g.policy().skip_adjunct_principal);
    auto r = dip_run(g, "K35.300", "00.3101|47.0100");
    CHECK(r.code == "JC-3629");
    CHECK(r.result.principal_px.empty());
    CHECK(has_excluded_px_event(r.trace, "00.3101", "conservative"));

    // skip_adjunct_principal: the next procedure becomes principal.
    DipPolicy policy = dip_national_catalog()->policy;
    policy.skip_adjunct_principal = true;
    DipGrouper skip(dip_national_catalog(), policy);
    auto s = dip_run(skip, "K35.300", "00.3101|47.0100");
    CHECK(s.code == "JC-3625");
    CHECK(s.result.principal_px == "47.0100");
    CHECK(has_excluded_px_event(s.trace, "00.3101", "skipped"));
    // Two adjuncts in a row are both skipped; related procedures after the new principal
    // still count.
    CHECK(dip_run(skip, "K35.300", "00.3101|17.4200|47.0100|45.2302").code == "BX-918");
    // Only adjuncts: nothing left, conservative.
    CHECK(dip_run(skip, "K35.300", "00.3101").code == "JC-3629");
    // skip_adjunct_principal does not touch 按保守治疗入组 codes.
    auto cons = dip_run(skip, "K35.300", "99.2500|47.0100");
    CHECK(cons.code == "JC-3629");
    CHECK(cons.result.principal_px.empty());
}
