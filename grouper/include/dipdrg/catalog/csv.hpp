#pragma once
// A small RFC 4180 CSV reader for UTF-8 catalog tables: quoted fields, embedded commas,
// doubled quotes, CRLF. Rows are addressed by header name.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dipdrg::catalog {

// Splits one CSV record. Returns false when a quoted field is not closed (the fields then
// hold those before it).
bool split_csv_line(std::string_view line, std::vector<std::string>& fields);

class CsvTable {
public:
    // Reads a whole file; throws std::runtime_error naming the file on I/O or shape errors.
    static CsvTable read(const std::string& path);

    const std::string& path() const { return path_; }
    std::size_t rows() const { return rows_.size(); }
    bool has_column(std::string_view name) const;
    // Index of a required column; throws naming the table and column when absent.
    std::size_t column(std::string_view name) const;
    const std::string& at(std::size_t row, std::size_t col) const { return rows_[row][col]; }
    // 1-based line number of a data row in the source file (for messages).
    std::size_t line_of(std::size_t row) const { return lines_[row]; }
    // Where a row came from, "file:line", for diagnostics.
    std::string where(std::size_t row) const;

    // Regional layering: append another table's rows (same columns, any order), or drop
    // the rows whose values equal a row of `keys` on every column `keys` has.
    void append_rows(const CsvTable& other);
    void remove_rows(const CsvTable& keys);

private:
    std::string path_;
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<std::size_t> lines_;
    std::vector<std::string> sources_;  // per row: the file it came from
};

}  // namespace dipdrg::catalog
