// Own-layout (city) DIP catalog features on crafted catalogs: comprehensive groups by
// procedure attribute, the ungrouped fall-back, 中医优势病种 rows, 基层病种 flags, auxiliary
// subtypes, code translation, recommend(), and the catalog checks.
#include <catch2/catch.hpp>
#include <cmath>

#include "dip_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;
using Sev = catalog::Diagnostic::Severity;

namespace {

std::string diagnostics_text(const catalog::Diagnostics& d) {
    std::string out;
    for (const auto& x : d)
        out += std::string(x.severity == Sev::Error ? "error " : "warning ") + x.check + " " + x.where + ": "
               + x.message + "\n";
    return out;
}

// A city catalog with every own-layout table.
const std::vector<std::pair<std::string, std::string>>& city_tables() {
    static const std::vector<std::pair<std::string, std::string>> tables = {
        {"groups.csv",
         "code,name,kind,score,avg_cost,grassroots\n"
         "CORE-C54,C54 + 68.4101,base,900,30000,\n"
         "CMP-C-S,C00-C97 相关手术组,comprehensive,700,,\n"
         "CMP-C54-S,C54 相关手术组,comprehensive,800,,\n"
         "CMP-C541-S,C54.1 相关手术组,comprehensive,850,,\n"
         "CMP-C54-T,C54 治疗性操作组,comprehensive,500,,\n"
         "CMP-C54-D,C54 诊断性操作组,comprehensive,400,,\n"
         "CMP-C54-N,C54 内科诊疗组,comprehensive,300,,\n"
         "KBBZ,空白病组,ungrouped,100,,\n"
         "TCM-M51,腰椎间盘突出 中医,tcm,200,,\n"
         "K35-LAP,K35 + 47.0100,base,1300,,\n"
         "K35-OPEN,K35 + 47.0901,base,900,,\n"
         "K35-REL,K35 + 47.0100 + 54.5101,merge,1500,,\n"
         "K35-CONS,K35 保守治疗,base,400,,\n"
         "FLAG,J18 保守治疗,base,350,,1\n"},
        {"rules.csv",
         "group,principal_dx,principal_px,related_px,treatment_type\n"
         "CORE-C54,C54,68.4101,,\n"
         "TCM-M51,M51,,,2\n"
         "K35-LAP,K35,47.0100,,\n"
         "K35-OPEN,K35,47.0901,,\n"
         "K35-REL,K35,47.0100,54.5101,\n"
         "K35-CONS,K35,,,\n"
         "FLAG,J18,,,\n"},
        {"comprehensive.csv",
         "group,dx,attribute\n"
         "CMP-C-S,C00-C97,surgery\n"
         "CMP-C54-S,C54,surgery\n"
         "CMP-C541-S,C54.1,surgery\n"
         "CMP-C54-T,C54,therapeutic\n"
         "CMP-C54-D,C54,diagnostic\n"
         "CMP-C54-N,C54,none\n"},
        {"px_attributes.csv",
         "code,attribute\n"
         "68.4902,surgery\n"
         "68.4101,surgery\n"
         "47.0100,surgery\n"
         "99.2503,therapeutic\n"
         "88.0101,diagnostic\n"
         "39.5000,interventional\n"},
        {"grassroots.csv",
         "principal_dx,principal_px\n"
         "K35,47.0100\n"
         "K35.8,\n"},
        {"aux.csv",
         "kind,catalog,group,lo,hi,code,dx,subtype,factor\n"
         "age_years,年龄,,0,6,,,儿童,1.2\n"
         "age_years,年龄,,65,200,,,老年,1.1\n"
         "discharge_mode,离院方式,,,,5,,死亡,1.5\n"
         "secondary_dx,肿瘤严重程度,,,,,C77-C79,转移,1.3\n"
         "cci_weight,CCI,,2,,,I50,,\n"
         "cci_weight,CCI,,1,,,E11,,\n"
         "cci_band,CCI,,1,2,,,CCI 1-2,1.05\n"
         "cci_band,CCI,,3,100,,,CCI>=3,1.4\n"
         "age_days,新生儿,K35-OPEN,0,28,,,新生儿手术,1.8\n"},
        {"dx_map.csv",
         "input_code,grouper_code\n"
         "K37.x00,K35.300\n"
         "K35.300,K35.300\n"
         "C54.100,C54.100\n"},
        {"px_map.csv",
         "input_code,grouper_code\n"
         "47.01,47.0100\n"
         "47.0100,47.0100\n"},
    };
    return tables;
}

const CraftedDip& city_dip() {
    static CraftedDip dip(city_tables());
    return dip;
}
std::shared_ptr<const DipCatalog> city() {
    return city_dip().catalog();
}

// Requires the crafted city catalog to compile cleanly.
#define REQUIRE_CITY()                                                        \
    do {                                                                      \
        INFO(diagnostics_text(city_dip().compiled.diagnostics));              \
        REQUIRE(city() != nullptr);                                           \
        REQUIRE(catalog::count_errors(city_dip().compiled.diagnostics) == 0); \
    } while (0)

DipRun city_run(const std::string& dx, const std::string& px,
                std::initializer_list<std::pair<CaseField, const char*>> fields = {},
                const DipPolicy* policy = nullptr) {
    DipGrouper g = policy ? DipGrouper(city(), *policy) : DipGrouper(city());
    Case c = dip_case(dx, px);
    for (const auto& [f, v] : fields) set_field(c, f, v);
    return dip_run(g, c);
}

}  // namespace

TEST_CASE("DIP local: comprehensive groups by the principal procedure's attribute", "[dip]") {
    REQUIRE_CITY();
    // A core rule first: C54 + 68.4101.
    CHECK(city_run("C54.100", "68.4101").code == "CORE-C54");
    // Then the comprehensive table, by attribute; the most specific diagnosis spec wins
    // (C54.1 over C54 over C00-C97).
    auto surg = city_run("C54.100", "68.4902");
    CHECK(surg.code == "CMP-C541-S");
    CHECK(surg.result.status == DipStatus::Ok);
    CHECK(surg.result.attribute == PxAttribute::Surgery);
    CHECK_FALSE(dip_events(surg.trace, TraceKind::DipComprehensive).empty());
    CHECK(city_run("C54.900", "68.4902").code == "CMP-C54-S");
    CHECK(city_run("C50.900", "68.4902").code == "CMP-C-S");
    CHECK(city_run("C54.100", "99.2503").code == "CMP-C54-T");
    CHECK(city_run("C54.100", "88.0101").code == "CMP-C54-D");
    CHECK(city_run("C54.100", "").code == "CMP-C54-N");
    // A code missing from the attribute table counts as none (内科诊疗).
    CHECK(city_run("C54.100", "12.3456").code == "CMP-C54-N");
    // By the principal procedure: a surgical second procedure does not count ...
    CHECK(city_run("C54.100", "88.0101|68.4902").code == "CMP-C54-D");
    // ... unless the policy takes the highest attribute (Node-DIP style).
    DipPolicy max_attr = city()->policy;
    max_attr.comprehensive_max_attribute = true;
    CHECK(city_run("C54.100", "88.0101|68.4902", {}, &max_attr).code == "CMP-C541-S");
    // C50 has no therapeutic comprehensive row: the fall-back.
    CHECK(city_run("C50.900", "99.2503").result.status == DipStatus::Fallback);
}

TEST_CASE("DIP local: interventional procedures follow the policy", "[dip]") {
    REQUIRE_CITY();
    // National text: 介入 counts as 相关手术.
    CHECK(city()->policy.interventional_as_surgery);
    CHECK(city_run("C54.100", "39.5000").code == "CMP-C541-S");
    // Some cities: 介入 counts as 治疗性操作.
    DipPolicy therapeutic = city()->policy;
    therapeutic.interventional_as_surgery = false;
    auto r = city_run("C54.100", "39.5000", {}, &therapeutic);
    CHECK(r.code == "CMP-C54-T");
    CHECK(r.result.attribute == PxAttribute::Therapeutic);
}

TEST_CASE("DIP local: the ungrouped fall-back group", "[dip]") {
    REQUIRE_CITY();
    auto r = city_run("Z99.900", "");
    CHECK(r.result.status == DipStatus::Fallback);
    CHECK(r.code == "KBBZ");
    auto ev = dip_events(r.trace, TraceKind::DipFallback);
    REQUIRE(ev.size() == 1);
    CHECK(ev.front().subject == "KBBZ");
    // The fall-back is neither 基层 nor subtyped.
    auto old = city_run("Z99.900", "", {{CaseField::Age, "80"}});
    CHECK(old.result.status == DipStatus::Fallback);
    CHECK_FALSE(old.result.grassroots);
    CHECK(old.result.subtype.empty());
}

TEST_CASE("DIP local: TCM rows need treatment type 2", "[dip]") {
    REQUIRE_CITY();
    auto tcm = city_run("M51.200", "", {{CaseField::TreatmentType, "2"}});
    CHECK(tcm.code == "TCM-M51");
    CHECK(tcm.result.status == DipStatus::Ok);
    CHECK(city_run("M51.200", "", {{CaseField::TreatmentType, "1"}}).result.status == DipStatus::Fallback);
    CHECK(city_run("M51.200", "", {{CaseField::TreatmentType, "3"}}).result.status == DipStatus::Fallback);
    CHECK(city_run("M51.200", "").result.status == DipStatus::Fallback);
    // 中医优势病种 are excluded from auxiliary subtypes.
    auto old = city_run("M51.200", "", {{CaseField::TreatmentType, "2"}, {CaseField::Age, "70"}});
    CHECK(old.code == "TCM-M51");
    CHECK(old.result.subtype.empty());
    CHECK(std::isnan(old.result.factor));
}

TEST_CASE("DIP local: grassroots flag", "[dip]") {
    REQUIRE_CITY();
    auto lap = city_run("K35.300", "47.0100");
    CHECK(lap.code == "K35-LAP");
    CHECK(lap.result.grassroots);
    CHECK_FALSE(dip_events(lap.trace, TraceKind::DipGrassroots).empty());
    CHECK_FALSE(city_run("K35.300", "47.0901").result.grassroots);  // not listed
    // K35.8 listed for conservative cases only.
    auto k358 = city_run("K35.800", "");
    CHECK(k358.code == "K35-CONS");
    CHECK(k358.result.grassroots);
    CHECK_FALSE(city_run("K35.300", "").result.grassroots);
    CHECK_FALSE(city_run("K35.800", "47.0901").result.grassroots);
    // The flag from groups.csv.
    auto flag = city_run("J18.900", "");
    CHECK(flag.code == "FLAG");
    CHECK(flag.result.grassroots);
}

TEST_CASE("DIP local: auxiliary subtypes, the highest factor wins", "[dip]") {
    REQUIRE_CITY();
    auto none = city_run("K35.300", "47.0100", {{CaseField::Age, "30"}});
    CHECK(none.result.subtype.empty());
    CHECK(std::isnan(none.result.factor));

    auto old = city_run("K35.300", "47.0100", {{CaseField::Age, "70"}});
    CHECK(old.result.subtype == "老年");
    CHECK(old.result.factor == Approx(1.1));
    auto ev = dip_events(old.trace, TraceKind::DipSubtype);
    REQUIRE(ev.size() == 1);
    CHECK(ev.front().subject == "老年");
    CHECK(ev.front().rule == "年龄");

    CHECK(city_run("K35.300", "47.0100", {{CaseField::Age, "3"}}).result.subtype == "儿童");
    CHECK(city_run("K35.300", "47.0100", {{CaseField::Age, "6"}}).result.subtype == "儿童");
    CHECK(city_run("K35.300", "47.0100", {{CaseField::Age, "7"}}).result.subtype.empty());
    CHECK(city_run("K35.300", "47.0100", {{CaseField::Age, "65"}}).result.subtype == "老年");

    // Death (discharge mode 5) 1.5 beats age 1.1.
    auto died = city_run("K35.300", "47.0100", {{CaseField::Age, "70"}, {CaseField::DischargeMode, "5"}});
    CHECK(died.result.subtype == "死亡");
    CHECK(died.result.factor == Approx(1.5));
    CHECK(city_run("K35.300", "47.0100", {{CaseField::DischargeMode, "1"}}).result.subtype.empty());

    // A secondary diagnosis in C77-C79; the principal diagnosis does not count.
    auto meta = city_run("K35.300|C78.700", "47.0100");
    CHECK(meta.result.subtype == "转移");
    CHECK(meta.result.factor == Approx(1.3));

    // CCI: weights of the other diagnoses (I50 = 2, E11 = 1), then the band.
    auto cci1 = city_run("K35.300|E11.900", "47.0100");
    CHECK(cci1.result.subtype == "CCI 1-2");
    CHECK(cci1.result.factor == Approx(1.05));
    auto cci3 = city_run("K35.300|I50.900|E11.900", "47.0100", {{CaseField::Age, "70"}});
    CHECK(cci3.result.subtype == "CCI>=3");  // 1.4 beats 老年 1.1
    CHECK(cci3.result.factor == Approx(1.4));
    // One condition counts once, however many of its codes the case has: 2, not 4.
    CHECK(city_run("K35.300|I50.900|I50.100", "47.0100").result.subtype == "CCI 1-2");
    // A weighted code as principal is no comorbidity.
    CHECK(city_run("K35.300", "47.0100").result.subtype.empty());

    // Group-specific subtype: K35-OPEN only.
    auto baby = city_run("K35.300", "47.0901", {{CaseField::AgeDays, "10"}});
    CHECK(baby.code == "K35-OPEN");
    CHECK(baby.result.subtype == "新生儿手术");
    CHECK(baby.result.factor == Approx(1.8));
    CHECK(city_run("K35.300", "47.0100", {{CaseField::AgeDays, "10"}}).result.subtype.empty());

    // Comprehensive groups are not subtyped.
    CHECK(city_run("C54.100", "68.4902", {{CaseField::Age, "70"}}).result.subtype.empty());
}

TEST_CASE("DIP local: code translation maps", "[dip]") {
    REQUIRE_CITY();
    DipGrouper plain(city());
    DipGrouper tr(city(), city()->policy, true);

    // K37.x00 → K35.300, 47.01 → 47.0100.
    auto r = dip_run(tr, "K37.x00", "47.01");
    CHECK(r.result.status == DipStatus::Ok);
    CHECK(r.code == "K35-LAP");
    CHECK(r.result.principal_px == "47.0100");
    bool dx_event = false, px_event = false;
    for (const auto& e : dip_events(r.trace, TraceKind::CodeTranslated)) {
        dx_event |= e.subject == "K37.x00" && e.detail == "K35.300";
        px_event |= e.subject == "47.01" && e.detail == "47.0100";
    }
    CHECK(dx_event);
    CHECK(px_event);
    // Untranslated, the same input reaches no K35 row.
    CHECK(dip_run(plain, "K37.x00", "47.01").result.status == DipStatus::Fallback);

    // A code absent from a map: TRANSLATION_FAILED naming it.
    auto bad_dx = dip_run(tr, "K35.300|X99.999", "47.0100");
    CHECK(bad_dx.result.status == DipStatus::TranslationFailed);
    CHECK(bad_dx.result.message.find("X99.999") != std::string::npos);
    CHECK(bad_dx.code.empty());
    auto bad_px = dip_run(tr, "K35.300", "47.0100|99.9999");
    CHECK(bad_px.result.status == DipStatus::TranslationFailed);
    CHECK(bad_px.result.message.find("99.9999") != std::string::npos);
    CHECK_FALSE(dip_events(bad_px.trace, TraceKind::TranslationFailed).empty());
}

TEST_CASE("DIP local: recommend lists satisfied and unsatisfied candidates", "[dip]") {
    REQUIRE_CITY();
    DipGrouper g(city());
    auto list = g.recommend(dip_case("K35.300", "47.0100"));
    auto find = [&](const std::string& code) -> const DipCandidate* {
        for (const auto& c : list)
            if (city()->groups[static_cast<std::size_t>(c.group)].code == code) return &c;
        return nullptr;
    };
    const auto* lap = find("K35-LAP");
    const auto* open = find("K35-OPEN");
    const auto* rel = find("K35-REL");
    const auto* cons = find("K35-CONS");
    REQUIRE(lap);
    REQUIRE(open);
    REQUIRE(rel);
    REQUIRE(cons);
    CHECK(lap->satisfied);
    CHECK_FALSE(open->satisfied);
    CHECK(open->requirement.find("47.0901") != std::string::npos);
    CHECK_FALSE(rel->satisfied);
    CHECK(rel->requirement.find("54.5101") != std::string::npos);
    CHECK(cons->satisfied);  // conservative fallback
    CHECK(cons->requirement.find("保守") != std::string::npos);
    // Nothing from other diagnoses.
    CHECK(find("CORE-C54") == nullptr);
    CHECK(find("FLAG") == nullptr);

    // With the related procedure the merge row is satisfied too.
    auto with_rel = g.recommend(dip_case("K35.300", "47.0100|54.5101"));
    bool rel_ok = false;
    for (const auto& c : with_rel)
        rel_ok |= city()->groups[static_cast<std::size_t>(c.group)].code == "K35-REL" && c.satisfied;
    CHECK(rel_ok);

    // Comprehensive rows are candidates of their diagnosis.
    auto c54 = g.recommend(dip_case("C54.100", "68.4902"));
    bool core = false, cmp_surg = false, cmp_none = false;
    for (const auto& c : c54) {
        const auto& code = city()->groups[static_cast<std::size_t>(c.group)].code;
        core |= code == "CORE-C54" && !c.satisfied;
        cmp_surg |= code == "CMP-C54-S" && c.satisfied;
        cmp_none |= code == "CMP-C54-N" && !c.satisfied;
    }
    CHECK(core);
    CHECK(cmp_surg);
    CHECK(cmp_none);
    // No diagnosis: nothing to recommend.
    CHECK(g.recommend(dip_case("", "47.0100")).empty());
}

TEST_CASE("DIP local: catalog checks", "[dip]") {
    SECTION("the city catalog is clean") {
        auto d = catalog::check_dip_catalog(*city());
        INFO(diagnostics_text(d));
        CHECK(catalog::count_errors(d) == 0);
        CHECK(count_check(d, "ambiguous_rows", Sev::Warning) == 0);
    }
    SECTION("a group no rule reaches") {
        CraftedDip dip({{"groups.csv", "code,name,kind\nA,a,base\nB,b,base\n"},
                        {"rules.csv", "group,principal_dx,principal_px\nA,K35,47.0100\n"}});
        REQUIRE(dip.catalog());
        auto d = catalog::check_dip_catalog(*dip.catalog());
        INFO(diagnostics_text(d));
        REQUIRE(count_check(d, "unreachable_group", Sev::Error) == 1);
        for (const auto& x : d)
            if (x.check == "unreachable_group") CHECK(x.where == "B");
    }
    SECTION("two rows sharing diagnosis and procedure") {
        CraftedDip dip(
            {{"groups.csv", "code,name,kind\nA,a,base\nB,b,base\nC,c,base\n"},
             {"rules.csv",
              "group,principal_dx,principal_px\nA,K35,47.0100|47.0901\nB,K35,47.0100\nC,K35,47.2x00\n"}});
        REQUIRE(dip.catalog());
        auto d = catalog::check_dip_catalog(*dip.catalog());
        INFO(diagnostics_text(d));
        CHECK(catalog::count_errors(d) == 0);
        REQUIRE(count_check(d, "ambiguous_rows", Sev::Warning) == 1);
        for (const auto& x : d)
            if (x.check == "ambiguous_rows") {
                CHECK(x.where == "B");
                CHECK(x.message.find("47.0100") != std::string::npos);
            }
    }
    SECTION("a malformed range in rules.csv") {
        CraftedDip dip({{"groups.csv", "code,name,kind\nA,a,base\n"},
                        {"rules.csv", "group,principal_dx,principal_px\nA,C7-C75,99.2503\n"}});
        INFO(diagnostics_text(dip.compiled.diagnostics));
        CHECK(dip.catalog() == nullptr);
        CHECK(count_check(dip.compiled.diagnostics, "bad_range", Sev::Error) == 1);
        bool named = false;
        for (const auto& x : dip.compiled.diagnostics)
            named |= x.check == "bad_range" && x.message.find("C7-C75") != std::string::npos
                     && x.where.find("rules.csv") != std::string::npos;
        CHECK(named);
    }
    SECTION("a duplicate group code") {
        CraftedDip dip({{"groups.csv", "code,name,kind\nA,a,base\nA,again,base\n"},
                        {"rules.csv", "group,principal_dx,principal_px\nA,K35,47.0100\n"}});
        INFO(diagnostics_text(dip.compiled.diagnostics));
        CHECK(dip.catalog() == nullptr);
        CHECK(catalog::count_errors(dip.compiled.diagnostics) >= 1);
        bool named = false;
        for (const auto& x : dip.compiled.diagnostics)
            named |= x.severity == Sev::Error && x.check == "duplicate_key" && x.where == "A";
        CHECK(named);

        // check_dip_catalog itself reports it on a catalog built in memory.
        DipCatalog cat;
        cat.groups.resize(2);
        cat.groups[0].code = cat.groups[1].code = "DUP";
        for (Index gi : {Index{0}, Index{1}}) {
            DipRule r;
            r.group = gi;
            std::string err;
            DxSpec s;
            REQUIRE(parse_dx_spec("K35", false, s, err));
            r.principal_dx.push_back(s);
            r.principal_px.push_back(ProcSet{{gi == 0 ? "47.0100" : "47.0901"}});
            cat.rules.push_back(r);
        }
        cat.build_index();
        auto d = catalog::check_dip_catalog(cat);
        INFO(diagnostics_text(d));
        CHECK(count_check(d, "duplicate_key", Sev::Error) == 1);
    }
    SECTION("an unknown group in rules.csv") {
        CraftedDip dip({{"groups.csv", "code,name,kind\nA,a,base\n"},
                        {"rules.csv", "group,principal_dx,principal_px\nNOPE,K35,47.0100\n"}});
        CHECK(dip.catalog() == nullptr);
        CHECK(count_check(dip.compiled.diagnostics, "unknown_group", Sev::Error) == 1);
    }
}

// Newborn-style conditions in an own-layout rule: missing or invalid age/weight never
// satisfy them.
TEST_CASE("DIP local: age and weight conditions", "[dip]") {
    CraftedDip dip(
        {{"groups.csv", "code,name,kind\nNB,newborn,pre\nP07-CONS,P07,base\n"},
         {"rules.csv",
          "group,principal_dx,dx_any_position,principal_px,max_age_days,min_weight_g,max_weight_g\n"
          "NB,P07,1,,28,1000,1499\n"
          "P07-CONS,P07,,,,,\n"}});
    INFO(diagnostics_text(dip.compiled.diagnostics));
    REQUIRE(dip.catalog());
    DipGrouper g(dip.catalog());
    auto run = [&](const std::string& dx, const char* age_days, const char* weight) {
        Case c = dip_case(dx, "");
        set_field(c, CaseField::AgeDays, age_days);
        set_field(c, CaseField::BirthWeight, weight);
        return dip_run(g, c).code;
    };
    CHECK(run("P22.000|P07.100", "10", "1200") == "NB");
    CHECK(run("P07.100", "10", "1200") == "NB");
    CHECK(run("P07.100", "40", "1200") == "P07-CONS");
    CHECK(run("P07.100", "", "1200") == "P07-CONS");
    CHECK(run("P07.100", "10", "") == "P07-CONS");
    CHECK(run("P22.000|P07.100", "28", "1000") == "NB");
    CHECK(run("P22.000|P07.100", "28", "1499") == "NB");
    CHECK(run("P22.000|P07.100", "29", "1200").empty());
    CHECK(run("P22.000|P07.100", "10", "999").empty());
    CHECK(run("P22.000|P07.100", "10", "1500").empty());
    CHECK(run("P22.000|P07.100", "", "1200").empty());
    CHECK(run("P22.000|P07.100", "10", "").empty());
    CHECK(run("P22.000|P07.100", "abc", "1200").empty());
    CHECK(run("P22.000|P07.100", "10", "heavy").empty());
    CHECK(run("P22.000", "10", "1200").empty());
}
