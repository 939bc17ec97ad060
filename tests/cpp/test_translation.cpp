// Optional code translation (translate_codes, OpenDRG TRANS_CODE): input codes are mapped
// through dx_map/px_map before grouping; a code absent from the map ends the case.
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"
#include "test_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
struct Grouped {
    GroupResult result;
    std::string drg;
    Trace trace;
};
Grouped run(const DrgGrouper& g, Case c) {
    g.intern(c);
    Grouped out;
    out.result = g.group(c, &out.trace);
    out.drg = g.drg_code(out.result);
    return out;
}
}  // namespace

// A 国临版 appendicitis code groups like its 医保版 target once translated.
TEST_CASE("translation maps input codes before grouping", "[translation]") {
    if (!have_reference()) {
        WARN("skipped: reference tables not found at " << reference_dir());
        return;
    }
    DrgOptions on = reference_catalog()->options;
    on.translate_codes = true;
    DrgGrouper translating(reference_catalog(), on);
    DrgGrouper plain(reference_catalog());

    auto target = run(plain, make_case("1", "30", "", "", "K35.800x001", ""));
    REQUIRE(target.result.status == GroupStatus::Ok);
    auto translated = run(translating, make_case("1", "30", "", "", "K35.900", ""));
    CHECK(translated.result.status == GroupStatus::Ok);
    CHECK(translated.drg == target.drg);
    bool event = false;
    for (const auto& e : translated.trace)
        event |= e.kind == TraceKind::CodeTranslated && e.subject == "K35.900" && e.detail == "K35.800x001";
    CHECK(event);

    // Without translation the same input code is not a grouper code.
    CHECK(run(plain, make_case("1", "30", "", "", "K35.900", "")).drg != target.drg);
}

// A code absent from the map: TRANSLATION_FAILED naming the code, whatever else holds.
TEST_CASE("translation failure is a status", "[translation]") {
    if (!have_reference()) {
        WARN("skipped: reference tables not found at " << reference_dir());
        return;
    }
    DrgOptions on = reference_catalog()->options;
    on.translate_codes = true;
    DrgGrouper g(reference_catalog(), on);
    auto dx = run(g, make_case("1", "30", "", "", "K35.900|NOT.A.CODE", ""));
    CHECK(dx.result.status == GroupStatus::TranslationFailed);
    CHECK(dx.result.check_message.find("NOT.A.CODE") != std::string::npos);
    CHECK(dx.drg == "0000");
    auto px = run(g, make_case("1", "30", "", "", "K35.900", "99.9999x999"));
    CHECK(px.result.status == GroupStatus::TranslationFailed);
    CHECK(std::string(status_code(px.result.status)) == "TRANSLATION_FAILED");
}
