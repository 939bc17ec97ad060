#include "dipdrg/catalog/csv.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include "dipdrg/catalog/json_text.hpp"
#include "dipdrg/utf8.hpp"

namespace dipdrg::catalog {

namespace {

// An RFC 4180 record reader that keeps its state across lines, so a quoted field spanning
// many lines (or never closed) costs time linear in the file.
class RecordReader {
public:
    // Feeds one line (without its '\n'); true when a record is complete.
    bool feed(std::string_view line) {
        if (continued_) cur_.push_back('\n');
        continued_ = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted_) {
                if (c != '"') {
                    cur_.push_back(c);
                } else if (i + 1 < line.size() && line[i + 1] == '"') {
                    cur_.push_back('"');
                    ++i;
                } else {
                    quoted_ = false;
                }
            } else if (c == '"') {
                quoted_ = true;
            } else if (c == ',') {
                fields_.push_back(std::move(cur_));
                cur_.clear();
            } else if (c != '\r' || i + 1 != line.size()) {
                cur_.push_back(c);
            }
        }
        if (quoted_) {
            continued_ = true;
            return false;
        }
        fields_.push_back(std::move(cur_));
        cur_.clear();
        return true;
    }
    std::vector<std::string> take() {
        std::vector<std::string> out;
        out.swap(fields_);
        return out;
    }
    bool open() const { return quoted_; }

private:
    std::vector<std::string> fields_;
    std::string cur_;
    bool quoted_ = false, continued_ = false;
};

}  // namespace

bool split_csv_line(std::string_view line, std::vector<std::string>& fields) {
    RecordReader reader;  // the one quoting implementation, on one line
    const bool complete = reader.feed(line);
    fields = reader.take();
    return complete;
}

CsvTable CsvTable::read(const std::string& path) {
    require_regular_file(path, "table");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open table " + path);
    CsvTable t;
    t.path_ = path;
    std::string line;
    std::size_t line_no = 0, record_start = 0;
    RecordReader reader;
    bool have_header = false, in_record = false;
    while (std::getline(in, line)) {
        ++line_no;
        // Strip a UTF-8 byte-order mark from the first line.
        if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (!valid_utf8(line))
            throw std::runtime_error(path + ":" + std::to_string(line_no)
                                     + ": not UTF-8 text (a GBK or UTF-16 file?); save the table as UTF-8");
        if (!in_record) record_start = line_no;
        in_record = true;
        if (!reader.feed(line)) continue;  // quoted newline: read on
        in_record = false;
        auto fields = reader.take();
        if (!have_header) {
            t.header_ = fields;
            have_header = true;
            continue;
        }
        if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
        if (fields.size() != t.header_.size()) {
            std::ostringstream msg;
            msg << path << ":" << record_start << ": expected " << t.header_.size() << " fields, found "
                << fields.size();
            throw std::runtime_error(msg.str());
        }
        t.rows_.push_back(std::move(fields));
        t.lines_.push_back(record_start);
        t.sources_.push_back(path);
    }
    if (reader.open())
        throw std::runtime_error(path + ":" + std::to_string(record_start) + ": unterminated quoted field");
    if (!have_header) throw std::runtime_error("empty table " + path);
    return t;
}

std::string CsvTable::where(std::size_t row) const {
    return sources_[row] + ":" + std::to_string(lines_[row]);
}

void CsvTable::append_rows(const CsvTable& other) {
    std::vector<std::size_t> map;
    for (const auto& h : header_) map.push_back(other.column(h));
    for (std::size_t r = 0; r < other.rows(); ++r) {
        std::vector<std::string> row;
        for (auto c : map) row.push_back(other.rows_[r][c]);
        rows_.push_back(std::move(row));
        lines_.push_back(other.lines_[r]);
        sources_.push_back(other.sources_[r]);
    }
}

void CsvTable::remove_rows(const CsvTable& keys) {
    std::vector<std::size_t> mine;
    for (const auto& h : keys.header_) mine.push_back(column(h));
    auto key_of = [](const std::vector<std::string>& row, const std::vector<std::size_t>& cols) {
        std::string k;
        for (auto c : cols) (k += row[c]) += '\x1f';
        return k;
    };
    std::vector<std::size_t> identity(keys.header_.size());
    for (std::size_t c = 0; c < identity.size(); ++c) identity[c] = c;
    std::unordered_set<std::string> drop;
    for (const auto& row : keys.rows_) drop.insert(key_of(row, identity));
    std::size_t out = 0;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        if (drop.count(key_of(rows_[r], mine))) continue;
        if (out != r) {  // never self-move: it would empty the row
            rows_[out] = std::move(rows_[r]);
            lines_[out] = lines_[r];
            sources_[out] = sources_[r];
        }
        ++out;
    }
    rows_.resize(out);
    lines_.resize(out);
    sources_.resize(out);
}

bool CsvTable::has_column(std::string_view name) const {
    for (const auto& h : header_)
        if (h == name) return true;
    return false;
}

std::size_t CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name) return i;
    throw std::runtime_error("table " + path_ + " has no column '" + std::string(name) + "'");
}

}  // namespace dipdrg::catalog
