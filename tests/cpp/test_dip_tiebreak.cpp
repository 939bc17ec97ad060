// Tie-break presets (catalogs/dip/policies/*.json), each on a crafted own-layout catalog
// built so that catalog order would pick the other row: the preset's criteria must decide,
// and the trace must name the winner and the deciding criterion.
#include <catch2/catch.hpp>

#include "dip_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {

// Builds groups.csv / rules.csv (+ optional tables) and compiles them.
struct Crafted {
    std::unique_ptr<CraftedDip> dip;
    Crafted(const std::string& groups, const std::string& rules,
            std::vector<std::pair<std::string, std::string>> extra = {}) {
        extra.emplace_back("groups.csv", "code,name,kind,score,avg_cost\n" + groups);
        extra.emplace_back("rules.csv", "group,principal_dx,principal_px,related_px\n" + rules);
        dip = std::make_unique<CraftedDip>(extra);
        std::string report;
        for (const auto& d : dip->compiled.diagnostics)
            report += d.check + " " + d.where + ": " + d.message + "\n";
        INFO("catalog diagnostics:\n" << report);
        REQUIRE(dip->catalog());
        REQUIRE(catalog::count_errors(dip->compiled.diagnostics) == 0);
    }
    std::shared_ptr<const DipCatalog> catalog() const { return dip->catalog(); }
};

DipRun run_cost(const DipGrouper& g, const std::string& dx, const std::string& px, const std::string& cost) {
    Case c = dip_case(dx, px);
    set_field(c, CaseField::TotalCost, cost);
    return dip_run(g, c);
}

// The single DipTieBreak event of a run (subject = winner, detail = criteria).
TraceEvent tie_break(const DipRun& r) {
    auto ev = dip_events(r.trace, TraceKind::DipTieBreak);
    REQUIRE(ev.size() == 1);
    return ev.front();
}

}  // namespace

TEST_CASE("DIP tie-break: the presets parse", "[dip]") {
    auto national = dip_preset("national");
    CHECK(national.name == "national");
    CHECK(national.tie_breaks
          == std::vector<TieBreak>{TieBreak::NonConservative, TieBreak::Exact, TieBreak::RelatedCount,
                                   TieBreak::MatchedCount, TieBreak::ContainsPrincipal,
                                   TieBreak::DxSpecificity});
    // The built-in default is the national preset.
    CHECK(DipPolicy{}.tie_breaks == national.tie_breaks);
    CHECK_FALSE(national.procedures_anywhere);
    CHECK_FALSE(national.short_code_prefix);
    CHECK(national.conservative_fallback);

    auto jining = dip_preset("jining");
    CHECK(jining.procedures_anywhere);
    CHECK(jining.tie_breaks
          == std::vector<TieBreak>{TieBreak::ContainsPrincipal, TieBreak::MatchedCount, TieBreak::ClosestCost,
                                   TieBreak::TypePriority});
    REQUIRE_FALSE(jining.type_priority.empty());
    CHECK(jining.type_priority.front() == "core:surgery");

    auto tangshan = dip_preset("tangshan");
    CHECK(tangshan.tie_breaks
          == std::vector<TieBreak>{TieBreak::Exact, TieBreak::MatchedCount, TieBreak::ClosestCost,
                                   TieBreak::HigherScore});
    auto hubei = dip_preset("hubei");
    CHECK(hubei.short_code_prefix);
    CHECK(hubei.tie_breaks.front() == TieBreak::MatchedCount);
    auto jingzhou = dip_preset("jingzhou");
    CHECK(jingzhou.tie_breaks == std::vector<TieBreak>{TieBreak::Exact, TieBreak::HigherScore});

    // An unknown field or criterion is refused.
    CHECK_THROWS(catalog::parse_dip_policy_json(R"({"tie_breaks": ["cheapest"]})"));
    CHECK_THROWS(catalog::parse_dip_policy_json(R"({"no_such_field": true})"));
}

// National (DIP 3.0 技术规范 §3.3(一)): non_conservative, exact, related_count.
TEST_CASE("DIP tie-break: national preset", "[dip]") {
    Crafted cat(
        "CONS,K35 conservative,base,,\n"
        "PLAIN,K35 + 47.0100,base,,\n"
        "REL,K35 + 47.0100 + 54.5101,base,,\n"
        "E-PLAIN,K36 + 47.0100,base,,\n"
        "E-BOTH,K36 + 47.0100+54.5101,base,,\n",
        "CONS,K35,,\n"
        "PLAIN,K35,47.0100,\n"
        "REL,K35,47.0100,54.5101\n"
        "E-PLAIN,K36,47.0100,\n"
        "E-BOTH,K36,47.0100+54.5101,\n");
    DipGrouper g(cat.catalog(), dip_preset("national"));

    // Related procedure satisfied: REL beats the plain row (exact) and the conservative row.
    auto rel = dip_run(g, "K35.300", "47.0100|54.5101");
    CHECK(rel.code == "REL");
    auto tb = tie_break(rel);
    CHECK(tb.subject == "REL");
    CHECK(tb.rule == "national");
    CHECK(tb.detail.find("exact") != std::string::npos);
    CHECK(tb.detail.find("non_conservative") != std::string::npos);
    // The losers, each with the criterion that decided against it.
    REQUIRE(tb.codes.size() == 2);
    CHECK(tb.codes[0].find("CONS") != std::string::npos);
    CHECK(tb.codes[0].find("non_conservative") != std::string::npos);
    CHECK(tb.codes[1].find("PLAIN") != std::string::npos);
    CHECK(tb.codes[1].find("exact") != std::string::npos);

    // An extra, unlisted procedure: neither row is exact; more related procedures win.
    auto extra = dip_run(g, "K35.300", "47.0100|54.5101|88.0000");
    CHECK(extra.code == "REL");
    CHECK(tie_break(extra).codes.back().find("PLAIN") != std::string::npos);
    CHECK(tie_break(extra).codes.back().find("related_count") != std::string::npos);

    // No related procedure: the plain row beats the conservative one.
    auto plain = dip_run(g, "K35.300", "47.0100");
    CHECK(plain.code == "PLAIN");
    CHECK(tie_break(plain).detail == "non_conservative");

    // No procedure: only the conservative row, no tie to break.
    auto cons = dip_run(g, "K35.300", "");
    CHECK(cons.code == "CONS");
    CHECK(dip_events(cons.trace, TraceKind::DipTieBreak).empty());

    // Exact beats non-exact between two procedure rows: E-BOTH accounts for both codes.
    auto both = dip_run(g, "K36.x00", "47.0100|54.5101");
    CHECK(both.code == "E-BOTH");
    CHECK(tie_break(both).detail == "exact");
    CHECK(dip_run(g, "K36.x00", "47.0100").code == "E-PLAIN");
}

// 济宁: all codes anywhere; contains_principal, matched_count, closest_cost, type_priority.
TEST_CASE("DIP tie-break: jining preset", "[dip]") {
    Crafted cat(
        "ANY,K35 + 54.5101 anywhere,base,,\n"
        "J-CONS,K35 conservative,base,,\n"
        "PAIR,K40 + 54.5101+88.0000,base,,\n"
        "PRIN,K40 + 47.0100,base,,\n"
        "LOW,K41 + 47.0100 cheap,base,,4000\n"
        "HIGH,K41 + 47.0100 dear,base,,9000\n"
        "THER,K42 + therapeutic,base,,\n"
        "SURG,K42 + surgery,base,,\n",
        "ANY,K35,54.5101,\n"
        "J-CONS,K35,,\n"
        "PAIR,K40,54.5101+88.0000,\n"
        "PRIN,K40,47.0100,\n"
        "LOW,K41,47.0100,\n"
        "HIGH,K41,47.0100,\n"
        "THER,K42,88.0001,\n"
        "SURG,K42,88.0002,\n",
        {{"px_attributes.csv", "code,attribute\n47.0100,surgery\n88.0001,therapeutic\n88.0002,surgery\n"},
         {"excluded_px.csv", "code,adjunct,allowed_dx\n99.2500,0,\n"}});
    DipGrouper g(cat.catalog(), dip_preset("jining"));
    DipGrouper nat(cat.catalog(), dip_preset("national"));

    // procedures_anywhere: ANY's code is on the case but not principal.
    auto any = dip_run(g, "K35.300", "47.0100|54.5101");
    CHECK(any.code == "ANY");
    CHECK(tie_break(any).detail == "matched_count");
    // The national policy needs it as principal procedure: the conservative row.
    CHECK(dip_run(nat, "K35.300", "47.0100|54.5101").code == "J-CONS");

    // contains_principal comes before matched_count: PRIN (1 code, the principal) beats
    // PAIR (2 codes, neither principal), which is earlier in the catalog.
    auto prin = dip_run(g, "K40.900", "47.0100|54.5101|88.0000");
    CHECK(prin.code == "PRIN");
    CHECK(tie_break(prin).detail == "contains_principal");
    // Without the principal row's code PAIR is the only match.
    CHECK(dip_run(g, "K40.900", "86.0000|54.5101|88.0000").code == "PAIR");

    // closest_cost: |5000-4000| < |5000-9000|, |8000-9000| < |8000-4000|.
    auto cheap = run_cost(g, "K41.900", "47.0100", "5000");
    CHECK(cheap.code == "LOW");
    CHECK(tie_break(cheap).detail == "closest_cost");
    auto dear = run_cost(g, "K41.900", "47.0100", "8000");
    CHECK(dear.code == "HIGH");
    CHECK(tie_break(dear).subject == "HIGH");
    CHECK(tie_break(dear).detail == "closest_cost");

    // type_priority: core:surgery before core:therapeutic. The first procedure is excluded
    // (conservative), so neither row contains a principal procedure; both match one code and
    // have no cost.
    auto surg = run_cost(g, "K42.900", "99.2500|88.0001|88.0002", "5000");
    CHECK(surg.code == "SURG");
    CHECK(surg.result.attribute == PxAttribute::Surgery);
    CHECK(tie_break(surg).detail == "type_priority");
    CHECK(tie_break(surg).rule == "jining");
}

// 唐山: exact, matched_count, closest_cost, higher_score.
TEST_CASE("DIP tie-break: tangshan preset", "[dip]") {
    Crafted cat(
        "ONE,K35 + 47.0100,base,,\n"
        "TWO,K35 + 47.0100 + 54.5101,base,,\n"
        "S-LOW,K41 cheap high score,base,900,4000\n"
        "S-HIGH,K41 dear low score,base,100,9000\n"
        "S-A,K42 score 100,base,100,5000\n"
        "S-B,K42 score 200,base,200,5000\n",
        "ONE,K35,47.0100,\n"
        "TWO,K35,47.0100,54.5101\n"
        "S-LOW,K41,47.0100,\n"
        "S-HIGH,K41,47.0100,\n"
        "S-A,K42,47.0100,\n"
        "S-B,K42,47.0100,\n");
    DipGrouper g(cat.catalog(), dip_preset("tangshan"));

    // Exact first.
    auto exact = dip_run(g, "K35.300", "47.0100|54.5101");
    CHECK(exact.code == "TWO");
    CHECK(tie_break(exact).detail == "exact");
    // No exact row (an extra procedure): the most matched procedures.
    auto most = dip_run(g, "K35.300", "47.0100|54.5101|88.0000");
    CHECK(most.code == "TWO");
    CHECK(tie_break(most).detail == "matched_count");
    // Equal matches: the closest average cost, before the score.
    auto dear = run_cost(g, "K41.900", "47.0100", "8500");
    CHECK(dear.code == "S-HIGH");
    CHECK(tie_break(dear).detail == "closest_cost");
    CHECK(run_cost(g, "K41.900", "47.0100", "4500").code == "S-LOW");
    // Equal cost distance: the higher score.
    auto score = run_cost(g, "K42.900", "47.0100", "3000");
    CHECK(score.code == "S-B");
    CHECK(tie_break(score).detail == "higher_score");
}

// 湖北 base: catalog codes shorter than 7 characters match by prefix; matched_count first.
TEST_CASE("DIP tie-break: hubei preset", "[dip]") {
    Crafted cat(
        "SHORT,K35 + 47.0,base,,\n"
        "H-CONS,K35 conservative,base,,\n"
        "H-ONE,K40 + 47.0,base,,\n"
        "H-TWO,K40 + 47.0+54.5,base,,\n"
        "FULL,K43 + 47.0100,base,,\n",
        "SHORT,K35,47.0,\n"
        "H-CONS,K35,,\n"
        "H-ONE,K40,47.0,\n"
        "H-TWO,K40,47.0+54.5,\n"
        "FULL,K43,47.0100,\n");
    DipGrouper g(cat.catalog(), dip_preset("hubei"));
    DipGrouper nat(cat.catalog(), dip_preset("national"));

    auto prefix = dip_run(g, "K35.300", "47.0100");
    CHECK(prefix.code == "SHORT");
    CHECK(tie_break(prefix).detail == "matched_count");
    CHECK(dip_run(g, "K35.300", "47.0901").code == "SHORT");
    CHECK(dip_run(g, "K35.300", "48.0100").code == "H-CONS");
    // Without short_code_prefix "47.0" is only the literal code.
    CHECK(dip_run(nat, "K35.300", "47.0100").code == "H-CONS");

    // matched_count: both prefixes matched beats one, whatever the catalog order.
    auto two = dip_run(g, "K40.900", "47.0100|54.5101");
    CHECK(two.code == "H-TWO");
    CHECK(tie_break(two).detail == "matched_count");
    CHECK(dip_run(g, "K40.900", "47.0100").code == "H-ONE");

    // A 7-character catalog code is complete: no prefix match on its extensions.
    CHECK(dip_run(g, "K43.900", "47.0100").code == "FULL");
    CHECK(dip_run(g, "K43.900", "47.0100x001").result.status == DipStatus::NotGrouped);
}

// 荆州: exact (完全一致), then the higher score.
TEST_CASE("DIP tie-break: jingzhou preset", "[dip]") {
    Crafted cat(
        "Z-LOW,K35 + 47.0100 score 500,base,500,\n"
        "Z-REL,K35 + 47.0100 + 54.5101 score 300,base,300,\n"
        "Z-HIGH,K35 + 47.0100 score 800,base,800,\n",
        "Z-LOW,K35,47.0100,\n"
        "Z-REL,K35,47.0100,54.5101\n"
        "Z-HIGH,K35,47.0100,\n");
    DipGrouper g(cat.catalog(), dip_preset("jingzhou"));

    // Z-REL is the only exact row: it wins despite the lowest score.
    auto exact = dip_run(g, "K35.300", "47.0100|54.5101");
    CHECK(exact.code == "Z-REL");
    auto tb = tie_break(exact);
    CHECK(tb.subject == "Z-REL");
    CHECK(tb.detail == "exact");
    CHECK(tb.rule == "jingzhou");
    // Two exact rows: the higher score.
    auto score = dip_run(g, "K35.300", "47.0100");
    CHECK(score.code == "Z-HIGH");
    CHECK(tie_break(score).detail == "higher_score");
    // No exact row: still the higher score.
    CHECK(dip_run(g, "K35.300", "47.0100|88.0000").code == "Z-HIGH");
}

// National: rows equal on every criterion fall to catalog order, named as ambiguous; a more
// specific diagnosis spec beats a broader one before that.
TEST_CASE("DIP tie-break: national preset, diagnosis specificity and ambiguous rows", "[dip]") {
    Crafted cat(
        "BROAD,K35 + 47.0100,base,,\n"
        "NARROW,K35.3 + 47.0100,base,,\n"
        "FIRST,K36 + 47.0100,base,,\n"
        "SECOND,K36 + 47.0100 again,base,,\n",
        "BROAD,K35,47.0100,\n"
        "NARROW,K35.3,47.0100,\n"
        "FIRST,K36,47.0100,\n"
        "SECOND,K36,47.0100,\n");
    DipGrouper g(cat.catalog(), dip_preset("national"));
    auto narrow = dip_run(g, "K35.300", "47.0100");
    CHECK(narrow.code == "NARROW");
    CHECK(tie_break(narrow).detail == "dx_specificity");
    CHECK(dip_run(g, "K35.800", "47.0100").code == "BROAD");

    auto same = dip_run(g, "K36.x00", "47.0100");
    CHECK(same.code == "FIRST");
    auto tb = tie_break(same);
    CHECK(tb.detail == "catalog_order");
    REQUIRE(tb.codes.size() == 1);
    CHECK(tb.codes[0] == "SECOND (catalog_order)");
    auto zh = render_trace(same.trace, Language::Chinese, false);
    auto en = render_trace(same.trace, Language::English, false);
    auto has = [](const std::vector<std::string>& lines, const std::string& text) {
        for (const auto& l : lines)
            if (l.find(text) != std::string::npos) return true;
        return false;
    };
    CHECK(has(zh, "同等具体，按目录顺序（存在歧义）"));
    CHECK(has(en, "equally specific: catalog order (ambiguous)"));
}
