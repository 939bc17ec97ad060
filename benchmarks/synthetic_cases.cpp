#include "synthetic_cases.hpp"

#include <random>

#include "dipdrg/case_fields.hpp"

namespace dipdrg::bench {

std::vector<Case> synthetic_cases(const DrgCatalog& cat, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto pick
        = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(rng); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

    // Per-ADRG lists, recovered from the per-code arrays.
    std::vector<std::vector<CodeId>> adrg_dx(cat.adrgs.size()), adrg_px1(cat.adrgs.size()),
        adrg_px2(cat.adrgs.size());
    std::vector<CodeId> cc_codes, or_codes, all_dx;
    for (CodeId id = 0; id < cat.dx.size(); ++id) {
        const auto& d = cat.dx[id];
        for (auto i = d.adrg_begin; i < d.adrg_end; ++i)
            adrg_dx[static_cast<std::size_t>(cat.dx_adrgs[i])].push_back(id);
        if (d.cc_level != CcLevel::None) cc_codes.push_back(id);
        if (d.mdc_mask) all_dx.push_back(id);
    }
    for (CodeId id = 0; id < cat.px.size(); ++id) {
        const auto& p = cat.px[id];
        if (p.is_or) or_codes.push_back(id);
        for (auto i = p.ref_begin; i < p.ref_end; ++i) {
            const auto& ref = cat.px_refs[i];
            (ref.list == 1 ? adrg_px1 : adrg_px2)[static_cast<std::size_t>(ref.adrg)].push_back(id);
        }
    }

    std::vector<Case> cases(n);
    for (std::size_t i = 0; i < n; ++i) {
        Case& c = cases[i];
        c.case_id = "S" + std::to_string(i);
        const auto a = pick(cat.adrgs.size());
        const auto& adrg = cat.adrgs[a];
        const auto& mdc = cat.mdcs[static_cast<std::size_t>(adrg.mdc)];
        c.sex = (mdc.conditions & kMdcMale)     ? 1
                : (mdc.conditions & kMdcFemale) ? 2
                                                : 1 + static_cast<int>(pick(2));
        c.age_years = static_cast<std::int32_t>(1 + pick(90));
        c.age_days = c.age_years * 365 + static_cast<std::int32_t>(pick(365));
        c.los_days = static_cast<std::int32_t>(1 + pick(30));
        auto add_dx = [&](CodeId id) { c.diagnoses.text.push_back(cat.dx_codes.code(id)); };
        auto add_px = [&](CodeId id) { c.procedures.text.push_back(cat.px_codes.code(id)); };
        if (!adrg_dx[a].empty())
            add_dx(adrg_dx[a][pick(adrg_dx[a].size())]);
        else
            add_dx(all_dx[pick(all_dx.size())]);
        if (!adrg_px1[a].empty() && (adrg.surgical || chance(0.2)))
            add_px(adrg_px1[a][pick(adrg_px1[a].size())]);
        if (!adrg_px2[a].empty()) add_px(adrg_px2[a][pick(adrg_px2[a].size())]);
        if (mdc.conditions & kMdcAgeYearsZero) {
            c.age_years = 0;
            c.age_days = static_cast<std::int32_t>(pick(365));
            c.birth_weight_g = chance(0.97) ? static_cast<std::int32_t>(500 + pick(4500)) : kAbsent;
        }
        for (int k = static_cast<int>(pick(4)); k > 0; --k) add_dx(cc_codes[pick(cc_codes.size())]);
        if (chance(0.15)) add_px(or_codes[pick(or_codes.size())]);
        if (chance(0.03)) c.diagnoses.text.push_back("XX" + std::to_string(pick(1000)) + ".999");  // unknown
        if (chance(0.01)) c.sex = 9;                                                               // invalid
        if (chance(0.01)) c.age_years = kAbsent;
    }
    return cases;
}

namespace {

// A complete-looking code under a diagnosis spec: K35 → K35.x00, K35.3 → K35.300x00n.
std::string code_under(const DxSpec& spec, std::mt19937_64& rng) {
    auto digit = [&] { return static_cast<char>('0' + rng() % 10); };
    switch (spec.kind) {
        case DxSpec::Kind::Exact:
            return spec.key;
        case DxSpec::Kind::Dagger:
            return spec.key + "00+G99.2*";
        case DxSpec::Kind::Range: {
            int v = spec.lo + static_cast<int>(rng() % static_cast<unsigned>(spec.hi - spec.lo + 1));
            std::string code(1, static_cast<char>(v / 100));
            int num = v % 100;
            code += static_cast<char>('0' + num / 10);
            code += static_cast<char>('0' + num % 10);
            return code + "." + digit() + "00";
        }
        case DxSpec::Kind::Any:
            return "R69.x00";
        case DxSpec::Kind::Prefix:
            break;
    }
    std::string code = spec.key;
    if (code.size() == 3) code += std::string(".") + digit();
    while (code.size() < 7) code += '0';
    if (rng() % 3 == 0) code += "x00" + std::string(1, digit());
    return code;
}

}  // namespace

std::vector<Case> synthetic_dip_cases(const DipCatalog& cat, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto pick = [&](std::size_t size) { return static_cast<std::size_t>(rng() % size); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    std::vector<Case> cases(n);
    for (std::size_t i = 0; i < n; ++i) {
        Case& c = cases[i];
        c.case_id = "P" + std::to_string(i);
        c.sex = 1 + static_cast<int>(pick(2));
        c.age_years = static_cast<std::int32_t>(1 + pick(90));
        c.age_days = c.age_years * 365;
        c.hospital_level = static_cast<std::int32_t>(1 + pick(3));
        c.total_cost_fen = static_cast<std::int64_t>(50000 + pick(5000000));
        const auto& rule = cat.rules[pick(cat.rules.size())];
        if (!rule.principal_dx.empty())
            c.diagnoses.text.push_back(code_under(rule.principal_dx[pick(rule.principal_dx.size())], rng));
        else
            c.diagnoses.text.push_back("I50.900");
        if (rule.dx_any_position) {
            c.diagnoses.text.push_back("P07.100");
            c.age_years = 0;
            c.age_days = static_cast<std::int32_t>(pick(40));
            c.birth_weight_g = static_cast<std::int32_t>(500 + pick(2500));
        }
        if (!rule.secondary_dx.empty())
            c.diagnoses.text.push_back(code_under(rule.secondary_dx[pick(rule.secondary_dx.size())], rng));
        if (chance(0.3)) c.diagnoses.text.push_back("E11.900");
        if (!rule.principal_px.empty() && chance(0.9)) {
            const auto& set = rule.principal_px[pick(rule.principal_px.size())];
            for (const auto& code : set.codes) c.procedures.text.push_back(code);
        }
        if (!rule.related_px.empty() && chance(0.6)) {
            const auto& set = rule.related_px[pick(rule.related_px.size())];
            for (const auto& code : set.codes) c.procedures.text.push_back(code);
        }
        if (chance(0.1)) c.procedures.text.push_back("99.0400x001");
        if (chance(0.03)) c.diagnoses.text[0] = "XX" + std::to_string(pick(1000)) + ".999";
    }
    return cases;
}

}  // namespace dipdrg::bench
