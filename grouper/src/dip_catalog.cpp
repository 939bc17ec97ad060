#include "dipdrg/dip_catalog.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace dipdrg {
namespace {

struct KindName {
    DipKind kind;
    const char* code;
    const char* zh;
};
constexpr std::array<KindName, static_cast<std::size_t>(DipKind::Count)> kKinds = {{
    {DipKind::Pre, "pre", "先期分组"},
    {DipKind::Merge, "merge", "并项核心病种"},
    {DipKind::Burn, "burn", "辅助细分-烧伤"},
    {DipKind::Tumour, "tumour", "辅助细分-肿瘤"},
    {DipKind::Tuberculosis, "tuberculosis", "辅助细分-结核"},
    {DipKind::Base, "base", "基本规则核心病种"},
    {DipKind::LocalCore, "local_core", "地方核心病种"},
    {DipKind::Tcm, "tcm", "中医优势病种"},
    {DipKind::Grassroots, "grassroots", "基层病种"},
    {DipKind::Comprehensive, "comprehensive", "综合病种"},
    {DipKind::Ungrouped, "ungrouped", "空白病组"},
}};

constexpr const char* kAttributes[] = {"none", "diagnostic", "therapeutic", "interventional", "surgery"};

// Letter and two-digit number of an ICD-10 category as one comparable value (C50 → 'C'*100+50).
bool category_value(std::string_view code, int& value) {
    if (code.size() < 3 || !std::isupper(static_cast<unsigned char>(code[0]))
        || !std::isdigit(static_cast<unsigned char>(code[1]))
        || !std::isdigit(static_cast<unsigned char>(code[2])))
        return false;
    value = code[0] * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    return true;
}

bool well_formed_code_start(std::string_view s) {
    int v = 0;
    return category_value(s, v);
}

}  // namespace

const char* dip_kind_code(DipKind k) {
    return kKinds[static_cast<std::size_t>(k)].code;
}
const char* dip_kind_zh(DipKind k) {
    return kKinds[static_cast<std::size_t>(k)].zh;
}

bool parse_dip_kind(const std::string& text, DipKind& out) {
    for (const auto& k : kKinds)
        if (text == k.code || text == k.zh) {
            out = k.kind;
            return true;
        }
    // Common Chinese labels of city catalogs.
    if (text == "核心病种" || text == "核心")
        out = DipKind::LocalCore;
    else if (text == "综合病种" || text == "综合")
        out = DipKind::Comprehensive;
    else if (text == "基层病种" || text == "基层")
        out = DipKind::Grassroots;
    else if (text == "中医优势病种" || text == "中医")
        out = DipKind::Tcm;
    else if (text == "空白病组" || text == "保底组")
        out = DipKind::Ungrouped;
    else
        return false;
    return true;
}

DipLayer layer_of(DipKind k) {
    switch (k) {
        case DipKind::Pre:
            return DipLayer::Pre;
        case DipKind::Merge:
            return DipLayer::Merge;
        case DipKind::Burn:
            return DipLayer::Burn;
        case DipKind::Tumour:
            return DipLayer::Tumour;
        case DipKind::Tuberculosis:
            return DipLayer::Tuberculosis;
        case DipKind::Base:
            return DipLayer::Base;
        default:
            return DipLayer::Local;
    }
}

const char* dip_layer_code(DipLayer l) {
    constexpr const char* names[]
        = {"pre", "tcm", "merge", "burn", "tumour", "tuberculosis", "base", "local"};
    return names[static_cast<std::size_t>(l)];
}

const char* px_attribute_code(PxAttribute a) {
    return kAttributes[static_cast<std::size_t>(a)];
}

bool parse_px_attribute(const std::string& text, PxAttribute& out) {
    for (std::size_t i = 0; i < std::size(kAttributes); ++i)
        if (text == kAttributes[i]) {
            out = static_cast<PxAttribute>(i);
            return true;
        }
    if (text == "手术" || text == "相关手术")
        out = PxAttribute::Surgery;
    else if (text == "介入" || text == "介入治疗")
        out = PxAttribute::Interventional;
    else if (text == "治疗性操作")
        out = PxAttribute::Therapeutic;
    else if (text == "诊断性操作")
        out = PxAttribute::Diagnostic;
    else if (text == "内科" || text == "保守" || text == "内科诊疗" || text.empty())
        out = PxAttribute::None;
    else
        return false;
    return true;
}

bool parse_dx_spec(const std::string& raw, bool exact_codes, DxSpec& out, std::string& error) {
    std::string s;
    for (char ch : raw)
        if (!std::isspace(static_cast<unsigned char>(ch))) s.push_back(ch);
    out = DxSpec{};
    out.text = raw;
    if (s.empty() || s == "所有诊断" || s == "*") {
        out.kind = DxSpec::Kind::Any;
        return true;
    }
    if (exact_codes) {
        out.kind = DxSpec::Kind::Exact;
        out.key = s;
        return true;
    }
    if (auto dash = s.find('-'); dash != std::string::npos) {
        int lo = 0, hi = 0;
        auto a = s.substr(0, dash), b = s.substr(dash + 1);
        if (a.size() != 3 || b.size() != 3 || !category_value(a, lo) || !category_value(b, hi) || lo > hi) {
            error = "malformed diagnosis range '" + raw + "' (expected e.g. C00-C75)";
            return false;
        }
        out.kind = DxSpec::Kind::Range;
        out.lo = lo;
        out.hi = hi;
        return true;
    }
    if (!well_formed_code_start(s)) {
        error = "malformed diagnosis code '" + raw + "'";
        return false;
    }
    if (s.back() == '+') {  // dagger form such as M47.0+
        out.kind = DxSpec::Kind::Dagger;
        out.key = s.substr(0, s.size() - 1);
        return true;
    }
    // Category (K35) or subcategory with up to two decimals (K35.3, K35.80): prefix.
    bool prefix = s.size() == 3
                  || (s.size() >= 5 && s.size() <= 6 && s[3] == '.'
                      && std::all_of(s.begin() + 4, s.end(),
                                     [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }));
    out.kind = prefix ? DxSpec::Kind::Prefix : DxSpec::Kind::Exact;
    out.key = s;
    return true;
}

std::string dx_specs_text(const std::vector<DxSpec>& specs) {
    std::string out;
    for (const auto& s : specs) out += (out.empty() ? "" : "|") + s.text;
    return out;
}

std::string proc_set_text(const ProcSet& set) {
    std::string out;
    for (const auto& c : set.codes) out += (out.empty() ? "" : "+") + c;
    return out;
}

std::string proc_sets_text(const std::vector<ProcSet>& sets) {
    std::string out;
    for (const auto& set : sets) out += (out.empty() ? "" : "|") + proc_set_text(set);
    return out;
}

bool DxSpec::matches(std::string_view code) const {
    switch (kind) {
        case Kind::Any:
            return !code.empty();
        case Kind::Exact:
            return code == key;
        case Kind::Prefix:
            return code.substr(0, key.size()) == key;
        case Kind::Dagger:
            return code.substr(0, key.size()) == key && code.find('+') != std::string_view::npos;
        case Kind::Range: {
            int v = 0;
            return category_value(code, v) && v >= lo && v <= hi;
        }
    }
    return false;
}

void DxIndex::add(const DxSpec& spec, Channel channel, std::uint32_t id) {
    auto push = [id](std::vector<std::uint32_t>& ids) {
        if (ids.empty() || ids.back() != id) ids.push_back(id);
    };
    switch (spec.kind) {
        case DxSpec::Kind::Any:
            push(any[channel]);
            return;
        case DxSpec::Kind::Range:
            for (int letter = spec.lo / 100; letter <= spec.hi / 100; ++letter)
                if (letter >= 'A' && letter <= 'Z')
                    push(ranges[channel][static_cast<std::size_t>(letter - 'A')]);
            return;
        default: {
            auto& entry = building[spec.key];
            push(channel == Rules        ? entry.rules
                 : channel == Grassroots ? entry.grassroots
                                         : entry.comprehensive);
            if (spec.kind != DxSpec::Kind::Exact
                && std::find(prefix_lengths.begin(), prefix_lengths.end(), spec.key.size())
                       == prefix_lengths.end()) {
                prefix_lengths.push_back(spec.key.size());
                std::sort(prefix_lengths.begin(), prefix_lengths.end());
            }
        }
    }
}

void DxIndex::entries(std::string_view code, std::vector<const DxKeyEntry*>& out) const {
    out.push_back(by_key.find(code));
    for (auto len : prefix_lengths)
        if (len < code.size())
            if (const auto* p = by_key.find(code.substr(0, len))) out.push_back(p);
}

void DxIndex::candidates(std::string_view code, Channel channel, std::vector<std::uint32_t>& out) const {
    std::vector<const DxKeyEntry*> found;
    entries(code, found);
    for (const auto* e : found) {
        if (!e) continue;
        const auto& ids = channel == Rules        ? e->rules
                          : channel == Grassroots ? e->grassroots
                                                  : e->comprehensive;
        out.insert(out.end(), ids.begin(), ids.end());
    }
    if (!code.empty() && code[0] >= 'A' && code[0] <= 'Z') {
        const auto& ranged = ranges[channel][static_cast<std::size_t>(code[0] - 'A')];
        out.insert(out.end(), ranged.begin(), ranged.end());
    }
}

void DipCatalog::build_index() {
    index = IndexData{};
    std::unordered_map<std::string, PxKeyEntry, StringHash, std::equal_to<>> px;
    for (std::uint32_t r = 0; r < rules.size(); ++r) {
        const auto& rule = rules[r];
        if (!rule.px_any_position)
            for (const auto& set : rule.principal_px)
                for (const auto& code : set.codes) {
                    auto& ids = px[code].rules;
                    if (ids.empty() || ids.back() != r) ids.push_back(r);
                }
        if (rule.dx_any_position) {
            index.any_position_rules.push_back(r);
            continue;
        }
        if (rule.principal_dx.empty()) index.dx.any[DxIndex::Rules].push_back(r);
        for (const auto& spec : rule.principal_dx) index.dx.add(spec, DxIndex::Rules, r);
        if (rule.principal_dx.empty() || rule.principal_dx.front().kind == DxSpec::Kind::Any)
            for (const auto& set : rule.principal_px)
                for (const auto& code : set.codes) px[code].opens_any_rule = true;
    }
    for (std::uint32_t i = 0; i < grassroots.size(); ++i)
        index.dx.add(grassroots[i].dx, DxIndex::Grassroots, i);
    for (std::uint32_t i = 0; i < comprehensive.size(); ++i)
        index.dx.add(comprehensive[i].dx, DxIndex::Comprehensive, i);
    for (const auto& code : excluded_dx) index.dx.building[code].excluded = true;
    for (const auto& code : tb_resistant_dx) index.dx.building[code].tb_resistant = true;
    for (std::uint32_t i = 0; i < excluded_px.size(); ++i) {
        auto& entry = px[excluded_px[i].code];
        if (entry.excluded < 0) entry.excluded = static_cast<std::int32_t>(i);
    }
    for (const auto& [code, attribute] : px_attributes) {
        auto& entry = px[code];
        entry.has_attribute = true;
        entry.attribute = attribute;
    }
    index.dx.by_key = FrozenStringMap<DxKeyEntry>(std::move(index.dx.building));
    index.dx.building.clear();
    index.px = FrozenStringMap<PxKeyEntry>(std::move(px));
}

Index DipCatalog::find_group(std::string_view code) const {
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].code == code) return static_cast<Index>(i);
    return kNone;
}

}  // namespace dipdrg
