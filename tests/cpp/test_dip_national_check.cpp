// The national DIP 3.0 catalog as a whole: sizes per layer, check_dip_catalog findings (the
// README's source irregularities and nothing else), and a snapshot round trip.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "dip_support.hpp"
#include "dipdrg/catalog/snapshot.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;
using Sev = catalog::Diagnostic::Severity;

TEST_CASE("DIP national catalog: sizes", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    const auto& cat = *dip_national_catalog();
    CHECK(cat.groups.size() == 5125);
    CHECK(cat.rules.size() == 5125);
    std::array<std::size_t, static_cast<std::size_t>(DipKind::Count)> kinds{};
    for (const auto& g : cat.groups) ++kinds[static_cast<std::size_t>(g.kind)];
    CHECK(kinds[static_cast<std::size_t>(DipKind::Pre)] == 19);
    CHECK(kinds[static_cast<std::size_t>(DipKind::Merge)] == 1725);
    CHECK(kinds[static_cast<std::size_t>(DipKind::Burn)] == 25);
    CHECK(kinds[static_cast<std::size_t>(DipKind::Tumour)] == 42);
    CHECK(kinds[static_cast<std::size_t>(DipKind::Tuberculosis)] == 46);
    CHECK(kinds[static_cast<std::size_t>(DipKind::Base)] == 3268);
    CHECK(cat.excluded_dx.size() == 4742);
    CHECK(cat.excluded_px.size() == 4111);
    CHECK(cat.tb_resistant_dx.size() == 48);
    CHECK(cat.grassroots.size() == 127);
    CHECK(cat.comprehensive.empty());
    CHECK(cat.ungrouped_group == kNone);

    // Group codes category-seq, unique, seq 1..5125.
    std::set<std::string> codes;
    for (const auto& g : cat.groups) codes.insert(g.code);
    CHECK(codes.size() == 5125);
    CHECK(codes.count("XQ-1"));
    CHECK(codes.count("BX-20"));
    CHECK(codes.count("FZ-1745"));
    CHECK(codes.count("JC-1858"));
    CHECK(codes.count("JC-5125"));

    // Excluded procedure notes: 87 adjuncts, 7 endoscopy codes with allowed diagnoses.
    std::size_t adjunct = 0, allowed = 0;
    for (const auto& ex : cat.excluded_px) {
        adjunct += ex.adjunct;
        allowed += !ex.allowed_dx.empty();
    }
    CHECK(adjunct == 87);
    CHECK(allowed == 7);

    // The text-only conditions of 先期分组 became structured fields.
    auto rule_of = [&](const std::string& code) -> const DipRule& {
        auto g = cat.find_group(code);
        REQUIRE(g != kNone);
        auto it = std::find_if(cat.rules.begin(), cat.rules.end(),
                               [&](const DipRule& r) { return r.group == g; });
        REQUIRE(it != cat.rules.end());
        return *it;
    };
    const auto& xq16 = rule_of("XQ-16");
    CHECK(xq16.max_age_days == 28);
    CHECK(xq16.min_weight_g == 0);
    CHECK(xq16.max_weight_g == 999);
    CHECK(xq16.dx_any_position);
    const auto& xq19 = rule_of("XQ-19");
    CHECK(xq19.min_weight_g == 2000);
    CHECK(xq19.max_weight_g == 2499);
    for (const char* any : {"XQ-11", "XQ-13", "XQ-14"}) {
        INFO(any);
        CHECK(rule_of(any).px_any_position);
    }
    for (const char* principal : {"XQ-1", "XQ-2", "XQ-10", "XQ-12", "XQ-15"}) {
        INFO(principal);
        CHECK_FALSE(rule_of(principal).px_any_position);
    }
    const auto& xq13 = rule_of("XQ-13");
    REQUIRE(xq13.principal_px.size() == 1);
    CHECK(xq13.principal_px.front().codes == std::vector<std::string>{"96.7201", "39.9500x007"});
    CHECK(rule_of("FZ-1812").drug_resistant == 1);
    CHECK(rule_of("FZ-1813").drug_resistant == 0);
}

TEST_CASE("DIP national catalog: check findings are the README's irregularities", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    auto d = catalog::check_dip_catalog(*dip_national_catalog());
    std::string report;
    for (const auto& x : d) report += x.check + " " + x.where + ": " + x.message + "\n";
    INFO(report);
    CHECK(catalog::count_errors(d) == 0);

    // Four merge pairs share diagnosis + principal procedure without related_px.
    CHECK(count_check(d, "ambiguous_rows", Sev::Warning) == 4);
    const std::vector<std::pair<std::string, std::string>> pairs
        = {{"BX-107", "BX-111"}, {"BX-325", "BX-326"}, {"BX-923", "BX-924"}, {"BX-931", "BX-932"}};
    for (const auto& [a, b] : pairs) {
        bool found = false;
        for (const auto& x : d)
            found |= x.check == "ambiguous_rows" && x.message.find(a) != std::string::npos
                     && x.message.find(b) != std::string::npos;
        INFO(a << "/" << b);
        CHECK(found);
    }
    // Four cells list a code twice.
    CHECK(count_check(d, "duplicate_code", Sev::Warning) == 4);
    const std::vector<std::pair<std::string, std::string>> dups
        = {{"BX-722", "39.5004"}, {"BX-740", "39.5004"}, {"BX-1033", "51.8800x009"}, {"BX-1231", "77.6501"}};
    for (const auto& [group, code] : dups) {
        bool found = false;
        for (const auto& x : d)
            found |= x.check == "duplicate_code" && x.message.find(group + " ") != std::string::npos
                     && x.message.find(code) != std::string::npos;
        INFO(group << " " << code);
        CHECK(found);
    }
    CHECK(count_check(d, "unreachable_group", Sev::Error) == 0);
}

// The ambiguous pairs group to one of the two rows (the source does not say which).
TEST_CASE("DIP national catalog: an ambiguous pair groups deterministically", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    DipGrouper g(dip_national_catalog());
    auto a = dip_run(g, "C22.000", "50.3x05");
    auto b = dip_run(g, "C22.000", "50.3x05");
    CHECK((a.code == "BX-107" || a.code == "BX-111"));
    CHECK(a.code == b.code);
}

TEST_CASE("DIP national catalog: snapshot round trip", "[dip]") {
    DIP_REQUIRE_REFERENCE();
    TempDir tmp;
    const auto path = tmp.file("dip.snap");
    catalog::save_snapshot(*dip_national_catalog(), path);
    CHECK(catalog::snapshot_scheme(path) == "dip");
    CHECK(catalog::catalog_scheme(path) == "dip");
    auto loaded = catalog::load_dip_snapshot(path);
    REQUIRE(loaded);
    CHECK(loaded->groups.size() == dip_national_catalog()->groups.size());
    CHECK(loaded->rules.size() == dip_national_catalog()->rules.size());
    CHECK(loaded->manifest.digest == dip_national_catalog()->manifest.digest);

    // Through load_dip_catalog as an explicit snapshot file, too.
    auto via_store = catalog::load_dip_catalog(path, "");
    CHECK(via_store.from_snapshot);

    DipGrouper direct(dip_national_catalog());
    DipGrouper snap(loaded);
    DipGrouper store(via_store.catalog);
    struct In {
        const char* dx;
        const char* px;
        const char* age_days;
        const char* weight;
        const char* expected;
    };
    const In cases[] = {
        {"K35.300", "47.0100|45.2302", "", "", "BX-918"},
        {"K35.300", "", "", "", "JC-3629"},
        {"P22.000|P07.100", "", "10", "1200", "XQ-17"},
        {"J18.900", "96.7201|39.9500x007", "", "", "XQ-13"},
        {"T21.300|T31.100", "86.6201|86.6901", "", "", "FZ-1763"},
        {"Z51.103|C34.101", "99.2503|99.2800x005", "", "", "FZ-1771"},
        {"A15.000x018|U84.300", "34.0401", "", "", "FZ-1828"},
        {"K29.700", "44.1300x001", "", "", "BX-903"},
        {"A20.000", "", "", "", ""},
    };
    for (const auto& in : cases) {
        INFO(in.dx << " / " << in.px);
        Case c = dip_case(in.dx, in.px);
        set_field(c, CaseField::AgeDays, in.age_days);
        set_field(c, CaseField::BirthWeight, in.weight);
        auto r0 = dip_run(direct, c), r1 = dip_run(snap, c), r2 = dip_run(store, c);
        CHECK(r0.code == in.expected);
        CHECK(r1.code == r0.code);
        CHECK(r2.code == r0.code);
        CHECK(r1.result.status == r0.result.status);
        CHECK(r1.result.grassroots == r0.result.grassroots);
        CHECK(r1.result.principal_px == r0.result.principal_px);
    }
    // Exclusions survive the round trip.
    CHECK(dip_run(snap, "C34.100", "").result.status == DipStatus::Excluded);
    CHECK(dip_run(snap, "K35.300", "00.3101|47.0100").code == "JC-3629");
}
