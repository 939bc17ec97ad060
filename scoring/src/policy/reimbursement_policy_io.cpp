#include "dipdrg/catalog/reimbursement_policy_io.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "dipdrg/catalog/csv.hpp"
#include "dipdrg/catalog/json_text.hpp"
#include "policy_identity.hpp"

namespace pt = boost::property_tree;
namespace fs = std::filesystem;

namespace dipdrg::catalog {
namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::runtime_error("reimbursement policy " + where + ": " + what);
}

pt::ptree read_json_file(const std::string& path) {
    try {
        return catalog::read_json_file(path);
    } catch (const std::runtime_error& e) {
        fail(path, e.what());
    }
}

void check_known(const pt::ptree& tree, const std::set<std::string>& known, const std::string& where) {
    for (const auto& [k, v] : tree)
        if (!known.count(k)) fail(where, "unknown field '" + k + "'");
}

Fen money(const std::string& text, const std::string& where) {
    auto v = parse_yuan(text);
    if (!v || *v < 0) fail(where, "'" + text + "' is not an amount in yuan");
    return *v;
}

Bp ratio(const std::string& text, const std::string& where) {
    auto v = parse_ratio(text);
    if (!v) fail(where, "'" + text + "' is not a ratio (e.g. 0.85)");
    return *v;
}

Fen money_at(const pt::ptree& t, const std::string& key, const std::string& where) {
    return money(t.get<std::string>(key), where + "." + key);
}

Bp ratio_at(const pt::ptree& t, const std::string& key, const std::string& where) {
    return ratio(t.get<std::string>(key), where + "." + key);
}

Insurance insurance(const std::string& text, const std::string& where) {
    if (text == "employee" || text == "职工" || text == "310" || text == "1") return Insurance::Employee;
    if (text == "resident" || text == "居民" || text == "390" || text == "2") return Insurance::Resident;
    fail(where, "insurance '" + text + "' is not employee or resident");
}

PersonStatus person_status(const std::string& text, const std::string& where) {
    if (text == "working" || text == "在职") return PersonStatus::Working;
    if (text == "retired" || text == "退休") return PersonStatus::Retired;
    fail(where, "status '" + text + "' is not working or retired");
}

std::set<SettlementMode> modes(const pt::ptree& list, const std::string& where) {
    std::set<SettlementMode> out;
    for (const auto& [k, v] : list) {
        auto m = parse_settlement_mode(v.data());
        if (!m) fail(where, "settlement mode '" + v.data() + "' is unknown");
        out.insert(*m);
    }
    return out;
}

template <class Row>
void read_person_keys(const pt::ptree& t, Row& row, const std::string& where) {
    row.level = t.get<int>("level", 0);
    if (row.level < 0 || row.level > 3) fail(where, "level must be 0 (any) or 1–3");
    if (auto i = t.get_optional<std::string>("insurance")) row.insurance = insurance(*i, where);
    if (auto s = t.get_optional<std::string>("status")) row.status = person_status(*s, where);
}

std::vector<RatioRow> ratio_rows(const pt::ptree& list, const std::string& where) {
    std::vector<RatioRow> rows;
    int n = 0;
    for (const auto& [k, t] : list) {
        const std::string w = where + "[" + std::to_string(n++) + "]";
        check_known(t, {"level", "insurance", "status", "ratio", "bands"}, w);
        RatioRow row;
        read_person_keys(t, row, w);
        if (auto r = t.get_optional<std::string>("ratio")) row.bands.push_back({0, ratio(*r, w + ".ratio")});
        if (auto bands = t.get_child_optional("bands"))
            for (const auto& [bk, b] : *bands) {
                std::vector<std::string> pair;
                for (const auto& [ek, e] : b) pair.push_back(e.data());
                if (pair.size() != 2) fail(w, "a band is [from_yuan, ratio]");
                row.bands.push_back({money(pair[0], w + ".bands"), ratio(pair[1], w + ".bands")});
            }
        if (row.bands.empty() || row.bands.front().from != 0) fail(w, "needs a ratio or bands starting at 0");
        for (std::size_t i = 1; i < row.bands.size(); ++i)
            if (row.bands[i].from <= row.bands[i - 1].from) fail(w, "band limits must ascend");
        rows.push_back(std::move(row));
    }
    return rows;
}

std::map<Insurance, Bp> by_insurance(const pt::ptree& t, const std::string& where) {
    std::map<Insurance, Bp> out;
    for (const auto& [k, v] : t) out[insurance(k, where)] = ratio(v.data(), where + "." + k);
    return out;
}

// A section is an object or the relative path of a preset file holding one.
pt::ptree section(const pt::ptree& value, const std::string& base_dir, std::string& where, std::string& dir) {
    dir = base_dir;
    if (value.empty() && !value.data().empty()) {
        const fs::path p = fs::path(base_dir) / value.data();
        where = p.string();
        dir = p.parent_path().string();
        return read_json_file(p.string());
    }
    return value;
}

std::string resolve(const std::string& dir, const std::string& file) {
    return (fs::path(dir) / file).string();
}

KeySpecialtyRules key_specialty(const pt::ptree& t, const std::string& dir, const std::string& w) {
    check_known(t,
                {"description", "table", "diagnoses", "tier_points", "full_modes", "halving_modes", "cap",
                 "uplift_mode", "require_dx_match"},
                w);
    KeySpecialtyRules r;
    for (const auto& [tier, v] : t.get_child("tier_points"))
        r.tier_points[tier] = ratio(v.data(), w + ".tier_points") / 100;
    if (auto m = t.get_child_optional("full_modes")) r.full_modes = modes(*m, w);
    if (auto h = t.get_child_optional("halving_modes")) {
        check_known(*h, {"western", "tcm"}, w + ".halving_modes");
        if (auto m = h->get_child_optional("western")) r.halving_modes_western = modes(*m, w);
        if (auto m = h->get_child_optional("tcm")) r.halving_modes_tcm = modes(*m, w);
    }
    if (auto c = t.get_optional<std::string>("cap")) r.cap = ratio(*c, w + ".cap");
    const std::string mode = t.get<std::string>("uplift_mode", "additive_points");
    if (mode != "additive_points" && mode != "relative")
        fail(w, "uplift_mode is additive_points or relative");
    r.relative = mode == "relative";
    r.require_dx_match = t.get<bool>("require_dx_match", true);
    const CsvTable table = CsvTable::read(resolve(dir, t.get<std::string>("table")));
    const auto hc = table.column("hospital"), dc = table.column("department"), tc = table.column("tier"),
               kc = table.column("kind");
    for (std::size_t i = 0; i < table.rows(); ++i) {
        KeySpecialty s{table.at(i, hc), table.at(i, dc), table.at(i, tc), KeySpecialty::Kind::Western};
        const std::string& kind = table.at(i, kc);
        if (kind == "tcm")
            s.kind = KeySpecialty::Kind::Tcm;
        else if (kind != "western")
            fail(table.where(i), "kind '" + kind + "' is not western or tcm");
        if (!r.tier_points.count(s.tier))
            fail(table.where(i), "tier '" + s.tier + "' has no points in tier_points");
        r.specialties.push_back(std::move(s));
    }
    if (auto dx = t.get_optional<std::string>("diagnoses")) {
        const CsvTable map = CsvTable::read(resolve(dir, *dx));
        const auto dep = map.column("department"), pre = map.column("dx_prefix");
        for (std::size_t i = 0; i < map.rows(); ++i) r.dx_prefixes[map.at(i, dep)].push_back(map.at(i, pre));
    }
    return r;
}

TcmHospitalLevelRules tcm_hospital_level(const pt::ptree& t, const std::string& w) {
    check_known(t,
                {"description", "deductible_next_lower_level", "employee_ratio_next_lower_level",
                 "resident_tcm_hospital_bonus", "grassroots_tcm_floor", "new_institution_ffs_months"},
                w);
    TcmHospitalLevelRules r;
    r.deductible_next_lower_level = t.get<bool>("deductible_next_lower_level", false);
    r.employee_ratio_next_lower_level = t.get<bool>("employee_ratio_next_lower_level", false);
    if (auto v = t.get_optional<std::string>("resident_tcm_hospital_bonus"))
        r.resident_tcm_hospital_bonus = ratio(*v, w);
    if (auto v = t.get_optional<std::string>("grassroots_tcm_floor")) r.grassroots_tcm_floor = ratio(*v, w);
    r.new_institution_ffs_months = t.get<int>("new_institution_ffs_months", 0);
    return r;
}

TcmTherapyRules tcm_therapy(const pt::ptree& t, const std::string& w) {
    check_known(t,
                {"description", "tcm_items_bonus", "tcm_items_cap", "tcm_institution_deductible_cut",
                 "pure_tcm_deductible_cut", "stack_deductible_cuts", "pure_tcm_ratios"},
                w);
    TcmTherapyRules r;
    if (auto v = t.get_optional<std::string>("tcm_items_bonus")) r.tcm_items_bonus = ratio(*v, w);
    if (auto v = t.get_optional<std::string>("tcm_items_cap")) r.tcm_items_cap = ratio(*v, w);
    if (auto v = t.get_optional<std::string>("tcm_institution_deductible_cut"))
        r.tcm_institution_deductible_cut = money(*v, w);
    if (auto v = t.get_optional<std::string>("pure_tcm_deductible_cut"))
        r.pure_tcm_deductible_cut = money(*v, w);
    r.stack_deductible_cuts = t.get<bool>("stack_deductible_cuts", false);
    if (auto p = t.get_child_optional("pure_tcm_ratios")) {
        check_known(*p, {"resident", "working", "retired_by_level"}, w + ".pure_tcm_ratios");
        r.pure_tcm_enabled = true;
        r.pure_tcm_resident = ratio_at(*p, "resident", w);
        r.pure_tcm_working = ratio_at(*p, "working", w);
        for (const auto& [lv, v] : p->get_child("retired_by_level"))
            r.pure_tcm_retired_by_level[std::stoi(lv)] = ratio(v.data(), w);
    }
    return r;
}

ReferralRules referral(const pt::ptree& t, const std::string& w) {
    check_known(t,
                {"description", "deductible", "downward_bonus", "cross_county_adjustment",
                 "out_of_city_unauthorised_adjustment", "resident_min_level_gap"},
                w);
    ReferralRules r;
    const std::string d = t.get<std::string>("deductible", "charge_max_topup");
    if (d == "waive_second")
        r.deductible = ReferralRules::Deductible::WaiveSecond;
    else if (d != "charge_max_topup")
        fail(w, "deductible is waive_second or charge_max_topup");
    if (auto v = t.get_optional<std::string>("downward_bonus")) r.downward_bonus = ratio(*v, w);
    if (auto v = t.get_optional<std::string>("cross_county_adjustment"))
        r.cross_county_adjustment = ratio(*v, w);
    if (r.cross_county_adjustment > 1000 || r.cross_county_adjustment < -1000)
        fail(w, "R3: a cross-county adjustment is at most 10 points");
    if (auto v = t.get_optional<std::string>("out_of_city_unauthorised_adjustment"))
        r.out_of_city_unauthorised_adjustment = ratio(*v, w);
    if (auto v = t.get_optional<std::string>("resident_min_level_gap"))
        r.resident_min_level_gap = ratio(*v, w);
    return r;
}

DayWardRules day_ward(const pt::ptree& t, const std::string& dir, const std::string& w) {
    check_known(t,
                {"name", "description", "source", "diseases", "max_course_days", "max_gap_days", "fee_factor",
                 "deductible_mode", "deductible_fraction", "course_cap", "ratio_override",
                 "acupuncture_dominance", "no_western_drug", "on_violation"},
                w);
    DayWardRules r;
    if (auto file = t.get_optional<std::string>("diseases")) {
        const CsvTable table = CsvTable::read(resolve(dir, *file));
        const auto cc = table.column("category"), nc = table.column("names"),
                   pc = table.column("dx_prefixes");
        auto split = [](const std::string& s) {
            std::vector<std::string> out;
            std::string cur;
            for (char ch : s + "|")
                if (ch == '|') {
                    if (!cur.empty()) out.push_back(cur);
                    cur.clear();
                } else {
                    cur += ch;
                }
            return out;
        };
        for (std::size_t i = 0; i < table.rows(); ++i)
            r.diseases.push_back({table.at(i, cc), split(table.at(i, nc)), split(table.at(i, pc))});
    }
    r.max_course_days = t.get<int>("max_course_days", 0);
    r.max_gap_days = t.get<int>("max_gap_days", 0);
    if (auto v = t.get_optional<std::string>("fee_factor")) r.fee_factor = ratio(*v, w + ".fee_factor");
    const std::string mode = t.get<std::string>("deductible_mode", "inpatient_ladder");
    if (mode == "fraction_of_inpatient")
        r.deductible_mode = DayWardRules::DeductibleMode::FractionOfInpatient;
    else if (mode == "none")
        r.deductible_mode = DayWardRules::DeductibleMode::None;
    else if (mode != "inpatient_ladder")
        fail(w, "deductible_mode is inpatient_ladder, fraction_of_inpatient or none");
    if (auto v = t.get_optional<std::string>("deductible_fraction")) r.deductible_fraction = ratio(*v, w);
    if (auto v = t.get_optional<std::string>("course_cap")) r.course_cap = money(*v, w + ".course_cap");
    if (auto o = t.get_child_optional("ratio_override"))
        r.ratio_override = by_insurance(*o, w + ".ratio_override");
    r.acupuncture_dominance = t.get<bool>("acupuncture_dominance", false);
    r.no_western_drug = t.get<bool>("no_western_drug", false);
    const std::string v = t.get<std::string>("on_violation", "reject");
    if (v == "settle_as_inpatient")
        r.on_violation = DayWardRules::OnViolation::SettleAsInpatient;
    else if (v != "reject")
        fail(w, "on_violation is reject or settle_as_inpatient");
    return r;
}

PerDiseaseRules per_disease(const pt::ptree& t, const std::string& dir, const std::string& w) {
    check_known(
        t,
        {"name", "description", "source", "diseases", "patient_basis", "deductible", "exclude_not_cured",
         "exclude_above_western", "exclude_readmission_days", "exclude_special_review", "fallback"},
        w);
    PerDiseaseRules r;
    const CsvTable table = CsvTable::read(resolve(dir, t.get<std::string>("diseases")));
    const auto pc = table.column("code_prefix"), nc = table.column("name"), sc = table.column("standard");
    const bool has_level = table.has_column("level"), has_western = table.has_column("western_standard");
    for (std::size_t i = 0; i < table.rows(); ++i) {
        PerDiseaseStandard d{table.at(i, pc), table.at(i, nc), 0, money(table.at(i, sc), table.where(i)),
                             std::nullopt};
        if (has_level && !table.at(i, table.column("level")).empty())
            d.level = std::stoi(table.at(i, table.column("level")));
        if (has_western && !table.at(i, table.column("western_standard")).empty())
            d.western_standard = money(table.at(i, table.column("western_standard")), table.where(i));
        r.diseases.push_back(std::move(d));
    }
    const std::string basis = t.get<std::string>("patient_basis", "standard");
    if (basis == "actual")
        r.patient_basis = PerDiseaseRules::PatientBasis::Actual;
    else if (basis != "standard")
        fail(w, "patient_basis is standard or actual");
    r.deductible = t.get<bool>("deductible", true);
    r.exclude_not_cured = t.get<bool>("exclude_not_cured", false);
    r.exclude_above_western = t.get<bool>("exclude_above_western", false);
    r.exclude_readmission_days = t.get<int>("exclude_readmission_days", 0);
    r.exclude_special_review = t.get<bool>("exclude_special_review", false);
    auto fb = parse_settlement_mode(t.get<std::string>("fallback", "drg"));
    if (!fb
        || (*fb != SettlementMode::Drg && *fb != SettlementMode::Dip && *fb != SettlementMode::FeeForService))
        fail(w, "fallback is drg, dip or fee_for_service");
    r.fallback = *fb;
    return r;
}

TcmDipScoreRules tcm_dip_score(const pt::ptree& t, const std::string& w) {
    check_known(t,
                {"name", "description", "source", "western_score", "min_fraction_of_western",
                 "characteristic_min_cost", "characteristic_points", "score_scale"},
                w);
    TcmDipScoreRules r;
    r.western_score = t.get<bool>("western_score", false);
    if (auto v = t.get_optional<double>("min_fraction_of_western")) r.min_fraction_of_western = *v;
    if (auto v = t.get_optional<std::string>("characteristic_min_cost"))
        r.characteristic_min_cost = money(*v, w);
    if (auto p = t.get_child_optional("characteristic_points"))
        for (const auto& [code, v] : *p) r.characteristic_points[code] = v.get_value<double>();
    r.score_scale = t.get<double>("score_scale", 100);
    return r;
}

BedDayRules bed_day(const pt::ptree& t, const std::string& w) {
    check_known(t, {"name", "description", "source", "schemes", "link_gap_days", "reset_by_year"}, w);
    BedDayRules r;
    r.link_gap_days = t.get<int>("link_gap_days", 0);
    r.reset_by_year = t.get<bool>("reset_by_year", true);
    int n = 0;
    for (const auto& [k, s] : t.get_child("schemes")) {
        const std::string sw = w + ".schemes[" + std::to_string(n++) + "]";
        check_known(s,
                    {"scope", "model", "stages", "rates", "fund_ratio", "collar", "class_a_ratio",
                     "class_b_ratio", "excess_borne_by", "deductible", "self_pay_limit", "description"},
                    sw);
        BedDayScheme b;
        b.scope = s.get<std::string>("scope");
        const std::string model = s.get<std::string>("model");
        if (model == "pay_standard")
            b.model = BedDayScheme::Model::PayStandard;
        else if (model == "min_actual")
            b.model = BedDayScheme::Model::MinActual;
        else if (model == "collar")
            b.model = BedDayScheme::Model::Collar;
        else
            fail(sw, "model is pay_standard, min_actual or collar");
        for (const auto& [sk, st] : s.get_child("stages")) {
            BedDayStage stage{st.get<std::string>("name"), st.get<int>("last_day", 0), std::nullopt};
            if (auto f = st.get_optional<std::string>("fund_share"))
                stage.fund_share = ratio(*f, sw + ".stages");
            b.stages.push_back(stage);
        }
        for (std::size_t i = 0; i + 1 < b.stages.size(); ++i)
            if (b.stages[i].last_day == 0
                || (b.stages[i + 1].last_day != 0 && b.stages[i].last_day >= b.stages[i + 1].last_day))
                fail(sw, "stages must ascend, only the last open-ended");
        for (const auto& [rk, rt] : s.get_child("rates")) {
            BedDayRate rate;
            rate.level = rt.get<int>("level", 0);
            rate.stage = rt.get<std::string>("stage", b.stages.front().name);
            if (auto i = rt.get_optional<std::string>("insurance")) rate.insurance = insurance(*i, sw);
            rate.rate = money_at(rt, "rate", sw);
            b.rates.push_back(rate);
        }
        if (auto fr = s.get_child_optional("fund_ratio")) b.fund_ratio = ratio_rows(*fr, sw + ".fund_ratio");
        if (auto c = s.get_optional<std::string>("collar")) b.collar = ratio(*c, sw + ".collar");
        if (auto a = s.get_child_optional("class_a_ratio")) b.class_a_ratio = by_insurance(*a, sw);
        if (auto a = s.get_child_optional("class_b_ratio")) b.class_b_ratio = by_insurance(*a, sw);
        const std::string ex = s.get<std::string>("excess_borne_by", "hospital");
        if (ex != "hospital" && ex != "patient") fail(sw, "excess_borne_by is hospital or patient");
        b.excess_borne_by_patient = ex == "patient";
        b.deductible = s.get<bool>("deductible", false);
        if (auto l = s.get_child_optional("self_pay_limit"))
            for (const auto& [lv, v] : *l) b.self_pay_limit[std::stoi(lv)] = ratio(v.data(), sw);
        r.schemes.push_back(std::move(b));
    }
    return r;
}

FundLayer layer(const pt::ptree& t, const std::string& w) {
    check_known(t, {"name", "kind", "deductible", "ratio", "cap", "insurance", "special"}, w);
    FundLayer l;
    l.name = t.get<std::string>("name");
    const std::string kind = t.get<std::string>("kind");
    if (kind == "residual")
        l.kind = FundLayer::Kind::Residual;
    else if (kind != "overflow")
        fail(w, "kind is overflow or residual");
    if (auto v = t.get_optional<std::string>("deductible")) l.deductible = money(*v, w);
    l.ratio = ratio_at(t, "ratio", w);
    if (auto v = t.get_optional<std::string>("cap")) l.cap = money(*v, w);
    if (auto v = t.get_optional<std::string>("insurance")) l.insurance = insurance(*v, w);
    if (auto s = t.get_child_optional("special")) {
        check_known(*s, {"deductible", "ratio_bonus", "no_cap"}, w + ".special");
        if (auto v = s->get_optional<std::string>("deductible")) l.special_deductible = money(*v, w);
        if (auto v = s->get_optional<std::string>("ratio_bonus")) l.special_ratio_bonus = ratio(*v, w);
        l.special_no_cap = s->get<bool>("no_cap", false);
    }
    return l;
}

// R4: residents' basic-level ratio is at least `gap` above every other level's.
void check_resident_gap(const ReimbursementPolicy& p, const std::string& where) {
    if (!p.referral || p.referral->resident_min_level_gap <= 0) return;
    const RatioRow* basic = nullptr;
    for (const auto& r : p.ratios)
        if (r.level == 1 && r.insurance == Insurance::Resident) basic = &r;
    if (!basic) return;
    for (const auto& r : p.ratios)
        if (r.level > 1 && r.insurance == Insurance::Resident
            && basic->bands.front().ratio - r.bands.front().ratio < p.referral->resident_min_level_gap)
            fail(where, "R4: residents' level-1 ratio must be at least "
                            + format_ratio(p.referral->resident_min_level_gap) + " above level "
                            + std::to_string(r.level) + "'s");
}

ReimbursementPolicy build(const pt::ptree& tree, const std::string& base_dir, const std::string& where) {
    check_known(tree,
                {"name",
                 "description",
                 "region",
                 "effective_from",
                 "effective_to",
                 "source",
                 "extends",
                 "deductibles",
                 "ratios",
                 "bands_on",
                 "deductible_allocation",
                 "annual_cap",
                 "layers",
                 "key_specialty",
                 "tcm_hospital_level",
                 "tcm_therapy",
                 "referral",
                 "day_ward",
                 "per_disease",
                 "tcm_dip_score",
                 "bed_day"},
                where);
    ReimbursementPolicy p;
    try {
        detail::read_policy_identity(tree, p);
        p.description = tree.get<std::string>("description", "");
        if (auto list = tree.get_child_optional("deductibles")) {
            int n = 0;
            for (const auto& [k, t] : *list) {
                const std::string w = where + ".deductibles[" + std::to_string(n++) + "]";
                check_known(t, {"level", "insurance", "status", "by_nth"}, w);
                DeductibleRow row;
                read_person_keys(t, row, w);
                for (const auto& [ek, e] : t.get_child("by_nth")) row.by_nth.push_back(money(e.data(), w));
                if (row.by_nth.empty()) fail(w, "by_nth is empty");
                p.deductibles.push_back(std::move(row));
            }
        }
        if (auto list = tree.get_child_optional("ratios")) p.ratios = ratio_rows(*list, where + ".ratios");
        const std::string bands_on = tree.get<std::string>("bands_on", "stay");
        if (bands_on != "stay" && bands_on != "year") fail(where, "bands_on is stay or year");
        p.bands_on_year = bands_on == "year";
        const std::string alloc = tree.get<std::string>("deductible_allocation", "pro_rata");
        if (alloc != "pro_rata" && alloc != "chronological")
            fail(where, "deductible_allocation is pro_rata or chronological");
        p.deductible_chronological = alloc == "chronological";
        if (auto caps = tree.get_child_optional("annual_cap"))
            for (const auto& [k, v] : *caps)
                p.annual_cap[insurance(k, where)] = money(v.data(), where + ".annual_cap");
        if (auto list = tree.get_child_optional("layers")) {
            int n = 0;
            for (const auto& [k, t] : *list)
                p.layers.push_back(layer(t, where + ".layers[" + std::to_string(n++) + "]"));
        }
        // Each optional section: inline, or a preset file named by a path relative to this one.
        auto load = [&](const char* name, auto parse) {
            using Section = decltype(parse(pt::ptree{}, std::string{}, std::string{}));
            std::optional<Section> out;
            if (auto value = tree.get_child_optional(name)) {
                std::string w = where + "." + name, dir;
                const pt::ptree t = section(*value, base_dir, w, dir);
                out = parse(t, dir, w);
            }
            return out;
        };
        p.key_specialty = load("key_specialty", [](const auto& t, const auto& d, const auto& w) {
            return key_specialty(t, d, w);
        });
        p.tcm_hospital_level = load("tcm_hospital_level", [](const auto& t, const auto&, const auto& w) {
            return tcm_hospital_level(t, w);
        });
        p.tcm_therapy = load("tcm_therapy",
                             [](const auto& t, const auto&, const auto& w) { return tcm_therapy(t, w); });
        p.referral
            = load("referral", [](const auto& t, const auto&, const auto& w) { return referral(t, w); });
        p.day_ward
            = load("day_ward", [](const auto& t, const auto& d, const auto& w) { return day_ward(t, d, w); });
        p.per_disease = load(
            "per_disease", [](const auto& t, const auto& d, const auto& w) { return per_disease(t, d, w); });
        p.tcm_dip_score = load("tcm_dip_score",
                               [](const auto& t, const auto&, const auto& w) { return tcm_dip_score(t, w); });
        p.bed_day = load("bed_day", [](const auto& t, const auto&, const auto& w) { return bed_day(t, w); });
    } catch (const pt::ptree_error& e) {
        fail(where, e.what());
    }
    check_resident_gap(p, where);
    return p;
}

// Follows "extends" (relative to the file) and lays the child's top-level fields over the base's.
pt::ptree resolved_tree(const std::string& path, int depth, std::string& base_dir_out) {
    if (depth > 8) fail(path, "'extends' nests too deeply");
    pt::ptree tree = read_json_file(path);
    base_dir_out = fs::path(path).parent_path().string();
    auto ext = tree.get_optional<std::string>("extends");
    if (!ext) return tree;
    std::string base_dir;
    pt::ptree base = resolved_tree((fs::path(base_dir_out) / *ext).string(), depth + 1, base_dir);
    if (base_dir != base_dir_out) fail(path, "'extends' must name a policy in the same directory");
    for (const auto& [k, v] : tree)
        if (k != "extends") base.put_child(k, v);
    return base;
}

}  // namespace

ReimbursementPolicy parse_reimbursement_policy_json(const std::string& json_text,
                                                    const std::string& base_dir) {
    pt::ptree tree;
    try {
        tree = catalog::parse_json_text(json_text, "(text)");
    } catch (const std::runtime_error& e) {
        fail("(text)", e.what());
    }
    if (tree.get_optional<std::string>("extends")) fail("(text)", "'extends' needs a policy file");
    return build(tree, base_dir, "(text)");
}

ReimbursementPolicy load_reimbursement_policy(const std::string& path,
                                              const std::map<std::string, std::string>& sections) {
    std::string base_dir;
    pt::ptree tree = resolved_tree(path, 0, base_dir);
    for (const auto& [name, preset] : sections) {
        if (name != "day_ward" && name != "per_disease" && name != "tcm_dip_score" && name != "bed_day"
            && name != "key_specialty" && name != "tcm_hospital_level" && name != "tcm_therapy"
            && name != "referral")
            fail(path, "'" + name + "' is not a section that can be replaced");
        pt::ptree ref;
        ref.put_value(fs::absolute(preset).string());
        tree.put_child(name, ref);
    }
    return build(tree, base_dir, path);
}

}  // namespace dipdrg::catalog
