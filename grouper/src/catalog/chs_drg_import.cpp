#include "dipdrg/catalog/chs_drg_import.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "dipdrg/catalog/csv.hpp"

namespace fs = std::filesystem;

namespace dipdrg::catalog {
namespace {

using Sev = Diagnostic::Severity;

std::optional<int> parse_int(const std::string& s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto pos = s.find(sep, start);
        out.push_back(s.substr(start, pos - start));
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

// The vocabulary of entry and rule conditions, with the reference's Chinese labels.
struct MdcConditionDef {
    const char* name;
    std::uint32_t bit;
    const char* label;
};
constexpr MdcConditionDef kMdcConditions[] = {
    {"principal_px_in_or_list", kMdcPrincipalPxIsOr, "存在手术"},
    {"principal_dx_in_mdc_list", kMdcPrincipalDxOnList, "主诊断匹配"},
    {"age_years==0", kMdcAgeYearsZero, "婴儿"},
    {"dx_in_>=2_trauma_regions", kMdcTraumaRegions, "多诊断匹配"},
    {"male", kMdcMale, "男性"},
    {"female", kMdcFemale, "女性"},
};

struct AdrgConditionDef {
    const char* name;
    std::uint32_t bit;
};
constexpr AdrgConditionDef kAdrgConditions[] = {
    {"principal_dx", kPrincipalDx}, {"any_dx", kAnyDx},
    {"principal_px", kPrincipalPx}, {"any_px_list1", kAnyPxList1},
    {"any_px_list2", kAnyPxList2},  {"px_combination", kPxCombination},
    {"birth_weight", kBirthWeight}, {"principal_px_is_or", kPrincipalPxIsOr},
    {"no_or_px", kNoOrPx},          {"unconditional", kUnconditional},
};

class Importer {
public:
    explicit Importer(const CatalogSource& src) : src_(src) {}

    ImportResult run() {
        cat_ = std::make_shared<DrgCatalog>();
        cat_->manifest = src_.manifest;
        cat_->options = src_.options;
        load_dictionaries();
        load_mdcs();
        load_adrgs();
        load_drgs();
        load_adrg_lists();
        load_cc();
        load_translation();
        finish();
        ImportResult out;
        out.diagnostics = std::move(diags_);
        if (count_errors(out.diagnostics) == 0) out.catalog = std::move(cat_);
        return out;
    }

private:
    // A table resolved through the layers: the parent's rows, then this catalog's
    // replacement (name.csv), additions (name.add.csv) and removals (name.remove.csv).
    std::optional<CsvTable> table(const std::string& name, bool required) {
        auto t = layered(src_, name);
        if (!t && required) error("missing_table", src_.dir, "required table " + name + ".csv is missing");
        return t;
    }

    std::optional<CsvTable> layered(const CatalogSource& src, const std::string& name) {
        std::optional<CsvTable> t;
        if (!src.parent_dir.empty()) t = layered(read_catalog_source(src.parent_dir), name);
        fs::path dir(src.dir);
        if (fs::exists(dir / (name + ".csv"))) t = CsvTable::read((dir / (name + ".csv")).string());
        if (fs::exists(dir / (name + ".add.csv"))) {
            auto add = CsvTable::read((dir / (name + ".add.csv")).string());
            if (t)
                t->append_rows(add);
            else
                t = std::move(add);
        }
        if (t && fs::exists(dir / (name + ".remove.csv")))
            t->remove_rows(CsvTable::read((dir / (name + ".remove.csv")).string()));
        return t;
    }

    void error(std::string check, std::string where, std::string msg) {
        diags_.push_back({Sev::Error, std::move(check), std::move(where), std::move(msg)});
    }
    void warning(std::string check, std::string where, std::string msg) {
        diags_.push_back({Sev::Warning, std::move(check), std::move(where), std::move(msg)});
    }

    CodeId dx_id(const std::string& code, const CsvTable& t, std::size_t row) {
        CodeId id = cat_->dx_codes.intern(code);
        if (id >= dx_named_.size()) dx_named_.resize(id + 1, false);
        if (!dx_named_[id]
            && reported_.insert("dx:" + fs::path(t.path()).filename().string() + ":" + code).second)
            warning("unknown_code", t.where(row),
                    "diagnosis " + code + " is not in the diagnosis dictionary (icd10_dx)");
        return id;
    }
    CodeId px_id(const std::string& code, const CsvTable& t, std::size_t row) {
        CodeId id = cat_->px_codes.intern(code);
        if (id >= px_named_.size()) px_named_.resize(id + 1, false);
        if (!px_named_[id]
            && reported_.insert("px:" + fs::path(t.path()).filename().string() + ":" + code).second)
            warning("unknown_code", t.where(row),
                    "procedure " + code + " is not in the procedure dictionary (icd9cm3_px)");
        return id;
    }

    void load_dictionaries() {
        if (auto t = table("icd10_dx", true)) {
            auto c = t->column("code"), n = t->column("name_zh");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                auto before = cat_->dx_codes.size();
                CodeId id = cat_->dx_codes.intern(t->at(r, c));
                if (id < before) {
                    warning("duplicate_key", t->where(r),
                            "diagnosis " + t->at(r, c) + " listed twice; first name kept");
                    continue;
                }
                dx_named_.resize(id + 1, false);
                dx_named_[id] = true;
                cat_->dx_names.resize(id + 1);
                cat_->dx_names[id] = t->at(r, n);
            }
        }
        if (auto t = table("icd9cm3_px", true)) {
            auto c = t->column("code"), n = t->column("name_zh");
            std::optional<std::size_t> is_or;
            if (t->has_column("is_or")) is_or = t->column("is_or");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                auto before = cat_->px_codes.size();
                CodeId id = cat_->px_codes.intern(t->at(r, c));
                if (id < before) {
                    warning("duplicate_key", t->where(r),
                            "procedure " + t->at(r, c) + " listed twice; first name kept");
                    continue;
                }
                px_named_.resize(id + 1, false);
                px_named_[id] = true;
                cat_->px_names.resize(id + 1);
                cat_->px_names[id] = t->at(r, n);
                if (is_or && t->at(r, *is_or) == "1") dict_or_.insert(id);
            }
        }
        if (auto t = table("or_px", true)) {
            auto c = t->column("code");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                CodeId id = px_id(t->at(r, c), *t, r);
                if (!or_.insert(id).second)
                    warning("duplicate_key", t->where(r), "OR procedure " + t->at(r, c) + " listed twice");
            }
            for (CodeId id : dict_or_)
                if (!or_.count(id))
                    warning("inconsistent", "icd9cm3_px.csv",
                            "procedure " + cat_->px_codes.code(id) + " has is_or=1 but is not in or_px");
        }
    }

    void load_mdcs() {
        auto t = table("mdc", true);
        if (!t) return;
        auto cm = t->column("mdc"), cn = t->column("name_zh"), co = t->column("eval_order"),
             ce = t->column("entry_rule");
        std::vector<std::pair<int, std::size_t>> order;
        for (std::size_t r = 0; r < t->rows(); ++r) {
            auto o = parse_int(t->at(r, co));
            if (!o) {
                error("bad_value", t->where(r), "eval_order '" + t->at(r, co) + "' is not an integer");
                continue;
            }
            order.emplace_back(*o, r);
        }
        std::sort(order.begin(), order.end());
        for (auto [o, r] : order) {
            Mdc m;
            m.code = t->at(r, cm);
            m.name = t->at(r, cn);
            m.entry_rule = t->at(r, ce);
            if (m.code.size() != 4
                || m.code.rfind("MDC", 0) != 0) {  // QY groups are named by its 4th character
                error("bad_value", t->where(r),
                      "MDC code '" + m.code + "' is not MDC followed by one character");
                continue;
            }
            if (cat_->find_mdc(m.code) != kNone) {
                error("duplicate_key", t->where(r), "MDC " + m.code + " listed twice");
                continue;
            }
            for (const auto& part : split(m.entry_rule, '+')) {
                auto def = std::find_if(std::begin(kMdcConditions), std::end(kMdcConditions),
                                        [&](auto& d) { return part == d.name; });
                if (def == std::end(kMdcConditions)) {
                    error("bad_rule", t->where(r),
                          "MDC " + m.code + ": unknown entry condition '" + part + "'");
                    continue;
                }
                m.conditions |= def->bit;
                if (!m.entry_label.empty()) m.entry_label += "、";
                m.entry_label += def->label;
            }
            m.quiet_fallthrough
                = std::count(src_.quiet_fallthrough_mdcs.begin(), src_.quiet_fallthrough_mdcs.end(), m.code)
                  > 0;
            cat_->mdcs.push_back(std::move(m));
        }
        if (cat_->mdcs.size() > 32) error("too_many", t->path(), "at most 32 MDCs are supported");
        if (auto d = table("mdc_dx", true)) {
            auto cmdc = d->column("mdc"), ccode = d->column("code");
            std::optional<std::size_t> creg;
            if (d->has_column("trauma_region")) creg = d->column("trauma_region");
            for (std::size_t r = 0; r < d->rows(); ++r) {
                Index m = cat_->find_mdc(d->at(r, cmdc));
                if (m == kNone || m >= 32) {
                    error("unknown_mdc", d->where(r), "MDC " + d->at(r, cmdc) + " is not in mdc.csv");
                    continue;
                }
                CodeId id = dx_id(d->at(r, ccode), *d, r);
                ensure_dx(id);
                auto& info = cat_->dx[id];
                if ((info.mdc_mask >> m) & 1u)
                    warning("duplicate_key", d->where(r),
                            "diagnosis " + d->at(r, ccode) + " listed twice for " + d->at(r, cmdc));
                info.mdc_mask |= 1u << m;
                if (creg && !d->at(r, *creg).empty()) {
                    const auto& name = d->at(r, *creg);
                    auto it = std::find(cat_->trauma_regions.begin(), cat_->trauma_regions.end(), name);
                    if (it == cat_->trauma_regions.end()) {
                        cat_->trauma_regions.push_back(name);
                        it = cat_->trauma_regions.end() - 1;
                    }
                    info.trauma_region = static_cast<std::int16_t>(it - cat_->trauma_regions.begin());
                }
            }
        }
    }

    void load_adrgs() {
        auto t = table("adrg", true);
        if (!t) return;
        auto ca = t->column("adrg"), cm = t->column("mdc"), co = t->column("order_in_mdc"),
             cs = t->column("section"), cn = t->column("name_zh"), ck = t->column("rule_kind"),
             cc = t->column("px_combo_rule"), cmin = t->column("birth_weight_min_g"),
             cmax = t->column("birth_weight_max_g_excl"), cage = t->column("max_age_days"),
             cl = t->column("rule_label_zh"), cd = t->column("drgs");
        std::vector<std::tuple<Index, int, std::size_t>> order;
        for (std::size_t r = 0; r < t->rows(); ++r) {
            Adrg a;
            a.code = t->at(r, ca);
            a.name = t->at(r, cn);
            a.mdc = cat_->find_mdc(t->at(r, cm));
            a.surgical = t->at(r, cs) == "procedure";
            a.rule_kind = t->at(r, ck);
            a.rule_label = t->at(r, cl);
            a.combo_rule = t->at(r, cc);
            if (a.mdc == kNone) {
                error("unknown_mdc", t->where(r),
                      "ADRG " + a.code + " names MDC '" + t->at(r, cm) + "', which is not in mdc.csv");
                continue;
            }
            if (t->at(r, cs) != "procedure" && t->at(r, cs) != "medical")
                error("bad_value", t->where(r), "ADRG " + a.code + ": section must be procedure or medical");
            if (cat_->find_adrg(a.code) != kNone) {
                error("duplicate_key", t->where(r), "ADRG " + a.code + " listed twice");
                continue;
            }
            for (const auto& part : split(a.rule_kind, '+')) {
                if (part.rfind("age_days<=", 0) == 0) {
                    a.conditions |= kAgeDaysMax;
                    auto v = parse_int(part.substr(10));
                    if (!v)
                        error("bad_rule", t->where(r), "ADRG " + a.code + ": bad age limit '" + part + "'");
                    a.max_age_days = v.value_or(0);
                    continue;
                }
                auto def = std::find_if(std::begin(kAdrgConditions), std::end(kAdrgConditions),
                                        [&](auto& d) { return part == d.name; });
                if (def == std::end(kAdrgConditions)) {
                    error("bad_rule", t->where(r),
                          "ADRG " + a.code + ": unknown rule condition '" + part + "'");
                    continue;
                }
                a.conditions |= def->bit;
            }
            if (a.conditions & kPxCombination) {
                try {
                    a.combo_truth = compile_combo_rule(a.combo_rule);
                } catch (const std::invalid_argument& e) {
                    error("bad_rule", t->where(r), "ADRG " + a.code + ": " + e.what());
                }
            }
            auto bound = [&](std::size_t col, const char* what) {
                if (t->at(r, col).empty()) return Adrg::kNoLimit;
                auto v = parse_int(t->at(r, col));
                if (!v)
                    error("bad_value", t->where(r), "ADRG " + a.code + ": " + what + " is not an integer");
                return v.value_or(Adrg::kNoLimit);
            };
            a.birth_weight_min_g = bound(cmin, "birth_weight_min_g");
            a.birth_weight_max_g = bound(cmax, "birth_weight_max_g_excl");
            if (!(a.conditions & kAgeDaysMax) && !t->at(r, cage).empty())
                a.max_age_days = bound(cage, "max_age_days");
            auto o = parse_int(t->at(r, co));
            if (!o) error("bad_value", t->where(r), "ADRG " + a.code + ": order_in_mdc is not an integer");
            order.emplace_back(a.mdc, o.value_or(0), cat_->adrgs.size());
            adrg_drg_lists_.push_back(
                {t->where(r), t->at(r, cd).empty() ? std::vector<std::string>{} : split(t->at(r, cd), '|')});
            cat_->adrgs.push_back(std::move(a));
        }
        std::sort(order.begin(), order.end());
        for (auto [m, o, a] : order) {
            auto& list = cat_->mdcs[static_cast<std::size_t>(m)].adrgs;
            list.push_back(static_cast<Index>(a));
        }
        for (const auto& m : cat_->mdcs) {
            bool medical_seen = false;
            for (Index a : m.adrgs) {
                const auto& adrg = cat_->adrgs[static_cast<std::size_t>(a)];
                if (adrg.surgical && medical_seen)
                    warning("section_order", adrg.code,
                            "surgical ADRG " + adrg.code + " follows a medical ADRG in " + m.code);
                medical_seen |= !adrg.surgical;
            }
        }
    }

    void load_drgs() {
        auto t = table("drg", true);
        if (!t) return;
        auto cd = t->column("drg"), cn = t->column("name_zh"), ca = t->column("adrg"), cm = t->column("mdc"),
             co = t->column("order_in_adrg"), cs = t->column("split_rule");
        std::vector<std::tuple<Index, int, std::size_t>> order;
        for (std::size_t r = 0; r < t->rows(); ++r) {
            Drg d;
            d.code = t->at(r, cd);
            d.name = t->at(r, cn);
            d.adrg = cat_->find_adrg(t->at(r, ca));
            if (d.adrg == kNone) {
                error("orphan_drg", t->where(r),
                      "DRG " + d.code + " belongs to ADRG '" + t->at(r, ca) + "', which is not in adrg.csv");
                continue;
            }
            const auto& adrg = cat_->adrgs[static_cast<std::size_t>(d.adrg)];
            if (cat_->mdcs[static_cast<std::size_t>(adrg.mdc)].code != t->at(r, cm))
                error("orphan_drg", t->where(r),
                      "DRG " + d.code + " names MDC " + t->at(r, cm) + " but its ADRG " + adrg.code
                          + " is in " + cat_->mdcs[static_cast<std::size_t>(adrg.mdc)].code);
            const auto& rule = t->at(r, cs);
            if (rule == "secondary_dx_has_mcc")
                d.split = SplitRule::Mcc;
            else if (rule == "secondary_dx_has_mcc_or_cc")
                d.split = SplitRule::MccOrCc;
            else if (rule == "otherwise")
                d.split = SplitRule::Otherwise;
            else
                error("bad_rule", t->where(r), "DRG " + d.code + ": unknown split rule '" + rule + "'");
            if (cat_->find_drg(d.code) != kNone) {
                error("duplicate_key", t->where(r), "DRG " + d.code + " listed twice");
                continue;
            }
            auto o = parse_int(t->at(r, co));
            if (!o) error("bad_value", t->where(r), "DRG " + d.code + ": order_in_adrg is not an integer");
            order.emplace_back(d.adrg, o.value_or(0), cat_->drgs.size());
            cat_->drgs.push_back(std::move(d));
        }
        std::sort(order.begin(), order.end());
        for (auto [a, o, d] : order)
            cat_->adrgs[static_cast<std::size_t>(a)].drgs.push_back(static_cast<Index>(d));
        for (std::size_t a = 0; a < cat_->adrgs.size(); ++a) {
            auto& adrg = cat_->adrgs[a];
            std::vector<std::string> codes;
            for (Index d : adrg.drgs) codes.push_back(cat_->drgs[static_cast<std::size_t>(d)].code);
            const auto& [where, listed] = adrg_drg_lists_[a];
            if (!listed.empty() && listed != codes)
                error("inconsistent", where,
                      "ADRG " + adrg.code + ": drgs column disagrees with drg.csv order");
        }
    }

    void load_adrg_lists() {
        std::vector<std::pair<CodeId, Index>> dx_pairs;
        if (auto t = table("adrg_dx", true)) {
            auto ca = t->column("adrg"), cc = t->column("code");
            std::set<std::pair<Index, CodeId>> seen;
            for (std::size_t r = 0; r < t->rows(); ++r) {
                Index a = adrg_index(t->at(r, ca));
                if (a == kNone) {
                    error("unknown_adrg", t->where(r), "ADRG " + t->at(r, ca) + " is not in adrg.csv");
                    continue;
                }
                CodeId id = dx_id(t->at(r, cc), *t, r);
                if (!seen.insert({a, id}).second) {
                    warning("duplicate_key", t->where(r),
                            "diagnosis " + t->at(r, cc) + " listed twice for " + t->at(r, ca));
                    continue;
                }
                dx_pairs.emplace_back(id, a);
            }
        }
        if (cat_->dx_codes.size() > 0) ensure_dx(static_cast<CodeId>(cat_->dx_codes.size()) - 1);
        std::stable_sort(dx_pairs.begin(), dx_pairs.end(),
                         [](auto& x, auto& y) { return x.first < y.first; });
        for (auto& [id, a] : dx_pairs) adrg_dx_[id].push_back(a);

        if (auto t = table("adrg_px", true)) {
            auto ca = t->column("adrg"), cc = t->column("code"), cl = t->column("list"),
                 cg = t->column("combo_group");
            std::set<std::tuple<Index, CodeId, int>> seen;
            for (std::size_t r = 0; r < t->rows(); ++r) {
                Index a = adrg_index(t->at(r, ca));
                if (a == kNone) {
                    error("unknown_adrg", t->where(r), "ADRG " + t->at(r, ca) + " is not in adrg.csv");
                    continue;
                }
                auto list = parse_int(t->at(r, cl));
                if (!list || (*list != 1 && *list != 2)) {
                    error("bad_value", t->where(r), "procedure list must be 1 or 2");
                    continue;
                }
                int group = 0;
                if (!t->at(r, cg).empty()) {
                    auto g = parse_int(t->at(r, cg));
                    if (!g || *g < 1 || *g > 8) {
                        error("bad_value", t->where(r), "combo_group must be 1..8");
                        continue;
                    }
                    group = *g;
                }
                CodeId id = px_id(t->at(r, cc), *t, r);
                if (!seen.insert({a, id, *list}).second) {
                    warning("duplicate_key", t->where(r),
                            "procedure " + t->at(r, cc) + " listed twice for " + t->at(r, ca));
                    continue;
                }
                if (px_refs_.size() <= id) px_refs_.resize(id + 1);
                px_refs_[id].push_back(
                    PxRef{a, static_cast<std::uint8_t>(*list), static_cast<std::uint8_t>(group)});
            }
        }
    }

    void load_cc() {
        if (auto t = table("cc_mcc", true)) {
            auto cc = t->column("code"), cl = t->column("level"), ct = t->column("exclusion_table");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                CodeId id = dx_id(t->at(r, cc), *t, r);
                ensure_dx(id);
                auto& info = cat_->dx[id];
                CcLevel level = t->at(r, cl) == "MCC"  ? CcLevel::Mcc
                                : t->at(r, cl) == "CC" ? CcLevel::Cc
                                                       : CcLevel::None;
                if (level == CcLevel::None) {
                    error("bad_value", t->where(r), "level must be CC or MCC");
                    continue;
                }
                if (info.cc_level != CcLevel::None) {
                    error("duplicate_key", t->where(r),
                          "diagnosis " + t->at(r, cc) + " is listed twice in cc_mcc");
                    continue;
                }
                auto table_id = parse_int(t->at(r, ct));
                info.cc_level = level;
                info.cc_table = static_cast<std::int16_t>(table_id.value_or(-1));
            }
        }
        if (auto t = table("cc_exclusion", true)) {
            auto cp = t->column("principal_dx"), ct = t->column("exclusion_table");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                CodeId id = dx_id(t->at(r, cp), *t, r);
                ensure_dx(id);
                auto table_id = parse_int(t->at(r, ct));
                if (!table_id) {
                    error("bad_value", t->where(r), "exclusion_table is not an integer");
                    continue;
                }
                auto& info = cat_->dx[id];
                if (info.principal_table >= 0 && info.principal_table != *table_id)
                    error("duplicate_key", t->where(r),
                          "principal diagnosis " + t->at(r, cp) + " has two exclusion tables");
                info.principal_table = static_cast<std::int16_t>(*table_id);
            }
        }
    }

    void load_translation() {
        auto read = [&](const char* name, std::vector<std::pair<std::string, std::string>>& out) {
            auto t = table(name, false);
            if (!t) return;
            auto ci = t->column("input_code"), cg = t->column("grouper_code");
            for (std::size_t r = 0; r < t->rows(); ++r) out.emplace_back(t->at(r, ci), t->at(r, cg));
        };
        read("dx_map", cat_->dx_translation);
        read("px_map", cat_->px_translation);
    }

    Index adrg_index(const std::string& code) {
        if (adrg_index_.empty())
            for (std::size_t a = 0; a < cat_->adrgs.size(); ++a)
                adrg_index_.emplace(cat_->adrgs[a].code, static_cast<Index>(a));
        auto it = adrg_index_.find(code);
        return it == adrg_index_.end() ? kNone : it->second;
    }

    void ensure_dx(CodeId id) {
        if (cat_->dx.size() <= id) cat_->dx.resize(id + 1);
        if (adrg_dx_.size() <= id) adrg_dx_.resize(id + 1);
    }

    void finish() {
        auto n_dx = cat_->dx_codes.size(), n_px = cat_->px_codes.size();
        cat_->dx.resize(n_dx);
        cat_->dx_names.resize(n_dx);
        adrg_dx_.resize(n_dx);
        dx_named_.resize(n_dx, false);
        for (CodeId id = 0; id < n_dx; ++id) {
            auto& info = cat_->dx[id];
            info.named = dx_named_[id] && !cat_->dx_names[id].empty();
            info.adrg_begin = static_cast<std::uint32_t>(cat_->dx_adrgs.size());
            cat_->dx_adrgs.insert(cat_->dx_adrgs.end(), adrg_dx_[id].begin(), adrg_dx_[id].end());
            info.adrg_end = static_cast<std::uint32_t>(cat_->dx_adrgs.size());
        }
        cat_->px.resize(n_px);
        cat_->px_names.resize(n_px);
        px_refs_.resize(n_px);
        px_named_.resize(n_px, false);
        for (CodeId id = 0; id < n_px; ++id) {
            auto& info = cat_->px[id];
            info.is_or = or_.count(id) > 0;
            info.named = px_named_[id] && !cat_->px_names[id].empty();
            info.ref_begin = static_cast<std::uint32_t>(cat_->px_refs.size());
            cat_->px_refs.insert(cat_->px_refs.end(), px_refs_[id].begin(), px_refs_[id].end());
            info.ref_end = static_cast<std::uint32_t>(cat_->px_refs.size());
        }
    }

    const CatalogSource& src_;
    std::shared_ptr<DrgCatalog> cat_;
    Diagnostics diags_;
    std::vector<bool> dx_named_, px_named_;
    std::set<CodeId> or_, dict_or_;
    std::set<std::string> reported_;
    std::vector<std::pair<std::string, std::vector<std::string>>> adrg_drg_lists_;
    std::vector<std::vector<Index>> adrg_dx_;
    std::vector<std::vector<PxRef>> px_refs_;
    std::unordered_map<std::string, Index> adrg_index_;
};

}  // namespace

ImportResult import_chs_drg(const CatalogSource& src) {
    return Importer(src).run();
}

}  // namespace dipdrg::catalog
