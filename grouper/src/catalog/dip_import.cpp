#include "dipdrg/catalog/dip_import.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "dipdrg/catalog/csv.hpp"
#include "dipdrg/catalog/json_text.hpp"

namespace fs = std::filesystem;
namespace pt = boost::property_tree;

namespace dipdrg::catalog {
namespace {

using Sev = Diagnostic::Severity;

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(trim(cur));
    if (!s.empty() && s.back() == sep) out.push_back("");
    return out;
}

std::optional<double> parse_number(const std::string& s) {
    auto t = trim(s);
    if (t.empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        double v = std::stod(t, &used);
        if (used != t.size()) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

class DipImporter {
public:
    explicit DipImporter(const CatalogSource& src) : src_(src) {}

    DipImportResult run() {
        cat_ = std::make_shared<DipCatalog>();
        cat_->manifest = src_.manifest;
        cat_->policy = src_.dip_policy;
        if (is_dip_national_layout(src_.dir))
            import_national();
        else
            import_own();
        check_duplicates();
        cat_->build_index();
        DipImportResult out;
        out.diagnostics = std::move(diags_);
        if (count_errors(out.diagnostics) == 0) out.catalog = std::move(cat_);
        return out;
    }

private:
    void error(std::string check, std::string where, std::string msg) {
        diags_.push_back({Sev::Error, std::move(check), std::move(where), std::move(msg)});
    }
    void warning(std::string check, std::string where, std::string msg) {
        diags_.push_back({Sev::Warning, std::move(check), std::move(where), std::move(msg)});
    }

    std::optional<CsvTable> table(const std::string& name, bool required) {
        fs::path path = fs::path(src_.dir) / (name + ".csv");
        if (!fs::exists(path)) {
            if (required) error("missing_table", src_.dir, "required table " + name + ".csv is missing");
            return std::nullopt;
        }
        return CsvTable::read(path.string());
    }

    std::vector<DxSpec> dx_specs(const std::string& text, const std::string& where, bool exact = false) {
        std::vector<DxSpec> out;
        if (trim(text).empty()) return out;
        for (const auto& part : split(text, '|')) {
            if (part.empty()) continue;
            DxSpec spec;
            std::string err;
            if (!parse_dx_spec(part, exact, spec, err)) {
                error("bad_range", where, err);
                continue;
            }
            out.push_back(std::move(spec));
        }
        return out;
    }

    std::vector<ProcSet> proc_sets(const std::string& text, const std::string& where) {
        std::vector<ProcSet> out;
        if (trim(text).empty()) return out;
        for (const auto& alt : split(text, '|')) {
            if (alt.empty()) {
                warning("empty_alternative", where, "empty procedure alternative in '" + text + "'");
                continue;
            }
            ProcSet set;
            for (const auto& code : split(alt, '+')) {
                if (code.empty())
                    error("bad_procedure", where, "malformed all-of procedure '" + alt + "'");
                else
                    set.codes.push_back(code);
            }
            out.push_back(std::move(set));
        }
        return out;
    }

    Index add_group(DipGroup g) {
        cat_->groups.push_back(std::move(g));
        return static_cast<Index>(cat_->groups.size() - 1);
    }

    // National: group names are composed from the diagnosis and procedure names.
    static std::string compose_name(const std::string& dx_name, const std::string& px_names) {
        if (trim(px_names).empty()) return dx_name + "：保守治疗";
        auto names = split(px_names, '|');
        std::string out = dx_name + "：";
        for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? "/" : "") + names[i];
        if (names.size() > 3) out += "等";
        return out;
    }

    void national_rules(const std::string& file, DipKind kind) {
        auto t = table(file, true);
        if (!t) return;
        auto col = [&](const char* name) {
            return t->has_column(name) ? std::optional<std::size_t>(t->column(name)) : std::nullopt;
        };
        auto get
            = [&](std::size_t r, std::optional<std::size_t> c) { return c ? t->at(r, *c) : std::string(); };
        auto c_cat = col("category"), c_seq = col("seq"), c_dx = col("principal_dx"),
             c_dxn = col("principal_dx_name"), c_px = col("principal_px"), c_pxn = col("principal_px_name"),
             c_rel = col("related_px"), c_sec = col("secondary_dx"), c_expr = col("procedure_expression"),
             c_exprn = col("procedure_name"), c_name = col("group_name"), c_age = col("age_condition"),
             c_bw = col("birth_weight_condition"), c_note = col("note"), c_res = col("drug_resistant"),
             c_sheet = col("source_sheet"), c_row = col("source_row"), c_area = col("burn_area"),
             c_deg = col("burn_degree"), c_secn = col("secondary_dx_name");
        for (std::size_t r = 0; r < t->rows(); ++r) {
            std::string where = t->where(r);
            DipGroup g;
            g.code = get(r, c_cat) + "-" + get(r, c_seq);
            g.kind = kind;
            g.source = get(r, c_sheet) + (c_row ? "#" + get(r, c_row) : "");
            std::string px_names = c_expr ? get(r, c_exprn) : get(r, c_pxn);
            if (c_name && !get(r, c_name).empty())
                g.name = get(r, c_name);
            else if (kind == DipKind::Burn)
                g.name = get(r, c_deg) + " " + get(r, c_area) + "："
                         + (px_names.empty() ? "保守治疗" : compose_name("", px_names).substr(3));
            else if (kind == DipKind::Tumour)
                g.name = get(r, c_dxn) + "（" + get(r, c_secn) + "）：" + px_names;
            else
                g.name = compose_name(get(r, c_dxn), px_names);
            if (kind == DipKind::Tuberculosis) g.name += get(r, c_res) == "是" ? "（耐药）" : "（非耐药）";

            DipRule rule;
            rule.layer = layer_of(kind);
            rule.source = g.source;
            rule.principal_dx = dx_specs(get(r, c_dx), where);
            rule.secondary_dx = dx_specs(get(r, c_sec), where);
            if (c_expr) {  // tumour therapy combinations: all codes among all procedures
                rule.principal_px = proc_sets(get(r, c_expr), where);
                rule.px_any_position = true;
            } else {
                rule.principal_px = proc_sets(get(r, c_px), where);
            }
            rule.related_px = proc_sets(get(r, c_rel), where);
            std::string note = get(r, c_note);
            if (note.find("不限定为主要手术操作") != std::string::npos) rule.px_any_position = true;
            if (note.find("不限定为主要诊断") != std::string::npos) rule.dx_any_position = true;
            if (auto age = get(r, c_age); !age.empty()) {
                std::smatch m;
                static const std::regex re(R"((<|≤|<=)\s*(\d+)\s*天)");
                if (std::regex_search(age, m, re))
                    rule.max_age_days = std::stoi(m[2]) - (m[1] == "<" ? 1 : 0);
                else
                    error("bad_value", where, "unreadable age condition '" + age + "'");
            }
            if (auto bw = get(r, c_bw); !bw.empty()) {
                std::smatch m;
                static const std::regex re(R"((\d+)\s*-\s*(\d+)\s*克)");
                if (std::regex_search(bw, m, re)) {
                    rule.min_weight_g = std::stoi(m[1]);
                    rule.max_weight_g = std::stoi(m[2]);
                } else {
                    error("bad_value", where, "unreadable birth-weight condition '" + bw + "'");
                }
            }
            if (c_res) rule.drug_resistant = get(r, c_res) == "是" ? 1 : get(r, c_res) == "否" ? 0 : -1;
            rule.group = add_group(std::move(g));
            cat_->rules.push_back(std::move(rule));
        }
    }

    void import_national() {
        national_rules("pre_groups", DipKind::Pre);
        national_rules("merge_groups", DipKind::Merge);
        national_rules("burn_groups", DipKind::Burn);
        national_rules("tumour_groups", DipKind::Tumour);
        national_rules("tb_groups", DipKind::Tuberculosis);
        national_rules("base_groups", DipKind::Base);
        if (auto t = table("excluded_dx", true))
            for (std::size_t r = 0; r < t->rows(); ++r)
                cat_->excluded_dx.push_back(trim(t->at(r, t->column("code"))));
        if (auto t = table("excluded_px", true)) {
            auto cc = t->column("code"), cn = t->column("note");
            static const std::regex allowed(R"(^([\s\S]*?)作为主要诊断，可作为主要手术操作)");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                ExcludedPx ex;
                ex.code = trim(t->at(r, cc));
                const auto& note = t->at(r, cn);
                ex.adjunct = note.find("不可作为主要手术操作") != std::string::npos;
                std::smatch m;
                if (std::regex_search(note, m, allowed)) {
                    std::string list;
                    for (char ch : std::string(m[1]))
                        if (ch != '\n' && ch != '\r' && ch != ' ') list.push_back(ch);
                    ex.allowed_dx = dx_specs(list, t->where(r));
                    ex.adjunct = false;
                }
                cat_->excluded_px.push_back(std::move(ex));
            }
        }
        if (auto t = table("grassroots_groups", false)) {
            for (std::size_t r = 0; r < t->rows(); ++r) {
                GrassrootsRule g;
                auto specs = dx_specs(t->at(r, t->column("principal_dx")), t->where(r));
                if (specs.size() != 1) {
                    error("bad_range", t->where(r), "grass-roots row needs exactly one diagnosis");
                    continue;
                }
                g.dx = specs.front();
                g.principal_px = proc_sets(t->at(r, t->column("principal_px")), t->where(r));
                g.source = t->at(r, t->column("source_sheet")) + "#" + t->at(r, t->column("source_row"));
                cat_->grassroots.push_back(std::move(g));
            }
        }
        if (auto t = table("tb_resistant_dx", false))
            for (std::size_t r = 0; r < t->rows(); ++r)
                cat_->tb_resistant_dx.push_back(trim(t->at(r, t->column("code"))));
    }

    void import_own() {
        auto groups = table("groups", true);
        if (!groups) return;
        auto col = [](const CsvTable& t, const char* name) {
            return t.has_column(name) ? std::optional<std::size_t>(t.column(name)) : std::nullopt;
        };
        auto get = [](const CsvTable& t, std::size_t r, std::optional<std::size_t> c) {
            return c ? t.at(r, *c) : std::string();
        };
        {
            const auto& t = *groups;
            auto cc = t.column("code"), cn = t.column("name"), ck = t.column("kind");
            auto cs = col(t, "score"), ca = col(t, "avg_cost"), c1 = col(t, "avg_cost_l1"),
                 c2 = col(t, "avg_cost_l2"), c3 = col(t, "avg_cost_l3"), cl = col(t, "avg_los"),
                 cl1 = col(t, "avg_los_l1"), cl2 = col(t, "avg_los_l2"), cl3 = col(t, "avg_los_l3"),
                 cg = col(t, "grassroots"), csrc = col(t, "source");
            for (std::size_t r = 0; r < t.rows(); ++r) {
                DipGroup g;
                g.code = trim(t.at(r, cc));
                g.name = t.at(r, cn);
                if (!parse_dip_kind(trim(t.at(r, ck)), g.kind)) {
                    error("bad_value", t.where(r), "unknown group kind '" + t.at(r, ck) + "'");
                    continue;
                }
                auto number = [&](std::optional<std::size_t> c, const char* what) {
                    auto text = get(t, r, c);
                    if (trim(text).empty()) return kUnknownValue;
                    auto v = parse_number(text);
                    if (!v)
                        error("bad_value", t.where(r), std::string(what) + " '" + text + "' is not a number");
                    return v.value_or(kUnknownValue);
                };
                g.score = number(cs, "score");
                g.avg_cost = {number(ca, "avg_cost"), number(c1, "avg_cost_l1"), number(c2, "avg_cost_l2"),
                              number(c3, "avg_cost_l3")};
                g.avg_los = {number(cl, "avg_los"), number(cl1, "avg_los_l1"), number(cl2, "avg_los_l2"),
                             number(cl3, "avg_los_l3")};
                auto gr = trim(get(t, r, cg));
                g.grassroots = gr == "1" || gr == "true" || gr == "是" || g.kind == DipKind::Grassroots;
                g.source = csrc ? get(t, r, csrc) : t.where(r);
                if (g.kind == DipKind::Ungrouped) {
                    if (cat_->ungrouped_group != kNone)
                        error("duplicate_key", t.where(r), "more than one ungrouped fall-back group");
                    cat_->ungrouped_group = static_cast<Index>(cat_->groups.size());
                }
                cat_->groups.push_back(std::move(g));
            }
        }
        std::unordered_map<std::string, Index> by_code;
        for (std::size_t i = 0; i < cat_->groups.size(); ++i)
            by_code.emplace(cat_->groups[i].code, static_cast<Index>(i));
        auto group_of = [&](const std::string& code, const std::string& where) {
            auto it = by_code.find(trim(code));
            if (it == by_code.end()) {
                error("unknown_group", where, "group '" + code + "' is not in groups.csv");
                return kNone;
            }
            return it->second;
        };
        if (auto t = table("rules", true)) {
            auto cg = t->column("group"), cd = t->column("principal_dx");
            auto cda = col(*t, "dx_any_position"), cs = col(*t, "secondary_dx"), cp = col(*t, "principal_px"),
                 cpa = col(*t, "px_any_position"), cr = col(*t, "related_px"), cage = col(*t, "max_age_days"),
                 cwmin = col(*t, "min_weight_g"), cwmax = col(*t, "max_weight_g"),
                 cres = col(*t, "drug_resistant"), ctt = col(*t, "treatment_type"), csrc = col(*t, "source");
            auto flag = [](const std::string& v) {
                auto x = trim(v);
                return x == "1" || x == "true" || x == "是";
            };
            for (std::size_t r = 0; r < t->rows(); ++r) {
                auto where = t->where(r);
                DipRule rule;
                rule.group = group_of(t->at(r, cg), where);
                if (rule.group == kNone) continue;
                const auto kind = cat_->groups[static_cast<std::size_t>(rule.group)].kind;
                if (kind == DipKind::Comprehensive || kind == DipKind::Ungrouped) {
                    error("bad_rule", where,
                          "comprehensive and ungrouped groups are reached through comprehensive.csv / the "
                          "fall-back, not rules.csv");
                    continue;
                }
                rule.layer = layer_of(kind);
                rule.principal_dx = dx_specs(t->at(r, cd), where);
                rule.dx_any_position = flag(get(*t, r, cda));
                rule.secondary_dx = dx_specs(get(*t, r, cs), where);
                rule.principal_px = proc_sets(get(*t, r, cp), where);
                rule.px_any_position = flag(get(*t, r, cpa));
                rule.related_px = proc_sets(get(*t, r, cr), where);
                auto int_or = [&](std::optional<std::size_t> c, const char* what) {
                    auto text = trim(get(*t, r, c));
                    if (text.empty()) return -1;
                    auto v = parse_number(text);
                    if (!v || *v < 0 || *v != std::floor(*v)) {
                        error("bad_value", where,
                              std::string(what) + " '" + text + "' is not a non-negative integer");
                        return -1;
                    }
                    return static_cast<int>(*v);
                };
                rule.max_age_days = int_or(cage, "max_age_days");
                rule.min_weight_g = int_or(cwmin, "min_weight_g");
                rule.max_weight_g = int_or(cwmax, "max_weight_g");
                auto res = trim(get(*t, r, cres));
                rule.drug_resistant = res.empty() ? -1 : flag(res) ? 1 : 0;
                rule.treatment_type = trim(get(*t, r, ctt));
                rule.source = csrc && !get(*t, r, csrc).empty() ? get(*t, r, csrc) : where;
                cat_->rules.push_back(std::move(rule));
            }
        }
        if (auto t = table("excluded_dx", false))
            for (std::size_t r = 0; r < t->rows(); ++r)
                cat_->excluded_dx.push_back(trim(t->at(r, t->column("code"))));
        if (auto t = table("excluded_px", false)) {
            auto ca = col(*t, "adjunct"), cal = col(*t, "allowed_dx");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                ExcludedPx ex;
                ex.code = trim(t->at(r, t->column("code")));
                auto a = trim(get(*t, r, ca));
                ex.adjunct = a == "1" || a == "true";
                ex.allowed_dx = dx_specs(get(*t, r, cal), t->where(r));
                cat_->excluded_px.push_back(std::move(ex));
            }
        }
        if (auto t = table("px_attributes", false)) {
            auto cc = t->column("code"), ca = t->column("attribute");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                PxAttribute a;
                if (!parse_px_attribute(trim(t->at(r, ca)), a)) {
                    error("bad_value", t->where(r), "unknown procedure attribute '" + t->at(r, ca) + "'");
                    continue;
                }
                cat_->px_attributes.emplace_back(trim(t->at(r, cc)), a);
            }
        }
        if (auto t = table("comprehensive", false)) {
            auto cg = t->column("group"), cd = t->column("dx"), ca = t->column("attribute");
            for (std::size_t r = 0; r < t->rows(); ++r) {
                ComprehensiveRule row;
                row.group = group_of(t->at(r, cg), t->where(r));
                auto specs = dx_specs(t->at(r, cd), t->where(r));
                if (row.group == kNone) continue;
                if (specs.size() != 1) {
                    error("bad_range", t->where(r),
                          "a comprehensive row needs exactly one diagnosis specification");
                    continue;
                }
                if (cat_->groups[static_cast<std::size_t>(row.group)].kind != DipKind::Comprehensive)
                    warning("kind_mismatch", t->where(r),
                            "group " + t->at(r, cg) + " is not of kind comprehensive");
                row.dx = specs.front();
                if (!parse_px_attribute(trim(t->at(r, ca)), row.attribute)) {
                    error("bad_value", t->where(r), "unknown procedure attribute '" + t->at(r, ca) + "'");
                    continue;
                }
                cat_->comprehensive.push_back(std::move(row));
            }
        }
        if (auto t = table("grassroots", false)) {
            for (std::size_t r = 0; r < t->rows(); ++r) {
                auto specs = dx_specs(t->at(r, t->column("principal_dx")), t->where(r));
                if (specs.size() != 1) {
                    error("bad_range", t->where(r),
                          "a grass-roots row needs exactly one diagnosis specification");
                    continue;
                }
                GrassrootsRule g;
                g.dx = specs.front();
                g.principal_px = proc_sets(get(*t, r, col(*t, "principal_px")), t->where(r));
                g.source = t->where(r);
                cat_->grassroots.push_back(std::move(g));
            }
        }
        if (auto t = table("tb_resistant_dx", false))
            for (std::size_t r = 0; r < t->rows(); ++r)
                cat_->tb_resistant_dx.push_back(trim(t->at(r, t->column("code"))));
        if (auto t = table("aux", false)) {
            for (std::size_t r = 0; r < t->rows(); ++r) {
                auto where = t->where(r);
                AuxRule a;
                auto kind = trim(t->at(r, t->column("kind")));
                if (kind == "age_days")
                    a.kind = AuxRule::Kind::AgeDays;
                else if (kind == "age_years")
                    a.kind = AuxRule::Kind::AgeYears;
                else if (kind == "discharge_mode")
                    a.kind = AuxRule::Kind::DischargeMode;
                else if (kind == "secondary_dx")
                    a.kind = AuxRule::Kind::SecondaryDx;
                else if (kind == "cci_band")
                    a.kind = AuxRule::Kind::CciBand;
                else if (kind == "cci_weight")
                    a.kind = AuxRule::Kind::CciWeight;
                else {
                    error("bad_value", where, "unknown auxiliary kind '" + kind + "'");
                    continue;
                }
                a.catalog = get(*t, r, col(*t, "catalog"));
                a.group = trim(get(*t, r, col(*t, "group")));
                a.lo = parse_number(get(*t, r, col(*t, "lo"))).value_or(kUnknownValue);
                a.hi = parse_number(get(*t, r, col(*t, "hi"))).value_or(kUnknownValue);
                a.code = trim(get(*t, r, col(*t, "code")));
                a.dx = dx_specs(get(*t, r, col(*t, "dx")), where);
                a.subtype = get(*t, r, col(*t, "subtype"));
                a.factor = parse_number(get(*t, r, col(*t, "factor"))).value_or(kUnknownValue);
                if (!a.group.empty() && !by_code.count(a.group))
                    error("unknown_group", where, "group '" + a.group + "' is not in groups.csv");
                cat_->aux.push_back(std::move(a));
            }
        }
        auto read_map = [&](const char* name, std::vector<std::pair<std::string, std::string>>& out) {
            if (auto t = table(name, false))
                for (std::size_t r = 0; r < t->rows(); ++r)
                    out.emplace_back(trim(t->at(r, t->column("input_code"))),
                                     trim(t->at(r, t->column("grouper_code"))));
        };
        read_map("dx_map", cat_->dx_translation);
        read_map("px_map", cat_->px_translation);
    }

    void check_duplicates() {
        std::set<std::string> seen;
        for (const auto& g : cat_->groups)
            if (!seen.insert(g.code).second)
                error("duplicate_key", g.code, "group code " + g.code + " is used twice");
        std::set<std::string> ex;
        for (const auto& c : cat_->excluded_dx)
            if (!ex.insert(c).second)
                warning("duplicate_key", "excluded_dx", "excluded diagnosis " + c + " listed twice");
    }

    const CatalogSource& src_;
    std::shared_ptr<DipCatalog> cat_;
    Diagnostics diags_;
};

std::vector<TieBreak> parse_tie_breaks(const pt::ptree& list) {
    std::vector<TieBreak> out;
    for (const auto& [k, v] : list) {
        TieBreak t;
        auto text = v.get_value<std::string>();
        if (!parse_tie_break(text, t)) throw std::runtime_error("policy: unknown tie_break '" + text + "'");
        out.push_back(t);
    }
    return out;
}

}  // namespace

CodeTranslation read_code_translation(const std::string& dir) {
    CodeTranslation out;
    bool any = false;
    for (auto [name, target] : {std::pair{"dx_map.csv", &out.dx}, std::pair{"px_map.csv", &out.px}}) {
        fs::path path = fs::path(dir) / name;
        if (!fs::exists(path)) continue;
        any = true;
        auto t = CsvTable::read(path.string());
        auto ci = t.column("input_code"), cg = t.column("grouper_code");
        for (std::size_t r = 0; r < t.rows(); ++r) target->emplace_back(trim(t.at(r, ci)), trim(t.at(r, cg)));
    }
    if (!any) throw std::runtime_error("no dx_map.csv or px_map.csv in " + dir);
    return out;
}

bool is_dip_national_layout(const std::string& dir) {
    return fs::exists(fs::path(dir) / "base_groups.csv") && fs::exists(fs::path(dir) / "pre_groups.csv");
}

DipImportResult import_dip(const CatalogSource& src) {
    return DipImporter(src).run();
}

DipPolicy parse_dip_policy(const pt::ptree& tree) {
    static const std::set<std::string> known = {"name",
                                                "procedures_anywhere",
                                                "short_code_prefix",
                                                "conservative_fallback",
                                                "skip_adjunct_principal",
                                                "comprehensive_max_attribute",
                                                "interventional_as_surgery",
                                                "tie_breaks",
                                                "type_priority",
                                                "description"};
    for (const auto& [k, v] : tree)
        if (!known.count(k)) throw std::runtime_error("policy: unknown field '" + k + "'");
    DipPolicy p;
    try {
        p.name = tree.get<std::string>("name", p.name);
        p.procedures_anywhere = tree.get<bool>("procedures_anywhere", p.procedures_anywhere);
        p.short_code_prefix = tree.get<bool>("short_code_prefix", p.short_code_prefix);
        p.conservative_fallback = tree.get<bool>("conservative_fallback", p.conservative_fallback);
        p.skip_adjunct_principal = tree.get<bool>("skip_adjunct_principal", p.skip_adjunct_principal);
        p.comprehensive_max_attribute
            = tree.get<bool>("comprehensive_max_attribute", p.comprehensive_max_attribute);
        p.interventional_as_surgery
            = tree.get<bool>("interventional_as_surgery", p.interventional_as_surgery);
    } catch (const pt::ptree_bad_data& e) {
        throw std::runtime_error(std::string("policy: ") + e.what());
    }
    if (auto t = tree.get_child_optional("tie_breaks")) p.tie_breaks = parse_tie_breaks(*t);
    if (auto t = tree.get_child_optional("type_priority")) {
        p.type_priority.clear();
        for (const auto& [k, v] : *t) p.type_priority.push_back(v.get_value<std::string>());
    }
    return p;
}

DipPolicy parse_dip_policy_json(const std::string& json_text) {
    return parse_dip_policy(parse_json_text(json_text, "policy"));
}

}  // namespace dipdrg::catalog
